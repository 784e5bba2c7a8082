/**
 * Chapter 07 — numeric derivatives: nudge the input a little and watch the output.
 * Chapter 08 — gradient checks: does a backward pass agree with the numeric gradient?
 *
 * The analytic gradients of chapter 09 (every `backward`) are fast but easy to get subtly wrong.
 * Numeric gradients are slow (two forward passes per number) but need no calculus at all, so
 * comparing the two on small examples catches mistakes in the calculus.
 */
import { SoftmaxCategoricalCrossentropy } from "./losses/softmax-categorical-crossentropy.js";
import { describe, requireFiniteNumber, requireMatrix, requireOptions, whileNudging } from "./internal/validate.js";
import type { ClassTargets } from "./losses/targets.js";
import { Matrix } from "./matrix.js";
import { Random, randn } from "./random.js";
import type { Parameter } from "./parameter.js";
import type { Layer } from "./layer.js";

/** Node's `util.inspect` (console.log, tslab) shows a value by calling the method under this symbol. */
const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/** The step used by the numeric derivatives unless told otherwise. */
const DEFAULT_H = 1e-5;
/** Below this worst relative error a gradient check passes, unless told otherwise. */
const DEFAULT_TOLERANCE = 1e-6;
/** The smallest denominator of the relative error, unless told otherwise (see {@link relativeError}). */
const DEFAULT_FLOOR = 1e-3;

/**
 * The derivative of `f` at `x`, estimated by central differences:
 * `f'(x) ≈ (f(x + h) − f(x − h)) / 2h`.
 *
 * The slope of the line through two points on either side of `x` — much closer to the tangent's
 * slope than the one-sided `(f(x + h) − f(x)) / h`: its error shrinks like `h²` instead of `h`.
 * `h` cannot be made tiny either: `f(x + h) − f(x − h)` then loses its digits to rounding.
 * `1e-5` is a good compromise for numbers near 1 in double precision (about 10 correct digits).
 * (The division uses the step actually taken, `(x + h) − (x − h)`, which can differ from `2h`
 * in the last bits once rounded.)
 *
 * @param f - a function of one number
 * @param x - where to take the derivative
 * @param h - the step on either side, a positive number; default `1e-5`
 * @throws RangeError if `x` or `h` is not a finite number, `h ≤ 0`, `f` returns NaN or an
 *   infinity, or the step is lost to rounding: at `x = 1e300`, `x ± 1e-5` is `x` itself, so the
 *   two points coincide. The step is not enlarged behind your back — the message says how large
 *   a step would register there (about `|x| · 1e-8`).
 *
 * @example
 * ```ts
 * numericalDerivative((x) => 2 * x ** 2, 1); // ≈ 4 (the exact derivative is 4x)
 * ```
 */
export function numericalDerivative(f: (x: number) => number, x: number, h: number = DEFAULT_H): number {
  const where = "numericalDerivative";
  if (typeof f !== "function") throw new TypeError(`${where}: expected f to be a function, got ${describe(f)}`);
  requireFiniteNumber(where, "x", x);
  requireStep(where, h);
  const xp = x + h;
  const xm = x - h;
  requireDistinct(where, `x = ${x}`, x, xp, xm, h);
  const fp = f(xp);
  requireValue(where, `f(${xp}) (at x + h)`, fp);
  const fm = f(xm);
  requireValue(where, `f(${xm}) (at x − h)`, fm);
  return (fp - fm) / (xp - xm);
}

/**
 * The numeric gradient of `f` with respect to every entry of `param`: entry `[i][j]` is the
 * central difference of `f` when only `param[i][j]` moves by `±h` (see {@link numericalDerivative}).
 *
 * `param` is changed **in place** while `f` runs — that is how `f` sees the nudge: `f` takes no
 * arguments and reads `param` itself (typically a layer's weights, or the batch a closure feeds
 * to `forward`). Each entry is put back exactly as it was afterwards, even if `f` throws.
 *
 * @param f - computes a number (e.g. a loss) from the current contents of `param`
 * @param param - the matrix to differentiate with respect to
 * @param h - the step; default `1e-5`
 * @returns a matrix of `param`'s shape
 * @throws RangeError if `h` is not a positive finite number, `f` returns NaN or an infinity, or
 *   the step is lost to rounding at some entry (see {@link numericalDerivative})
 *
 * @example
 * ```ts
 * const w = Matrix.from([[1, 2]]);
 * numericalGradient(() => w.get(0, 0) * w.get(0, 1), w).toArray(); // ≈ [[2, 1]]
 * ```
 */
