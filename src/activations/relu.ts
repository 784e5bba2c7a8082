/**
 * Chapter 05 — the rectified linear unit, the default activation of hidden layers.
 */
import { Matrix } from "../matrix.js";
import { elementWise, requireMatrixInput } from "./common.js";

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

  /** Returns (and keeps) `max(0, x)` of every entry — same shape as `inputs`. */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("ReLU.forward", inputs);
    this.inputs = inputs;
    // `x > 0 ? x : 0` would quietly turn NaN into 0; Math.max lets a NaN show through.
    this.output = elementWise(inputs, (x) => Math.max(0, x));
    return this.output;
  }
}
