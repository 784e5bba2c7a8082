/**
 * The two ways to say which class each sample belongs to, and the checks every loss and
 * `accuracy` run on predictions and targets before using them.
 */
import { describe, requireFiniteMatrix, requireMatrix, requireProbabilities, shapeText } from "../internal/validate.js";
import { Matrix } from "../matrix.js";

/**
 * The correct classes of a batch, in either of two forms:
 *
 * - **class indices**, one whole number per sample, e.g. `[0, 2, 1]` (what `spiralData` gives);
 * - **one-hot rows**, a {@link Matrix} with the predictions' shape and a single `1` per row
 *   marking the class, e.g. `[[1, 0, 0], [0, 0, 1], [0, 1, 0]]` for the same three samples.
 */
export type ClassTargets = readonly number[] | Matrix;

/**
 * Checks a batch of predictions (one row per sample, one column per class): a {@link Matrix}
 * with at least one row and one column, every entry finite — and, for `"probabilities"`, every
 * row a probability distribution (what a loss that takes logarithms needs; `accuracy` only
 * compares entries, so raw scores are fine there). One pass over the entries either way.
 *
 * @param where - the caller, e.g. `CategoricalCrossentropy.forward`, put at the start of every message
 * @param what - what the matrix is called in messages, e.g. `predictions`
 * @internal
 */
export function requirePredictions(
  where: string,
  what: string,
  predictions: unknown,
  kind: "scores" | "probabilities" = "scores",
  hint?: string,
  checkNumbers = true,
): asserts predictions is Matrix {
  requireMatrix(where, what, predictions);
  const { rows, cols } = predictions;
  if (rows === 0 || cols === 0) {
    throw new RangeError(
      `${where}: expected at least one sample (row) and one class (column), got ${what} of shape ${shapeText(rows, cols)}`,
    );
  }
  if (!checkNumbers) return; // a training loop's own intermediate results, already checked upstream
  if (kind === "probabilities") requireProbabilities(where, what, predictions, hint);
  else requireFiniteMatrix(where, what, predictions);
}

/**
 * The class of every sample as an index, from either form of {@link ClassTargets}, after
 * checking them against the predictions' shape: one label per row, each a whole number in
 * `[0, classes)`; or one-hot rows of exactly the predictions' shape.
 *
 * @param what - what the predictions are called in messages (`predictions`, `inputs`, `dvalues`)
 * @param into - a buffer to write the indices into, used when it has one entry per row
 * @internal
 */
export function classIndices(where: string, predictions: Matrix, targets: unknown, what = "predictions", into?: Int32Array): Int32Array {
  const { rows, cols } = predictions;
  // A training loop passes its own buffer (reused while the batch size stays the same).
  const out = into !== undefined && into.length === rows ? into : new Int32Array(rows);
  if (Array.isArray(targets)) {
    if (targets.length !== rows) {
      throw new RangeError(
        `${where}: expected one label per sample (${rows}, the rows of the ${rows}×${cols} ${what}), ` +
          `got ${targets.length} label${targets.length === 1 ? "" : "s"}`,
      );
    }
    for (let i = 0; i < rows; i++) {
      const label: unknown = targets[i];
      if (typeof label !== "number" || !Number.isInteger(label)) {
        throw new RangeError(`${where}: label ${describe(label)} at sample ${i} is not a whole number in [0, ${cols})`);
      }
      if (label < 0 || label >= cols) {
        throw new RangeError(`${where}: label ${label} at sample ${i} is outside [0, ${cols})`);
      }
      out[i] = label;
    }
    return out;
  }
  if (targets instanceof Matrix) {
    if (targets.rows !== rows || targets.cols !== cols) {
      const hint =
        targets.cols === 1 && cols !== 1 && targets.rows === rows
          ? " — for class indices pass a number[] instead (e.g. targets.column(0))"
          : "";
      throw new RangeError(
        `${where}: one-hot targets must have the ${what}' shape ${rows}×${cols}, got ${targets.rows}×${targets.cols}${hint}`,
      );
    }
    const t = targets.data;
    for (let i = 0; i < rows; i++) {
      let hot = -1;
      for (let j = 0; j < cols; j++) {
        const v = t[i * cols + j];
        if (v === 1 && hot === -1) hot = j;
        else if (v !== 0) hot = -2;
      }
      if (hot < 0) {
        throw new RangeError(
          `${where}: expected one-hot target rows (a single 1, the rest 0), got [${targets.row(i).join(", ")}] at sample ${i}`,
        );
      }
      out[i] = hot;
    }
    return out;
  }
  throw new TypeError(
    `${where}: expected targets as class indices (number[]) or one-hot rows (Matrix), got ${describe(targets)}`,
  );
}
