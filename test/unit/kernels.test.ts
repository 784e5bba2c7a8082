/**
 * The matrix-product kernels: each form against a triple loop written out here, and the
 * transposed forms bit for bit equal to multiplying by an explicit transpose (same order of additions).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul, matmulTransposeA, matmulTransposeB } from "../../src/kernels/matmul.js";

/** out[i][j] = Σ_p A(i,p)·B(p,j), with A and B given as element getters. */
function naive(n: number, k: number, m: number, A: (i: number, p: number) => number, B: (p: number, j: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
    out.push(s);
  }
  return out;
}
const transpose = (x: Float64Array, rows: number, cols: number) => {
  const t = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
  return t;
};
const sizes = fc.record({ n: fc.integer({ min: 0, max: 9 }), k: fc.integer({ min: 0, max: 11 }), m: fc.integer({ min: 0, max: 9 }) });
const filled = (len: number, seed: number) => Float64Array.from({ length: len }, (_, i) => Math.sin(seed + i * 1.7) * 3);

describe("matrix-product kernels", () => {
  it("a small product worked by hand", () => {
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    const out = new Float64Array(4).fill(99); // overwritten, not added to
    matmul(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), out, 2, 2, 2);
    expect(Array.from(out)).toEqual([19, 22, 43, 50]);
    // Aᵀ·B with A = [[1, 2], [3, 4]]: [[1, 3], [2, 4]] · [[5, 6], [7, 8]] = [[26, 30], [38, 44]]
    matmulTransposeA(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), out, 2, 2, 2);
    expect(Array.from(out)).toEqual([26, 30, 38, 44]);
    // A·Bᵀ: [[1, 2], [3, 4]] · [[5, 7], [6, 8]] = [[17, 23], [39, 53]]
    matmulTransposeB(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), out, 2, 2, 2);
    expect(Array.from(out)).toEqual([17, 23, 39, 53]);
  });

  it("every form agrees with a triple loop on random shapes (including empty and 1×n)", () => {
    fc.assert(
      fc.property(sizes, fc.integer(), ({ n, k, m }, seed) => {
        const a = filled(n * k, seed);
        const b = filled(k * m, seed + 1);
        const out = new Float64Array(n * m);
        matmul(a, b, out, n, k, m);
        const expected = naive(n, k, m, (i, p) => a[i * k + p], (p, j) => b[p * m + j]);
        Array.from(out).forEach((v, idx) => expect(v).toBeCloseTo(expected[idx], 10));

        const at = transpose(a, n, k); // k×n
        matmulTransposeA(at, b, out, n, k, m);
        Array.from(out).forEach((v, idx) => expect(v).toBeCloseTo(expected[idx], 10));

        const bt = transpose(b, k, m); // m×k
        matmulTransposeB(a, bt, out, n, k, m);
        Array.from(out).forEach((v, idx) => expect(v).toBeCloseTo(expected[idx], 10));
      }),
    );
  });

  it("the transposed forms give bit for bit what an explicit transpose gives", () => {
    fc.assert(
      fc.property(sizes, fc.integer(), ({ n, k, m }, seed) => {
        const a = filled(n * k, seed);
        const b = filled(k * m, seed + 2);
        const viaTranspose = new Float64Array(n * m);
        matmul(a, b, viaTranspose, n, k, m);
        const direct = new Float64Array(n * m);
        matmulTransposeA(transpose(a, n, k), b, direct, n, k, m);
        expect(Array.from(direct)).toEqual(Array.from(viaTranspose));
        matmulTransposeB(a, transpose(b, k, m), direct, n, k, m);
        expect(Array.from(direct)).toEqual(Array.from(viaTranspose));
      }),
    );
  });
});
