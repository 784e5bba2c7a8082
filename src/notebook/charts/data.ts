/**
 * Turning the data a reader passes (arrays, typed arrays, matrices) into the plain arrays of
 * finite numbers a figure holds — with an error that names the value when something is off.
 */
import { fail } from "./errors.js";
import type { Rows } from "./figure.js";

/** A short description of a value for error messages: `NaN`, `the string "a"`, `an object`. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + "…" : value)}`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "function") return "a function";
  return `${typeof value === "object" ? "an object" : `a ${typeof value}`}`;
}

/** True for arrays and typed arrays (not for DataView). */
export function isNumberList(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Copies `values` into a plain `number[]`, checking every element is a finite number.
 * `label` names the list in errors, e.g. `trace "loss" y` → `trace "loss" y[12] is NaN, …`.
 */
export function finiteNumbers(where: string, label: string, values: unknown): number[] {
  if (!isNumberList(values)) fail(where, `${label} must be an array of numbers, got ${describeValue(values)}`);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      fail(where, `${label}[${i}] is ${describeValue(v)}, expected a finite number`);
    }
    out[i] = v;
  }
  return out;
}

/** True if `value` has a `toArray()` method (the course's `Matrix` does). */
export function isMatrixLike(value: unknown): value is { toArray(): unknown } {
  return typeof value === "object" && value !== null && typeof (value as { toArray?: unknown }).toArray === "function";
}

/**
 * Rows of finite numbers from `number[][]`, an array of typed arrays or a matrix with
 * `toArray()`. Rows may differ in length; callers that need a rectangle check it.
 */
export function toRows(where: string, label: string, input: Rows | unknown): number[][] {
  const rows: unknown = isMatrixLike(input) ? input.toArray() : input;
  if (!Array.isArray(rows)) {
    fail(where, `${label} must be rows of numbers (number[][]) or a matrix with toArray(), got ${describeValue(rows)}`);
  }
  return rows.map((row: unknown, i) => {
    if (!isNumberList(row)) {
      const hint = typeof row === "number" ? " (a flat list of numbers: pass rows, e.g. [[1, 2], [3, 4]])" : "";
      fail(where, `${label}[${i}] is ${describeValue(row)}, expected a row of numbers${hint}`);
    }
    return finiteNumbers(where, `${label}[${i}]`, row);
  });
}

/** `1 point`, `200 points`. */
export function plural(count: number, noun: string, nouns = noun + "s"): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
