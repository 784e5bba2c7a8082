/**
 * Chapter 05 — the step activation: a neuron either fires (1) or does not (0).
 * Chapter 09 — its backward pass, which shows why it cannot be trained.
 */
import { Matrix } from "../matrix.js";
import { elementWise, requireBackward, requireMatrixInput } from "./common.js";

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
export class Step {
  /** The batch most recently passed to {@link Step.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Step.forward}. */
  output: Matrix | undefined = undefined;
  /** The result of the most recent {@link Step.backward}: always zeros. */
  dinputs: Matrix | undefined = undefined;

  /**
   * Returns (and keeps) `1` where `inputs > 0`, `0` elsewhere — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Step.forward", inputs);
    this.inputs = inputs;
    this.output = elementWise(inputs, (x) => (x > 0 ? 1 : 0));
    return this.output;
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
  backward(dvalues: Matrix): Matrix {
    requireBackward("Step.backward", this.output, dvalues);
    this.dinputs = Matrix.zeros(dvalues.rows, dvalues.cols);
    return this.dinputs;
  }
}
