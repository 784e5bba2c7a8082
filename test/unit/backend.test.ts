/**
 * The backend switch: `setBackend("js" | "wasm")` and `getBackend()`; `Matrix.dot` on degenerate
 * and large shapes equal (to rounding) under both; whole training runs — chapter 10's spiral, a
 * wider network whose products do go to WebAssembly, and `Model.fit` on digits — giving the same
 * loss curves to 1e-9 relative; bad names; and the fallback, with a one-line notice, on a runtime
 * without WebAssembly SIMD.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  Adam,
  Dense,
  getBackend,
  getBackendInfo,
  randn,
  loadMnist,
  Matrix,
  Model,
  Random,
  ReLU,
  setBackend,
  SoftmaxCategoricalCrossentropy,
  spiralData,
  trainStep,
  type BackendName,
  type Layer,
} from "../../src/index.js";
import { worthWasm } from "../../src/kernels/wasm/wasm-kernels.js";

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await setBackend("js");
});

/** The largest |x − y| / max(|x|, |y|) over two equal-length sequences. */
function maxRelativeDifference(xs: readonly number[], ys: readonly number[]): number {
  expect(xs.length).toBe(ys.length);
  let worst = 0;
  xs.forEach((x, i) => {
    const scale = Math.max(Math.abs(x), Math.abs(ys[i]));
    if (scale > 0) worst = Math.max(worst, Math.abs(x - ys[i]) / scale);
  });
  return worst;
}

/** Two loss curves within `tolerance` relative at every epoch; a miss names the first epoch. */
function expectSameCurve(got: readonly number[], want: readonly number[], tolerance: number): void {
  expect(got.length).toBe(want.length);
  const first = want.findIndex((w, i) => !(Math.abs(got[i] - w) <= tolerance * Math.max(Math.abs(w), Math.abs(got[i]))));
  expect(first, first < 0 ? "" : `epoch ${first}: ${got[first]} against ${want[first]}; worst relative difference ${maxRelativeDifference(got, want)}`).toBe(-1);
}

/** `rows×cols` seeded normal numbers. */
function randomMatrix(rng: Random, rows: number, cols: number): Matrix {
  return new Matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.normal()));
}

/** A·B with the named backend, then back to "js". */
async function dotWith(backend: BackendName, a: Matrix, b: Matrix): Promise<Matrix> {
  expect(await setBackend(backend)).toBe(true);
  const product = a.dot(b);
  await setBackend("js");
  return product;
}

/** Each entry within 1e-12·Σ_p |a(i,p)||b(p,j)| of `want` (the scale of its rounding). */
function expectCloseProduct(got: Matrix, want: Matrix, a: Matrix, b: Matrix): void {
  expect(got.shape).toEqual(want.shape);
  const bound = a.map(Math.abs).dot(b.map(Math.abs));
  for (let idx = 0; idx < want.size; idx++) {
    expect(Math.abs(got.data[idx] - want.data[idx]), `entry ${idx}`).toBeLessThanOrEqual(1e-12 * bound.data[idx]);
  }
}

