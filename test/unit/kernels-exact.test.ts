/**
 * The fast kernels against a plain reference written here, bit for bit: every output entry is
 * summed as `0`, then `+= (a₀b₀ + a₁b₁ + a₂b₂ + a₃b₃)` for each group of four p, then `+= a_p b_p`
 * for the k % 4 left over — the order the course's printed numbers depend on. Also the checks
 * that replaced separate finiteness scans in Dense and ReLU (one pass, or the smaller side).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul, matmulTransposeA, matmulTransposeB } from "../../src/kernels/matmul.js";
import { maxAbsOrInfinity } from "../../src/internal/validate.js";
import { Dense, Matrix, Random, ReLU } from "../../src/index.js";

/** The reference: entry (i, j) = Σ_p A(i,p)·B(p,j) in the grouped order above, one entry at a time. */
function reference(n: number, k: number, m: number, A: (i: number, p: number) => number, B: (p: number, j: number) => number): number[] {
  const out: number[] = [];
  const k4 = k - (k % 4);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      let p = 0;
      for (; p < k4; p += 4) s += A(i, p) * B(p, j) + A(i, p + 1) * B(p + 1, j) + A(i, p + 2) * B(p + 2, j) + A(i, p + 3) * B(p + 3, j);
      for (; p < k; p++) s += A(i, p) * B(p, j);
      out.push(s);
    }
  }
  return out;
}

/** Numbers of very different sizes and signs, with exact zeros of both signs, so rounding differences would show. */
const entries = (len: number) =>
  fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0, -0, 1e-300, -7.25)), { minLength: len, maxLength: len });

/** All three kernels on row-major a (n×k) and b (k×m), each checked against the reference. */
function expectAllExact(n: number, k: number, m: number, a: number[], b: number[]): void {
  const A = Float64Array.from(a);
  const B = Float64Array.from(b);
  const expected = reference(n, k, m, (i, p) => A[i * k + p], (p, j) => B[p * m + j]);
  const out = new Float64Array(n * m).fill(123); // overwritten, never added to
  matmul(A, B, out, n, k, m);
  expect(Array.from(out)).toEqual(expected);
  // aᵀ·b with a stored k×n: the same products, read across.
  const At = new Float64Array(k * n);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) At[p * n + i] = A[i * k + p];
  out.fill(-5);
  matmulTransposeA(At, B, out, n, k, m);
  expect(Array.from(out)).toEqual(expected);
  // a·bᵀ with b stored m×k.
  const Bt = new Float64Array(m * k);
  for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) Bt[j * k + p] = B[p * m + j];
  out.fill(7);
  matmulTransposeB(A, Bt, out, n, k, m);
  expect(Array.from(out)).toEqual(expected);
}

const shaped = (n: number, k: number, m: number) => fc.tuple(fc.constant([n, k, m] as const), entries(n * k), entries(k * m));

describe("fast kernels equal the reference order bit for bit", () => {
  it("on random shapes: 0, 1, sizes not a multiple of 4, k below 4 (the register form)", () => {
    const shapes = fc
      .record({ n: fc.integer({ min: 0, max: 9 }), k: fc.integer({ min: 0, max: 11 }), m: fc.integer({ min: 0, max: 9 }) })
      .chain(({ n, k, m }) => shaped(n, k, m));
    fc.assert(fc.property(shapes, ([[n, k, m], a, b]) => expectAllExact(n, k, m, a, b)), { numRuns: 300 });
  });

  it("on the spiral's shapes (2→64→3 on 300 points)", () => {
    // forward 300×2·2×64 and 300×64·64×3; backward 64×300ᵀ·300×3, 300×3·(64×3)ᵀ, 2×300ᵀ·300×64, 300×64·(2×64)ᵀ
    for (const [n, k, m] of [[300, 2, 64], [300, 64, 3], [64, 300, 3], [300, 3, 64], [2, 300, 64], [300, 64, 2]] as const) {
      fc.assert(fc.property(shaped(n, k, m), ([, a, b]) => expectAllExact(n, k, m, a, b)), { numRuns: 3 });
    }
  });

  it("on the digits' shapes (784→128→128→10, batch 128), smaller batch to stay quick", () => {
    for (const [n, k, m] of [[13, 784, 128], [128, 13, 128], [13, 128, 10], [128, 13, 10]] as const) {
      fc.assert(fc.property(shaped(n, k, m), ([, a, b]) => expectAllExact(n, k, m, a, b)), { numRuns: 1 });
    }
  });
});

