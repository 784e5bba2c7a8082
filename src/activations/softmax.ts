/**
 * Chapter 05 — softmax: turns each row of scores into probabilities that sum to 1.
 * Chapter 09 — its backward pass, through its Jacobian.
 */
import { describe, requireFiniteArray, requireFiniteResult } from "../internal/validate.js";
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "../layer.js";
import { Matrix } from "../matrix.js";
import { requireMatrixInput } from "./common.js";

/**
 * Softmax, row by row: `softmax(x)_j = e^(x_j) / Σ_k e^(x_k)`. Each row becomes a probability
 * distribution over the classes (entries in [0, 1], summing to 1).
 *
 * Numerically stable: before exponentiating, each row's largest value is subtracted from the
 * row. That leaves the result unchanged (the common factor e^(−max) cancels) but keeps every
 * exponent ≤ 0, so e^x never overflows: `[1000, 1000]` gives `[0.5, 0.5]`, not NaN.
 *
 * @example
 * ```ts
 * new Softmax().forward(Matrix.from([[1, 2, 3], [1000, 1000, 1000]])).toArray();
 * // [[0.0900…, 0.2447…, 0.6652…], [0.333…, 0.333…, 0.333…]]
 * ```
 */
export class Softmax extends BaseLayer {

  /**
   * The Jacobian of softmax for one sample: the `k×k` matrix of partial derivatives
   * `∂s_i/∂x_j = s_i · (δ_ij − s_j)`, i.e. `diag(s) − s sᵀ`, where `s` is that sample's softmax
   * output (a row of {@link Softmax.output}). Every output depends on every input of its row,
   * so — unlike ReLU or sigmoid — the derivative is a matrix, not one number per entry.
   *
   * @param s - one sample's probabilities, e.g. `softmax.output.row(0)`
   * @throws RangeError if a value is NaN or infinite
   *
   * @example
   * ```ts
   * Softmax.jacobian([0.5, 0.5]).toArray(); // [[0.25, -0.25], [-0.25, 0.25]]
   * ```
   */
  static jacobian(s: readonly number[]): Matrix {
    if (!Array.isArray(s)) {
      const got = s instanceof Matrix ? `a ${s.rows}×${s.cols} Matrix — for one sample use .row(i)` : describe(s);
      throw new TypeError(`Softmax.jacobian: expected one sample's probabilities as number[], got ${got}`);
    }
    requireFiniteArray("Softmax.jacobian", "s", s);
    const k = s.length;
    const values = s;
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) out[i * k + j] = (i === j ? values[i] : 0) - values[i] * values[j];
    }
    return new Matrix(k, k, out);
  }

  /**
   * Returns (and keeps) the softmax of every row — same shape as `inputs`.
   *
   * @throws TypeError if `inputs` is not a Matrix; RangeError if it holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    requireMatrixInput("Softmax.forward", inputs, !reuse);
    return this.forwardChecked(inputs, reuse);
  }

  /**
   * `forward` on inputs the caller has already checked (finite scores).
   *
   * @internal for `SoftmaxCategoricalCrossentropy`, which checks its scores once itself
   */
  forwardChecked(inputs: Matrix, reuse: boolean): Matrix {
    this.lastInputs = inputs;
    this.lastOutput = softmaxRowsInto(inputs, this.target("output", inputs.rows, inputs.cols, reuse));
    return this.lastOutput;
  }

  /**
   * The backward pass, sample by sample through the Jacobian `J = diag(s) − s sᵀ`
   * (see {@link Softmax.jacobian}): each row of `dinputs` is `J · d`, with `d` that row of
   * `dvalues`. Written out, `(J · d)_i = s_i · d_i − s_i · (s · d)`, so the `k×k` Jacobian never
   * has to be built: `dinputs_i = s_i · (d_i − Σ_j s_j d_j)` — the same numbers in `O(k)` instead
   * of `O(k²)` work per sample.
   *
   * After softmax usually comes categorical cross-entropy; the two together have a much simpler
   * gradient — see `SoftmaxCategoricalCrossentropy`.
   *
   * @param dvalues - the gradient of the loss with respect to {@link Softmax.output}, same shape
   * @returns (and keeps in {@link Softmax.dinputs}) the gradient with respect to {@link Softmax.inputs}
   * @throws Error `Softmax.backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape or holds NaN or ±Infinity, or if huge
   *   dvalues overflow (`d_i − s · d` can exceed the largest double)
   */
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    const output = this.beginBackward(dvalues, reuse);
    const { rows, cols } = dvalues;
    const s = output.data;
    const d = dvalues.data;
    const dinputs = this.target("dinputs", rows, cols, reuse);
    const out = dinputs.data;
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      let sd = 0; // s · d for this sample
      for (let j = 0; j < cols; j++) sd += s[off + j] * d[off + j];
      for (let j = 0; j < cols; j++) out[off + j] = s[off + j] * (d[off + j] - sd);
    }
    if (!reuse) requireFiniteResult("Softmax.backward", "dinputs", dinputs, "the gradient overflowed: dvalues are too large (near ±1.8e308)");
    this.lastDinputs = dinputs;
    return dinputs;
  }
}

/**
 * The softmax of every row of `inputs`, which must already be checked to be finite: each row's
 * maximum is subtracted first, so every exponent is ≤ 0 and the sum is ≥ 1 (no overflow, no 0/0).
 *
 * @internal also used by `SoftmaxCategoricalCrossentropy`, which checks its own inputs
 */
export function softmaxRows(inputs: Matrix): Matrix {
  return softmaxRowsInto(inputs, new Matrix(inputs.rows, inputs.cols));
}

/** {@link softmaxRows} written into `target` (same shape as `inputs`), which it returns. */
export function softmaxRowsInto(inputs: Matrix, target: Matrix): Matrix {
  const { rows, cols, data } = inputs;
  const out = target.data;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, data[off + j]);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(data[off + j] - max);
      out[off + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) out[off + j] /= sum;
  }
  return target;
}
