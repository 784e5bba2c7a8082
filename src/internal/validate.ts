/**
 * The one home of the library's input checks (internal: not exported from the package).
 *
 * Every public function starts by calling these, once, with its own name as `where`, so every
 * message reads the same way: `<where>: expected <what>, got <what arrived>` — plus a fix when
 * there is an obvious one. Kinds of value that are wrong (a string for a number, an array for a
 * Matrix) are TypeErrors; values of the right kind but out of range (NaN, −1 rows) are RangeErrors.
 */
import { Matrix } from "../matrix.js";

/** A shape as every message writes it: `2×3`. */
export function shapeText(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}

/** A short description of an unexpected value, for messages: `null`, `"a"`, `an array of length 3`, `a 2×3 Matrix`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof Matrix) return `a ${shapeText(value.rows, value.cols)} Matrix`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `${typeof value} ${String(value)}`;
}

/** The usual mistake behind "expected a Matrix": passing the nested arrays themselves. */
function matrixHint(value: unknown): string {
  return Array.isArray(value) ? " — wrap nested arrays with Matrix.from(...)" : "";
}

/**
 * Throws a TypeError unless `value` is a {@link Matrix}: `<where>: expected <what> to be a Matrix, got …`.
 *
 * @param orElse - other accepted kinds, added to the message (e.g. `" or a number"`)
 */
export function requireMatrix(where: string, what: string, value: unknown, orElse = ""): asserts value is Matrix {
  if (!(value instanceof Matrix)) {
    throw new TypeError(`${where}: expected ${what} to be a Matrix${orElse}, got ${describe(value)}${matrixHint(value)}`);
  }
}

/**
 * Throws unless `value` is a Matrix of exactly `rows×cols`.
 *
 * @param what - the matrix's name in the message, or `""` when `where` names it (`Dense(4→3).weights`)
 */
export function requireShape(where: string, what: string, value: unknown, rows: number, cols: number): asserts value is Matrix {
  const expected = `${where}: expected ${what ? `${what} to be ` : ""}a ${shapeText(rows, cols)}`;
  if (!(value instanceof Matrix)) {
    throw new TypeError(`${expected} Matrix, got ${describe(value)}${matrixHint(value)}`);
  }
  if (value.rows !== rows || value.cols !== cols) {
    throw new RangeError(`${expected} matrix, got ${shapeText(value.rows, value.cols)}`);
  }
}

