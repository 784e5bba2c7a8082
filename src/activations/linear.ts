/**
 * Chapter 05 — the linear (identity) activation, used on the output of a regression network.
 * Chapter 09 — its backward pass.
 */
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "../layer.js";
import { Matrix } from "../matrix.js";
import { requireMatrixInput } from "./common.js";

/**
 * The linear activation `y = x`: it passes its inputs through unchanged. A network whose
 * layers all use it can only ever fit straight lines (chapter 05 shows this on a sine).
 *
 * @example
 * ```ts
 * new Linear().forward(Matrix.from([[-1, 2]])).toArray(); // [[-1, 2]]
 * ```
 */
export class Linear extends BaseLayer {

  /**
   * Returns (and keeps) a copy of `inputs`: a copy, so later in-place changes to either stay apart.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    requireMatrixInput("Linear.forward", inputs, !reuse);
    const out = this.target("output", inputs.rows, inputs.cols, reuse);
    out.data.set(inputs.data); // a copy: the caller's inputs and this output stay apart
    this.lastInputs = inputs;
    this.lastOutput = out;
    return out;
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
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    this.beginBackward(dvalues, reuse);
    const dinputs = this.target("dinputs", dvalues.rows, dvalues.cols, reuse);
    dinputs.data.set(dvalues.data);
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
