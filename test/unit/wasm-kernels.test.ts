/**
 * The WebAssembly SIMD kernels, called raw (`loadWasmKernels()`: every product in WebAssembly,
 * whatever its size): each of the three forms agrees with the reference kernels within the bound
 * rounding allows, on random shapes biased toward the block and vector edges; with a triple loop
 * written out here; on empty and degenerate shapes; overwriting all of `out` and leaving the
 * inputs alone; and across growths of the module's memory.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as reference from "../../src/kernels/matmul.js";
import type { ProductKernels } from "../../src/kernels/product-kernels.js";
import { loadWasmKernels } from "../../src/kernels/wasm/wasm-kernels.js";
import { Random } from "../../src/random.js";

let fast: ProductKernels;
beforeAll(async () => {
  const loaded = await loadWasmKernels();
  if (typeof loaded === "string") throw new Error(`these tests need WebAssembly SIMD (Node 20 has it): ${loaded}`);
  fast = loaded;
});

/** Relative rounding allowance: ≈ 2·k·u for k ≤ 300 is below 1e-13; a dropped or doubled term is ≈ 1/k. */
const REL = 1e-12;

type Form = "matmul" | "matmulTransposeA" | "matmulTransposeB";
const FORMS: readonly Form[] = ["matmul", "matmulTransposeA", "matmulTransposeB"];

/** `rows×cols` numbers, normal × a scale, signs mixed. */
function randomMatrix(rng: Random, rows: number, cols: number, scale = 1): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => rng.normal() * scale);
}

/** The stored transpose of a row-major `rows×cols` matrix (`cols×rows`), built explicitly. */
function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
  return t;
}

/** The arguments each form takes for the product A·B (A n×k, B k×m, both row-major). */
function argsFor(form: Form, a: Float64Array, b: Float64Array, n: number, k: number, m: number): [Float64Array, Float64Array] {
  if (form === "matmulTransposeA") return [transpose(a, n, k), b]; // a stored k×n
  if (form === "matmulTransposeB") return [a, transpose(b, k, m)]; // b stored m×k
  return [a, b];
}

/** Entry by entry Σ_p |A(i,p)|·|B(p,j)|: the scale of the rounding in that entry's sum. */
function absProducts(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  reference.matmul(a.map(Math.abs), b.map(Math.abs), out, n, k, m);
  return out;
}

/** out[i][j] = Σ_p A(i,p)·B(p,j), written out plainly, independent of both kernel sets. */
function naive(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j];
    out[i * m + j] = s;
  }
  return out;
}

/** The first entry where |got − want| > REL·bound, described, or undefined when all fit. */
function firstMiss(got: Float64Array, want: Float64Array, bound: Float64Array, m: number): string | undefined {
  for (let idx = 0; idx < want.length; idx++) {
    const err = Math.abs(got[idx] - want[idx]);
    if (!(err <= REL * bound[idx])) {
      return `entry [${Math.floor(idx / m)}][${idx % m}]: got ${got[idx]}, expected ${want[idx]} (Σ|a||b| = ${bound[idx]})`;
    }
  }
  return undefined;
}

/** Runs one form of `kernels` on A·B into a NaN-filled `out` (so an entry left unwritten shows). */
function run(kernels: ProductKernels, form: Form, a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const [x, y] = argsFor(form, a, b, n, k, m);
  const out = new Float64Array(n * m).fill(NaN);
  kernels[form](x, y, out, n, k, m);
  return out;
}

/** Sizes biased toward 1…5 (vector width and micro-kernel edges), MC = 64 and KC = 256 ± 1. */
const EDGES = [1, 2, 3, 4, 5, 63, 64, 65, 255, 256, 257, 300];
const size = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }) },
);