describe("setBackend and getBackend", () => {
  it("switches to the WebAssembly kernels and back, reporting each switch", async () => {
    expect(getBackend()).toBe("js");
    expect(await setBackend("wasm")).toBe(true);
    expect(getBackend()).toBe("wasm");
    expect(await setBackend("wasm")).toBe(true); // again: still on, nothing reloaded or warned
    expect(getBackend()).toBe("wasm");
    expect(await setBackend("js")).toBe(true);
    expect(getBackend()).toBe("js");
  });

  it("rejects a name other than \"js\" or \"wasm\" with a RangeError naming what was expected and what arrived", async () => {
    await expect(setBackend("gpu" as BackendName)).rejects.toThrow(new RangeError('setBackend: expected "js" or "wasm", got "gpu"'));
    await expect(setBackend(undefined as unknown as BackendName)).rejects.toThrow(new RangeError('setBackend: expected "js" or "wasm", got undefined'));
    await expect(setBackend(3 as unknown as BackendName)).rejects.toThrow(new RangeError('setBackend: expected "js" or "wasm", got 3'));
    await expect(setBackend("WASM" as BackendName)).rejects.toBeInstanceOf(RangeError);
    expect(getBackend()).toBe("js"); // a bad name changes nothing
    await setBackend("wasm");
    await expect(setBackend("gpu" as BackendName)).rejects.toThrow(RangeError);
    expect(getBackend()).toBe("wasm");
  });

  it("threads: getBackendInfo reports them; two threads give the one-thread product bit for bit; back to js ends them", async () => {
    expect(getBackendInfo()).toEqual({ backend: "js", threads: 1 });
    const rng = new Random(4);
    const a = randn(130, 90, rng);
    const b = randn(90, 70, rng);
    expect(await setBackend("wasm")).toBe(true);
    expect(getBackendInfo()).toEqual({ backend: "wasm", threads: 1 });
    const one = a.dot(b);
    expect(await setBackend("wasm", { threads: 2 })).toBe(true);
    expect(getBackendInfo()).toEqual({ backend: "wasm", threads: 2 });
    expect(Array.from(a.dot(b).data)).toEqual(Array.from(one.data));
    await setBackend("js");
    expect(getBackendInfo()).toEqual({ backend: "js", threads: 1 });
    expect(await setBackend("wasm", { threads: 2 })).toBe(true); // a fresh set of helpers after the old one ended
    expect(Array.from(a.dot(b).data)).toEqual(Array.from(one.data));
  });

  it("Adam's update in WebAssembly (one thread and two) gives the reference loop's weights bit for bit, its state kept in the module's memory", async () => {
    // Parameters of odd sizes (a scalar tail after the pairs), one large enough to be split between threads.
    const sizes: [number, number][] = [[1, 1], [3, 5], [129, 127], [200, 101]];
    const run = async (backend: "js" | "wasm", threads = 1): Promise<number[][]> => {
      await setBackend(backend, { threads });
      const rng = new Random(11);
      const layers = sizes.map(([rows, cols]) => {
        const value = randn(rows, cols, rng);
        return { name: `p${rows}x${cols}`, owner: "test", value, grad: randn(rows, cols, rng) };
      });
      const optimizer = new Adam({ learningRate: 0.01, decay: 1e-3 });
      for (let step = 0; step < 30; step++) {
        for (const p of layers) p.grad = randn(p.value.rows, p.value.cols, rng).scale(step % 3 === 0 ? 1e-3 : 1);
        optimizer.step(layers);
      }
      return layers.map((p) => Array.from(p.value.data));
    };
    const reference = await run("js");
    expect(await run("wasm")).toEqual(reference);
    expect(await run("wasm", 2)).toEqual(reference);
  });

  it("rejects bad options with an error naming what was expected and what arrived, and changes nothing", async () => {
    await expect(setBackend("wasm", { threads: 0 })).rejects.toThrow(new RangeError("setBackend: expected options.threads to be a whole number from 1 to 64, got 0"));
    await expect(setBackend("wasm", { threads: 1.5 })).rejects.toThrow(/whole number from 1 to 64, got 1\.5/);
    await expect(setBackend("wasm", { threads: "2" as unknown as number })).rejects.toThrow(/got 2/);
    await expect(setBackend("wasm", { thread: 2 } as unknown as { threads: number })).rejects.toThrow(new RangeError('setBackend: unknown option "thread"; the option is threads'));
    await expect(setBackend("wasm", null as unknown as { threads: number })).rejects.toThrow(TypeError);
    expect(getBackendInfo()).toEqual({ backend: "js", threads: 1 });
  });

  it("threads where there are no worker threads (a browser): one thread, one line says so", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.stubGlobal("process", { ...process, getBuiltinModule: undefined });
    vi.resetModules();
    const backend = await import("../../src/kernels/backend.js");
    expect(await backend.setBackend("wasm", { threads: 2 })).toBe(true);
    expect(backend.getBackendInfo()).toEqual({ backend: "wasm", threads: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^nn-from-scratch: threads need Node\.js's worker_threads; the WebAssembly kernels run on one thread$/);
    await backend.setBackend("js");
  });

  it("switching does not change a Matrix already computed", async () => {
    const rng = new Random(1);
    const a = randomMatrix(rng, 70, 90);
    const b = randomMatrix(rng, 90, 80);
    expect(worthWasm(70, 90, 80)).toBe(true); // so the wasm product really is computed elsewhere
    const byJs = a.dot(b);
    const byJsCopy = byJs.data.slice();
    await setBackend("wasm");
    const byWasm = a.dot(b);
    const byWasmCopy = byWasm.data.slice();
    expect(byJs.data).toEqual(byJsCopy);
    await setBackend("js");
    a.dot(b);
    expect(byWasm.data).toEqual(byWasmCopy);
    expect(byJs.data).toEqual(byJsCopy);
  });
});

describe("Matrix.dot with the WebAssembly backend", () => {
  it("equals the js backend's result (to rounding) on degenerate and large shapes", async () => {
    const rng = new Random(2);
    const shapes: [number, number, number][] = [
      [1, 300, 1], // 1×n · n×1
      [300, 1, 257], // n×1 · 1×m (k = 1)
      [0, 5, 3], // an empty batch
      [4, 0, 6], // k = 0: all zeros
      [65, 257, 1], // m = 1
      [67, 300, 65], // large enough for WebAssembly, no size a multiple of 4 or of the blocks
      [128, 256, 64], // exact multiples of the blocks
    ];
    for (const [n, k, m] of shapes) {
      const a = randomMatrix(rng, n, k);
      const b = randomMatrix(rng, k, m);
      const js = await dotWith("js", a, b);
      const wasm = await dotWith("wasm", a, b);
      expect(wasm.shape).toEqual([n, m]);
      expectCloseProduct(wasm, js, a, b);
    }
    // k = 0 by hand: every entry is an empty sum.
    expect((await dotWith("wasm", Matrix.zeros(4, 0), Matrix.zeros(0, 6))).toArray()).toEqual(Matrix.zeros(4, 6).toArray());
    // A product worth the trip to WebAssembly really goes there: equal to rounding, not bit for bit.
    const a = randomMatrix(rng, 67, 300);
    const b = randomMatrix(rng, 300, 65);
    expect(Array.from((await dotWith("wasm", a, b)).data)).not.toEqual(Array.from((await dotWith("js", a, b)).data));
  });
});

/** Chapter 10's network, or a wider one, built the same way from a seed. */
function network(widths: readonly number[], seed: number, samplesPerClass: number) {
  const rng = new Random(seed);
  const { X, y } = spiralData(samplesPerClass, 3, rng);
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    if (i > 0) layers.push(new ReLU());
    layers.push(new Dense(widths[i], widths[i + 1], { rng }));
  }
  return { X, y, layers, loss: new SoftmaxCategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }) };
}

