/**
 * Dropout: during training, switch off a random share of a layer's outputs, so the network cannot
 * lean on any single neuron — a regularizer (it fights over-fitting).
 */
import { requireMatrixInput } from "./activations/common.js";
import { describe, requireOptions } from "./internal/validate.js";
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "./layer.js";
import type { Matrix } from "./matrix.js";
import { Random } from "./random.js";

/**
 * Inverted dropout (nnfs chapter 15). In training (the default when called directly) each input
 * is kept with probability `1 − rate` and then multiplied by `1 / (1 − rate)`, or set to 0: the
 * kept units are scaled up so that the expected output equals the input, and nothing has to change
 * at inference. With `{ training: false }` the layer is the identity. `backward` multiplies the
 * gradient by the same mask (0 or `1 / (1 − rate)`) that `forward` used.
 *
 * @example
 * ```ts
 * const dropout = new Dropout(0.1, { rng: new Random(0) });
 * dropout.forward(x);                       // ~10% zeros, the rest × 1/0.9
 * dropout.forward(x, { training: false });  // x itself (a copy)
 * ```
 */
export class Dropout extends BaseLayer {
  /** The share of units dropped in training, in [0, 1). */
  readonly rate: number;
  private readonly rng: Random;
  private lastMask: Matrix | undefined = undefined;

  /**
   * @param rate - the share of units to drop, in [0, 1) (the book's `Layer_Dropout(0.1)` drops 10%)
   * @param options - `rng`: where the random masks come from
   * @throws RangeError if `rate` is not in [0, 1); TypeError without an `rng`
   */
  constructor(rate: number, options: { rng: Random }) {
    super();
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
      throw new RangeError(`Dropout: expected rate to be a number in [0, 1) — the share of units to drop — got ${describe(rate)}`);
    }
    const checked = requireOptions("Dropout", options, ["rng"], "{ rng: new Random(0) }");
    if (!(checked.rng instanceof Random)) {
      throw new TypeError(`Dropout: expected options.rng to be a Random, e.g. new Dropout(${rate}, { rng: new Random(0) }), got ${describe(checked.rng)}`);
    }
    this.rate = rate;
    this.rng = checked.rng;
  }

  override get name(): string {
    return `Dropout(${this.rate})`;
  }

  /** The mask of the last training pass: `1 / (1 − rate)` where a unit was kept, 0 where dropped. */
  get mask(): Matrix {
    return this.made(this.lastMask, "mask", "forward");
  }

  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    const training = options?.training ?? true;
    requireMatrixInput(`${this.name}.forward`, inputs, !reuse);
    const out = this.target("output", inputs.rows, inputs.cols, reuse);
    const x = inputs.data;
    const o = out.data;
    if (!training) {
      o.set(x); // inference: every unit, unscaled
      this.lastMask = undefined;
    } else {
      const mask = this.target("mask", inputs.rows, inputs.cols, reuse);
      const m = mask.data;
      const keep = 1 - this.rate;
      const scale = 1 / keep;
      for (let p = 0; p < x.length; p++) {
        // Kept with probability 1 − rate (a uniform number in [0, 1) below keep), then scaled up.
        m[p] = this.rng.uniform() < keep ? scale : 0;
        o[p] = x[p] * m[p];
      }
      this.lastMask = mask;
    }
    this.lastInputs = inputs;
    this.lastOutput = out;
    return out;
  }

  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    const reuse = options?.reuseBuffers === true;
    this.beginBackward(dvalues, reuse);
    const dinputs = this.target("dinputs", dvalues.rows, dvalues.cols, reuse);
    const d = dvalues.data;
    const out = dinputs.data;
    if (this.lastMask === undefined) out.set(d); // after an inference pass: the identity's gradient
    else {
      const m = this.lastMask.data;
      for (let p = 0; p < d.length; p++) out[p] = d[p] * m[p];
    }
    this.lastDinputs = dinputs;
    return dinputs;
  }
}