export function numericalGradient(f: () => number, param: Matrix, h: number = DEFAULT_H): Matrix {
  const where = "numericalGradient";
  if (typeof f !== "function") throw new TypeError(`${where}: expected f to be a function, got ${describe(f)}`);
  requireMatrix(where, "param", param);
  requireStep(where, h);
  const { rows, cols, data } = param;
  const grad = new Float64Array(data.length);
  for (let p = 0; p < data.length; p++) {
    const old = data[p];
    const xp = old + h;
    const xm = old - h;
    const at = `[${Math.floor(p / cols)}][${p % cols}]`;
    requireDistinct(where, `param${at} = ${old}`, old, xp, xm, h);
    let fp = 0;
    let fm = 0;
    // A loss of probabilities sees rows summing to 1 ± h now: allowed while nudging, on purpose.
    whileNudging(h, () => {
      try {
        data[p] = xp;
        fp = f();
        data[p] = xm;
        fm = f();
      } finally {
        data[p] = old;
      }
    });
    requireValue(where, `f() with param${at} + h`, fp);
    requireValue(where, `f() with param${at} − h`, fm);
    grad[p] = (fp - fm) / (xp - xm);
  }
  return new Matrix(rows, cols, grad);
}

/**
 * How far apart an analytic gradient `a` and a numeric one `n` are, relative to their size:
 * `|a − n| / max(|a| + |n|, floor)`. 0 means equal; `1e-6` means about 6 matching digits;
 * 1 means unrelated (e.g. opposite signs).
 *
 * The `floor` (default `1e-3`) stops two gradients that are both (nearly) zero from looking
 * wildly different: a numeric gradient is never exact — rounding leaves noise of about
 * `1e-10` — so `a = 0` against `n = 3e-11` would otherwise be a relative error of 1.
 * Below the floor the difference is, in effect, compared absolutely: with the default tolerance
 * `1e-6` it must then be under `1e-9`. (A real mistake is far bigger than that.)
 *
 * @param floor - the smallest denominator, ≥ 0; default `1e-3`
 */
export function relativeError(a: number, n: number, floor: number = DEFAULT_FLOOR): number {
  const diff = Math.abs(a - n);
  if (diff === 0) return 0;
  return diff / Math.max(Math.abs(a) + Math.abs(n), floor);
}

/** Settings shared by every gradient check. */
export interface GradientCheckSettings {
  /** The step of the numeric gradient; default `1e-5`. */
  h?: number;
  /** The check passes when the worst relative error is below this; default `1e-6`. */
  tolerance?: number;
  /** The smallest denominator of the relative error (see {@link relativeError}); default `1e-3`. */
  floor?: number;
}

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
 * The outcome of one {@link gradientCheck}: the entry where the analytic and the numeric
 * gradient disagree most, and by how much. Prints as one line, e.g.
 * `Dense(4→3) dweights: worst relative error 3.1e-10 at [2, 1] ✓`.
 */
export class GradientCheckResult {
  /** What was checked, e.g. `Dense(4→3) dweights`. */
  readonly name: string;
  /** The largest {@link relativeError} over all entries. */
  readonly worstRelativeError: number;
  /** Row and column of that entry. */
  readonly index: [number, number];
  /** The analytic gradient at that entry. */
  readonly analytic: number;
  /** The numeric gradient at that entry. */
  readonly numeric: number;
  /** The bound the worst relative error was held to. */
  readonly tolerance: number;
  /** True when `worstRelativeError < tolerance`. */
  readonly ok: boolean;

  /** Made by {@link gradientCheck}; the fields are as described on each. */
  constructor(
    name: string,
    worstRelativeError: number,
    index: [number, number],
    analytic: number,
    numeric: number,
    tolerance: number,
  ) {
    this.name = name;
    this.worstRelativeError = worstRelativeError;
    this.index = index;
    this.analytic = analytic;
    this.numeric = numeric;
    this.tolerance = tolerance;
    this.ok = worstRelativeError < tolerance;
  }

  /**
   * One line: `Dense(4→3) dweights: worst relative error 3.1e-10 at [2, 1] ✓`; a failed check
   * ends with `✗` and the two values that disagree.
   */
  toString(): string {
    const line = `${this.name}: worst relative error ${formatError(this.worstRelativeError)} at [${this.index[0]}, ${this.index[1]}]`;
    if (this.ok) return `${line} ✓`;
    return (
      `${line} ✗ (analytic ${formatValue(this.analytic)}, numeric ${formatValue(this.numeric)}; ` +
      `tolerance ${formatError(this.tolerance)})`
    );
  }

