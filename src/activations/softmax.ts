/**
 * Chapter 05 — softmax: turns each row of scores into probabilities that sum to 1.
 */
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
export class Softmax {
  /** The batch most recently passed to {@link Softmax.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Softmax.forward}. */
  output: Matrix | undefined = undefined;

  /** Returns (and keeps) the softmax of every row — same shape as `inputs`. */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Softmax.forward", inputs);
    const { rows, cols, data } = inputs;
    const out = new Float64Array(data.length);
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
    this.inputs = inputs;
    this.output = new Matrix(rows, cols, out);
    return this.output;
  }
}
