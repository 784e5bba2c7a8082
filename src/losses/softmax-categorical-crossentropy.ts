/**
 * Softmax and categorical cross-entropy as one step, with one short gradient.
 */
import { Softmax, softmaxRows } from "../activations/softmax.js";
import { shapeText } from "../internal/validate.js";
import { Matrix } from "../matrix.js";
import { CategoricalCrossentropy, crossentropyLosses } from "./categorical-crossentropy.js";
import { type ClassTargets, classIndices, requirePredictions } from "./targets.js";

/**
 * Softmax followed by categorical cross-entropy, as one object: the usual last step of a classifier.
 *
 * Chaining the two backward passes multiplies `−y / ŷ / n` (the loss's gradient) by the softmax
 * Jacobian `diag(ŷ) − ŷ ŷᵀ`. For one sample with correct class `c` that product simplifies to
 * `ŷ_j − y_j` (then `/ n` for the mean), because the probabilities of a row sum to 1:
 *
 * `ŷ_j · (−y_j/ŷ_j) − ŷ_j · Σ_k ŷ_k (−y_k/ŷ_k) = −y_j + ŷ_j · Σ_k y_k = ŷ_j − y_j`.
 *
 * So the gradient with respect to the scores going into softmax is just `(ŷ − y) / n`: copy the
 * probabilities, subtract 1 at each correct class, divide by `n`. Same numbers as the two parts
 * chained (unless clipping is active, i.e. a probability of the correct class is below 1e-7 or
 * above 1 − 1e-7), with one cheap pass, no division by probabilities and no Jacobian.
 *
 * @example
 * ```ts
 * const lossActivation = new SoftmaxCategoricalCrossentropy();
 * const loss = lossActivation.forward(dense2.output, y); // mean loss
 * lossActivation.backward(lossActivation.output, y);      // (ŷ − y) / n
 * dense2.backward(lossActivation.dinputs);
 * ```
 */
export class SoftmaxCategoricalCrossentropy {
  /** The softmax step (its `output` is the probabilities). */
  readonly activation: Softmax = new Softmax();
  /** The cross-entropy step. */
  readonly loss: CategoricalCrossentropy = new CategoricalCrossentropy();
  /** The softmax probabilities from the most recent {@link SoftmaxCategoricalCrossentropy.forward}. */
  output: Matrix | undefined = undefined;
  /** The result of the most recent {@link SoftmaxCategoricalCrossentropy.backward}: the gradient with respect to the scores. */
  dinputs: Matrix | undefined = undefined;

  /**
   * Softmax of `inputs`, kept in {@link SoftmaxCategoricalCrossentropy.output}, then the mean
   * categorical cross-entropy against `targets`.
   *
   * @param inputs - scores ("logits"), one row per sample, `batch×classes`
   * @param targets - class indices (`number[]`) or one-hot rows (a Matrix of the inputs' shape)
   * @returns the mean loss over the batch
   * @throws RangeError on bad input, as `CategoricalCrossentropy.forward`
   */
  forward(inputs: Matrix, targets: ClassTargets): number {
    const where = "SoftmaxCategoricalCrossentropy.forward";
    // Checked once here; softmax of finite scores is a probability row, so neither step re-checks.
    requirePredictions(where, "inputs", inputs);
    const labels = classIndices(where, inputs, targets, "inputs");
    const output = softmaxRows(inputs);
    this.activation.inputs = inputs;
    this.activation.output = output;
    this.output = output;
    const losses = crossentropyLosses(output, labels);
    let sum = 0;
    for (const l of losses) sum += l;
    return sum / losses.length;
  }

  /**
   * The gradient of the mean loss with respect to the scores that went into softmax:
   * `(ŷ − y) / n` — see the class description for why.
   *
   * @param dvalues - the softmax probabilities ŷ, normally {@link SoftmaxCategoricalCrossentropy.output}
   *   (not the scores: the formula holds only for probabilities, so scores are an error)
   * @param targets - class indices (`number[]`) or one-hot rows (a Matrix of the same shape)
   * @returns (and keeps in {@link SoftmaxCategoricalCrossentropy.dinputs}) a matrix of the same shape
   * @throws RangeError on an empty batch, NaN or infinite dvalues, dvalues that are not
   *   probabilities, or targets that do not fit (as `CategoricalCrossentropy.forward`); also if
   *   {@link SoftmaxCategoricalCrossentropy.forward} has run and `dvalues` is not the shape of its output
   */
  backward(dvalues: Matrix, targets: ClassTargets): Matrix {
    const where = "SoftmaxCategoricalCrossentropy.backward";
    const output = this.output;
    if (output !== undefined && dvalues instanceof Matrix && (output.rows !== dvalues.rows || output.cols !== dvalues.cols)) {
      throw new RangeError(
        `${where}: expected dvalues of shape ${shapeText(output.rows, output.cols)} (the shape of the last output), ` +
          `got ${shapeText(dvalues.rows, dvalues.cols)}`,
      );
    }
    requirePredictions(where, "dvalues", dvalues, "probabilities", "pass the probabilities (lossActivation.output), not the scores");
    const labels = classIndices(where, dvalues, targets, "dvalues");
    const { rows, cols, data } = dvalues;
    const out = new Float64Array(data.length);
    for (let p = 0; p < data.length; p++) out[p] = data[p] / rows; // ŷ / n …
    for (let i = 0; i < rows; i++) {
      const p = i * cols + labels[i];
      out[p] = (data[p] - 1) / rows; // … and (ŷ − 1) / n at each correct class
    }
    this.dinputs = new Matrix(rows, cols, out);
    return this.dinputs;
  }
}
