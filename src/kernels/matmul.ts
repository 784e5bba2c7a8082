/**
 * The matrix-product kernels: plain loops over flat row-major `Float64Array`s, apart from the
 * `Matrix` API so the API can stay readable and the loops can be fast. Nothing here checks its
 * arguments — the public entries (`Matrix.dot`, `Matrix.dotInto`, the layers) do that, once.
 *
 * All three forms add the products in the same order — four inner steps at a time, then the
 * rest one by one — so `Xᵀ·D` computed here is bit for bit `X.transpose().dot(D)`, without
 * building the transpose.
 */

/**
 * The product kernel: `out = a · b` for row-major `n×k` `a` and `k×m` `b`.
 *
 * In its plain form it is the i-k-j loop
 * ```ts
 * for (let i = 0; i < n; i++)
 *   for (let p = 0; p < k; p++)
 *     for (let j = 0; j < m; j++) out[i*m + j] += a[i*k + p] * b[p*m + j];
 * ```
 * whose inner loop walks along a row of `b` and a row of `out`, both contiguous in memory.
 * The code below is that same loop, unrolled: it handles 4 rows of `a` (i) and 4 steps of p
 * at once, so 16 numbers of `a` stay in CPU registers and each value of `b` read from memory
 * serves 4 rows. That does 32 floating-point operations per 12 memory accesses instead of 2 per 3
 * (about 5× faster in V8). Every output row is summed in exactly the same order whether it
 * falls in a block of 4 rows or in the leftover rows, so a sample gives bit-for-bit the same
 * result alone or in any batch.
 */