  /** What `console.log` and a notebook cell show: the same line as {@link GradientCheckResult.toString}. */
  [inspectSymbol](): string {
    return this.toString();
  }
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

/** Finds the entry where `analytic` and `numeric` (same shape) disagree most. */
function compare(name: string, analytic: Matrix, numeric: Matrix, tolerance: number, floor: number): GradientCheckResult {
  let worst = -1;
  let at = 0;
  for (let p = 0; p < numeric.size; p++) {
    const e = relativeError(analytic.data[p], numeric.data[p], floor);
    // `!(e <= worst)` also picks up a NaN error (a NaN in the analytic gradient) and reports it.
    if (!(e <= worst)) {
      worst = e;
      at = p;
      if (Number.isNaN(e)) break;
    }
  }
  const { cols } = numeric;
  return new GradientCheckResult(
    name,
    worst,
    [Math.floor(at / cols), at % cols],
    analytic.data[at],
    numeric.data[at],
    tolerance,
  );
}

/**
 * Several {@link GradientCheckResult}s — e.g. one each for a dense layer's `dinputs`,
 * `dweights` and `dbiases`. Prints one line per check.
 */
export class GradientCheckReport {
  /** The individual checks, in the order they ran. */
  readonly results: readonly GradientCheckResult[];

  /** Made by {@link checkLayerGradients} and {@link checkLossGradients}. */
  constructor(results: readonly GradientCheckResult[]) {
    this.results = results;
  }

  /** True when every check passed. */
  get ok(): boolean {
    return this.results.every((r) => r.ok);
  }

  /** The largest worst relative error over all the checks. */
  get worstRelativeError(): number {
    let worst = 0;
    for (const r of this.results) if (!(r.worstRelativeError <= worst)) worst = r.worstRelativeError;
    return worst;
  }

  /** One line per check (see {@link GradientCheckResult.toString}). */
  toString(): string {
    return this.results.map((r) => r.toString()).join("\n");
  }

  /** What `console.log` and a notebook cell show: the same lines as {@link GradientCheckReport.toString}. */
  [inspectSymbol](): string {
    return this.toString();
  }
}

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
function projectedGradient(forward: () => Matrix, r: Matrix, param: Matrix, h: number): Matrix {
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

function layerName(layer: object): string {
  const own = (layer as { name?: unknown }).name;
  if (typeof own === "string" && own !== "") return own;
  const ctor = (layer as { constructor?: { name?: unknown } }).constructor;
  return ctor && typeof ctor.name === "string" && ctor.name !== "Object" && ctor.name !== "" ? ctor.name : "layer";
}

function settings(where: string, options: GradientCheckSettings): { tolerance: number; floor: number } {
  const { h = DEFAULT_H, tolerance = DEFAULT_TOLERANCE, floor = DEFAULT_FLOOR } = options;
  requireStep(where, h);
  if (typeof tolerance !== "number" || !(tolerance > 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(`${where}: expected tolerance to be a positive finite number, got ${describe(tolerance)}`);
  }
  if (typeof floor !== "number" || !(floor >= 0) || !Number.isFinite(floor)) {
    throw new RangeError(`${where}: expected floor to be a finite number ≥ 0, got ${describe(floor)}`);
  }
  return { tolerance, floor };
}

/** The keys of {@link GradientCheckSettings}. */
const SETTINGS = ["h", "tolerance", "floor"] as const;

/**
 * Throws when `x ± h` rounds back to (nearly) the same number, so the difference quotient would
 * be 0/0 = NaN: doubles near `x` are about `|x| · 2.2e-16` apart, and a step below that vanishes.
 */
function requireDistinct(where: string, at: string, x: number, xp: number, xm: number, h: number): void {
  if (xp === xm) {
    const step = Number((Math.abs(x) * 1e-8).toPrecision(1));
    throw new RangeError(
      `${where}: the step h = ${h} is lost to rounding at ${at} (x + h and x − h are the same number); ` +
        `use a step of about |x| · 1e-8 there, e.g. h = ${step}`,
    );
  }
}

function requireStep(where: string, h: unknown): void {
  if (typeof h !== "number" || !Number.isFinite(h) || h <= 0) {
    throw new RangeError(`${where}: expected the step h to be a positive finite number, got ${describe(h)}`);
  }
}

function requireValue(where: string, what: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${where}: ${what} returned ${describe(v)}; expected a finite number`);
  }
}


function formatError(e: number): string {
  if (e === 0) return "0";
  if (!Number.isFinite(e)) return String(e);
  // Plain digits for errors a reader compares by eye (0.091, 1), exponents for tiny ones (2.2e-11).
  if (e >= 0.01 && e < 1000) return String(Number(e.toPrecision(2)));
  return e.toExponential(1).replace("e+", "e").replace(".0e", "e");
}

function formatValue(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}
