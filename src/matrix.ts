/**
 * Chapter 03 — the matrix: a batch of inputs, a layer's weights, a layer's outputs.
 *
 * A {@link Matrix} keeps its numbers in one flat `Float64Array`, row after row
 * ("row-major"): the value at row `i`, column `j` of an `r×c` matrix is `data[i * c + j]`.
 * Every operation checks shapes first and names itself and both shapes when they do not fit.
 */
import { matmul } from "./kernels/backend.js";
import {
  allocate,
  describe,
  requireFiniteArray,
  requireFiniteNumber,
  requireMatrix,
  requireWholeNumber,
  shapeText,
} from "./internal/validate.js";

/**
 * Node's `util.inspect` (used by `console.log` and by tslab to show a cell's value) calls the method
 * under this symbol, so a matrix shows as its readable rows rather than its internals.
 */
const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * A matrix of numbers, stored row-major in a `Float64Array`.
 *
 * Operations return new matrices and leave their operands alone, except {@link Matrix.set},
 * {@link Matrix.dotInto} and direct writes to {@link Matrix.data}.
 *
 * @example
 * ```ts
 * const inputs = Matrix.from([[1, 2, 3, 2.5], [2, 5, -1, 2]]); // a batch of 2 samples
 * inputs.shape;          // [2, 4]
 * inputs.get(1, 2);      // -1
 * inputs.transpose().shape; // [4, 2]
 * ```
 */
export class Matrix {
  /** Number of rows (for a batch: the number of samples). */
  readonly rows: number;
  /** Number of columns (for a batch: the number of features per sample). */
  readonly cols: number;
  /**
   * The numbers, row after row: `data[i * cols + j]` is row `i`, column `j`.
   * The array itself cannot be replaced, but its contents may be written (for fast in-place code).
   */
  readonly data: Float64Array;

