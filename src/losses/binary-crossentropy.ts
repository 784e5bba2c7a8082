/**
 * Binary cross-entropy: the loss of independent yes/no outputs, each a sigmoid probability.
 */
import { Matrix } from "../matrix.js";
import { requireBinary, valueTargets, type ValueTargets } from "./value-targets.js";

const CLIP = 1e-7;
const clip = (p: number) => (p < CLIP ? CLIP : p > 1 - CLIP ? 1 - CLIP : p);

function checked(where: string, predictions: unknown, targets: unknown): { predictions: Matrix; t: Float64Array } {
  const out = valueTargets(where, predictions, targets);
  const d = out.predictions.data;
  for (let p = 0; p < d.length; p++) {
    if (d[p] < 0 || d[p] > 1) {
      throw new RangeError(
        `${where}: expected probabilities in [0, 1] (one sigmoid output per entry), got ${d[p]} at [${Math.floor(p / out.predictions.cols)}][${p % out.predictions.cols}]; did you forget Sigmoid?`,
      );
    }
  }
  requireBinary(where, out.t, out.predictions.cols);
  return out;
}

/**
 * Binary cross-entropy (nnfs chapter 16). Each output `j` of sample `i` is the probability `ŷ` that
 * the answer to its own yes/no question is "yes"; with target `y ∈ {0, 1}` it costs
 * `−(y·ln ŷ + (1 − y)·ln(1 − ŷ))` — minus the log of the probability given to what happened. A
 * sample's loss is the mean over its outputs. Predictions are clipped to `[1e-7, 1 − 1e-7]` first.
 *
 * @example
 * ```ts
 * const bce = new BinaryCrossentropy();
 * bce.forward(Matrix.from([[0.9], [0.2]]), [1, 0]); // [−ln 0.9, −ln 0.8] = [0.1054, 0.2231]
 * ```
 */
export class BinaryCrossentropy {
  /** One loss per sample: the mean over its outputs of `−(y·ln ŷ + (1 − y)·ln(1 − ŷ))`. */
  forward(predictions: Matrix, targets: ValueTargets): number[] {
    const { predictions: p, t } = checked("BinaryCrossentropy.forward", predictions, targets);
    return sampleLosses(p, t);
  }

  /** The mean loss over the batch. */
  calculate(predictions: Matrix, targets: ValueTargets): number {
    const { predictions: p, t } = checked("BinaryCrossentropy.calculate", predictions, targets);
    const losses = sampleLosses(p, t);
    let sum = 0;
    for (const l of losses) sum += l;
    return sum / losses.length;
  }

  /**
   * The gradient of the mean loss: `−(y/ŷ − (1 − y)/(1 − ŷ)) / outputs / n` per entry (ŷ clipped as in forward).
   * With a sigmoid before it, the two together simplify to `(ŷ − y) / outputs / n` — see chapter 13.
   */
  backward(predictions: Matrix, targets: ValueTargets): Matrix {
    const { predictions: p, t } = checked("BinaryCrossentropy.backward", predictions, targets);
    const { rows, cols, data } = p;
    const out = new Matrix(rows, cols);
    for (let q = 0; q < data.length; q++) {
      const c = clip(data[q]);
      out.data[q] = -(t[q] / c - (1 - t[q]) / (1 - c)) / cols / rows;
    }
    return out;
  }
}

function sampleLosses(p: Matrix, t: Float64Array): number[] {
  const { rows, cols, data } = p;
  const losses: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const q = i * cols + j;
      const c = clip(data[q]);
      sum += -(t[q] * Math.log(c) + (1 - t[q]) * Math.log(1 - c));
    }
    losses[i] = sum / cols;
  }
  return losses;
}