export function matmul(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  if (k < 4) return matmulSmallK(a, b, out, n, k, m, k, 1, m, 1);
  out.fill(0);
  const k4 = k - (k % 4); // the p-steps handled 4 at a time; the last k % 4 are done one by one
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = i * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    let p = 0;
    for (; p < k4; p += 4) {
      const a00 = a[r0 + p], a01 = a[r0 + p + 1], a02 = a[r0 + p + 2], a03 = a[r0 + p + 3];
      const a10 = a[r1 + p], a11 = a[r1 + p + 1], a12 = a[r1 + p + 2], a13 = a[r1 + p + 3];
      const a20 = a[r2 + p], a21 = a[r2 + p + 1], a22 = a[r2 + p + 2], a23 = a[r2 + p + 3];
      const a30 = a[r3 + p], a31 = a[r3 + p + 1], a32 = a[r3 + p + 2], a33 = a[r3 + p + 3];
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        const y0 = b[b0 + j], y1 = b[b1 + j], y2 = b[b2 + j], y3 = b[b3 + j];
        out[o0 + j] += a00 * y0 + a01 * y1 + a02 * y2 + a03 * y3;
        out[o1 + j] += a10 * y0 + a11 * y1 + a12 * y2 + a13 * y3;
        out[o2 + j] += a20 * y0 + a21 * y1 + a22 * y2 + a23 * y3;
        out[o3 + j] += a30 * y0 + a31 * y1 + a32 * y2 + a33 * y3;
      }
    }
    for (; p < k; p++) {
      const x0 = a[r0 + p], x1 = a[r1 + p], x2 = a[r2 + p], x3 = a[r3 + p];
      const bp = p * m;
      for (let j = 0; j < m; j++) {
        const y = b[bp + j];
        out[o0 + j] += x0 * y;
        out[o1 + j] += x1 * y;
        out[o2 + j] += x2 * y;
        out[o3 + j] += x3 * y;
      }
    }
  }
  // The last n % 4 rows, one at a time — same order of additions as above.
  for (; i < n; i++) {
    const o = i * m;
    const r = i * k;
    let p = 0;
    for (; p < k4; p += 4) {
      const x0 = a[r + p], x1 = a[r + p + 1], x2 = a[r + p + 2], x3 = a[r + p + 3];
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        out[o + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
    for (; p < k; p++) {
      const x = a[r + p];
      const bp = p * m;
      for (let j = 0; j < m; j++) out[o + j] += x * b[bp + j];
    }
  }
}

/**
 * `out = aᵀ · b` for `a` (k×n) and `b` (k×m) — e.g. a dense layer's `dweights = inputsᵀ · dvalues` —
 * without building `aᵀ`: entry `aᵀ[i][p]` is `a[p·n + i]`. `out` (n×m) is overwritten.
 */
export function matmulTransposeA(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  out.fill(0);
  const k4 = k - (k % 4);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = i * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
    let p = 0;
    for (; p < k4; p += 4) {
      const s0 = p * n + i, s1 = s0 + n, s2 = s1 + n, s3 = s2 + n; // rows p … p+3 of a, from column i
      const a00 = a[s0], a01 = a[s1], a02 = a[s2], a03 = a[s3];
      const a10 = a[s0 + 1], a11 = a[s1 + 1], a12 = a[s2 + 1], a13 = a[s3 + 1];
      const a20 = a[s0 + 2], a21 = a[s1 + 2], a22 = a[s2 + 2], a23 = a[s3 + 2];
      const a30 = a[s0 + 3], a31 = a[s1 + 3], a32 = a[s2 + 3], a33 = a[s3 + 3];
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        const y0 = b[b0 + j], y1 = b[b1 + j], y2 = b[b2 + j], y3 = b[b3 + j];
        out[o0 + j] += a00 * y0 + a01 * y1 + a02 * y2 + a03 * y3;
        out[o1 + j] += a10 * y0 + a11 * y1 + a12 * y2 + a13 * y3;
        out[o2 + j] += a20 * y0 + a21 * y1 + a22 * y2 + a23 * y3;
        out[o3 + j] += a30 * y0 + a31 * y1 + a32 * y2 + a33 * y3;
      }
    }
    for (; p < k; p++) {
      const s = p * n + i;
      const x0 = a[s], x1 = a[s + 1], x2 = a[s + 2], x3 = a[s + 3];
      const bp = p * m;
      for (let j = 0; j < m; j++) {
        const y = b[bp + j];
        out[o0 + j] += x0 * y;
        out[o1 + j] += x1 * y;
        out[o2 + j] += x2 * y;
        out[o3 + j] += x3 * y;
      }
    }
  }
  for (; i < n; i++) {
    const o = i * m;
    let p = 0;
    for (; p < k4; p += 4) {
      const x0 = a[p * n + i], x1 = a[(p + 1) * n + i], x2 = a[(p + 2) * n + i], x3 = a[(p + 3) * n + i];
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        out[o + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
    for (; p < k; p++) {
      const x = a[p * n + i];
      const bp = p * m;
      for (let j = 0; j < m; j++) out[o + j] += x * b[bp + j];
    }
  }
}

/**
 * `out = a · bᵀ` for `a` (n×k) and `b` (m×k) — e.g. a dense layer's `dinputs = dvalues · weightsᵀ` —
 * without building `bᵀ`: entry `bᵀ[p][j]` is `b[j·k + p]`. `out` (n×m) is overwritten.
 */
export function matmulTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void {
  if (k < 4) return matmulSmallK(a, b, out, n, k, m, k, 1, 1, k);
  out.fill(0);
  const k4 = k - (k % 4);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = i * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    let p = 0;
    for (; p < k4; p += 4) {
      const a00 = a[r0 + p], a01 = a[r0 + p + 1], a02 = a[r0 + p + 2], a03 = a[r0 + p + 3];
      const a10 = a[r1 + p], a11 = a[r1 + p + 1], a12 = a[r1 + p + 2], a13 = a[r1 + p + 3];
      const a20 = a[r2 + p], a21 = a[r2 + p + 1], a22 = a[r2 + p + 2], a23 = a[r2 + p + 3];
      const a30 = a[r3 + p], a31 = a[r3 + p + 1], a32 = a[r3 + p + 2], a33 = a[r3 + p + 3];
      for (let j = 0; j < m; j++) {
        const bj = j * k + p; // row j of b, entries p … p+3: contiguous
        const y0 = b[bj], y1 = b[bj + 1], y2 = b[bj + 2], y3 = b[bj + 3];
        out[o0 + j] += a00 * y0 + a01 * y1 + a02 * y2 + a03 * y3;
        out[o1 + j] += a10 * y0 + a11 * y1 + a12 * y2 + a13 * y3;
        out[o2 + j] += a20 * y0 + a21 * y1 + a22 * y2 + a23 * y3;
        out[o3 + j] += a30 * y0 + a31 * y1 + a32 * y2 + a33 * y3;
      }
    }
    for (; p < k; p++) {
      const x0 = a[r0 + p], x1 = a[r1 + p], x2 = a[r2 + p], x3 = a[r3 + p];
      for (let j = 0; j < m; j++) {
        const y = b[j * k + p];
        out[o0 + j] += x0 * y;
        out[o1 + j] += x1 * y;
        out[o2 + j] += x2 * y;
        out[o3 + j] += x3 * y;
      }
    }
  }
  for (; i < n; i++) {
    const o = i * m;
    const r = i * k;
    let p = 0;
    for (; p < k4; p += 4) {
      const x0 = a[r + p], x1 = a[r + p + 1], x2 = a[r + p + 2], x3 = a[r + p + 3];
      for (let j = 0; j < m; j++) {
        const bj = j * k + p;
        out[o + j] += x0 * b[bj] + x1 * b[bj + 1] + x2 * b[bj + 2] + x3 * b[bj + 3];
      }
    }
    for (; p < k; p++) {
      const x = a[r + p];
      for (let j = 0; j < m; j++) out[o + j] += x * b[j * k + p];
    }
  }
}

/**
 * The product when `k < 4` (e.g. a layer with 2 or 3 inputs, or a gradient with 3 classes): no
 * group of four p-steps, so each entry is `0 + a₀b₀ + a₁b₁ + a₂b₂`, left to right — what the loops
 * above compute, but kept in a register and written once instead of added into `out` k times.
 * Entry `a(i,p)` is `a[i·ai + p]`; entry `b(p,j)` is `b[p·bp + j·bj]` (plain or transposed `b`).
 */
function matmulSmallK(
  a: Float64Array, b: Float64Array, out: Float64Array,
  n: number, k: number, m: number, ai: number, ap: number, bp: number, bj: number,
): void {
  if (k === 0) {
    out.fill(0);
    return;
  }
  for (let i = 0; i < n; i++) {
    const r = i * ai;
    const o = i * m;
    const x0 = a[r];
    if (k === 1) {
      for (let j = 0, q = 0; j < m; j++, q += bj) out[o + j] = 0 + x0 * b[q];
    } else if (k === 2) {
      const x1 = a[r + ap];
      for (let j = 0, q = 0; j < m; j++, q += bj) out[o + j] = 0 + x0 * b[q] + x1 * b[q + bp];
    } else {
      const x1 = a[r + ap];
      const x2 = a[r + 2 * ap];
      const bp2 = 2 * bp;
      for (let j = 0, q = 0; j < m; j++, q += bj) out[o + j] = 0 + x0 * b[q] + x1 * b[q + bp] + x2 * b[q + bp2];
    }
  }
}
