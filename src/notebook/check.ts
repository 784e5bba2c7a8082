/**
 * Checks and exercises for the notebooks.
 *
 * - `check` is for the body of a chapter: it prints `✓ label: value` when the value is right
 *   and throws when it is not, so a broken chapter stops where it breaks.
 * - `exercise` is for the reader's own answers: it never stops the notebook. It says
 *   "not solved yet" while the answer is still {@link TODO}, "correct" once it is right,
 *   and "not quite: …" with what differs otherwise.
 */
import { compare, formatValue, type CheckOptions } from "./compare.js";

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

/** True if `value` is {@link TODO} or an array that still holds one. */
export function isTodo(value: unknown): boolean {
  if (value === todoMarker) return true;
  if (Array.isArray(value)) return value.some(isTodo);
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
  const result = compare(actual, expected, options);
  if (!result.ok) {
    throw new CheckError(`✗ ${label}: ${result.reason}`);
  }
  console.log(`✓ ${label}: ${formatValue(actual)}`);
}

/** What {@link exercise} concluded. */
export type ExerciseStatus = "correct" | "not quite" | "not solved yet";

/**
 * Checks a reader's answer without ever stopping the notebook.
 *
 * @param label - names the exercise, e.g. `"Exercise 1.1"`
 * @param answer - the reader's value, or a function that computes it (its errors are caught)
 * @param expected - the right answer
 * @returns nothing: it prints the verdict (see {@link exerciseStatus} for the verdict as a value)
 *
 * @example
 * ```ts
 * const myAnswer: number = TODO;            // the reader replaces TODO
 * exercise("Exercise 1.1", myAnswer, 4.8);  // ○ Exercise 1.1: not solved yet …
 * ```
 */
export function exercise<T>(label: string, answer: T | (() => T), expected: unknown, options?: CheckOptions): void {
  const { status, detail } = exerciseStatus(answer, expected, options);
  if (status === "correct") console.log(`✓ ${label}: correct — ${detail}`);
  else if (status === "not solved yet") console.log(`○ ${label}: not solved yet — replace TODO with your answer and run the cell again`);
  else console.log(`✗ ${label}: not quite: ${detail}`);
}

/** The verdict {@link exercise} prints, as a value: the status and what it saw or what differs. */
export function exerciseStatus<T>(
  answer: T | (() => T),
  expected: unknown,
  options?: CheckOptions,
): { status: ExerciseStatus; detail: string } {
  let value: unknown;
  try {
    value = typeof answer === "function" ? (answer as () => T)() : answer;
  } catch (error) {
    if (isTodo(error)) return { status: "not solved yet", detail: "" };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: "not quite", detail: `your code threw ${message}` };
  }
  if (isTodo(value)) return { status: "not solved yet", detail: "" };
  const result = compare(value, expected, options);
  return result.ok ? { status: "correct", detail: formatValue(value) } : { status: "not quite", detail: result.reason };
}
