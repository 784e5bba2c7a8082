/**
 * Chapter 05 — the sigmoid activation, squashing any number into (0, 1).
 * Chapter 09 — its backward pass.
 */
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "../layer.js";
import { Matrix } from "../matrix.js";
import { elementWiseInto, requireMatrixInput } from "./common.js";

/**
 * σ(x) = 1 / (1 + e^(−x)) for one number, computed without overflow: for x ≥ 0 it uses the
 * formula as written (e^(−x) ≤ 1); for x < 0 the equal form e^x / (1 + e^x) (e^x < 1).
 * So σ(−1000) is 0 and σ(1000) is 1, never NaN.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * The sigmoid activation, entry by entry: σ(x) = 1 / (1 + e^(−x)), between 0 and 1 —
 * e.g. a probability for a yes/no output. Numerically stable for large |x| (see {@link sigmoid}).
 *
 * @example
 * ```ts
 * new Sigmoid().forward(Matrix.from([[0, 1000, -1000]])).toArray(); // [[0.5, 1, 0]]
 * ```
 */
export class Sigmoid extends BaseLayer {

  /**
   * Returns (and keeps) σ of every entry — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    requireMatrixInput("Sigmoid.forward", inputs, !reuse);
    this.lastInputs = inputs;
    this.lastOutput = elementWiseInto(inputs, this.target("output", inputs.rows, inputs.cols, reuse), sigmoid);
    return this.lastOutput;
  }

  /**
   * The backward pass. The sigmoid's derivative can be written with its own output:
   * σ'(x) = σ(x) · (1 − σ(x)). So `dinputs = dvalues ⊙ output ⊙ (1 − output)`, entry by entry.
   *
   * @param dvalues - the gradient of the loss with respect to {@link Sigmoid.output}, same shape
   * @returns (and keeps in {@link Sigmoid.dinputs}) the gradient with respect to {@link Sigmoid.inputs}
   * @throws Error `Sigmoid.backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape or holds NaN or ±Infinity
   */
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    const output = this.beginBackward(dvalues, reuse);
    const s = output.data;
    const d = dvalues.data;
    const dinputs = this.target("dinputs", dvalues.rows, dvalues.cols, reuse);
    const out = dinputs.data;
    for (let p = 0; p < d.length; p++) out[p] = d[p] * s[p] * (1 - s[p]);
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
