/**
 * RMSProp: AdaGrad with a cache that forgets, so learning does not stall.
 */
import { Optimizer, option, requireKnownOptions, type OptimizerOptions } from "./optimizer.js";

/** Options for {@link RMSprop}. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Added to the denominator so it is never 0; default 1e-7. */
  epsilon?: number;
  /** How much of the cache is kept each step, in [0, 1); default 0.9. */
  rho?: number;
}

/**
 * RMSProp: each weight keeps a moving average of its squared gradients,
 * `cache ← ρ·cache + (1 − ρ)·g²`, and steps by `w ← w − lr·g / (√cache + ε)`.
 * Defaults as in nnfs: learning rate 0.001, no decay, ε = 1e-7, ρ = 0.9.
 */
export class RMSprop extends Optimizer {
  /** Keeps the denominator away from 0. */
  readonly epsilon: number;
  /** The cache's memory: the share of the old cache kept each step. */
  readonly rho: number;
  protected readonly stateCount = 1;

  constructor(options: RMSpropOptions = {}) {
    super("RMSprop", options, 0.001);
    requireKnownOptions("RMSprop", options, ["learningRate", "decay", "epsilon", "rho"]);
    this.epsilon = option("RMSprop", options, "epsilon", 1e-7, "a finite number > 0", (x) => x > 0);
    this.rho = option("RMSprop", options, "rho", 0.9, "a number in [0, 1)", (x) => x >= 0 && x < 1);
  }

  protected update(w: Float64Array, g: Float64Array, [cache]: Float64Array[], lr: number): void {
    const rho = this.rho;
    for (let i = 0; i < w.length; i++) {
      cache[i] = rho * cache[i] + (1 - rho) * g[i] * g[i];
      w[i] -= (lr * g[i]) / (Math.sqrt(cache[i]) + this.epsilon);
    }
  }
}
