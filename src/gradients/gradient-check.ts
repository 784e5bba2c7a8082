/**
 * The gradient check: does a backward pass agree with the numeric gradient?
 */
import { requireMatrix, requireOptions } from "../internal/validate.js";
import type { Matrix } from "../matrix.js";
import { numericalGradient } from "./numerical.js";
import { compare, type GradientCheckResult } from "./report.js";
import { DEFAULT_H, settings, type GradientCheckSettings } from "./settings.js";

/** What {@link gradientCheck} compares. */
export interface GradientCheckOptions extends GradientCheckSettings {
  /** What is being checked, shown in the summary, e.g. `Dense(4→3) dweights`; default `gradient`. */
  name?: string;
  /** Computes the number being differentiated (e.g. a loss) from the current contents of `param`. */
  f: () => number;
  /** The matrix to differentiate with respect to; nudged in place, then restored (see {@link numericalGradient}). */
  param: Matrix;
  /** The gradient of `f` with respect to `param` from a backward pass, same shape as `param`. */
  analytic: Matrix;
}

/**
 * Compares an analytic gradient with the numeric one, entry by entry, and reports the worst
 * {@link relativeError}.
 *
 * @throws RangeError if `analytic` is not `param`'s shape, `param` has no entries, or
 *   `h`/`tolerance`/`floor` is not a valid number
 *
 * @example
 * ```ts
 * const w = Matrix.from([[1, 2]]);
 * const result = gradientCheck({
 *   name: "w0·w1",
 *   f: () => w.get(0, 0) * w.get(0, 1),
 *   param: w,
 *   analytic: Matrix.from([[2, 1]]), // ∂/∂w0 = w1, ∂/∂w1 = w0
 * });
 * result.ok;         // true
 * String(result);    // "w0·w1: worst relative error … at [0, 0] ✓"
 * ```
 */
export function gradientCheck(options: GradientCheckOptions): GradientCheckResult {
  // Unlike a layer's options these are required: undefined is an error too.
  requireOptions("gradientCheck", options ?? null, ["name", "f", "param", "analytic", "h", "tolerance", "floor"], "{ f, param, analytic }");
  const { name = "gradient", f, param, analytic, h = DEFAULT_H } = options;
  const { tolerance, floor } = settings(`gradientCheck(${name})`, options);
  const where = `gradientCheck(${name})`;
  requireMatrix(where, "param", param);
  requireMatrix(where, "analytic", analytic);
  if (analytic.rows !== param.rows || analytic.cols !== param.cols) {
    throw new RangeError(
      `${where}: the analytic gradient is ${analytic.rows}×${analytic.cols} but param is ${param.rows}×${param.cols} (they must match)`,
    );
  }
  if (param.size === 0) {
    throw new RangeError(`${where}: param is ${param.rows}×${param.cols} — there is nothing to check`);
  }
  return compare(name, analytic, numericalGradient(f, param, h), tolerance, floor);
}
