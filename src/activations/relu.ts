/**
 * Chapter 05 — the rectified linear unit, the default activation of hidden layers.
 * Chapter 09 — its backward pass.
 */
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "../layer.js";
import { Matrix } from "../matrix.js";
import { requireFiniteMatrix } from "../internal/validate.js";
import { requireMatrixInput } from "./common.js";

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
export class ReLU extends BaseLayer {

  /**
   * Returns (and keeps) `max(0, x)` of every entry — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    requireMatrixInput("ReLU.forward", inputs, false);
    const out = this.target("output", inputs.rows, inputs.cols, reuse);
    const x = inputs.data;
    const o = out.data;
    // One pass both computes and checks: `v * 0` is 0 for finite v and NaN otherwise, so `bad` stays 0
    // exactly when every input is finite. Math.max(v, 0) is x > 0 ? x : 0 for finite v (also −0 → 0),
    // without a hard-to-predict branch per entry.
    let bad = 0;
    let p = 0;
    for (; p + 4 <= x.length; p += 4) {
      const v0 = x[p], v1 = x[p + 1], v2 = x[p + 2], v3 = x[p + 3];
      bad += v0 * 0 + v1 * 0 + (v2 * 0 + v3 * 0);
      o[p] = Math.max(v0, 0);
      o[p + 1] = Math.max(v1, 0);
      o[p + 2] = Math.max(v2, 0);
      o[p + 3] = Math.max(v3, 0);
    }
    for (; p < x.length; p++) {
      bad += x[p] * 0;
      o[p] = Math.max(x[p], 0);
    }
    if (bad !== 0 && !reuse) requireFiniteMatrix("ReLU.forward", "inputs", inputs); // names the entry
    this.lastInputs = inputs;
    this.lastOutput = out;
    return out;
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
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    this.beginBackward(dvalues, true); // dvalues' numbers are checked in the loop below
    const x = this.inputs.data;
    const d = dvalues.data;
    const dinputs = this.target("dinputs", dvalues.rows, dvalues.cols, reuse);
    const out = dinputs.data;
    // `bad` stays 0 exactly when every dvalue is finite (`v * 0` is NaN otherwise): checked on the way.
    let bad = 0;
    for (let p = 0; p < d.length; p++) {
      const v = d[p];
      bad += v * 0;
      out[p] = x[p] > 0 ? v : 0;
    }
    if (bad !== 0 && !reuse) requireFiniteMatrix("ReLU.backward", "dvalues", dvalues);
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