describe("the WebAssembly kernels (raw set)", () => {
  it("every form agrees with the reference kernel to 1e-12·Σ|a||b| on random shapes (fast-check)", () => {
    fc.assert(
      fc.property(size, size, size, fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -3, max: 3 }), (n, k, m, seed, exp) => {
        const rng = new Random(seed);
        const a = randomMatrix(rng, n, k, 10 ** exp);
        const b = randomMatrix(rng, k, m);
        const bound = absProducts(a, b, n, k, m);
        for (const form of FORMS) {
          const want = run(reference, form, a, b, n, k, m);
          const got = run(fast, form, a, b, n, k, m);
          const miss = firstMiss(got, want, bound, m);
          if (miss !== undefined) throw new Error(`${form} ${n}×${k}·${k}×${m}: ${miss}`);
        }
      }),
      { numRuns: 100, seed: 20250614 },
    );
  });

  it("every form agrees with a triple loop written here, on shapes at the block edges", () => {
    const rng = new Random(7);
    for (const [n, k, m] of [[5, 257, 7], [65, 3, 66], [1, 300, 1], [4, 256, 4], [67, 65, 9], [3, 1, 5]]) {
      const a = randomMatrix(rng, n, k);
      const b = randomMatrix(rng, k, m);
      const want = naive(a, b, n, k, m);
      const bound = absProducts(a, b, n, k, m);
      for (const form of FORMS) {
        expect(firstMiss(run(fast, form, a, b, n, k, m), want, bound, m), `${form} ${n}×${k}·${k}×${m}`).toBeUndefined();
      }
    }
  });

  it("a small product worked by hand, in every form", () => {
    // [[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]]
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const b = Float64Array.of(7, 8, 9, 10, 11, 12);
    for (const form of FORMS) expect(Array.from(run(fast, form, a, b, 2, 3, 2)), form).toEqual([58, 64, 139, 154]);
  });

  it("degenerate shapes: 1×n·n×1, k = 1, m = 1, an empty batch (n = 0), and k = 0 (all zeros)", () => {
    const rng = new Random(3);
    // 1×n · n×1 is one dot product; n×1 · 1×m (k = 1) is an outer product, exact in floating point.
    const u = randomMatrix(rng, 1, 70);
    const v = randomMatrix(rng, 70, 1);
    const col = randomMatrix(rng, 9, 1);
    const row = randomMatrix(rng, 1, 6);
    const outer = Float64Array.from({ length: 54 }, (_, idx) => col[Math.floor(idx / 6)] * row[idx % 6]);
    for (const form of FORMS) {
      const dot = run(fast, form, u, v, 1, 70, 1);
      expect(Math.abs(dot[0] - naive(u, v, 1, 70, 1)[0])).toBeLessThanOrEqual(REL * absProducts(u, v, 1, 70, 1)[0]);
      expect(Array.from(run(fast, form, col, row, 9, 1, 6)), `${form} k = 1`).toEqual(Array.from(outer));
      const a = randomMatrix(rng, 37, 11);
      const b = randomMatrix(rng, 11, 1);
      expect(firstMiss(run(fast, form, a, b, 37, 11, 1), naive(a, b, 37, 11, 1), absProducts(a, b, 37, 11, 1), 1), `${form} m = 1`).toBeUndefined();
      // n = 0: nothing to write, nothing thrown; k = 0: every entry is an empty sum, 0.
      expect(run(fast, form, new Float64Array(0), randomMatrix(rng, 4, 3), 0, 4, 3).length).toBe(0);
      expect(Array.from(run(fast, form, new Float64Array(0), new Float64Array(0), 3, 0, 5)), `${form} k = 0`).toEqual(new Array(15).fill(0));
    }
  });

  it("overwrites every entry of out (whatever it held) and leaves the inputs unchanged", () => {
    const rng = new Random(11);
    for (const [n, k, m] of [[6, 5, 7], [66, 258, 13], [2, 3, 1]]) {
      const a = randomMatrix(rng, n, k);
      const b = randomMatrix(rng, k, m);
      const want = naive(a, b, n, k, m);
      const bound = absProducts(a, b, n, k, m);
      for (const form of FORMS) {
        const [x, y] = argsFor(form, a, b, n, k, m);
        const xBefore = x.slice();
        const yBefore = y.slice();
        for (const garbage of [NaN, 1e300, -7]) {
          const out = new Float64Array(n * m).fill(garbage);
          fast[form](x, y, out, n, k, m);
          expect(firstMiss(out, want, bound, m), `${form} ${n}×${k}·${k}×${m} over ${garbage}`).toBeUndefined();
        }
        expect(x).toEqual(xBefore);
        expect(y).toEqual(yBefore);
      }
    }
  });

  it("stays correct when a large product grows the module's memory, then a small one, then a larger one", () => {
    const rng = new Random(5);
    const check = (n: number, k: number, m: number, form: Form) => {
      const a = randomMatrix(rng, n, k);
      const b = randomMatrix(rng, k, m);
      const want = run(reference, form, a, b, n, k, m);
      expect(firstMiss(run(fast, form, a, b, n, k, m), want, absProducts(a, b, n, k, m), m), `${form} ${n}×${k}·${k}×${m}`).toBeUndefined();
    };
    // 3 × 700² doubles ≈ 11.8 MB: far past the module's starting memory, so it must grow.
    check(700, 700, 700, "matmul");
    check(3, 5, 2, "matmulTransposeA");
    check(9, 2, 4, "matmulTransposeB");
    // Larger again: a second growth, the views into memory refreshed once more.
    check(500, 1100, 600, "matmulTransposeB");
    check(5, 4, 3, "matmul");
  });
});