/** Throws a RangeError unless `n` is a whole number ≥ `min` (a size, a count, an index). */
export function requireWholeNumber(where: string, what: string, n: unknown, min = 0): asserts n is number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${where}: expected ${what} to be a whole number ≥ ${min}, got ${describe(n)}`);
  }
}

/**
 * Throws unless `x` is a finite number: a TypeError for another kind of value (`"a"`), a
 * RangeError for NaN or ±Infinity.
 */
export function requireFiniteNumber(where: string, what: string, x: unknown): asserts x is number {
  if (typeof x !== "number") {
    throw new TypeError(`${where}: expected ${what} to be a finite number, got ${describe(x)}`);
  }
  if (!Number.isFinite(x)) {
    throw new RangeError(`${where}: expected ${what} to be a finite number, got ${x}`);
  }
}

/**
 * Throws unless `values` is a plain array of finite numbers: a TypeError for another kind of
 * value, a RangeError naming the first entry that is not a finite number.
 *
 * @param what - the array's name in the message (`in inputs`), or `""` when `where` says it all
 */
export function requireFiniteArray(where: string, what: string, values: unknown): asserts values is readonly number[] {
  if (!Array.isArray(values)) {
    throw new TypeError(`${where}: expected ${what || "an array of numbers"}${what ? " to be an array of numbers" : ""}, got ${describe(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${where}: expected finite numbers${what ? ` in ${what}` : ""}, got ${describe(v)} at index ${i}`);
    }
  }
}

/**
 * The index of the first entry that is NaN or ±Infinity, or −1 if all are finite: one pass over
 * the array, the cheap part of every finiteness check (a matrix product touches each entry many times).
 */
export function firstNonFinite(data: Float64Array): number {
  // x · 0 is ±0 for every finite x and NaN for NaN and ±Infinity, so the sum stays 0 exactly when
  // all are finite. No branch per entry, four at a time: about twice as fast as testing each one.
  const n = data.length;
  let sum = 0;
  let p = 0;
  for (; p + 4 <= n; p += 4) sum += data[p] * 0 + data[p + 1] * 0 + (data[p + 2] * 0 + data[p + 3] * 0);
  for (; p < n; p++) sum += data[p] * 0;
  if (sum === 0) return -1;
  for (p = 0; p < n; p++) if (!Number.isFinite(data[p])) return p; // only on the error path
  return -1;
}

/**
 * The largest |entry|, or `Infinity` when an entry is NaN or ±Infinity: one pass that both checks
 * a matrix and bounds what a product with it can reach (so a larger result need not be scanned).
 */
export function maxAbsOrInfinity(data: Float64Array): number {
  let max = 0;
  let sum = 0; // stays 0 exactly when every entry is finite, as in firstNonFinite
  for (let p = 0; p < data.length; p++) {
    const v = data[p];
    sum += v * 0;
    const a = Math.abs(v);
    if (a > max) max = a;
  }
  return sum === 0 ? max : Infinity;
}

/**
 * Below this, a sum of products cannot overflow: `count · maxA · maxB < SAFE_BOUND` keeps even a
 * sum rounded up at every step (a factor `(1 + 2⁻⁵²)^count`) eight orders of magnitude under ±1.8e308.
 */
export const SAFE_BOUND = 1e300;

/** `[i][j]` of flat index `p` in a matrix with `cols` columns. */
export function entryText(p: number, cols: number): string {
  return `[${Math.floor(p / cols)}][${p % cols}]`;
}

/**
 * Throws a RangeError when a matrix arriving at `where` holds NaN or ±Infinity:
 * `ReLU.forward: expected finite inputs, got NaN at [1][0]`.
 */
export function requireFiniteMatrix(where: string, what: string, m: Matrix, hint = ""): void {
  const p = firstNonFinite(m.data);
  if (p >= 0) {
    throw new RangeError(`${where}: expected finite ${what}, got ${m.data[p]} at ${entryText(p, m.cols)}${hint}`);
  }
}

/**
 * Throws when a matrix a pass *computed* holds NaN or ±Infinity — numbers that were finite going
 * in but overflowed: `Dense(2→3).backward: dweights has a non-finite entry (Infinity) at [0][1] — …`.
 *
 * @param cause - what to say after the dash: the likely reason and a fix (a function is only
 *   called when there is an error, so a diagnosis costs nothing on the normal path)
 */
export function requireFiniteResult(where: string, what: string, m: Matrix, cause: string | (() => string)): void {
  const p = firstNonFinite(m.data);
  if (p >= 0) {
    const why = typeof cause === "function" ? cause() : cause;
    throw new RangeError(`${where}: ${what} has a non-finite entry (${m.data[p]}) at ${entryText(p, m.cols)} — ${why}`);
  }
}

/**
 * Checks that `m` holds probabilities, row by row: every entry finite and in [0, 1], and each
 * row summing to 1 within `1e-6 · cols` (rounding; more while a numeric gradient nudges an
 * entry, see {@link whileNudging}). Raw scores, a missing softmax or a hand-made row that does
 * not add up get a message that says what was found.
 */
export function requireProbabilities(where: string, what: string, m: Matrix, hint = "did you forget Softmax?"): void {
  const { rows, cols, data } = m;
  const allowed = 1e-6 * cols + nudge;
  const low = -nudge;
  const high = 1 + nudge;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[off + j];
      if (!Number.isFinite(v)) {
        throw new RangeError(`${where}: expected finite ${what}, got ${v} at [${i}][${j}]`);
      }
      if (!(v >= low && v <= high)) {
        throw new RangeError(
          `${where}: expected ${what} to be probabilities (each row ≥ 0, summing to 1), got ${v} at [${i}][${j}]; ${hint}`,
        );
      }
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= allowed)) {
      throw new RangeError(
        `${where}: expected ${what} to be probabilities (each row ≥ 0, summing to 1), got a row summing to ` +
          `${Number(sum.toPrecision(6))} at row ${i}; ${hint}`,
      );
    }
  }
}

/**
 * How far a probability row may stray from summing to 1 beyond rounding: nonzero only while a
 * numeric gradient nudges one entry by ±h (see {@link whileNudging}) — the loss is then evaluated a
 * step `h` off the probability simplex, on purpose.
 */
let nudge = 0;

/**
 * Runs `f` while a numeric gradient moves one entry by ±`h`, letting probability checks accept
 * rows that sum to 1 ± h. Restores the previous allowance even if `f` throws.
 */
export function whileNudging<T>(h: number, f: () => T): T {
  const before = nudge;
  nudge = Math.max(before, Math.abs(h));
  try {
    return f();
  } finally {
    nudge = before;
  }
}

/**
 * Checks an options argument: `undefined` becomes `{}`; anything but a plain object (null, a
 * number, an array) is a TypeError showing `example`; a key not in `known` — a misspelt option —
 * is a RangeError listing the known ones.
 */
export function requireOptions(where: string, options: unknown, known: readonly string[], example: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options) || options instanceof Matrix) {
    throw new TypeError(`${where}: expected an options object such as ${example}, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new RangeError(`${where}: unknown option "${key}"; the options are ${known.join(", ")}`);
    }
  }
  return options as Record<string, unknown>;
}

/**
 * The most entries a Float64Array can hold in V8 (Node, tslab): 2^32. Asking for more fails with
 * V8's own `Invalid typed array length`, which names no function; checking first lets us say who asked.
 */
export const MAX_ENTRIES = 2 ** 32;

/** A zero-filled `rows×cols` array, or an error naming `where` when it is too large to make. */
export function allocate(where: string, rows: number, cols: number): Float64Array {
  const n = rows * cols;
  if (n > MAX_ENTRIES) {
    throw new RangeError(
      `${where}: ${shapeText(rows, cols)} = ${countText(n)} entries is more than a Float64Array can hold (max ${countText(MAX_ENTRIES)})`,
    );
  }
  try {
    return new Float64Array(n);
  } catch (error) {
    throw new RangeError(
      `${where}: could not allocate a ${shapeText(rows, cols)} matrix (${countText(n)} entries, ${countText(n * 8)} bytes): ${(error as Error).message}`,
    );
  }
}

/** `1e10` for large counts, plain digits below a million. */
function countText(n: number): string {
  return n < 1e6 ? String(n) : n.toExponential().replace("e+", "e");
}
