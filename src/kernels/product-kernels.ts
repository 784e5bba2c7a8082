/**
 * The three matrix products training needs, as one replaceable set: `out = a·b`, `out = aᵀ·b`
 * and `out = a·bᵀ` over flat row-major `Float64Array`s (`out` is n×m and overwritten). The
 * reference set is plain JavaScript (`matmul.ts`); the fast set runs WebAssembly SIMD (`wasm/`).
 */
export interface ProductKernels {
  /** `out = a · b` for `a` n×k and `b` k×m. */
  matmul(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void;
  /** `out = aᵀ · b` for `a` stored k×n and `b` k×m. */
  matmulTransposeA(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void;
  /** `out = a · bᵀ` for `a` n×k and `b` stored m×k. */
  matmulTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void;
}
