/**
 * Chapter 05 — the linear (identity) activation, used on the output of a regression network.
 */
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
export class Linear {
  /** The batch most recently passed to {@link Linear.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Linear.forward}. */
  output: Matrix | undefined = undefined;

  /** Returns (and keeps) a copy of `inputs`: a copy, so later in-place changes to either stay apart. */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Linear.forward", inputs);
    this.inputs = inputs;
    this.output = inputs.clone();
    return this.output;
  }
}
