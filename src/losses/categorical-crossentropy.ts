/**
 * Categorical cross-entropy, the loss of a classifier whose last layer is softmax, and its gradient.
 */
import { Matrix } from "../matrix.js";
import { type ClassTargets, classIndices, requirePredictions } from "./targets.js";

/**
 * The smallest probability the loss takes the logarithm of. Predictions are clipped to
 * `[CLIP, 1 − CLIP]` first, so a confident wrong answer (probability 0 for the right class)
 * costs `−ln 1e-7 ≈ 16.118` instead of `Infinity`, and the mean over a batch stays a number.
 */
export const CATEGORICAL_CROSSENTROPY_CLIP = 1e-7;

const CLIP = CATEGORICAL_CROSSENTROPY_CLIP;

/** `p` clipped to `[1e-7, 1 − 1e-7]`. */
function clip(p: number): number {
  return p < CLIP ? CLIP : p > 1 - CLIP ? 1 - CLIP : p;
}

/**
 * The mean of `−ln(clip(ŷ[i][c_i]))` over the samples, on predictions and labels already checked
 * (the same sum, in the same order, as the mean of {@link crossentropyLosses}).
 *
 * @internal used by `SoftmaxCategoricalCrossentropy`, which checks its own inputs
 */
export function meanCrossentropy(predictions: Matrix, labels: Int32Array): number {
  const { rows, cols, data } = predictions;
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += -Math.log(clip(data[i * cols + labels[i]]));
  return sum / rows;
}

/**
 * `−ln(clip(ŷ[i][c_i]))` for every sample, on predictions and labels already checked.
 *
 * @internal
 */
export function crossentropyLosses(predictions: Matrix, labels: Int32Array): number[] {
  const { rows, cols, data } = predictions;
  const losses: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) losses[i] = -Math.log(clip(data[i * cols + labels[i]]));
  return losses;
}

/** The mean of per-sample losses. */
function mean(losses: readonly number[]): number {
  let sum = 0;
  for (const l of losses) sum += l;
  return sum / losses.length;
}

/**
 * Categorical cross-entropy: for a sample whose correct class is `c`, the loss is
 * `−ln ŷ_c`, minus the log of the probability the network gave the right answer. It is
 * `−Σ_j y_j · ln ŷ_j` with `y` the one-hot target row: every term but the correct class's is 0.
 * Probability 1 costs 0; probability 0.5 costs 0.693; the less likely the right answer, the more it costs.
 *
 * Predictions (`batch×classes`, one row of probabilities per sample, e.g. a `Softmax`
 * output) are clipped to `[1e-7, 1 − 1e-7]` before the logarithm (see {@link CATEGORICAL_CROSSENTROPY_CLIP}).
 * They must be probabilities — every entry in [0, 1], each row summing to 1 (within `1e-6 · classes`):
 * raw scores give an error that asks whether Softmax was forgotten, not a plausible wrong number.
 * Targets are class indices or one-hot rows (see {@link ClassTargets}).
 *
 * The object keeps no state from `forward`: `backward` takes the predictions and targets again.
 *
 * @example
 * ```ts
 * const loss = new CategoricalCrossentropy();
 * const predictions = Matrix.from([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]]);
 * loss.forward(predictions, [0, 1]);   // [0.3567, 0.6931] = [−ln 0.7, −ln 0.5]
 * loss.calculate(predictions, [0, 1]); // 0.5249, their mean
 * ```
 */
export class CategoricalCrossentropy {
  private lastDinputs: Matrix | undefined = undefined;

  /** The result of the most recent {@link CategoricalCrossentropy.backward}: the gradient with respect to the predictions. */
  get dinputs(): Matrix {
    if (this.lastDinputs === undefined) throw new Error("CategoricalCrossentropy.dinputs: run backward first (it is made by backward)");
    return this.lastDinputs;
  }

  /**
   * The loss of every sample: `−ln(clip(ŷ[i][c_i]))` for sample `i` with correct class `c_i`.
   *
   * @param predictions - probabilities, one row per sample, `batch×classes`
   * @param targets - class indices (`number[]`, one per sample) or one-hot rows (a Matrix of the predictions' shape)
   * @returns one loss per sample, as a plain array of `batch` numbers
   * @throws RangeError on an empty batch, NaN or infinite predictions, predictions that are not
   *   probabilities (e.g. `… got a row summing to 3.7 at row 0; did you forget Softmax?`), a label
   *   outside `[0, classes)`, a label count ≠ the number of rows, or one-hot targets of another shape
   */
  forward(predictions: Matrix, targets: ClassTargets): number[] {
    return this.checkedLosses("CategoricalCrossentropy.forward", predictions, targets);
  }

  /**
   * The mean loss over the batch — the one number training tries to make smaller.
   *
   * @throws RangeError on bad input, as {@link CategoricalCrossentropy.forward}
   */
  calculate(predictions: Matrix, targets: ClassTargets): number {
    return mean(this.checkedLosses("CategoricalCrossentropy.calculate", predictions, targets));
  }

  /**
   * The gradient of the mean loss ({@link CategoricalCrossentropy.calculate}) with respect to
   * every prediction: `∂L/∂ŷ[i][j] = −y[i][j] / ŷ[i][j] / n` for a batch of `n` samples. With
   * one-hot `y` that is `−1 / (n · ŷ[i][c_i])` at the correct class and 0 everywhere else
   * (the loss only looks at the correct class's probability). The `/ n` comes from the mean.
   *
   * The prediction is clipped as in `forward`, so a probability 0 gives `−1e7 / n`, not
   * `−Infinity`. (Strictly, the clipped loss is flat there and its slope is 0; the clipped
   * value keeps the push towards the right class. Inside the clip range — where gradient
   * checks run — the two agree.)
   *
   * @returns (and keeps in {@link CategoricalCrossentropy.dinputs}) a matrix of the predictions' shape
   * @throws RangeError on bad input, as {@link CategoricalCrossentropy.forward}
   */
  backward(predictions: Matrix, targets: ClassTargets): Matrix {
    const where = "CategoricalCrossentropy.backward";
    requirePredictions(where, "predictions", predictions, "probabilities");
    const labels = classIndices(where, predictions, targets);
    const { rows, cols, data } = predictions;
    const out = new Float64Array(data.length);
    for (let i = 0; i < rows; i++) {
      const p = i * cols + labels[i];
      out[p] = -1 / clip(data[p]) / rows;
    }
    this.lastDinputs = new Matrix(rows, cols, out);
    return this.lastDinputs;
  }

  private checkedLosses(where: string, predictions: Matrix, targets: ClassTargets): number[] {
    requirePredictions(where, "predictions", predictions, "probabilities");
    return crossentropyLosses(predictions, classIndices(where, predictions, targets));
  }
}
