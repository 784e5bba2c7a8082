/**
 * Chapter 05 — the linear (identity) activation, used on the output of a regression network.
 * Chapter 09 — its backward pass.
 */
import { Matrix } from "../matrix.js";
import { requireBackward, requireMatrixInput } from "./common.js";

/**
 * The linear activation `y = x`: it passes its inputs through unchanged. A network whose
 * layers all use it can only ever fit straight lines (chapter 05 shows this on a sine).
 *
 * @example
 * ```ts
 * new Linear().forward(Matrix.from([[-1, 2]])).toArray(); // [[-1, 2]]
 * ```
 */
export class Linear {
  /** The batch most recently passed to {@link Linear.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Linear.forward}. */
  output: Matrix | undefined = undefined;
  /** The result of the most recent {@link Linear.backward}: the gradient with respect to `inputs`. */
  dinputs: Matrix | undefined = undefined;

  /**
   * Returns (and keeps) a copy of `inputs`: a copy, so later in-place changes to either stay apart.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Linear.forward", inputs);
    this.inputs = inputs;
    this.output = inputs.clone();
    return this.output;
  }

  /**
   * The backward pass. The derivative of `y = x` is 1, so the gradient passes through
   * unchanged: `dinputs` is a copy of `dvalues`.
   *
   * @param dvalues - the gradient of the loss with respect to {@link Linear.output}, same shape
   * @returns (and keeps in {@link Linear.dinputs}) the gradient with respect to {@link Linear.inputs}
   * @throws Error `Linear.backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape or holds NaN or ±Infinity
   */
  backward(dvalues: Matrix): Matrix {
    requireBackward("Linear.backward", this.output, dvalues);
    this.dinputs = dvalues.clone();
    return this.dinputs;
  }
}
