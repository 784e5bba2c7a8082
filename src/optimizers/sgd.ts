/**
 * Stochastic gradient descent: step against the gradient, optionally with momentum.
 */
import { Optimizer, option, requireKnownOptions, type OptimizerOptions } from "./optimizer.js";

/** Options for {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** How much of the previous update carries over, in [0, 1); default 0 (plain gradient descent). */
  momentum?: number;
}

/**
 * Gradient descent: `w ← w − lr·g`. With momentum, each update keeps a share of the previous one,
 * `u ← momentum·u − lr·g; w ← w + u`, so steps that agree build up speed and steps that
 * zig-zag cancel out. Defaults as in nnfs: learning rate 1, no decay, no momentum.
 *
 * @example
 * ```ts
 * const optimizer = new SGD({ learningRate: 1, decay: 1e-3, momentum: 0.9 });
 * optimizer.step([...dense1.params(), ...dense2.params()]);
 * ```
 */
export class SGD extends Optimizer {
  /** The share of the previous update kept in the next one. */
  readonly momentum: number;
  protected readonly stateCount: number;

  constructor(options: SGDOptions = {}) {
    super("SGD", options, 1.0);
    requireKnownOptions("SGD", options, ["learningRate", "decay", "momentum"]);
    this.momentum = option("SGD", options, "momentum", 0, "a number in [0, 1)", (x) => x >= 0 && x < 1);
    this.stateCount = this.momentum > 0 ? 1 : 0;
  }

  protected update(w: Float64Array, g: Float64Array, state: Float64Array[], lr: number): void {
    if (this.momentum === 0) {
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      return;
    }
    const [updates] = state; // the previous step's update of each weight
    for (let i = 0; i < w.length; i++) {
      updates[i] = this.momentum * updates[i] - lr * g[i];
      w[i] += updates[i];
    }
  }
}
