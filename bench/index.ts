/**
 * `npm run bench` — how fast is the forward-pass core?
 *
 * 1. `Matrix.dot` (flat Float64Array, i-k-j loops) against the textbook triple loop over
 *    `number[][]` (i-j-k order), for square sizes 64…512, in GFLOP/s (a product of two n×n
 *    matrices is 2n³ floating-point operations).
 * 2. `Dense.forward` for a batch of 1024 samples, 64 inputs → 64 neurons.
 * 3. The backward pass of softmax + categorical cross-entropy on 1000 samples × 10 classes:
 *    the two parts chained — with each sample's softmax Jacobian built as a k×k matrix, and with
 *    `Softmax.backward` (the same product without the matrix) — against
 *    `SoftmaxCategoricalCrossentropy.backward`, the combined `(ŷ − y) / n`.
 *
 * 4. Training, with the library's Adam: the spiral (2→64→3, full batch) and the digits
 *    (784→128→128→10, batch 128), through the plain calls and through `trainStep` — see
 *    bench/training.ts. The README's ratios against NumPy come from ../shared/bench/ratio.sh.
 *
 * 5. The fast kernels (`setBackend("wasm")`, one thread and two) against the reference ones:
 *    products in GFLOP/s and the training workloads — see bench/fast.ts. `BENCH_QUICK=1` shrinks
 *    that section to a smoke run.
 *
 * Both run in one process, one after the other, and print side by side.
 */
import { Bench } from "tinybench";
import {
  CategoricalCrossentropy,
  Dense,
  Matrix,
  Random,
  Softmax,
  SoftmaxCategoricalCrossentropy,
  randn,
} from "../src/index.js";
import { fastKernels } from "./fast.js";
import { printTable } from "./table.js";
import { digitsEpochs, spiral } from "./training.js";

/** The textbook product: for each output entry, walk a row of `a` and a column of `b`. */
function naiveDot(a: number[][], b: number[][]): number[][] {
  const n = a.length;
  const k = b.length;
  const m = b[0].length;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = new Array(m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i][p] * b[p][j];
      row[j] = s;
    }
    out.push(row);
  }
  return out;
}

let sink = 0; // keeps results alive so no work can be optimized away

interface Row {
  label: string;
  dotMs: number;
  naiveMs: number;
  flops: number;
}

async function timeOne(name: string, fn: () => void, flops: number): Promise<number> {
  // Big products take ~0.1–1 s each: few iterations there, more for the small ones.
  const iterations = flops > 1e8 ? 5 : flops > 1e7 ? 15 : 50;
  const bench = new Bench({ time: 300, iterations, warmupTime: 100, warmupIterations: Math.min(5, iterations) });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0].result;
  if (result.state !== "completed") throw new Error(`bench ${name}: ${result.state}`);
  return result.latency.mean; // milliseconds
}

const gflops = (flops: number, ms: number): string => (flops / (ms / 1000) / 1e9).toFixed(2);