describe("the WebAssembly kernels with helper threads", () => {
  let threaded: ProductKernels & { threads: number; dispose(): void };
  beforeAll(async () => {
    const loaded = await loadWasmKernels(3);
    if (typeof loaded === "string") throw new Error(`these tests need WebAssembly threads (Node 20 has them): ${loaded}`);
    threaded = loaded;
  });
  afterAll(() => threaded?.dispose());

  it("give bit for bit the one-thread results, each thread taking a slice of rows (sizes off the slices, memory growing)", () => {
    expect(threaded.threads).toBe(3);
    const rng = new Random(13);
    // Large enough to be split (n·k·m ≥ 2¹⁹); row counts not multiples of 4 or 3; the last one grows the memory.
    for (const [n, k, m] of [[101, 70, 90], [13, 300, 257], [64, 256, 64], [9, 2000, 31], [400, 450, 500]]) {
      const a = randomMatrix(rng, n, k);
      const b = randomMatrix(rng, k, m);
      const bound = absProducts(a, b, n, k, m);
      for (const form of FORMS) {
        const one = run(fast, form, a, b, n, k, m);
        const got = run(threaded, form, a, b, n, k, m);
        expect(firstMiss(got, run(reference, form, a, b, n, k, m), bound, m), `${form} ${n}×${k}·${k}×${m}`).toBeUndefined();
        expect(Array.from(got), `${form} ${n}×${k}·${k}×${m}`).toEqual(Array.from(one));
      }
    }
  });
});

describe("the WebAssembly kernels' memory", () => {
  /** Loads the kernels with `WebAssembly.Memory` wrapped, to see the memories they create. */
  async function loadWatchingMemories(shared: boolean): Promise<{ kernels: ProductKernels; memories: WebAssembly.Memory[] }> {
    const memories: WebAssembly.Memory[] = [];
    const Original = WebAssembly.Memory;
    const Watched = function (descriptor: WebAssembly.MemoryDescriptor) {
      const memory = new Original(descriptor);
      memories.push(memory);
      return memory;
    };
    const api = {
      validate: WebAssembly.validate,
      compile: WebAssembly.compile,
      instantiate: WebAssembly.instantiate,
      Memory: Watched,
    };
    const savedSharedArrayBuffer = globalThis.SharedArrayBuffer;
    vi.stubGlobal("WebAssembly", api);
    if (!shared) vi.stubGlobal("SharedArrayBuffer", undefined);
    try {
      const kernels = await loadWasmKernels(1);
      if (typeof kernels === "string") throw new Error(kernels);
      return { kernels, memories };
    } finally {
      vi.unstubAllGlobals();
      expect(globalThis.SharedArrayBuffer).toBe(savedSharedArrayBuffer);
    }
  }

  const product = (kernels: ProductKernels, n: number): Float64Array => {
    const rng = new Random(n);
    const a = Float64Array.from({ length: n * n }, () => rng.normal());
    const out = new Float64Array(n * n);
    kernels.matmul(a, a, out, n, n, n);
    return out;
  };

  it("is shared in Node, so growing it never detaches a buffer (a detached buffer slows every typed-array loop in V8)", async () => {
    const { kernels, memories } = await loadWatchingMemories(true);
    expect(memories).toHaveLength(1);
    const before = memories[0].buffer;
    expect(before).toBeInstanceOf(SharedArrayBuffer);
    const size = before.byteLength;
    product(kernels, 600); // needs more than the first page: the memory grows
    expect(memories[0].buffer.byteLength).toBeGreaterThan(size);
    expect(before.byteLength).toBe(size); // the old buffer is still whole, not detached (0 bytes)
  });

  it("without SharedArrayBuffer (a page without cross-origin isolation): a plain memory of 64 MiB, which a digits-sized product does not grow", async () => {
    const { kernels, memories } = await loadWatchingMemories(false);
    expect(memories).toHaveLength(1);
    const before = memories[0].buffer;
    expect(before).toBeInstanceOf(ArrayBuffer);
    expect(before.byteLength).toBe(64 * 1024 * 1024);
    const out = product(kernels, 784); // 784×784 products: about 15 MB of operands
    expect(Number.isFinite(out[0])).toBe(true);
    expect(before.byteLength).toBe(64 * 1024 * 1024); // not grown, not detached
  });
});

