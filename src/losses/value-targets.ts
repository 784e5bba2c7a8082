/**
 * Targets that are values rather than classes — one number per output (0/1 for binary outputs, any
 * number for regression) — and the checks the losses that take them run first.
 */
import { describe, requireFiniteMatrix, requireMatrix, shapeText } from "../internal/validate.js";
import { Matrix } from "../matrix.js";

/** One target per output: a Matrix of the predictions' shape, or (for one output) a `number[]`. */
export type ValueTargets = readonly number[] | Matrix;

/**
 * Checks predictions and targets of the same shape (finite numbers) and returns the targets' numbers.
 *
 * @internal
 */
export function valueTargets(where: string, predictions: unknown, targets: unknown): { predictions: Matrix; t: Float64Array } {
  requireMatrix(where, "predictions", predictions);
  if (predictions.rows === 0 || predictions.cols === 0) {
    throw new RangeError(`${where}: expected at least one sample (row) and one output (column), got predictions of shape ${shapeText(predictions.rows, predictions.cols)}`);
  }
  requireFiniteMatrix(where, "predictions", predictions);
  let t: Float64Array;
  if (Array.isArray(targets)) {
    if (predictions.cols !== 1) {
      throw new RangeError(`${where}: a number[] of targets fits one output; the predictions have ${predictions.cols} — pass a ${shapeText(predictions.rows, predictions.cols)} Matrix`);
    }
    if (targets.length !== predictions.rows) throw new RangeError(`${where}: expected one target per sample (${predictions.rows}), got ${targets.length}`);
    t = Float64Array.from(targets as number[]);
    const bad = targets.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`${where}: expected finite targets, got ${describe(targets[bad])} at [${bad}]`);
  } else if (targets instanceof Matrix) {
    if (targets.rows !== predictions.rows || targets.cols !== predictions.cols) {
      throw new RangeError(`${where}: targets must have the predictions' shape ${shapeText(predictions.rows, predictions.cols)}, got ${shapeText(targets.rows, targets.cols)}`);
    }
    requireFiniteMatrix(where, "targets", targets);
    t = targets.data;
  } else {
    throw new TypeError(`${where}: expected targets as a Matrix of the predictions' shape (or a number[] for one output), got ${describe(targets)}`);
  }
  return { predictions, t };
}

/** Throws unless every target is 0 or 1 (binary cross-entropy's and binary accuracy's targets). */
export function requireBinary(where: string, t: Float64Array, cols: number): void {
  for (let p = 0; p < t.length; p++) {
    if (t[p] !== 0 && t[p] !== 1) {
      throw new RangeError(`${where}: expected targets of 0 or 1 (one per binary output), got ${t[p]} at [${Math.floor(p / cols)}][${p % cols}]`);
    }
  }
}
