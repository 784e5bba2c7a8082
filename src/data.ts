/**
 * Chapter 04 — toy data sets, following the definitions of the `nnfs` Python package
 * (Neural Networks from Scratch) but drawing from our seeded {@link Random}, so the points are the
 * same on every run (they are not the same points as Python's, whose generator differs).
 */
import { describe, requireWholeNumber } from "./internal/validate.js";
import { Matrix } from "./matrix.js";
import { Random } from "./random.js";

/** A classification data set: one sample per row of `X`, and its class in `y`. */
export interface ClassificationData {
  /** The samples, `(samplesPerClass·classes)×2`: x and y coordinates of each point. */
  X: Matrix;
  /** The class of each sample, `0 … classes − 1`, in the same order as the rows of `X`. */
  y: number[];
}

/** A regression data set: one input per row of `X`, its target in the same row of `y`. */
export interface RegressionData {
  /** The inputs, `samples×1`. */
  X: Matrix;
  /** The targets, `samples×1`. */
  y: Matrix;
}

/**
 * Interlocking spirals, one arm per class (nnfs `spiral_data`). For class `c`, sample `i`:
 * radius `r = i / (samplesPerClass − 1)` (evenly from 0 to 1), angle
 * `t = linspace(4c, 4(c+1))[i] + 0.2·(standard normal)`, point `(r·sin(2.5t), r·cos(2.5t))`.
 * Samples are grouped by class: rows `c·samplesPerClass …` belong to class `c`.
 *
 * @param samplesPerClass - points per arm, a whole number ≥ 1
 * @param classes - number of arms, a whole number ≥ 1
 * @param rng - the seeded generator the noise comes from (`samplesPerClass` normals per class)
 *
 * @example
 * ```ts
 * const { X, y } = spiralData(100, 3, new Random(0)); // X is 300×2, y has 300 labels
 * ```
 */
export function spiralData(samplesPerClass: number, classes: number, rng: Random): ClassificationData {
  checkArgs("spiralData", samplesPerClass, classes, rng);
  const X = Matrix.zeros(samplesPerClass * classes, 2);
  const y: number[] = [];
  for (let c = 0; c < classes; c++) {
    const radius = linspace(0, 1, samplesPerClass);
    const angle = linspace(c * 4, (c + 1) * 4, samplesPerClass);
    for (let i = 0; i < samplesPerClass; i++) {
      const t = angle[i] + rng.normal() * 0.2;
      const row = c * samplesPerClass + i;
      // `+ 0` turns −0 (radius 0 times a negative sine) into 0, so printed points read `0`, not `-0`.
      X.data[row * 2] = radius[i] * Math.sin(t * 2.5) + 0;
      X.data[row * 2 + 1] = radius[i] * Math.cos(t * 2.5) + 0;
      y.push(c);
    }
  }
  return { X, y };
}

/**
 * Vertical clusters, one per class (nnfs `vertical_data`): class `c` is a blob around
 * `(c/3, 0.5)` with standard deviation 0.1 in each direction. For each class the x noise is
 * drawn for all its samples first, then the y noise (as NumPy does).
 *
 * @param samplesPerClass - points per class, a whole number ≥ 1
 * @param classes - number of classes, a whole number ≥ 1
 * @param rng - the seeded generator (`2·samplesPerClass` normals per class)
 */
export function verticalData(samplesPerClass: number, classes: number, rng: Random): ClassificationData {
  checkArgs("verticalData", samplesPerClass, classes, rng);
  const X = Matrix.zeros(samplesPerClass * classes, 2);
  const y: number[] = [];
  for (let c = 0; c < classes; c++) {
    const first = c * samplesPerClass;
    for (let i = 0; i < samplesPerClass; i++) X.data[(first + i) * 2] = rng.normal() * 0.1 + c / 3;
    for (let i = 0; i < samplesPerClass; i++) X.data[(first + i) * 2 + 1] = rng.normal() * 0.1 + 0.5;
    for (let i = 0; i < samplesPerClass; i++) y.push(c);
  }
  return { X, y };
}

/**
 * One period of a sine wave (nnfs `sine_data`): `x = i / samples` for `i = 0 … samples − 1`
 * (so x runs over [0, 1) in even steps) and `y = sin(2πx)`. No randomness.
 *
 * @param samples - number of points, a whole number ≥ 1 (default 1000, as in nnfs)
 * @returns `X` and `y`, both `samples×1`
 */
export function sineData(samples = 1000): RegressionData {
  requireWholeNumber("sineData", "samples", samples, 1);
  const X = Matrix.zeros(samples, 1);
  const y = Matrix.zeros(samples, 1);
  for (let i = 0; i < samples; i++) {
    const x = i / samples;
    X.data[i] = x;
    y.data[i] = Math.sin(2 * Math.PI * x);
  }
  return { X, y };
}

/** `n` evenly spaced numbers from `start` to `stop`, both included (NumPy's `linspace`). */
function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(start + ((stop - start) * i) / (n - 1));
  out[n - 1] = stop;
  return out;
}

function checkArgs(where: string, samplesPerClass: number, classes: number, rng: Random): void {
  requireWholeNumber(where, "samplesPerClass", samplesPerClass, 1);
  requireWholeNumber(where, "classes", classes, 1);
  if (!(rng instanceof Random)) {
    throw new TypeError(
      `${where}: expected a Random generator as the third argument (e.g. new Random(0)), got ${describe(rng)}`,
    );
  }
}
