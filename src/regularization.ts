/**
 * The regularization loss of a network: the penalties its layers add for large weights.
 */
import type { Layer } from "./layer.js";

/**
 * The sum of every layer's penalty — `λ₁·Σ|w| + λ₂·Σw²` for weights and biases of each `Dense`
 * with regularizers (layers without any add 0). Training minimises data loss + this.
 *
 * @example
 * ```ts
 * const dense1 = new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
 * const total = dataLoss + regularizationLoss([dense1, relu, dense2]);
 * ```
 */
export function regularizationLoss(layers: Iterable<Layer>): number {
  let total = 0;
  for (const layer of layers) {
    const own = (layer as { regularizationLoss?: () => number }).regularizationLoss;
    if (typeof own === "function") total += own.call(layer);
  }
  return total;
}
