/**
 * Adam: momentum and RMSProp together, with a correction for their zero start.
 */
import { adamUpdate } from "../kernels/backend.js";
import { Optimizer, option, requireKnownOptions, type OptimizerOptions } from "./optimizer.js";

/** Options for {@link Adam}. */
export interface AdamOptions extends OptimizerOptions {
  /** Added to the denominator so it is never 0; default 1e-7. */
  epsilon?: number;
  /** The momentum's memory, in [0, 1); default 0.9. */
  beta1?: number;
  /** The cache's memory, in [0, 1); default 0.999. */
  beta2?: number;
}

/**
 * Adam (adaptive moment estimation). Each weight keeps a momentum `m ← β₁·m + (1 − β₁)·g` and a
 * cache `v ← β₂·v + (1 − β₂)·g²`. Both start at 0, so early on they are too small; dividing by
 * `1 − β^(t+1)` corrects that (at step t = 0 it divides by 1 − β, undoing the shrink exactly). Then
 * `w ← w − lr·m̂ / (√v̂ + ε)`. Defaults as in nnfs: learning rate 0.001, no decay, ε = 1e-7,
 * β₁ = 0.9, β₂ = 0.999.
 *
 * @example
 * ```ts
 * const optimizer = new Adam({ learningRate: 0.05, decay: 5e-7 });
 * optimizer.step([...dense1.params(), ...dense2.params()]);
 * ```
 */
export class Adam extends Optimizer {
  /** Keeps the denominator away from 0. */
  readonly epsilon: number;
  /** The momentum's memory. */
  readonly beta1: number;
  /** The cache's memory. */
  readonly beta2: number;
  protected readonly stateCount = 2;

  constructor(options: AdamOptions = {}) {
    super("Adam", options, 0.001);
    requireKnownOptions("Adam", options, ["learningRate", "decay", "epsilon", "beta1", "beta2"]);
    this.epsilon = option("Adam", options, "epsilon", 1e-7, "a finite number > 0", (x) => x > 0);
    this.beta1 = option("Adam", options, "beta1", 0.9, "a number in [0, 1)", (x) => x >= 0 && x < 1);
    this.beta2 = option("Adam", options, "beta2", 0.999, "a number in [0, 1)", (x) => x >= 0 && x < 1);
  }

  protected update(w: Float64Array, g: Float64Array, [m, v]: Float64Array[], lr: number): void {
    const { beta1, beta2, epsilon } = this;
    // Bias correction for step t uses t + 1: at t = 0, m = (1 − β₁)·g and m / (1 − β₁) = g.
    const correction1 = 1 - beta1 ** (this.iterations + 1);
    const correction2 = 1 - beta2 ** (this.iterations + 1);
    // With the fast kernels on, the same arithmetic in WebAssembly SIMD, two weights at a time.
    if (adamUpdate(w, g, m, v, { learningRate: lr, correction1, correction2, beta1, beta2, epsilon })) return;
    for (let i = 0; i < w.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
    }
  }
}
