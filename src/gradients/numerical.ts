/**
 * Numeric derivatives: nudge the input a little and watch the output (central differences).
 * Slow — two evaluations per number — but they need no calculus, which is what makes them a check.
 */
import { describe, requireFiniteNumber, requireMatrix, whileNudging } from "../internal/validate.js";
import { Matrix } from "../matrix.js";
import { DEFAULT_FLOOR, DEFAULT_H, requireDistinct, requireStep, requireValue } from "./settings.js";

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
