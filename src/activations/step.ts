/**
 * Chapter 05 — the step activation: a neuron either fires (1) or does not (0).
 * Chapter 09 — its backward pass, which shows why it cannot be trained.
 */
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "../layer.js";
import { Matrix } from "../matrix.js";
import { elementWiseInto, requireMatrixInput } from "./common.js";

/**
 * The step function, entry by entry: `1` where the input is greater than 0, else `0`.
 * Historically the first activation; its derivative is 0 almost everywhere, so it cannot be
 * trained by gradient descent.
 *
 * @example
 * ```ts
 * new Step().forward(Matrix.from([[-1, 0, 2]])).toArray(); // [[0, 0, 1]]
 * ```
 */
export class Step extends BaseLayer {

  /**
   * Returns (and keeps) `1` where `inputs > 0`, `0` elsewhere — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    requireMatrixInput("Step.forward", inputs, !reuse);
    this.lastInputs = inputs;
    this.lastOutput = elementWiseInto(inputs, this.target("output", inputs.rows, inputs.cols, reuse), (x) => (x > 0 ? 1 : 0));
    return this.lastOutput;
  }

  /**
   * The backward pass: all zeros. The step function is flat on both sides of 0, so its
   * derivative is 0 wherever it exists (at exactly 0 it jumps and has none; 0 is used there too).
   * Whatever gradient arrives, none gets through — which is why a network of step neurons
   * cannot learn by gradient descent, and why chapter 05 moved on to smooth activations.
   *
   * @param dvalues - the gradient of the loss with respect to {@link Step.output}, same shape
   * @returns (and keeps in {@link Step.dinputs}) a matrix of zeros of the inputs' shape
   * @throws Error `Step.backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape or holds NaN or ±Infinity
   */
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    this.beginBackward(dvalues, reuse);
    const dinputs = this.target("dinputs", dvalues.rows, dvalues.cols, reuse);
    dinputs.data.fill(0);
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
