/**
 * Checking a loss's gradient against the numeric gradient of its mean.
 */
import { describe, requireMatrix, requireOptions } from "../internal/validate.js";
import { SoftmaxCategoricalCrossentropy } from "../losses/softmax-categorical-crossentropy.js";
import type { ClassTargets } from "../losses/targets.js";
import type { Matrix } from "../matrix.js";
import { gradientCheck } from "./gradient-check.js";
import { GradientCheckReport } from "./report.js";
import { layerName, SETTINGS, type GradientCheckSettings } from "./settings.js";

/** A loss with a gradient: `calculate` gives the mean loss, `backward` its gradient with respect to the predictions. */
export interface LossWithGradient<T> {
  calculate(predictions: Matrix, targets: T): number;
  backward(predictions: Matrix, targets: T): Matrix;
}

/**
 * Checks a loss's gradient against the numeric gradient of its mean loss, at `predictions`.
 * Keep the predictions away from the clipping bounds (1e-7 and 1 − 1e-7 for
 * categorical cross-entropy), where the clipped loss is flat.
 *
 * For {@link SoftmaxCategoricalCrossentropy} the second argument is the scores going into
 * softmax, and the gradient checked is `backward(output, targets)` with respect to those scores.
 *
 * @example
 * ```ts
 * const predictions = Matrix.from([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]]);
 * checkLossGradients(new CategoricalCrossentropy(), predictions, [0, 1]).toString();
 * // "CategoricalCrossentropy dinputs: worst relative error … at [0, 0] ✓"
 * ```
 */
export function checkLossGradients(
  loss: SoftmaxCategoricalCrossentropy,
  inputs: Matrix,
  targets: ClassTargets,
  options?: GradientCheckSettings,
): GradientCheckReport;

export function checkLossGradients<T>(
  loss: LossWithGradient<T>,
  predictions: Matrix,
  targets: T,
  options?: GradientCheckSettings,
): GradientCheckReport;

export function checkLossGradients(
  loss: SoftmaxCategoricalCrossentropy | LossWithGradient<unknown>,
  predictions: Matrix,
  targets: unknown,
  options: GradientCheckSettings = {},
): GradientCheckReport {
  const where = "checkLossGradients";
  requireMatrix(where, "predictions", predictions);
  requireOptions(where, options, SETTINGS, "{ tolerance: 1e-6 }");
  const p = predictions.clone(); // nudged by the numeric gradient; the caller's matrix stays untouched
  const name = `${layerName(loss)} dinputs`;
  let f: () => number;
  let analytic: Matrix;
  if (loss instanceof SoftmaxCategoricalCrossentropy) {
    const t = targets as ClassTargets;
    loss.forward(p, t);
    analytic = loss.backward(loss.output as Matrix, t).clone();
    f = () => loss.forward(p, t);
  } else if (
    loss !== null && typeof loss === "object" && typeof loss.calculate === "function" && typeof loss.backward === "function"
  ) {
    analytic = loss.backward(p, targets).clone();
    f = () => loss.calculate(p, targets);
  } else {
    throw new TypeError(`${where}: expected a loss with calculate and backward methods, got ${describe(loss)}`);
  }
  const result = gradientCheck({ ...options, name, f, param: p, analytic });
  // Leave the loss as after one ordinary forward/backward on the caller's matrix.
  if (loss instanceof SoftmaxCategoricalCrossentropy) {
    loss.forward(predictions, targets as ClassTargets);
    loss.backward(loss.output as Matrix, targets as ClassTargets);
  } else {
    loss.backward(predictions, targets);
  }
  return new GradientCheckReport([result]);
}
