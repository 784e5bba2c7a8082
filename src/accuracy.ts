/**
 * Chapter 06 — accuracy: how often the most likely class is the correct one.
 */
import { type ClassTargets, classIndices, requirePredictions } from "./losses/targets.js";
import { Matrix } from "./matrix.js";
import { requireBinary, valueTargets, type ValueTargets } from "./losses/value-targets.js";

/**
 * The fraction of samples whose predicted class — the column of the largest value in their row
 * (the first one on a tie) — is the correct class: a number from 0 to 1.
 *
 * Unlike the loss it ignores how confident a prediction is: `[0.34, 0.33, 0.33]` and
 * `[0.99, 0.005, 0.005]` both count as "class 0". That is why training watches the loss and
 * people read the accuracy.
 *
 * @param predictions - one row per sample (probabilities or raw scores — only the largest matters)
 * @param targets - class indices (`number[]`, one per sample) or one-hot rows (a Matrix of the predictions' shape)
 * @throws RangeError on an empty batch, NaN or infinite predictions, a label outside
 *   `[0, classes)`, a label count ≠ the number of rows, or one-hot targets of another shape
 *
 * @example
 * ```ts
 * accuracy(Matrix.from([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]]), [0, 1, 1]); // 2/3
 * ```
 */
export function accuracy(predictions: Matrix, targets: ClassTargets): number {
  requirePredictions("accuracy", "predictions", predictions);
  const labels = classIndices("accuracy", predictions, targets);
  const predicted = predictions.rowArgmax();
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

/**
 * The fraction of binary outputs answered right: an output counts as "yes" when its probability is
 * above 0.5, and is right when that matches its 0/1 target. Every output of every sample counts once.
 *
 * @example
 * ```ts
 * binaryAccuracy(Matrix.from([[0.9], [0.4], [0.6]]), [1, 0, 0]); // 2/3
 * ```
 */
export function binaryAccuracy(predictions: Matrix, targets: ValueTargets): number {
  const { predictions: p, t } = valueTargets("binaryAccuracy", predictions, targets);
  requireBinary("binaryAccuracy", t, p.cols);
  let correct = 0;
  for (let q = 0; q < t.length; q++) if ((p.data[q] > 0.5 ? 1 : 0) === t[q]) correct++;
  return correct / t.length;
}

/**
 * The fraction of regression outputs within `precision` of their targets: `|ŷ − y| < precision`.
 * The book picks `precision = std(y) / 250`: "close" relative to how much the targets vary.
 *
 * @throws RangeError if `precision` is not a positive finite number, or on bad predictions/targets
 */
export function regressionAccuracy(predictions: Matrix, targets: ValueTargets, precision: number): number {
  const { predictions: p, t } = valueTargets("regressionAccuracy", predictions, targets);
  if (typeof precision !== "number" || !Number.isFinite(precision) || precision <= 0) {
    throw new RangeError(`regressionAccuracy: expected precision to be a positive number (the book uses std(y) / 250), got ${String(precision)}`);
  }
  let correct = 0;
  for (let q = 0; q < t.length; q++) if (Math.abs(p.data[q] - t[q]) < precision) correct++;
  return correct / t.length;
}