async function main(): Promise<void> {
  const rng = new Random(0);
  const rows: Row[] = [];
  console.log(`Node ${process.version} — ${process.arch}`);
  console.log("Matrix.dot vs naive number[][] triple loop (i-j-k), square n×n · n×n\n");
  for (const n of [64, 128, 256, 512]) {
    const A = randn(n, n, rng);
    const B = randn(n, n, rng);
    const a = A.toArray();
    const b = B.toArray();
    // Sanity check: both agree before we time them.
    const check = naiveDot(a, b);
    const ours = A.dot(B);
    for (let i = 0; i < n; i += 17) {
      for (let j = 0; j < n; j += 13) {
        if (Math.abs(check[i][j] - ours.get(i, j)) > 1e-9 * n) throw new Error(`mismatch at ${n}: [${i}][${j}]`);
      }
    }
    const flops = 2 * n ** 3;
    const dotMs = await timeOne(`dot ${n}`, () => {
      sink += A.dot(B).data[0];
    }, flops);
    const naiveMs = await timeOne(`naive ${n}`, () => {
      sink += naiveDot(a, b)[0][0];
    }, flops);
    rows.push({ label: `${n}×${n}`, dotMs, naiveMs, flops });
    console.log(`  measured ${n}×${n}`);
  }

  const header = ["size", "Matrix.dot ms", "GFLOP/s", "naive ms", "GFLOP/s", "speed-up"];
  const table = rows.map((r) => [
    r.label,
    r.dotMs.toFixed(3),
    gflops(r.flops, r.dotMs),
    r.naiveMs.toFixed(3),
    gflops(r.flops, r.naiveMs),
    `${(r.naiveMs / r.dotMs).toFixed(1)}×`,
  ]);
  printTable(header, table);

  // Dense.forward: 1024 samples × 64 inputs → 64 neurons.
  const layer = new Dense(64, 64, { rng });
  const batch = randn(1024, 64, rng);
  const denseFlops = 2 * 1024 * 64 * 64 + 1024 * 64; // product + bias additions
  const denseMs = await timeOne("dense", () => {
    sink += layer.forward(batch).data[0];
  }, denseFlops);
  console.log("\nDense(64→64).forward on a 1024×64 batch\n");
  printTable(
    ["layer", "batch", "mean ms", "GFLOP/s", "samples/s"],
    [["Dense(64→64)", "1024×64", denseMs.toFixed(3), gflops(denseFlops, denseMs), Math.round(1024 / (denseMs / 1000)).toLocaleString("en-US")]],
  );

  // Softmax + cross-entropy backward: chained vs combined, 1000 samples × 10 classes.
  const logits = randn(1000, 10, rng);
  const labels = Array.from({ length: 1000 }, () => rng.integer(0, 10));
  const softmax = new Softmax();
  const cce = new CategoricalCrossentropy();
  const combined = new SoftmaxCategoricalCrossentropy();
  const probabilities = softmax.forward(logits);
  combined.forward(logits, labels);
  // Sanity check: both give the same gradient before we time them.
  const chainedGrad = softmax.backward(cce.backward(probabilities, labels));
  const combinedGrad = combined.backward(combined.output as Matrix, labels);
  if (!chainedGrad.equals(combinedGrad, 1e-12)) throw new Error("softmax + cross-entropy: chained and combined gradients differ");
  const chainedMs = await timeOne("chained", () => {
    sink += softmax.backward(cce.backward(probabilities, labels)).data[0];
  }, 0);
  // The same chain with each sample's k×k Jacobian built and multiplied, as the formula is written.
  const jacobianChained = (): Matrix => {
    const d = cce.backward(probabilities, labels);
    const out = new Matrix(d.rows, d.cols);
    for (let i = 0; i < d.rows; i++) {
      const row = Softmax.jacobian(probabilities.row(i)).dot(Matrix.fromColumnVector(d.row(i)));
      out.data.set(row.data, i * d.cols);
    }
    return out;
  };
  if (!jacobianChained().equals(combinedGrad, 1e-12)) throw new Error("softmax + cross-entropy: Jacobian chain differs");
  const jacobianMs = await timeOne("jacobian", () => {
    sink += jacobianChained().data[0];
  }, 0);
  const combinedMs = await timeOne("combined", () => {
    sink += combined.backward(probabilities, labels).data[0];
  }, 0);
  console.log("\nSoftmax + categorical cross-entropy backward, 1000 samples × 10 classes\n");
  printTable(
    ["backward", "mean ms", "vs Jacobian"],
    [
      ["chained, a k×k Jacobian per sample", jacobianMs.toFixed(4), "1.0×"],
      ["chained: CategoricalCrossentropy, Softmax.backward", chainedMs.toFixed(4), `${(jacobianMs / chainedMs).toFixed(1)}×`],
      ["combined: SoftmaxCategoricalCrossentropy", combinedMs.toFixed(4), `${(jacobianMs / combinedMs).toFixed(1)}×`],
    ],
  );
  console.log(`combined vs chained with Softmax.backward: ${(chainedMs / combinedMs).toFixed(1)}× faster`);

  console.log("\nTraining with Adam: spiral 2→64→3 (full batch of 300, 1001 epochs) and digits 784→128→128→10 (batch 128, 8000 digits)\n");
  const trainingRows: string[][] = [];
  const spiralTimes: Record<string, number> = {};
  for (const way of ["plain", "trainStep", "Model.fit"] as const) {
    const s = spiral(way);
    spiralTimes[way] = s.seconds;
    trainingRows.push([`spiral, ${way}`, `${s.seconds.toFixed(3)} s per 1001 epochs (${(s.seconds * 10001 / 1001).toFixed(2)} s per 10 001)`, s.loss.toFixed(6)]);
  }
  const digitTimes: Record<string, number> = {};
  for (const way of ["plain", "trainStep", "Model.fit"] as const) {
    const d = digitsEpochs(way);
    digitTimes[way] = d.secondsPerEpoch;
    trainingRows.push([`digits, ${way}`, `${d.secondsPerEpoch.toFixed(3)} s per epoch (median of 3)`, d.loss.toFixed(6)]);
  }
  // Model.fit against the loop it replaces (trainStep: the same allocation-free step): the overhead of the object.
  trainingRows.push(["Model.fit / trainStep", `spiral ${(spiralTimes["Model.fit"] / spiralTimes.trainStep).toFixed(2)}×, digits ${(digitTimes["Model.fit"] / digitTimes.trainStep).toFixed(2)}×`, ""]);
  printTable(["workload, calls", "time", "last loss"], trainingRows);
  if (Number.isNaN(sink)) console.log("(sink)");

  await fastKernels();
}

await main();
