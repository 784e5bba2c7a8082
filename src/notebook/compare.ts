/**
 * Comparing what a cell computed with what it should be: numbers within a tolerance, arrays,
 * matrices and objects element by element or key by key, with a message that says exactly
 * what differs and where (`at [2]`, `at .weights[1][0]`).
 */
import { describeError, Fn, pathText, readValue, Rec } from "./read.js";

/** A value `check` can compare: a number (or string/boolean), an array of them, a matrix-like or plain object. */
export type Checkable =
  | number
  | string
  | boolean
  | readonly Checkable[]
  | ArrayLike<number>
  | { toArray(): unknown }
  | { readonly [key: string]: Checkable };

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

/** The tolerances of {@link CheckOptions}, checked. */
export interface Tolerances {
  atol: number;
  rtol: number;
}

const OPTION_NAMES = ["tolerance", "relativeTolerance"] as const;

/**
 * Checks `options` (see {@link CheckOptions}) and returns the tolerances.
 *
 * @param where - the function name that starts each error message, e.g. `"check"`
 * @throws TypeError for options that are not an object, an unknown key, or a tolerance that is not a number
 * @throws RangeError for a tolerance that is negative, NaN or infinite
 */
export function tolerances(where: string, options: unknown): Tolerances {
  const out: Tolerances = { atol: 1e-9, rtol: 1e-9 };
  if (options === undefined) return out;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object like { tolerance: 1e-6 }, got ${formatValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(key)} (the options are ${OPTION_NAMES.join(" and ")})`);
    }
  }
  for (const name of OPTION_NAMES) {
    const value: unknown = (options as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value !== "number") {
      throw new TypeError(`${where}: options.${name} must be a number ≥ 0, got ${describeValue(readSafely(value))}`);
    }
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${where}: options.${name} must be a finite number ≥ 0, got ${value}`);
    if (name === "tolerance") out.atol = value;
    else out.rtol = value;
  }
  return out;
}

/** Turns a matrix-like or typed array into plain nested arrays; leaves everything else alone. */
export function toPlain(value: unknown): unknown {
  return toPlainIn(value, new Set());
}

function toPlainIn(value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (ancestors.has(value)) throw new TypeError("toPlain: the value contains itself (a cycle)");
  ancestors.add(value);
  try {
    const maybe = value as { toArray?: unknown };
    if (typeof maybe.toArray === "function") return toPlainIn((maybe.toArray as () => unknown).call(value), ancestors);
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
    if (Array.isArray(value)) return value.map((v) => toPlainIn(v, ancestors));
    return value;
  } finally {
    ancestors.delete(value);
  }
}

/** Stands for a value that could not be read, in printing. */
class Unreadable {
  constructor(readonly message: string) {}
}

/** Reads a value for printing; never throws. */
function readSafely(value: unknown): unknown {
  try {
    return readValue(value);
  } catch (error) {
    return new Unreadable(error instanceof Error ? error.message : describeError(error));
  }
}

/** Short, readable text of a value: full precision for numbers, `[…]` for long arrays, `{ key: value }` for objects. */
export function formatValue(value: unknown, maxItems = 8): string {
  return formatPlain(readSafely(value), maxItems);
}

/** {@link formatValue} of a value already read by `readValue`. */
export function formatPlain(plain: unknown, maxItems = 8): string {
  if (Array.isArray(plain)) {
    const shown = plain.slice(0, maxItems).map((v) => formatPlain(v, maxItems));
    if (plain.length > maxItems) shown.push(`… ${plain.length - maxItems} more`);
    return `[${shown.join(", ")}]`;
  }
  if (plain instanceof Rec) {
    const keys = [...plain.entries.keys()];
    const shown = keys.slice(0, maxItems).map((k) => `${pathText([k]).replace(/^\./, "")}: ${formatPlain(plain.entries.get(k), maxItems)}`);
    if (keys.length > maxItems) shown.push(`… ${keys.length - maxItems} more`);
    const body = shown.length === 0 ? "{}" : `{ ${shown.join(", ")} }`;
    return plain.className === undefined ? body : `${plain.className} ${body}`;
  }
  if (plain instanceof Fn) return plain.name ? `[function ${plain.name}]` : "[function]";
  if (plain instanceof Unreadable) return `(a value that could not be read: ${plain.message})`;
  if (typeof plain === "string") return JSON.stringify(plain);
  if (typeof plain === "symbol") return plain.toString();
  if (typeof plain === "bigint") return `${plain}n`;
  return String(plain);
}

/** `a number 5`, `an array [1, 2]`, `undefined`, `a Promise (await it first)`, for "got …" in messages. */
function describeValue(plain: unknown): string {
  if (plain === undefined || plain === null) return String(plain);
  if (Array.isArray(plain)) return `an array ${formatPlain(plain)}`;
  if (plain instanceof Fn) return `a function ${formatPlain(plain)}`;
  if (plain instanceof Unreadable) return formatPlain(plain);
  if (plain instanceof Rec) {
    if (plain.className === "Promise") return "a Promise (await it first)";
    return `an object ${formatPlain(plain)}`;
  }
  return `a ${typeof plain} ${formatPlain(plain)}`;
}

