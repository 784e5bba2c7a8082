/**
 * Checking a layer's backward pass — its `dinputs` and the gradient of every parameter it declares
 * through `params()` — against numeric gradients.
 */
import { describe, requireMatrix, requireOptions } from "../internal/validate.js";
import { Matrix } from "../matrix.js";
import type { Parameter } from "../parameter.js";
import { Random, randn } from "../random.js";
import { compare, GradientCheckReport } from "./report.js";
import { DEFAULT_H, layerName, requireDistinct, settings, SETTINGS, type GradientCheckSettings } from "./settings.js";

/**
 * Anything with a forward and a backward pass over matrices: a `Dense` layer or an
 * activation (every {@link Layer} is one). A layer with `params()` gets each parameter's
 * gradient checked too.
 */
export interface BackwardLayer {
  forward(inputs: Matrix): Matrix;
  backward(dvalues: Matrix): Matrix;
  /** Used in the summary when present (e.g. `Dense(4→3)`); otherwise the class's name. */
  readonly name?: string;
  /** The trainable parameters, whose `grad` backward fills (see {@link Layer.params}). */
  params?(): Parameter[];
}

/**
 * Checks a layer's (or activation's) backward pass against numeric gradients, on the batch `inputs`.
 *
 * A backward pass needs a number to differentiate, so this makes one up: a random projection
 * `L = Σ output ⊙ R`, with `R` a matrix of standard normal numbers of the output's shape.
 * Its gradient with respect to the output is exactly `R`, so `backward(R)` must give the
 * gradient of `L` — and `L` mixes every output with its own random weight, so a mistake in
 * any entry shows up. Checks `dinputs`, and `dweights` and `dbiases` when the layer has them.
 * (The numeric side takes the differences output by output, `Σ (o₊ − o₋) ⊙ R / 2h`, before
 * adding up: the same number in exact arithmetic, with far less rounding noise.)
 *
 * Afterwards the layer is left as after `forward(inputs)` then `backward(R)`. Avoid inputs within
 * `h` of a kink (ReLU at 0, step at 0): there the numeric slope straddles two different ones.
 *
 * @param rng - where `R` comes from (seeded, so the report is the same every run)
 * @throws RangeError if `inputs` has no rows, or the layer's forward/backward throws
 *
 * @example
 * ```ts
 * const rng = new Random(0);
 * const dense = new Dense(4, 3, { rng });
 * console.log(checkLayerGradients(dense, randn(5, 4, rng), rng).toString());
 * // Dense(4→3) dinputs: worst relative error … ✓   (then dweights, dbiases)
 * ```
 */
export function checkLayerGradients(
  layer: BackwardLayer,
  inputs: Matrix,
  rng: Random,
  options: GradientCheckSettings = {},
): GradientCheckReport {
  const where = "checkLayerGradients";
  if (layer === null || typeof layer !== "object" || typeof layer.forward !== "function" || typeof layer.backward !== "function") {
    throw new TypeError(`${where}: expected a layer with forward and backward methods, got ${describe(layer)}`);
  }
  requireMatrix(where, "inputs", inputs);
  if (inputs.rows === 0) throw new RangeError(`${where}: expected at least one sample in inputs, got ${inputs.rows}×${inputs.cols}`);
  if (!(rng instanceof Random)) throw new TypeError(`${where}: expected rng to be a Random (e.g. new Random(0)), got ${describe(rng)}`);
  requireOptions(where, options, SETTINGS, "{ tolerance: 1e-6 }");
  const name = layerName(layer);
  const at = `${where}(${name})`;
  const { h = DEFAULT_H } = options;
  const { tolerance, floor } = settings(at, options);
  const x = inputs.clone(); // nudged by the numeric gradient; the caller's batch stays untouched
  const out = layer.forward(x);
  requireMatrix(`${at}: forward`, "the output", out);
  const r = randn(out.rows, out.cols, rng);
  const dinputs = layer.backward(r).clone();
  const params: [string, Matrix, Matrix][] = [["dinputs", x, dinputs]];
  // Every trainable parameter the layer declares — found through params(), never by field names.
  for (const param of typeof layer.params === "function" ? layer.params() : []) {
    params.push([`d${param.name}`, param.value, param.grad.clone()]);
  }
  const results = params.map(([what, param, analytic]) => {
    const label = `${name} ${what}`;
    if (analytic.rows !== param.rows || analytic.cols !== param.cols) {
      throw new RangeError(
        `${at}: ${what} is ${analytic.rows}×${analytic.cols} but ${what.slice(1)} is ${param.rows}×${param.cols} (they must match)`,
      );
    }
    return compare(label, analytic, projectedGradient(() => layer.forward(x), r, param, h), tolerance, floor);
  });
  layer.forward(inputs);
  layer.backward(r);
  return new GradientCheckReport(results);
}

/**
 * The numeric gradient of `L = Σ forward() ⊙ r` with respect to `param`, with the differences taken
 * output by output before the projection: `Σ_q (o₊[q] − o₋[q]) · r[q] / 2h`. Equal to the
 * central difference of `L` in exact arithmetic; in floating point, outputs the nudge does not
 * reach cancel exactly, so they add no rounding noise (summing `L` first would add noise
 * proportional to the size of every term).
 */
export function projectedGradient(forward: () => Matrix, r: Matrix, param: Matrix, h: number): Matrix {
  const { rows, cols, data } = param;
  const grad = new Float64Array(data.length);
  const rd = r.data;
  for (let p = 0; p < data.length; p++) {
    const old = data[p];
    const xp = old + h;
    const xm = old - h;
    requireDistinct("checkLayerGradients", `param[${Math.floor(p / cols)}][${p % cols}] = ${old}`, old, xp, xm, h);
    let op: Float64Array;
    let om: Float64Array;
    try {
      data[p] = xp;
      op = forward().data.slice(); // a copy: forward may reuse its output matrix
      data[p] = xm;
      om = forward().data;
    } finally {
      data[p] = old;
    }
    let sum = 0;
    for (let q = 0; q < rd.length; q++) {
      sum += (op[q] - om[q]) * rd[q];
    }
    if (!Number.isFinite(sum)) {
      throw new RangeError(
        `checkLayerGradients: the output was not finite with param[${Math.floor(p / cols)}][${p % cols}] nudged by ±${h}`,
      );
    }
    grad[p] = sum / (xp - xm);
  }
  return new Matrix(rows, cols, grad);
}