describe("one-pass checks", () => {
  it("maxAbsOrInfinity: the largest |entry|, or Infinity when one is not finite", () => {
    expect(maxAbsOrInfinity(Float64Array.of(1, -7.5, 3))).toBe(7.5);
    expect(maxAbsOrInfinity(new Float64Array(0))).toBe(0);
    expect(maxAbsOrInfinity(Float64Array.of(1, Number.NaN, 1e308))).toBe(Infinity);
    expect(maxAbsOrInfinity(Float64Array.of(-Infinity))).toBe(Infinity);
  });

  it("Dense with few inputs and many outputs (bounds, no output scan) still names NaN inputs and an overflow", () => {
    const dense = new Dense(1, 16, { rng: new Random(0) });
    expect(() => dense.forward(new Matrix(1, 1, Float64Array.of(Number.NaN)))).toThrow("Dense(1→16).forward: expected finite inputs, got NaN at [0][0]");
    dense.weights = Matrix.full(1, 16, 1e10);
    expect(() => dense.forward(Matrix.from([[1], [1e300]]))).toThrow(
      "Dense(1→16).forward: the output has a non-finite entry (Infinity) at [1][0] — the numbers overflowed",
    );
    // Large but safe: 1e200 · 1e10 is finite, and the bound says so without a scan.
    expect(dense.forward(Matrix.from([[1e200]])).get(0, 15)).toBe(1e210);
  });

  it("Dense with many inputs and one output (output scan only) still names the bad input, not the output", () => {
    const dense = new Dense(6, 1, { rng: new Random(0) });
    expect(() => dense.forward(new Matrix(1, 6, Float64Array.of(0, 0, 0, 0, Infinity, 0)))).toThrow("Dense(6→1).forward: expected finite inputs, got Infinity at [0][4]");
  });

  it("Dense.backward: NaN dvalues are found through the column sums; dinputs overflow found past the bound", () => {
    const dense = new Dense(4, 1, { rng: new Random(0) });
    dense.forward(Matrix.full(4, 4, 1));
    expect(() => dense.backward(new Matrix(4, 1, Float64Array.of(0, 0, Number.NaN, 0)))).toThrow("Dense(4→1).backward: expected finite dvalues, got NaN at [2][0]");
    dense.weights = Matrix.full(4, 1, 1e300);
    // dweights = 4 · 1e10 is fine; dinputs = 1e10 · 1e300 overflows.
    expect(() => dense.backward(Matrix.full(4, 1, 1e10))).toThrow("Dense(4→1).backward: dinputs has a non-finite entry (Infinity) at [0][0]");
  });

  it("ReLU checks in the same pass that computes, for every position of the bad entry (unrolled by 4 and the rest)", () => {
    for (let p = 0; p < 7; p++) {
      const x = new Matrix(1, 7, Float64Array.from({ length: 7 }, (_, i) => (i === p ? -Infinity : i - 3)));
      expect(() => new ReLU().forward(x)).toThrow(`ReLU.forward: expected finite inputs, got -Infinity at [0][${p}]`);
    }
    const relu = new ReLU();
    expect(relu.forward(Matrix.from([[-0, -2, 3]])).toArray()).toEqual([[0, 0, 3]]);
    expect(Object.is(relu.output.get(0, 0), 0)).toBe(true); // +0, not −0, as x > 0 ? x : 0 gives
  });
});