/**
 * The shape of nested arrays: `2×3`, `scalar`, or for rows of different lengths
 * `2×(3, 1) ragged`.
 */
export function shapeOf(value: unknown): string {
  return shapeOfPlain(readSafely(value));
}

function shapeOfPlain(plain: unknown): string {
  if (!Array.isArray(plain)) return "scalar";
  const inner = plain.map(shapeOfPlain);
  if (inner.length === 0 || inner[0] === "scalar" && inner.every((s) => s === "scalar")) return `${plain.length}`;
  if (inner.every((s) => s === inner[0]) && !inner[0].endsWith("ragged")) return `${plain.length}×${inner[0]}`;
  const parts = inner.slice(0, 8).map((s) => (s === "scalar" ? "a number" : s.replace(/ ragged$/, "")));
  if (inner.length > 8) parts.push("…");
  return `${plain.length}×(${parts.join(", ")}) ragged`;
}

/**
 * Compares `actual` with `expected` — numbers within a tolerance (NaN matches only NaN, an
 * infinity only the same infinity), arrays and matrices element by element (shapes must
 * match), plain objects key by key, strings and booleans exactly.
 *
 * @throws TypeError / RangeError for bad `options` (see {@link CheckOptions}), or an `expected` value that cannot be read
 */
export function compare(actual: unknown, expected: unknown, options?: CheckOptions): Comparison {
  const tol = tolerances("compare", options);
  const e = readExpected("compare", expected);
  let a: unknown;
  try {
    a = readValue(actual);
  } catch (error) {
    return { ok: false, reason: `could not read the value: ${(error as Error).message}` };
  }
  return comparePlain(a, e, tol);
}

/** Reads the value a check expects; that one is the author's, so failing to read it is an error. */
export function readExpected(where: string, expected: unknown): unknown {
  try {
    return readValue(expected);
  } catch (error) {
    throw new TypeError(`${where}: could not read the expected value: ${(error as Error).message}`);
  }
}

/** {@link compare} of two values already read by `readValue`. */
export function comparePlain(a: unknown, e: unknown, tol: Tolerances): Comparison {
  const reason = firstDifference(a, e, [], tol);
  return { ok: reason === "", reason };
}

function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? "" : `at ${pathText(path)} `;
}

function items(n: number): string {
  return `${n} ${n === 1 ? "item" : "items"}`;
}

function firstDifference(a: unknown, e: unknown, path: (string | number)[], tol: Tolerances): string {
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return `${where(path)}expected an array of shape ${shapeOfPlain(e)}, got ${describeValue(a)}`;
    if (a.length !== e.length) {
      return path.length === 0
        ? `expected shape ${shapeOfPlain(e)}, got shape ${shapeOfPlain(a)}`
        : `${where(path)}expected ${items(e.length)}, got ${a.length}`;
    }
    for (let i = 0; i < e.length; i++) {
      const r = firstDifference(a[i], e[i], [...path, i], tol);
      if (r) return r;
    }
    return "";
  }
  if (e instanceof Rec) {
    if (!(a instanceof Rec)) return `${where(path)}expected an object ${formatPlain(e)}, got ${describeValue(a)}`;
    for (const [key, value] of e.entries) {
      if (!a.entries.has(key)) return `${where([...path, key])}expected ${formatPlain(value)}, got nothing (no key ${JSON.stringify(key)})`;
      const r = firstDifference(a.entries.get(key), value, [...path, key], tol);
      if (r) return r;
    }
    for (const [key, value] of a.entries) {
      if (!e.entries.has(key)) return `${where([...path, key])}expected no such key, got ${formatPlain(value)}`;
    }
    return "";
  }
  if (typeof e === "number") {
    if (typeof a !== "number") return `${where(path)}expected a number, got ${describeValue(a)}`;
    if (Number.isNaN(e) || Number.isNaN(a) || !Number.isFinite(e) || !Number.isFinite(a)) {
      // no tolerance reaches across NaN or an infinity: Infinity − 0 ≤ rtol·Infinity would pass anything
      if (a === e || (Number.isNaN(a) && Number.isNaN(e))) return "";
      return `${where(path)}expected ${formatPlain(e)}, got ${formatPlain(a)}`;
    }
    if (a === e) return "";
    const diff = Math.abs(a - e);
    const allowed = tol.atol + tol.rtol * Math.abs(e);
    if (diff <= allowed) return "";
    return `${where(path)}expected ${formatPlain(e)}, got ${formatPlain(a)} (off by ${diff.toPrecision(3)}, tolerance ${allowed.toPrecision(3)})`;
  }
  if (e instanceof Fn) {
    if (a instanceof Fn && a.fn === e.fn) return "";
    return `${where(path)}expected ${formatPlain(e)}, got ${describeValue(a)}`;
  }
  if (a !== e) return `${where(path)}expected ${formatPlain(e)}, got ${formatPlain(a)}`;
  return "";
}
