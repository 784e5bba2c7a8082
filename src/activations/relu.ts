/**
 * Chapter 05 — the rectified linear unit, the default activation of hidden layers.
 * Chapter 09 — its backward pass.
 */
import { Matrix } from "../matrix.js";
import { elementWise, requireBackward, requireMatrixInput } from "./common.js";

/**
 * ReLU, entry by entry: `max(0, x)` — negative inputs become 0, the rest pass unchanged.
 * Simple and fast, yet a stack of dense layers with ReLU between them can bend to fit
 * curves such as a sine.
 *
 * @example
 * ```ts
 * new ReLU().forward(Matrix.from([[-2, 0, 3.5]])).toArray(); // [[0, 0, 3.5]]
 * ```
 */
export class ReLU {
  /** The batch most recently passed to {@link ReLU.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link ReLU.forward}. */
  output: Matrix | undefined = undefined;
  /** The result of the most recent {@link ReLU.backward}: the gradient with respect to `inputs`. */
  dinputs: Matrix | undefined = undefined;

  /**
   * Returns (and keeps) `max(0, x)` of every entry — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("ReLU.forward", inputs);
    this.inputs = inputs;
    this.output = elementWise(inputs, (x) => (x > 0 ? x : 0)); // NaN cannot arrive: checked above
    return this.output;
  }

  /**
   * The backward pass. ReLU's derivative is 1 where the input was > 0 and 0 elsewhere, so by the
   * chain rule the incoming gradient passes through where the input was positive and stops
   * where it was not: `dinputs = dvalues` where `inputs > 0`, else 0. (At exactly 0 the
   * derivative is undefined; 0 is used there, as every library does.)
   *
   * @param dvalues - the gradient of the loss with respect to {@link ReLU.output}, same shape
   * @returns (and keeps in {@link ReLU.dinputs}) the gradient with respect to {@link ReLU.inputs}
   * @throws Error `ReLU.backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape or holds NaN or ±Infinity
   */
  backward(dvalues: Matrix): Matrix {
    requireBackward("ReLU.backward", this.output, dvalues);
    const x = (this.inputs as Matrix).data;
    const d = dvalues.data;
    const out = new Float64Array(d.length);
    for (let p = 0; p < d.length; p++) out[p] = x[p] > 0 ? d[p] : 0;
    this.dinputs = new Matrix(dvalues.rows, dvalues.cols, out);
    return this.dinputs;
  }
}