  /**
   * A `rows×cols` matrix over `data` (used as-is, not copied), or filled with zeros when
   * `data` is left out. Most code uses {@link Matrix.from} or {@link Matrix.zeros} instead.
   *
   * @throws RangeError if a size is not a whole number ≥ 0 or `data` has the wrong length
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    requireWholeNumber("new Matrix", "rows", rows);
    requireWholeNumber("new Matrix", "cols", cols);
    if (data === undefined) {
      data = allocate("new Matrix", rows, cols);
    } else if (!(data instanceof Float64Array)) {
      throw new TypeError(`new Matrix: expected data to be a Float64Array, got ${describe(data)}`);
    } else if (data.length !== rows * cols) {
      throw new RangeError(
        `new Matrix: a ${shapeText(rows, cols)} matrix needs ${rows * cols} numbers, got ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * A matrix from nested arrays, one inner array per row (the numbers are copied).
   *
   * @throws RangeError if the rows have different lengths, or a value is NaN, infinite or not a number
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2, 3], [4, 5, 6]]).shape; // [2, 3]
   * ```
   */
  static from(values: readonly (readonly number[])[]): Matrix {
    if (!Array.isArray(values)) {
      throw new TypeError(`Matrix.from: expected an array of rows (number[][]), got ${describe(values)}`);
    }
    const rows = values.length;
    const first = values[0];
    if (rows > 0 && !Array.isArray(first)) {
      throw new TypeError(
        `Matrix.from: expected an array of rows (number[][]), got ${describe(first)} at row 0` +
          (typeof first === "number" ? " — for a single row use Matrix.fromRowVector([...])" : ""),
      );
    }
    const cols = rows === 0 ? 0 : first.length;
    const data = allocate("Matrix.from", rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = values[i];
      if (!Array.isArray(row)) {
        throw new TypeError(`Matrix.from: expected row ${i} to be an array of numbers, got ${describe(row)}`);
      }
      if (row.length !== cols) {
        throw new RangeError(
          `Matrix.from: all rows must have the same length; row 0 has ${cols} values but row ${i} has ${row.length}`,
        );
      }
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new RangeError(`Matrix.from: expected finite numbers, got ${describe(v)} at [${i}][${j}]`);
        }
        data[i * cols + j] = v;
      }
    }
    return new Matrix(rows, cols, data);
  }

  /**
   * A `rows×cols` matrix of zeros.
   *
   * @throws RangeError if a size is not a whole number ≥ 0, or the matrix is too large for a Float64Array
   */
  static zeros(rows: number, cols: number): Matrix {
    requireWholeNumber("Matrix.zeros", "rows", rows);
    requireWholeNumber("Matrix.zeros", "cols", cols);
    return new Matrix(rows, cols, allocate("Matrix.zeros", rows, cols));
  }

  /**
   * A `rows×cols` matrix with every entry equal to `value`.
   *
   * @throws TypeError if `value` is not a number; RangeError if it is NaN or infinite, or a size is invalid
   */
  static full(rows: number, cols: number, value: number): Matrix {
    requireWholeNumber("Matrix.full", "rows", rows);
    requireWholeNumber("Matrix.full", "cols", cols);
    requireFiniteNumber("Matrix.full", "value", value);
    return new Matrix(rows, cols, allocate("Matrix.full", rows, cols).fill(value));
  }

  /**
   * A `1×n` matrix holding `values` as its only row — e.g. a layer's biases, or a single sample.
   *
   * @throws RangeError if a value is NaN, infinite or not a number
   */
  static fromRowVector(values: readonly number[]): Matrix {
    return new Matrix(1, values.length, finiteCopy("Matrix.fromRowVector", values));
  }

  /**
   * An `n×1` matrix holding `values` as its only column — e.g. one target per sample.
   *
   * @throws RangeError if a value is NaN, infinite or not a number
   */
  static fromColumnVector(values: readonly number[]): Matrix {
    return new Matrix(values.length, 1, finiteCopy("Matrix.fromColumnVector", values));
  }

  /**
   * Writes the matrix product `a · b` into `out` and returns `out` — no allocation at all, so
   * a training loop can reuse one result matrix. {@link Matrix.dot} is this with a fresh `out`.
   *
   * The loops run in i-k-j order: the innermost loop walks along a row of `b` and a row of `out`,
   * both contiguous in memory, which keeps the CPU cache busy with useful numbers; 4 rows and
   * 4 inner steps are unrolled at a time so numbers are reused from registers.
   *
   * @throws RangeError if `a.cols ≠ b.rows`, if `out` is not `a.rows×b.cols`, or if `out`
   *   shares its storage with `a` or `b`
   */
  static dotInto(a: Matrix, b: Matrix, out: Matrix): Matrix {
    requireMatrix("Matrix.dotInto", "a", a);
    requireMatrix("Matrix.dotInto", "b", b);
    requireMatrix("Matrix.dotInto", "out", out);
    if (a.cols !== b.rows) {
      throw new RangeError(
        `Matrix.dotInto: cannot multiply ${shapeText(a.rows, a.cols)} by ${shapeText(b.rows, b.cols)} ` +
          `(inner sizes ${a.cols} and ${b.rows} differ)`,
      );
    }
    if (out.rows !== a.rows || out.cols !== b.cols) {
      throw new RangeError(
        `Matrix.dotInto: the product of ${shapeText(a.rows, a.cols)} and ${shapeText(b.rows, b.cols)} ` +
          `is ${shapeText(a.rows, b.cols)}, but out is ${shapeText(out.rows, out.cols)}`,
      );
    }
    if (overlaps(out.data, a.data) || overlaps(out.data, b.data)) {
      throw new RangeError("Matrix.dotInto: out must not share its storage with a or b (it is overwritten while they are read)");
    }
    matmul(a.data, b.data, out.data, a.rows, a.cols, b.cols);
    return out;
  }

  /** The shape as `[rows, cols]`, e.g. `[2, 3]` — a new array each time. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** Number of entries, `rows × cols`. */
  get size(): number {
    return this.data.length;
  }

  /**
   * The entry at row `i`, column `j` (both counted from 0).
   *
   * @throws RangeError if `i` or `j` is outside the matrix
   */
  get(i: number, j: number): number {
    this.checkIndex("get", i, j);
    return this.data[i * this.cols + j];
  }

  /**
   * Sets the entry at row `i`, column `j` to `value` (in place) and returns this matrix.
   *
   * @throws RangeError if `i` or `j` is outside the matrix, or `value` is NaN or infinite
   */
  set(i: number, j: number, value: number): this {
    this.checkIndex("set", i, j);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(`Matrix.set: expected a finite number, got ${describe(value)} for [${i}][${j}]`);
    }
    this.data[i * this.cols + j] = value;
    return this;
  }

  /** Row `i` as a plain array (a copy). */
  row(i: number): number[] {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new RangeError(`Matrix.row: row ${String(i)} is outside a ${this.shapeText()} matrix`);
    }
    return Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
  }

  /** Column `j` as a plain array (a copy). */
  column(j: number): number[] {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new RangeError(`Matrix.column: column ${String(j)} is outside a ${this.shapeText()} matrix`);
    }
    const out: number[] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  /** The matrix as nested plain arrays, one per row (a copy). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  /**
   * Rows `start` up to (not including) `end` as a new matrix, like `Array.prototype.slice`
   * without negative indices — e.g. `X.sliceRows(0, 5)` for the first five samples, or a
   * mini-batch `X.sliceRows(i, i + 32)`. `end` is clamped to the number of rows.
   *
   * @throws RangeError if `start` or `end` is not a whole number ≥ 0, or `start > end`
   */
  sliceRows(start: number, end: number = this.rows): Matrix {
    requireWholeNumber("Matrix.sliceRows", "start", start);
    requireWholeNumber("Matrix.sliceRows", "end", end);
    const stop = Math.min(end, this.rows);
    if (start > stop) {
      throw new RangeError(`Matrix.sliceRows: expected start ≤ end, got start ${start} and end ${stop} for a ${this.shapeText()} matrix`);
    }
    return new Matrix(stop - start, this.cols, this.data.slice(start * this.cols, stop * this.cols));
  }

  /** An independent copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * The matrix product `this · other`: entry `[i][j]` is row `i` of this matrix dotted with
   * column `j` of `other`. A `n×k` matrix times a `k×m` matrix is `n×m`.
   *
   * @throws RangeError naming both shapes when the inner sizes differ, e.g.
   *   `Matrix.dot: cannot multiply 2×3 by 4×2 (inner sizes 3 and 4 differ)`
   */
  dot(other: Matrix): Matrix {
    requireMatrix("Matrix.dot", "the argument", other);
    if (this.cols !== other.rows) {
      throw new RangeError(
        `Matrix.dot: cannot multiply ${this.shapeText()} by ${other.shapeText()} ` +
          `(inner sizes ${this.cols} and ${other.rows} differ)`,
      );
    }
    return Matrix.dotInto(this, other, new Matrix(this.rows, other.cols));
  }

  /** The transpose: rows become columns, so a `r×c` matrix becomes `c×r`. */
  transpose(): Matrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        out[j * rows + i] = data[i * cols + j];
      }
    }
    return new Matrix(cols, rows, out);
  }

  /**
   * Adds the row vector `v` to every row ("broadcasting") — how a layer adds its biases to
   * every sample of a batch. `v` is a `1×cols` matrix or an array of `cols` numbers.
   *
   * @throws RangeError if `v` does not have one value per column
   */
  addRowVector(v: Matrix | readonly number[]): Matrix {
    const values = this.rowVectorValues("addRowVector", v);
    const { rows, cols, data } = this;
    const out = new Float64Array(data.length);
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      for (let j = 0; j < cols; j++) out[off + j] = data[off + j] + values[j];
    }
    return new Matrix(rows, cols, out);
  }

  /** Applies `f` to every entry; `f` also receives the entry's row and column. */
  map(f: (value: number, i: number, j: number) => number): Matrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(data.length);
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      for (let j = 0; j < cols; j++) out[off + j] = f(data[off + j], i, j);
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * Element-wise sum with a matrix of the same shape, or adds a number to every entry.
   *
   * @throws RangeError if the shapes differ
   */
  add(other: Matrix | number): Matrix {
    return this.elementWise("add", other, (x, y) => x + y);
  }

  /**
   * Element-wise difference with a matrix of the same shape, or subtracts a number from every entry.
   *
   * @throws RangeError if the shapes differ
   */
  sub(other: Matrix | number): Matrix {
    return this.elementWise("sub", other, (x, y) => x - y);
  }

  /**
   * Element-wise (Hadamard) product with a matrix of the same shape, or multiplies every
   * entry by a number. Not the matrix product — that is {@link Matrix.dot}.
   *
   * @throws RangeError if the shapes differ
   */
  mul(other: Matrix | number): Matrix {
    return this.elementWise("mul", other, (x, y) => x * y);
  }

  /**
   * Element-wise quotient with a matrix of the same shape, or divides every entry by a number.
   *
   * @throws RangeError if the shapes differ
   */
  div(other: Matrix | number): Matrix {
    return this.elementWise("div", other, (x, y) => x / y);
  }

  /**
   * Every entry multiplied by the number `k`.
   *
   * @throws TypeError if `k` is not a number; RangeError if it is NaN or infinite
   */
  scale(k: number): Matrix {
    requireFiniteNumber("Matrix.scale", "k", k);
    const src = this.data;
    const out = new Float64Array(src.length);
    for (let p = 0; p < src.length; p++) out[p] = src[p] * k;
    return new Matrix(this.rows, this.cols, out);
  }

  /** The sum of every row, as an `rows×1` column. */
  rowSums(): Matrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += data[i * cols + j];
      out[i] = s;
    }
    return new Matrix(rows, 1, out);
  }

  /**
   * The largest entry of every row, as an `rows×1` column.
   *
   * @throws RangeError if the matrix has no columns (an empty row has no maximum)
   */
  rowMax(): Matrix {
    const { rows, cols, data } = this;
    this.requireColumns("rowMax");
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let m = data[i * cols];
      for (let j = 1; j < cols; j++) m = Math.max(m, data[i * cols + j]);
      out[i] = m;
    }
    return new Matrix(rows, 1, out);
  }

  /**
   * For every row, the column of its largest entry (the first one on a tie) — e.g. the class
   * a network predicts for each sample.
   *
   * @throws RangeError if the matrix has no columns, or holds NaN (a NaN row has no largest entry)
   */
  rowArgmax(): number[] {
    const { rows, cols, data } = this;
    this.requireColumns("rowArgmax");
    const out: number[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      let m = data[i * cols];
      for (let j = 1; j < cols; j++) {
        const v = data[i * cols + j];
        if (v > m) {
          m = v;
          best = j;
        } else if (v !== v) {
          m = v; // NaN: reported below
          break;
        }
      }
      // NaN compares false with everything: without this, a NaN row would quietly answer 0.
      if (m !== m) {
        const j = this.row(i).findIndex(Number.isNaN);
        throw new RangeError(`Matrix.rowArgmax: row ${i} holds NaN at column ${j}, so it has no largest entry`);
      }
      out[i] = best;
    }
    return out;
  }

  /** The sum of every column, as a `1×cols` row — e.g. a bias gradient summed over a batch. */
  columnSums(): Matrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      for (let j = 0; j < cols; j++) out[j] += data[off + j];
    }
    return new Matrix(1, cols, out);
  }

  /** The sum of all entries. */
  sum(): number {
    let s = 0;
    for (let p = 0; p < this.data.length; p++) s += this.data[p];
    return s;
  }

  /**
   * The mean of all entries.
   *
   * @throws RangeError if the matrix is empty
   */
  mean(): number {
    if (this.data.length === 0) {
      throw new RangeError(`Matrix.mean: a ${this.shapeText()} matrix has no entries to average`);
    }
    return this.sum() / this.data.length;
  }

  /** True if `other` has the same shape and every entry is within `tolerance` of this one's. */
  equals(other: Matrix, tolerance = 0): boolean {
    if (!(other instanceof Matrix) || other.rows !== this.rows || other.cols !== this.cols) return false;
    for (let p = 0; p < this.data.length; p++) {
      const x = this.data[p];
      const y = other.data[p];
      if (x !== y && !(Math.abs(x - y) <= tolerance)) return false;
    }
    return true;
  }

  /**
   * Readable rows, e.g. for `Matrix.from([[1, 2.5], [-3, 4]])`:
   * ```text
   * Matrix 2×2
   * [[ 1, 2.5],
   *  [-3,   4]]
   * ```
   * Numbers are shown with up to 6 significant digits; long matrices show their first and last
   * rows and columns with `…` in between.
   */
  toString(): string {
    const { rows, cols } = this;
    const header = `Matrix ${this.shapeText()}`;
    if (rows === 0 || cols === 0) return `${header}\n[]`;
    const maxRows = 10;
    const maxCols = 8;
    const rowIdx = pickIndices(rows, maxRows);
    const colIdx = pickIndices(cols, maxCols);
    const shown = rowIdx.flatMap((i) => colIdx.map((j) => (i < 0 || j < 0 ? 0 : this.data[i * cols + j])));
    // Like NumPy: when some entries are tiny or huge, print them all in exponent form, so a
    // column never mixes 0.00000134466 with -8.33081e-8.
    const exponents = shown.some((x) => Number.isFinite(x) && x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e15));
    const cells: string[][] = rowIdx.map((i) =>
      colIdx.map((j) => (i < 0 || j < 0 ? "…" : formatNumber(this.data[i * cols + j], exponents))),
    );
    const widths = colIdx.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
    const lines = cells.map((r, k) => {
      const body = r.map((cell, c) => cell.padStart(widths[c])).join(", ");
      const open = k === 0 ? "[[" : " [";
      const close = k === cells.length - 1 ? "]]" : "],";
      return `${open}${body}${close}`;
    });
    return `${header}\n${lines.join("\n")}`;
  }

  /** What `console.log(matrix)` and a notebook cell show: the same text as {@link Matrix.toString}. */
  [inspectSymbol](): string {
    return this.toString();
  }

  private shapeText(): string {
    return shapeText(this.rows, this.cols);
  }

  private checkIndex(op: string, i: number, j: number): void {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(
        `Matrix.${op}: index [${String(i)}][${String(j)}] is outside a ${this.shapeText()} matrix ` +
          `(rows 0…${this.rows - 1}, columns 0…${this.cols - 1})`,
      );
    }
  }

  private requireColumns(op: string): void {
    if (this.cols === 0) {
      throw new RangeError(`Matrix.${op}: a ${this.shapeText()} matrix has empty rows`);
    }
  }

  private rowVectorValues(op: string, v: Matrix | readonly number[]): ArrayLike<number> {
    if (v instanceof Matrix) {
      if (v.rows !== 1 || v.cols !== this.cols) {
        throw new RangeError(
          `Matrix.${op}: cannot broadcast a ${v.shapeText()} matrix over the rows of a ${this.shapeText()} matrix ` +
            `(expected a 1×${this.cols} row vector)`,
        );
      }
      return v.data;
    }
    if (!Array.isArray(v)) {
      throw new TypeError(`Matrix.${op}: expected a 1×${this.cols} Matrix or an array of numbers, got ${describe(v)}`);
    }
    if (v.length !== this.cols) {
      throw new RangeError(
        `Matrix.${op}: cannot broadcast a row of ${v.length} values over the rows of a ${this.shapeText()} matrix ` +
          `(expected ${this.cols} values)`,
      );
    }
    return v;
  }

  private elementWise(op: string, other: Matrix | number, f: (x: number, y: number) => number): Matrix {
    const a = this.data;
    const out = new Float64Array(a.length);
    if (typeof other === "number") {
      requireFiniteNumber(`Matrix.${op}`, "other", other);
      for (let p = 0; p < a.length; p++) out[p] = f(a[p], other);
    } else {
      requireMatrix(`Matrix.${op}`, "the argument", other, " or a number");
      if (other.rows !== this.rows || other.cols !== this.cols) {
        throw new RangeError(
          `Matrix.${op}: shapes ${this.shapeText()} and ${other.shapeText()} differ ` +
            `(element-wise operations need equal shapes; for a 1×n row use addRowVector)`,
        );
      }
      const b = other.data;
      for (let p = 0; p < a.length; p++) out[p] = f(a[p], b[p]);
    }
    return new Matrix(this.rows, this.cols, out);
  }
}


/** True if two typed arrays share at least one byte of memory. */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  if (x.buffer !== y.buffer || x.length === 0 || y.length === 0) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}


/** A Float64Array copy of a plain array of finite numbers. */
function finiteCopy(where: string, values: readonly number[]): Float64Array {
  requireFiniteArray(where, "", values);
  return Float64Array.from(values);
}


/** Which indices to show when printing `n` items, at most `max`, with -1 marking the gap. */
function pickIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [
    ...Array.from({ length: head }, (_, i) => i),
    -1,
    ...Array.from({ length: tail }, (_, i) => n - tail + i),
  ];
}

function formatNumber(x: number, exponent = false): string {
  if (!Number.isFinite(x)) return String(x);
  if (exponent) return x === 0 ? "0" : x.toExponential(4);
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}