/** The loss at every epoch of a full-batch run with the given backend. */
async function lossCurve(backend: BackendName, widths: readonly number[], samplesPerClass: number, epochs: number): Promise<number[]> {
  expect(await setBackend(backend)).toBe(true);
  const net = network(widths, 0, samplesPerClass);
  const curve: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) curve.push(trainStep(net, net.X, net.y));
  await setBackend("js");
  return curve;
}

describe("training with the WebAssembly backend", () => {
  it("chapter 10's spiral (2→64→3, Adam, 2000 full-batch epochs): the same loss curve to 1e-9 relative", async () => {
    const js = await lossCurve("js", [2, 64, 3], 100, 2000);
    const wasm = await lossCurve("wasm", [2, 64, 3], 100, 2000);
    expect(js[1999]).toBeLessThan(0.5); // it trained: ln 3 ≈ 1.1 at the start
    expectSameCurve(wasm, js, 1e-9);
  });

  // Training amplifies a rounding difference about tenfold every 25 epochs here (Adam at 0.05 on
  // the spiral; with js alone, a 1-ulp change to the starting weights grows the same way): from 1e-16 at the first step it
  // passes 1e-9 near epoch 200 and settles around 1e-8…1e-7. So 100 epochs: a dropped or doubled
  // term would show at once as a difference near 1e-3, not 1e-11.
  it("a wider network whose products go to WebAssembly: curves not bit for bit equal, yet equal to 1e-9 relative", async () => {
    const widths = [2, 128, 128, 3];
    // The 300×128·128×128 product and its two gradients pass the size rule; the spiral's do not.
    expect(worthWasm(300, 128, 128)).toBe(true);
    expect(worthWasm(300, 64, 3) || worthWasm(300, 2, 64)).toBe(false);
    const js = await lossCurve("js", widths, 100, 100);
    const wasm = await lossCurve("wasm", widths, 100, 100);
    expect(wasm).not.toEqual(js); // the WebAssembly kernels ran: they add in another order
    expectSameCurve(wasm, js, 1e-9);
    expect(js[99]).toBeLessThan(0.7 * js[0]); // it trained
  });

  it("Model.fit on digits (784→64→10, mini-batches of 100, shuffled): the same history as with js", async () => {
    const { train } = loadMnist({ train: 600, test: 0, seed: 1 });
    expect(worthWasm(100, 784, 64)).toBe(true);
    const fit = async (backend: BackendName) => {
      expect(await setBackend(backend)).toBe(true);
      const rng = new Random(4);
      const model = new Model({
        layers: [new Dense(784, 64, { rng }), new ReLU(), new Dense(64, 10, { rng })],
        loss: new SoftmaxCategoricalCrossentropy(),
        optimizer: new Adam({ learningRate: 0.005 }),
      });
      const history = model.fit(train.X, train.y, { epochs: 8, batchSize: 100, shuffle: true, rng, validationData: [train.X, train.y], verbose: false });
      await setBackend("js");
      return { ...history, weights: Array.from((model.layers[0] as Dense).weights.data) };
    };
    const js = await fit("js");
    const wasm = await fit("wasm");
    expect(js.loss[7]).toBeLessThan(0.5 * js.loss[0]); // it learned
    expect(wasm.weights).not.toEqual(js.weights); // the wasm path ran: the weights differ in their last bits
    expectSameCurve(wasm.loss, js.loss, 1e-9);
    expectSameCurve(wasm.valLoss, js.valLoss, 1e-9);
    expect(wasm.accuracy).toEqual(js.accuracy); // a 1e-12 change does not flip a prediction here
  });
});

describe("a runtime without WebAssembly SIMD", () => {
  /** A fresh copy of the backend module, so it loads the kernels again under the stubbed runtime. */
  async function freshBackend(): Promise<typeof import("../../src/kernels/backend.js")> {
    vi.resetModules();
    return import("../../src/kernels/backend.js");
  }

  async function expectFallback(): Promise<void> {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const backend = await freshBackend();
    expect(await backend.setBackend("wasm")).toBe(false);
    expect(backend.getBackend()).toBe("js");
    expect(warn).toHaveBeenCalledTimes(1);
    const line = warn.mock.calls[0].map(String).join(" ");
    expect(line).not.toContain("\n");
    expect(line).toMatch(/reference JavaScript kernels/);
    // The products still work, with the reference kernels.
    const { Matrix: FreshMatrix } = await import("../../src/matrix.js");
    expect(FreshMatrix.from([[1, 2], [3, 4]]).dot(FreshMatrix.from([[5, 6], [7, 8]])).toArray()).toEqual([[19, 22], [43, 50]]);
  }

  it("no SIMD (the module fails validation): setBackend resolves false, stays on js, one line says so", async () => {
    vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    await expectFallback();
  });

  it("no WebAssembly at all: the same", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    await expectFallback();
  });
});
