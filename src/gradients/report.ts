/**
 * What a gradient check reports: the worst disagreement between an analytic and a numeric gradient,
 * one line per check.
 */
import type { Matrix } from "../matrix.js";
import { relativeError } from "./numerical.js";

/** Node's `util.inspect` (console.log, tslab) shows a value by calling the method under this symbol. */
export const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom");

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

/** Finds the entry where `analytic` and `numeric` (same shape) disagree most. */
export function compare(name: string, analytic: Matrix, numeric: Matrix, tolerance: number, floor: number): GradientCheckResult {
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

export function formatError(e: number): string {
  if (e === 0) return "0";
  if (!Number.isFinite(e)) return String(e);
  // Plain digits for errors a reader compares by eye (0.091, 1), exponents for tiny ones (2.2e-11).
  if (e >= 0.01 && e < 1000) return String(Number(e.toPrecision(2)));
  return e.toExponential(1).replace("e+", "e").replace(".0e", "e");
}

export function formatValue(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}