describe("state arrays in the module's memory (an optimizer's m and v)", () => {
  it("are zero-filled, do not overlap, and survive the products' scratch work and the memory's growth", async () => {
    const kernels = await loadWasmKernels(1);
    if (typeof kernels === "string") throw new Error(kernels);
    const first = kernels.stateArray(1001)!;
    expect(first).toBeInstanceOf(Float64Array);
    expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(first).every((x) => x === 0)).toBe(true);
    first.fill(5);
    const second = kernels.stateArray(7)!;
    expect(Array.from(second)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const [a, b] = [first, second].map((s) => [s.byteOffset, s.byteOffset + s.byteLength]);
    expect(a[1] <= b[0] || b[1] <= a[0]).toBe(true);
    second.fill(-3);
    // A product large enough to grow the memory uses the scratch space, which starts past both.
    const rng = new Random(9);
    const n = 400;
    const x = Float64Array.from({ length: n * n }, () => rng.normal());
    const out = new Float64Array(n * n);
    kernels.matmul(x, x, out, n, n, n);
    const expected = new Float64Array(n * n);
    reference.matmul(x, x, expected, n, n, n);
    expect(Math.abs(out[12345] - expected[12345])).toBeLessThan(1e-9);
    expect(Array.from(first).every((v) => v === 5)).toBe(true);
    expect(Array.from(second)).toEqual([-3, -3, -3, -3, -3, -3, -3]);
  });

  it("Adam's update: only the module's own state arrays, and only for enough weights (the caller runs the JavaScript loop otherwise)", async () => {
    const kernels = await loadWasmKernels(1);
    if (typeof kernels === "string") throw new Error(kernels);
    const n = 1027; // pairs, then a scalar tail
    const w = Float64Array.from({ length: n }, (_, i) => i + 1);
    const g = Float64Array.from({ length: n }, (_, i) => [1, -1, 0][i % 3]);
    const step = { learningRate: 0.1, correction1: 0.1, correction2: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    expect(kernels.adamUpdate(w, g, new Float64Array(n), new Float64Array(n), step)).toBe(false); // not the module's
    const [m3, v3] = [kernels.stateArray(3)!, kernels.stateArray(3)!];
    expect(kernels.adamUpdate(w.subarray(0, 3), g.subarray(0, 3), m3, v3, step)).toBe(false); // too few weights
    expect(w[0]).toBe(1);
    const [m, v] = [kernels.stateArray(n)!, kernels.stateArray(n)!];
    expect(kernels.adamUpdate(w, g, m, v, step)).toBe(true);
    // By hand: m = (1 − 0.9)·g, v = (1 − 0.999)·g², w −= 0.1·(m/0.1)/(√(v/0.001) + 1e-7) ≈ 0.1·g/(|g| + 1e-7).
    for (const i of [0, 1, 2, n - 3, n - 2, n - 1]) {
      expect(m[i]).toBe((1 - 0.9) * g[i]); // 1 − 0.9 is 0.09999999999999998 in doubles
      expect(w[i]).toBeCloseTo(i + 1 - (0.1 * g[i]) / (Math.abs(g[i]) + 1e-7), 12);
    }
  });
});
