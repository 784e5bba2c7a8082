/**
 * Chapter 05 — the sigmoid activation, squashing any number into (0, 1).
 */
import { Matrix } from "../matrix.js";
import { elementWise, requireMatrixInput } from "./common.js";

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
export class Sigmoid {
  /** The batch most recently passed to {@link Sigmoid.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Sigmoid.forward}. */
  output: Matrix | undefined = undefined;

  /** Returns (and keeps) σ of every entry — same shape as `inputs`. */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Sigmoid.forward", inputs);
    this.inputs = inputs;
    this.output = elementWise(inputs, sigmoid);
    return this.output;
  }
}
