/**
 * `npm run bench`, section "Fast kernels": the opt-in WebAssembly SIMD kernels (`setBackend("wasm")`,
 * on one thread and on two) against the reference JavaScript kernels (`"js"`, the default), all
 * measured in this run, one after the other, so only ratios between them mean anything.
 *
 * 1. `Matrix.dot`, C = A·B for square n×n randn matrices (seeded), n = 64…1024, in GFLOP/s
 *    (2n³ floating-point operations per product): median time over repeats of a few calls each,
 *    after one warm-up call. Before timing, each backend's C must equal the reference one within
 *    1e-12 of C's largest entry (it throws otherwise). Products below the size where the copies
 *    into WebAssembly pay off go to the reference kernels under any backend (`worthWasm`), so
 *    n = 64 measures the routing, not the SIMD kernel.
 * 2. The digits' shapes through `Dense(784→128)` on a batch of 128: forward (X·W) and backward
 *    (Xᵀ·dY and dY·Wᵀ, the two transposed forms), checked the same way.
 * 3. Training, from bench/training.ts: the spiral through `trainStep`, the digits through the plain
 *    calls (as ../shared/bench/mnist_project.mjs drives them) and through `Model.fit`, under each
 *    backend; seconds and the ratio to "js". The losses must agree with the reference ones within
 *    1e-6 relative (it throws otherwise).
 *
 * `BENCH_QUICK=1` shrinks sizes, repeats and epochs to a smoke run (under 20 s). The backend is
 * "js" again at the end. Run alone with `npx tsx bench/fast.ts`.
 */
import { pathToFileURL } from "node:url";
import { Dense, Matrix, Random, getBackendInfo, randn, setBackend, type BackendName } from "../src/index.js";
import { printTable } from "./table.js";
import { digitsEpochs, spiral } from "./training.js";

/** A backend as setBackend takes it, with the label printed for it. */
interface Kernels {
  label: string;
  name: BackendName;
  threads: number;
}

const KERNELS: Kernels[] = [
  { label: "js", name: "js", threads: 1 },
  { label: "wasm, 1 thread", name: "wasm", threads: 1 },
  { label: "wasm, 2 threads", name: "wasm", threads: 2 },
];

let sink = 0; // keeps results alive so no work can be optimized away

/** Switches to `k`, and fails loudly if the runtime fell back (the numbers would be mislabelled). */
async function use(k: Kernels): Promise<void> {
  await setBackend(k.name, { threads: k.threads });
  const info = getBackendInfo();
  if (info.backend !== k.name || info.threads !== k.threads) {
    throw new Error(`bench: asked for ${k.label}, got ${info.backend} on ${info.threads} thread(s)`);
  }
}

/**
 * Median milliseconds per call of `fn`: one warm-up call, then samples of `inner` calls each
 * (enough for ~2 ms, so the timer's resolution does not matter) until `minSamples` are taken and
 * `budgetMs` has passed. A median, not a mean: the machine is shared and a stray pause skews a mean.
 */
function medianMs(fn: () => void, minSamples: number, budgetMs: number): number {
  let t0 = performance.now();
  fn();
  const once = Math.max(performance.now() - t0, 1e-3);
  const inner = Math.max(1, Math.round(2 / once));
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minSamples || (performance.now() - start < budgetMs && samples.length < 200)) {
    t0 = performance.now();
    for (let r = 0; r < inner; r++) fn();
    samples.push((performance.now() - t0) / inner);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Throws unless `got` equals `want` within `1e-12 · max|want|` everywhere. */
function checkClose(what: string, got: Matrix, want: Matrix): void {
  let scale = 0;
  for (const x of want.data) scale = Math.max(scale, Math.abs(x));
  if (!got.equals(want, 1e-12 * scale)) {
    let worst = 0;
    for (let p = 0; p < want.data.length; p++) worst = Math.max(worst, Math.abs(got.data[p] - want.data[p]));
    throw new Error(`bench: ${what} differs from the js result by ${worst.toExponential(2)} (largest entry ${scale.toExponential(2)})`);
  }
}

const copy = (m: Matrix): Matrix => new Matrix(m.rows, m.cols, m.data.slice());
const gflops = (flops: number, ms: number): string => (flops / (ms / 1000) / 1e9).toFixed(2);
const ratio = (x: number): string => `${x.toFixed(2)}×`;

/** Relative difference of two losses. */
const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);

