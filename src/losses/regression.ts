/**
 * Regression losses: how far numeric predictions are from numeric targets.
 */
import { Matrix } from "../matrix.js";
import { valueTargets, type ValueTargets } from "./value-targets.js";

/** Per-sample mean over outputs of `f(ŷ − y)`, on checked inputs. */
function sampleMeans(p: Matrix, t: Float64Array, f: (diff: number) => number): number[] {
  const { rows, cols, data } = p;
  const losses: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += f(data[i * cols + j] - t[i * cols + j]);
    losses[i] = sum / cols;
  }
  return losses;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Mean squared error (L2 loss): a sample's loss is the mean over its outputs of `(y − ŷ)²`.
 * Large misses cost much more than small ones.
 *
 * @example
 * ```ts
 * new MeanSquaredError().forward(Matrix.from([[1, 2], [0, 0]]), Matrix.from([[1, 4], [3, 0]])); // [2, 4.5]
 * ```
 */
export class MeanSquaredError {
  /** One loss per sample: the mean over its outputs of `(y − ŷ)²`. */
  forward(predictions: Matrix, targets: ValueTargets): number[] {
    const { predictions: p, t } = valueTargets("MeanSquaredError.forward", predictions, targets);
    return sampleMeans(p, t, (d) => d * d);
  }

  /** The mean loss over the batch. */
  calculate(predictions: Matrix, targets: ValueTargets): number {
    const { predictions: p, t } = valueTargets("MeanSquaredError.calculate", predictions, targets);
    return mean(sampleMeans(p, t, (d) => d * d));
  }

  /** The gradient of the mean loss: `−2·(y − ŷ) / outputs / n` per entry. */
  backward(predictions: Matrix, targets: ValueTargets): Matrix {
    const { predictions: p, t } = valueTargets("MeanSquaredError.backward", predictions, targets);
    const out = new Matrix(p.rows, p.cols);
    for (let q = 0; q < p.data.length; q++) out.data[q] = (2 * (p.data[q] - t[q])) / p.cols / p.rows; // = −2·(y − ŷ)/outputs/n, without −0
    return out;
  }
}

/**
 * Mean absolute error (L1 loss): a sample's loss is the mean over its outputs of `|y − ŷ|`.
 * Every unit of miss costs the same, so outliers pull less than with squared error.
 */
export class MeanAbsoluteError {
  /** One loss per sample: the mean over its outputs of `|y − ŷ|`. */
  forward(predictions: Matrix, targets: ValueTargets): number[] {
    const { predictions: p, t } = valueTargets("MeanAbsoluteError.forward", predictions, targets);
    return sampleMeans(p, t, Math.abs);
  }

  /** The mean loss over the batch. */
  calculate(predictions: Matrix, targets: ValueTargets): number {
    const { predictions: p, t } = valueTargets("MeanAbsoluteError.calculate", predictions, targets);
    return mean(sampleMeans(p, t, Math.abs));
  }

  /**
   * The gradient of the mean loss: `sign(ŷ − y) / outputs / n` per entry (0 where ŷ = y).
   * (The derivative of `|y − ŷ|` with respect to ŷ is `−sign(y − ŷ)`: it points away from the target.)
   */
  backward(predictions: Matrix, targets: ValueTargets): Matrix {
    const { predictions: p, t } = valueTargets("MeanAbsoluteError.backward", predictions, targets);
    const out = new Matrix(p.rows, p.cols);
    for (let q = 0; q < p.data.length; q++) out.data[q] = Math.sign(p.data[q] - t[q]) / p.cols / p.rows;
    return out;
  }
}
