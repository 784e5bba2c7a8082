/**
 * Checks and exercises for the notebooks.
 *
 * - `check` is for the body of a chapter: it prints `✓ label: value` when the value is right
 *   and throws when it is not, so a broken chapter stops where it breaks.
 * - `exercise` is for the reader's own answers: it never stops the notebook. It says
 *   "not solved yet" while the answer is still {@link TODO}, "correct" once it is right,
 *   and "not quite: …" with what differs otherwise.
 */
import { comparePlain, formatPlain, readExpected, tolerances, type CheckOptions, type Tolerances } from "./compare.js";
import { describeError, ReadError, readValue, Rec } from "./read.js";

/** Thrown by {@link check} when a value is not what the chapter expects. */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckError";
  }
}

const todoMarker: unique symbol = Symbol.for("nn-from-scratch.TODO");

/**
 * The placeholder for an exercise answer the reader has not written yet.
 * It is typed `never`, so `return TODO;` compiles wherever an answer of any type is expected.
 */
export const TODO = todoMarker as never;

/** True if `value` is {@link TODO}, or an array or object that still holds one. Never throws. */
export function isTodo(value: unknown): boolean {
  try {
    return holdsTodo(readValue(value));
  } catch {
    return false;
  }
}

function holdsTodo(plain: unknown): boolean {
  if (plain === todoMarker) return true;
  if (Array.isArray(plain)) return plain.some(holdsTodo);
  if (plain instanceof Rec) return [...plain.entries.values()].some(holdsTodo);
  return false;
}

/**
 * Compares `actual` with `expected` (numbers within a tolerance; arrays and matrices element
 * by element) and prints `✓ label: actual`. If they differ it throws a {@link CheckError} that
 * says what differs, e.g. `✗ output: expected 2.3, got 2.4 (off by 0.1, tolerance 1e-9)`.
 *
 * @example
 * ```ts
 * check("neuron output", neuron([1, 2, 3], [0.2, 0.8, -0.5], 2), 2.3);
 * // ✓ neuron output: 2.3000000000000003
 * ```
 */
export function check(label: string, actual: unknown, expected: unknown, options?: CheckOptions): void {
  if (typeof label !== "string") throw new TypeError(`check: the label must be a string, got ${typeof label}`);
  const tol = tolerances("check", options);
  const e = readExpected("check", expected);
  let a: unknown;
  try {
    a = readValue(actual);
  } catch (error) {
    throw new CheckError(`✗ ${label}: could not read the value: ${(error as Error).message}`);
  }
  const result = comparePlain(a, e, tol);
  if (!result.ok) throw new CheckError(`✗ ${label}: ${result.reason}`);
  console.log(`✓ ${label}: ${formatPlain(a)}`);
}

/**
 * What {@link exercise} concluded. `"cannot check"` is the chapter's fault, not the reader's:
 * bad options, or an expected value that cannot be read.
 */
export type ExerciseStatus = "correct" | "not quite" | "not solved yet" | "cannot check";

/**
 * Checks a reader's answer without ever stopping the notebook: whatever the answer (a getter
 * that throws, a structure that contains itself, a Proxy, a symbol), it prints a verdict.
 *
 * @param label - names the exercise, e.g. `"Exercise 1.1"`
 * @param answer - the reader's value, or a function that computes it (its errors are caught)
 * @param expected - the right answer
 * @param options - tolerances; bad options are printed as "cannot check", not thrown
 * @returns nothing: it prints the verdict (see {@link exerciseStatus} for the verdict as a value)
 *
 * @example
 * ```ts
 * const myAnswer: number = TODO;            // the reader replaces TODO
 * exercise("Exercise 1.1", myAnswer, 4.8);  // ○ Exercise 1.1: not solved yet …
 * ```
 */
export function exercise<T>(label: string, answer: T | (() => T), expected: unknown, options?: CheckOptions): void {
  const name = typeof label === "string" ? label : describeError(label);
  const { status, detail } = exerciseStatus(answer, expected, options);
  if (status === "correct") console.log(`✓ ${name}: correct — ${detail}`);
  else if (status === "not solved yet") console.log(`○ ${name}: not solved yet — replace TODO with your answer and run the cell again`);
  else if (status === "cannot check") console.log(`✗ ${name}: cannot check this exercise: ${detail}`);
  else console.log(`✗ ${name}: not quite: ${detail}`);
}

/** The verdict {@link exercise} prints, as a value: the status and what it saw or what differs. Never throws. */
export function exerciseStatus<T>(
  answer: T | (() => T),
  expected: unknown,
  options?: CheckOptions,
): { status: ExerciseStatus; detail: string } {
  let tol: Tolerances;
  let e: unknown;
  try {
    tol = tolerances("exercise", options);
    e = readExpected("exercise", expected);
  } catch (error) {
    return { status: "cannot check", detail: error instanceof Error ? error.message : describeError(error) };
  }
  let value: unknown;
  try {
    value = typeof answer === "function" ? (answer as () => T)() : answer;
  } catch (error) {
    if (isTodo(error)) return { status: "not solved yet", detail: "" };
    return { status: "not quite", detail: `your code threw ${describeError(error)}` };
  }
  let a: unknown;
  try {
    a = readValue(value);
  } catch (error) {
    const message = error instanceof ReadError ? error.message : describeError(error);
    return { status: "not quite", detail: `could not read your answer: ${message}` };
  }
  if (holdsTodo(a)) return { status: "not solved yet", detail: "" };
  const result = comparePlain(a, e, tol);
  return result.ok ? { status: "correct", detail: formatPlain(a) } : { status: "not quite", detail: result.reason };
}