/** Prints the "Fast kernels" section; leaves the backend at "js". */
export async function fastKernels(): Promise<void> {
  const quick = process.env.BENCH_QUICK === "1";
  const sizes = quick ? [64, 256, 512] : [64, 128, 256, 512, 1024];
  const minSamples = quick ? 3 : 7;
  const budgetMs = quick ? 150 : 800;
  const spiralEpochs = quick ? 201 : 1001;
  const digitsRun = quick ? { epochs: 1, train: 2048 } : { epochs: 3, train: 8000 };

  console.log(`\n## Fast kernels${quick ? " (BENCH_QUICK=1: smaller sizes, fewer repeats and epochs)" : ""}\n`);
  console.log("Matrix.dot, C = A·B, square n×n · n×n (randn, seeded), median of repeats, GFLOP/s = 2n³ / s\n");
  try {
    const rng = new Random(0);
    const rows: string[][] = [];
    for (const n of sizes) {
      const A = randn(n, n, rng);
      const B = randn(n, n, rng);
      const flops = 2 * n ** 3;
      const ms: number[] = [];
      let want: Matrix | undefined;
      // All backends at one size back to back: a noisy spell hits them alike.
      for (const k of KERNELS) {
        await use(k);
        const C = A.dot(B);
        if (want) checkClose(`Matrix.dot n=${n}, ${k.label}`, C, want);
        else want = C;
        ms.push(medianMs(() => {
          sink += A.dot(B).data[0];
        }, minSamples, budgetMs));
      }
      rows.push([`${n}×${n}`, ...ms.map((t) => gflops(flops, t)), ratio(ms[0] / ms[1]), ratio(ms[0] / ms[2])]);
      console.log(`  measured ${n}×${n}`);
    }
    printTable(["n", "js GFLOP/s", "wasm 1 thread", "wasm 2 threads", "speed-up, 1 thread", "speed-up, 2 threads"], rows);
    console.log("(speed-up: js time / wasm time, i.e. the ratio of GFLOP/s wasm / js; n = 64 is below the size the fast kernels take, so it runs the js kernel)");

    // The digits' first layer: forward X·W, backward Xᵀ·dY and dY·Wᵀ.
    const layer = new Dense(784, 128, { rng });
    const x = randn(128, 784, rng);
    const dy = randn(128, 128, rng);
    const productFlops = 2 * 128 * 784 * 128;
    const denseRows: string[][] = [];
    let wantOut: Matrix | undefined;
    let wantDw: Matrix | undefined;
    let wantDx: Matrix | undefined;
    const fwd: number[] = [];
    const bwd: number[] = [];
    for (const k of KERNELS) {
      await use(k);
      const out = copy(layer.forward(x));
      const dx = copy(layer.backward(dy));
      const dw = copy(layer.dweights);
      if (wantOut && wantDw && wantDx) {
        checkClose(`Dense forward, ${k.label}`, out, wantOut);
        checkClose(`Dense backward dweights, ${k.label}`, dw, wantDw);
        checkClose(`Dense backward dinputs, ${k.label}`, dx, wantDx);
      } else {
        [wantOut, wantDw, wantDx] = [out, dw, dx];
      }
      fwd.push(medianMs(() => {
        sink += layer.forward(x).data[0];
      }, minSamples, budgetMs));
      bwd.push(medianMs(() => {
        sink += layer.backward(dy).data[0];
      }, minSamples, budgetMs));
    }
    denseRows.push(["forward: X·W (128×784 · 784×128)", ...fwd.map((t) => `${t.toFixed(3)} ms, ${gflops(productFlops, t)}`), ratio(fwd[0] / fwd[1]), ratio(fwd[0] / fwd[2])]);
    denseRows.push(["backward: Xᵀ·dY and dY·Wᵀ", ...bwd.map((t) => `${t.toFixed(3)} ms, ${gflops(2 * productFlops, t)}`), ratio(bwd[0] / bwd[1]), ratio(bwd[0] / bwd[2])]);
    console.log("\nDense(784→128) on a batch of 128 (the digits' first layer): ms and GFLOP/s of its products\n");
    printTable(["pass", "js", "wasm 1 thread", "wasm 2 threads", "speed-up, 1 thread", "speed-up, 2 threads"], denseRows);

    // Training: each workload under the three backends back to back.
    const spiralWhat = `spiral, trainStep, ${spiralEpochs} epochs`;
    const digitsWhat = `${digitsRun.train} digits, batch 128, median of ${digitsRun.epochs} epoch${digitsRun.epochs > 1 ? "s" : ""}`;
    console.log(`\nTraining with Adam under each backend: spiral 2→64→3 (full batch of 300, ${spiralEpochs} epochs); digits 784→128→128→10 (${digitsWhat})\n`);
    const workloads: { label: string; unit: string; run: () => { seconds: number; loss: number } }[] = [
      { label: spiralWhat, unit: "s", run: () => spiral("trainStep", spiralEpochs) },
      { label: "digits, plain calls", unit: "s per epoch", run: () => asSeconds(digitsEpochs("plain", digitsRun)) },
      { label: "digits, Model.fit", unit: "s per epoch", run: () => asSeconds(digitsEpochs("Model.fit", digitsRun)) },
    ];
    const trainingRows: string[][] = [];
    for (const w of workloads) {
      let reference: { seconds: number; loss: number } | undefined;
      for (const k of KERNELS) {
        await use(k);
        const r = w.run();
        reference ??= r;
        const diff = relDiff(r.loss, reference.loss);
        if (diff > 1e-6) {
          throw new Error(`bench: ${w.label} under ${k.label}: last loss ${r.loss} differs from the js loss ${reference.loss} by ${diff.toExponential(2)} relative (more than 1e-6)`);
        }
        trainingRows.push([
          `${w.label}, ${k.label}`,
          `${r.seconds.toFixed(3)} ${w.unit}`,
          ratio(r.seconds / reference.seconds),
          r.loss.toPrecision(10),
          k.name === "js" ? "" : diff.toExponential(1),
        ]);
      }
    }
    printTable(["workload, kernels", "time", "time / js", "last loss", "loss vs js (rel.)"], trainingRows);
    console.log(
      "\nNot measured here: NumPy (OpenBLAS, 1 thread) and tfjs-wasm. The issue's targets (NumPy 62 GFLOP/s at n = 512; " +
        "digits ≤ 1.0× NumPy float64 s per epoch) and the README's ratios come from ../shared/bench/ratio.sh and " +
        "matmul_numpy.py, run side by side on a quiet machine — not from this table.",
    );
  } finally {
    await setBackend("js");
  }
  if (Number.isNaN(sink)) console.log("(sink)");
}

const asSeconds = (d: { secondsPerEpoch: number; loss: number }): { seconds: number; loss: number } => ({ seconds: d.secondsPerEpoch, loss: d.loss });

// `npx tsx bench/fast.ts` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await fastKernels();
