/**
 * Chapter 05 — the step activation: a neuron either fires (1) or does not (0).
 */
import { Matrix } from "../matrix.js";
import { elementWise, requireMatrixInput } from "./common.js";

/**
 * The step function, entry by entry: `1` where the input is greater than 0, else `0`.
 * Historically the first activation; its derivative is 0 almost everywhere, so it cannot be
 * trained by gradient descent.
 *
 * @example
 * ```ts
 * new Step().forward(Matrix.from([[-1, 0, 2]])).toArray(); // [[0, 0, 1]]
 * ```
 */
export class Step {
  /** The batch most recently passed to {@link Step.forward}. */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Step.forward}. */
  output: Matrix | undefined = undefined;

  /** Returns (and keeps) `1` where `inputs > 0`, `0` elsewhere — same shape as `inputs`. */
  forward(inputs: Matrix): Matrix {
    requireMatrixInput("Step.forward", inputs);
    this.inputs = inputs;
    this.output = elementWise(inputs, (x) => (x > 0 ? 1 : 0));
    return this.output;
  }
}
