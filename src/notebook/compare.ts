/**
 * Comparing what a cell computed with what it should be: numbers within a tolerance,
 * arrays and matrices element by element, with a message that says exactly what differs.
 */

/** A value `check` can compare: a number (or string/boolean), an array of them, or a matrix-like object. */
export type Checkable =
  | number
  | string
  | boolean
  | readonly Checkable[]
  | ArrayLike<number>
  | { toArray(): unknown };

/** How close is close enough: `|actual − expected| ≤ tolerance + relativeTolerance · |expected|`. */
export interface CheckOptions {
  /** Absolute tolerance (default `1e-9`). */
  tolerance?: number;
  /** Relative tolerance (default `1e-9`). */
  relativeTolerance?: number;
}

/** The outcome of {@link compare}. */
export interface Comparison {
  ok: boolean;
  /** Empty when `ok`; otherwise what differs, e.g. `at [1] expected 0.5, got 0.7 (off by 0.2)`. */
  reason: string;
}

/** Turns a matrix-like or typed array into plain nested arrays; leaves everything else alone. */
export function toPlain(value: unknown): unknown {
  if (value !== null && typeof value === "object") {
    const maybe = value as { toArray?: unknown };
    if (typeof maybe.toArray === "function") return toPlain((maybe.toArray as () => unknown).call(value));
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return Array.from(value as unknown as ArrayLike<number>);
    }
    if (Array.isArray(value)) return value.map(toPlain);
  }
  return value;
}

/** Short, readable text of a value: full precision for numbers, `[…]` for long arrays. */
export function formatValue(value: unknown, maxItems = 8): string {
  const plain = toPlain(value);
  if (Array.isArray(plain)) {
    const shown = plain.slice(0, maxItems).map((v) => formatValue(v, maxItems));
    if (plain.length > maxItems) shown.push(`… ${plain.length - maxItems} more`);
    return `[${shown.join(", ")}]`;
  }
  if (typeof plain === "string") return JSON.stringify(plain);
  if (typeof plain === "symbol") return plain.description ?? "symbol";
  return String(plain);
}

/** The shape of nested arrays, e.g. `2×3`, or `scalar`. */
export function shapeOf(value: unknown): string {
  const dims: number[] = [];
  let v = toPlain(value);
  while (Array.isArray(v)) {
    dims.push(v.length);
    v = v[0];
  }
  return dims.length === 0 ? "scalar" : dims.join("×");
}

/**
 * Compares `actual` with `expected` — numbers within a tolerance, arrays and matrices
 * element by element (shapes must match), strings and booleans exactly.
 */
export function compare(actual: unknown, expected: unknown, options: CheckOptions = {}): Comparison {
  const atol = options.tolerance ?? 1e-9;
  const rtol = options.relativeTolerance ?? 1e-9;
  const a = toPlain(actual);
  const e = toPlain(expected);
  const reason = firstDifference(a, e, [], atol, rtol);
  return { ok: reason === "", reason };
}

function where(path: number[]): string {
  return path.length === 0 ? "" : `at ${path.map((i) => `[${i}]`).join("")} `;
}

function firstDifference(a: unknown, e: unknown, path: number[], atol: number, rtol: number): string {
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) {
      return `${where(path)}expected an array of shape ${shapeOf(e)}, got ${describeType(a)} ${formatValue(a)}`;
    }
    if (a.length !== e.length) {
      return path.length === 0
        ? `expected shape ${shapeOf(e)}, got shape ${shapeOf(a)}`
        : `${where(path)}expected ${e.length} items, got ${a.length}`;
    }
    for (let i = 0; i < e.length; i++) {
      const r = firstDifference(a[i], e[i], [...path, i], atol, rtol);
      if (r) return r;
    }
    return "";
  }
  if (typeof e === "number") {
    if (typeof a !== "number") return `${where(path)}expected a number, got ${describeType(a)} ${formatValue(a)}`;
    if (Number.isNaN(e) && Number.isNaN(a)) return "";
    if (a === e) return ""; // also covers equal infinities
    const diff = Math.abs(a - e);
    const allowed = atol + rtol * Math.abs(e);
    if (diff <= allowed) return "";
    return `${where(path)}expected ${formatValue(e)}, got ${formatValue(a)} (off by ${diff.toPrecision(3)}, tolerance ${allowed.toPrecision(3)})`;
  }
  if (a !== e) return `${where(path)}expected ${formatValue(e)}, got ${formatValue(a)}`;
  return "";
}

function describeType(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  return `a ${typeof v}`;
}
