// The matrix product in WebAssembly SIMD, written in AssemblyScript (TypeScript's syntax, WebAssembly's
// types: `f64` is a double, `usize` a byte address in the module's memory, `v128` a 128-bit vector
// register holding two f64 "lanes"). `scripts/build-wasm.mjs` compiles this file; the library embeds
// the result (src/kernels/wasm/). Nothing here allocates: the caller places every matrix in memory
// and passes byte addresses.
//
// One kernel serves the three products training needs, through strides: A(i, p) is the number at
// a + 8·(i·aRow + p·aCol), B(p, j) at b + 8·(p·bRow + j·bCol). Row-major A·B has aRow = k, aCol = 1,
// bRow = m, bCol = 1; Aᵀ·B reads a stored k×n A with aRow = 1, aCol = n; A·Bᵀ reads a stored m×k B
// with bRow = 1, bCol = k. C is always row-major n×m.
//
// The plan is the one every fast BLAS follows (Goto & van de Geijn, 2008):
//   - split the sum over p into blocks of KC steps, so the part of B in use stays in the L2 cache;
//   - copy ("pack") that part of B into panels 4 columns wide, stored p by p: the inner loop then
//     reads B strictly in order, whatever B's strides were (transposed or not);
//   - split A's rows into blocks of MC rows, so those rows stay in cache while every panel passes;
//   - compute C 4 rows × 4 columns at a time in 8 vector registers (the micro-kernel), adding the
//     block's sum to C once at the end.

const KC: i32 = 256; // p-steps per block: a panel of B is KC × 4 doubles = 8 KiB, it stays in L1
const MC: i32 = 64; //  rows of A per block: 64 × 256 doubles = 128 KiB, they stay in L2

/** C = A·B. `pack` is scratch memory of at least KC × roundUp(m, 4) doubles. */
export function gemm(
  a: usize, aRow: i32, aCol: i32,
  b: usize, bRow: i32, bCol: i32,
  c: usize, n: i32, k: i32, m: i32,
  pack: usize,
): void {
  memory.fill(c, 0, <usize>n * m << 3); // C starts at 0; each block of p-steps adds its part
  const panels = (m + 3) >> 2;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    packB(b + (<usize>p0 * bRow << 3), bRow, bCol, kc, m, pack);
    for (let i0 = 0; i0 < n; i0 += MC) {
      const mc = min(MC, n - i0);
      for (let jp = 0; jp < panels; jp++) {
        const j = jp << 2;
        const panel = pack + (<usize>jp * kc << 5);
        const cols = min(4, m - j);
        let i = i0;
        for (; i + 4 <= i0 + mc; i += 4) {
          block4x4(a + ((<usize>i * aRow + <usize>p0 * aCol) << 3), aRow, aCol, panel, kc, c + ((<usize>i * m + j) << 3), m, cols);
        }
        for (; i < i0 + mc; i++) {
          block1x4(a + ((<usize>i * aRow + <usize>p0 * aCol) << 3), aCol, panel, kc, c + ((<usize>i * m + j) << 3), cols);
        }
      }
    }
  }
}

/** Copies B(p, j) for p < kc, all j, into panels of 4 columns: panel jp holds (p, 4jp … 4jp+3) for p = 0, 1, … */
function packB(b: usize, bRow: i32, bCol: i32, kc: i32, m: i32, pack: usize): void {
  let out = pack;
  for (let j0 = 0; j0 < m; j0 += 4) {
    const cols = min(4, m - j0);
    for (let p = 0; p < kc; p++) {
      const src = b + ((<usize>p * bRow + <usize>j0 * bCol) << 3);
      for (let jj = 0; jj < 4; jj++) {
        store<f64>(out, jj < cols ? load<f64>(src + (<usize>jj * bCol << 3)) : 0.0);
        out += 8;
      }
    }
  }
}

// #region micro-kernel
/**
 * The micro-kernel: C[i…i+3][j…j+3] += A[i…i+3][p…p+kc] · panel. Each step p reads one row of
 * the panel (4 numbers: two vectors b0, b1) and one number from each of 4 rows of A, broadcast to
 * both lanes (splat), and does 16 multiply-adds in 8 vector registers that stay in the CPU until
 * the end.
 */
function block4x4(a: usize, aRow: i32, aCol: i32, panel: usize, kc: i32, c: usize, m: i32, cols: i32): void {
  const rowStep = <usize>aRow << 3, pStep = <usize>aCol << 3;
  let a0 = a, a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep;
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  let bp = panel;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16); //  B(p, j…j+1), B(p, j+2…j+3)
    let x = v128.load64_splat(a0); //                     A(i, p) in both lanes
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(a1);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    c11 = f64x2.add(c11, f64x2.mul(x, b1));
    x = v128.load64_splat(a2);
    c20 = f64x2.add(c20, f64x2.mul(x, b0));
    c21 = f64x2.add(c21, f64x2.mul(x, b1));
    x = v128.load64_splat(a3);
    c30 = f64x2.add(c30, f64x2.mul(x, b0));
    c31 = f64x2.add(c31, f64x2.mul(x, b1));
    a0 += pStep; a1 += pStep; a2 += pStep; a3 += pStep;
    bp += 32;
  }
  const rowBytes = <usize>m << 3;
  addToC(c, c00, c01, cols);
  addToC(c + rowBytes, c10, c11, cols);
  addToC(c + 2 * rowBytes, c20, c21, cols);
  addToC(c + 3 * rowBytes, c30, c31, cols);
}
// #endregion

/** One row: C[i][j…j+3] += A[i][p…p+kc] · panel (the rows left over after the blocks of 4). */
function block1x4(a: usize, aCol: i32, panel: usize, kc: i32, c: usize, cols: i32): void {
  const pStep = <usize>aCol << 3;
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0);
  let bp = panel;
  for (let p = 0; p < kc; p++) {
    const x = v128.load64_splat(a);
    c0 = f64x2.add(c0, f64x2.mul(x, v128.load(bp)));
    c1 = f64x2.add(c1, f64x2.mul(x, v128.load(bp, 16)));
    a += pStep;
    bp += 32;
  }
  addToC(c, c0, c1, cols);
}

/** C[j…j+3] += (lo, hi), or only its first `cols` numbers at the matrix's right edge. */
// @ts-ignore: decorator
@inline function addToC(c: usize, lo: v128, hi: v128, cols: i32): void {
  if (cols == 4) {
    v128.store(c, f64x2.add(v128.load(c), lo));
    v128.store(c, f64x2.add(v128.load(c, 16), hi), 16);
  } else {
    store<f64>(c, load<f64>(c) + f64x2.extract_lane(lo, 0));
    if (cols > 1) store<f64>(c, load<f64>(c, 8) + f64x2.extract_lane(lo, 1), 8);
    if (cols > 2) store<f64>(c, load<f64>(c, 16) + f64x2.extract_lane(hi, 0), 16);
  }
}
