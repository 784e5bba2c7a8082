/**
 * Chapter 06 — accuracy: how often the most likely class is the correct one.
 */
import { type ClassTargets, classIndices, requirePredictions } from "./losses/targets.js";
import { Matrix } from "./matrix.js";

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
