/**
 * What every numeric derivative and gradient check shares: the default step, pass mark and floor,
 * and the checks on those settings. Internal to the gradient-checking files.
 */
import { describe } from "../internal/validate.js";

/** The step used by the numeric derivatives unless told otherwise. */
export const DEFAULT_H = 1e-5;

/** Below this worst relative error a gradient check passes, unless told otherwise. */
export const DEFAULT_TOLERANCE = 1e-6;

/** The smallest denominator of the relative error, unless told otherwise (see {@link relativeError}). */
export const DEFAULT_FLOOR = 1e-3;

/** Settings shared by every gradient check. */
export interface GradientCheckSettings {
  /** The step of the numeric gradient; default `1e-5`. */
  h?: number;
  /** The check passes when the worst relative error is below this; default `1e-6`. */
  tolerance?: number;
  /** The smallest denominator of the relative error (see {@link relativeError}); default `1e-3`. */
  floor?: number;
}

export function settings(where: string, options: GradientCheckSettings): { tolerance: number; floor: number } {
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
export const SETTINGS = ["h", "tolerance", "floor"] as const;

/**
 * Throws when `x ± h` rounds back to (nearly) the same number, so the difference quotient would
 * be 0/0 = NaN: doubles near `x` are about `|x| · 2.2e-16` apart, and a step below that vanishes.
 */
export function requireDistinct(where: string, at: string, x: number, xp: number, xm: number, h: number): void {
  if (xp === xm) {
    const step = Number((Math.abs(x) * 1e-8).toPrecision(1));
    throw new RangeError(
      `${where}: the step h = ${h} is lost to rounding at ${at} (x + h and x − h are the same number); ` +
        `use a step of about |x| · 1e-8 there, e.g. h = ${step}`,
    );
  }
}

export function requireStep(where: string, h: unknown): void {
  if (typeof h !== "number" || !Number.isFinite(h) || h <= 0) {
    throw new RangeError(`${where}: expected the step h to be a positive finite number, got ${describe(h)}`);
  }
}

export function requireValue(where: string, what: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${where}: ${what} returned ${describe(v)}; expected a finite number`);
  }
}

export function layerName(layer: object): string {
  const own = (layer as { name?: unknown }).name;
  if (typeof own === "string" && own !== "") return own;
  const ctor = (layer as { constructor?: { name?: unknown } }).constructor;
  return ctor && typeof ctor.name === "string" && ctor.name !== "Object" && ctor.name !== "" ? ctor.name : "layer";
}
