/**
 * Softmax and categorical cross-entropy as one step, with one short gradient.
 */
import { Softmax } from "../activations/softmax.js";
import type { BackwardOptions, ForwardOptions } from "../layer.js";
import { shapeText } from "../internal/validate.js";
import { Matrix } from "../matrix.js";
import { CategoricalCrossentropy, meanCrossentropy } from "./categorical-crossentropy.js";
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
  private lastOutput: Matrix | undefined = undefined;
  private lastDinputs: Matrix | undefined = undefined;
  /** Reused by training loops, one per batch size: decoded labels and gradients. */
  private readonly labelBuffers = new Map<number, Int32Array>();
  private readonly gradientBuffers = new Map<number, Matrix>();

  /** The softmax probabilities from the most recent {@link SoftmaxCategoricalCrossentropy.forward}. */
  get output(): Matrix {
    if (this.lastOutput === undefined) throw new Error("SoftmaxCategoricalCrossentropy.output: run forward first (it is made by forward)");
    return this.lastOutput;
  }

  /** The result of the most recent {@link SoftmaxCategoricalCrossentropy.backward}: the gradient with respect to the scores. */
  get dinputs(): Matrix {
    if (this.lastDinputs === undefined) throw new Error("SoftmaxCategoricalCrossentropy.dinputs: run backward first (it is made by backward)");
    return this.lastDinputs;
  }

  /**
   * Softmax of `scores`, kept in {@link SoftmaxCategoricalCrossentropy.output}, then the mean
   * categorical cross-entropy against `targets` (like the book's combined class, the mean: it
   * is the last step of the network, so there is nothing per sample left to pass on).
   *
   * @param scores - scores ("logits"), one row per sample, `batch×classes`
   * @param targets - class indices (`number[]`) or one-hot rows (a Matrix of the scores' shape)
   * @param options - `reuseBuffers` for training loops, as in `Layer.forward`
   * @returns the mean loss over the batch
   * @throws RangeError on bad input, as `CategoricalCrossentropy.forward`
   */
  forward(scores: Matrix, targets: ClassTargets, options?: ForwardOptions): number {
    const where = "SoftmaxCategoricalCrossentropy.forward";
    const reuse = options?.reuseBuffers === true;
    // Checked once here; softmax of finite scores is a probability row, so neither step re-checks.
    requirePredictions(where, "inputs", scores, "scores", undefined, !reuse);
    const labels = classIndices(where, scores, targets, "inputs", reuse ? this.labelBuffers.get(scores.rows) : undefined);
    if (reuse) this.labelBuffers.set(scores.rows, labels);
    this.lastOutput = this.activation.forwardChecked(scores, reuse);
    return meanCrossentropy(this.lastOutput, labels);
  }

  /**
   * The gradient of the mean loss with respect to the scores that went into softmax:
   * `(ŷ − y) / n` — see the class description for why.
   *
   * @param probabilities - the softmax probabilities ŷ, normally {@link SoftmaxCategoricalCrossentropy.output}
   *   (not the scores: the formula holds only for probabilities, so scores are an error)
   * @param targets - class indices (`number[]`) or one-hot rows (a Matrix of the same shape)
   * @param options - `reuseBuffers` for training loops, as in `Layer.backward`
   * @returns (and keeps in {@link SoftmaxCategoricalCrossentropy.dinputs}) a matrix of the same shape
   * @throws RangeError on an empty batch, NaN or infinite numbers, rows that are not probabilities,
   *   or targets that do not fit (as `CategoricalCrossentropy.forward`); also if
   *   {@link SoftmaxCategoricalCrossentropy.forward} has run and `probabilities` is not the shape of its output
   */
  backward(probabilities: Matrix, targets: ClassTargets, options?: BackwardOptions): Matrix {
    const where = "SoftmaxCategoricalCrossentropy.backward";
    const reuse = options?.reuseBuffers === true;
    const output = this.lastOutput;
    if (output !== undefined && probabilities instanceof Matrix && (output.rows !== probabilities.rows || output.cols !== probabilities.cols)) {
      throw new RangeError(
        `${where}: expected predictions of shape ${shapeText(output.rows, output.cols)} (the shape of the last output), ` +
          `got ${shapeText(probabilities.rows, probabilities.cols)}`,
      );
    }
    // On the training path the probabilities are this object's own softmax output: nothing to re-check.
    const trusted = reuse && probabilities === output;
    if (!trusted) requirePredictions(where, "predictions", probabilities, "probabilities", "pass the probabilities (lossActivation.output), not the scores");
    const labels = classIndices(where, probabilities, targets, "predictions", reuse ? this.labelBuffers.get(probabilities.rows) : undefined);
    const { rows, cols, data } = probabilities;
    let dinputs = reuse ? this.gradientBuffers.get(rows) : undefined;
    if (dinputs === undefined || dinputs.cols !== cols) {
      dinputs = new Matrix(rows, cols);
      if (reuse) this.gradientBuffers.set(rows, dinputs);
    }
    const out = dinputs.data;
    for (let p = 0; p < data.length; p++) out[p] = data[p] / rows; // ŷ / n …
    for (let i = 0; i < rows; i++) {
      const p = i * cols + labels[i];
      out[p] = (data[p] - 1) / rows; // … and (ŷ − 1) / n at each correct class
    }
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
