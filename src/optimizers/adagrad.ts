/**
 * AdaGrad: a learning rate per weight, smaller for weights that have had large gradients.
 */
import { Optimizer, option, requireKnownOptions, type OptimizerOptions } from "./optimizer.js";

/** Options for {@link Adagrad}. */
export interface AdagradOptions extends OptimizerOptions {
  /** Added to the denominator so it is never 0; default 1e-7. */
  epsilon?: number;
}

/**
 * AdaGrad: each weight keeps the sum of its squared gradients, `cache ← cache + g²`, and steps by
 * `w ← w − lr·g / (√cache + ε)`. Weights that move a lot slow down; rarely-updated ones keep
 * larger steps. The cache only grows, so learning slows over time. Defaults as in nnfs:
 * learning rate 1, no decay, ε = 1e-7.
 */
export class Adagrad extends Optimizer {
  /** Keeps the denominator away from 0. */
  readonly epsilon: number;
  protected readonly stateCount = 1;

  constructor(options: AdagradOptions = {}) {
    super("Adagrad", options, 1.0);
    requireKnownOptions("Adagrad", options, ["learningRate", "decay", "epsilon"]);
    this.epsilon = option("Adagrad", options, "epsilon", 1e-7, "a finite number > 0", (x) => x > 0);
  }

  protected update(w: Float64Array, g: Float64Array, [cache]: Float64Array[], lr: number): void {
    for (let i = 0; i < w.length; i++) {
      cache[i] += g[i] * g[i];
      w[i] -= (lr * g[i]) / (Math.sqrt(cache[i]) + this.epsilon);
    }
  }
}
