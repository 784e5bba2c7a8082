/**
 * Chapter 02 — a layer of neurons with plain arrays: every neuron sees the same inputs,
 * and each has its own weights and its own bias.
 */
import { describe, requireFiniteArray } from "./internal/validate.js";

/**
 * The outputs of one layer of neurons, computed with plain arrays: neuron `n` gives
 * `inputs · weights[n] + biases[n]`.
 *
 * @param inputs - the values every neuron of the layer receives, e.g. `[1, 2, 3, 2.5]`
 * @param weights - one row per neuron, each with one weight per input
 * @param biases - one bias per neuron
 * @returns one output per neuron
 * @throws RangeError if a row of `weights` does not have one weight per input, if there is
 *   not one bias per neuron, or if a value is NaN or infinite
 *
 * @example
 * ```ts
 * layerOutput(
 *   [1, 2, 3, 2.5],
 *   [[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]],
 *   [2, 3, 0.5],
 * ); // ≈ [4.8, 1.21, 2.385]
 * ```
 */
export function layerOutput(
  inputs: readonly number[],
  weights: readonly (readonly number[])[],
  biases: readonly number[],
): number[] {
  requireFiniteArray("layerOutput", "inputs", inputs);
  requireFiniteArray("layerOutput", "biases", biases);
  if (!Array.isArray(weights)) {
    throw new TypeError(`layerOutput: expected weights to be an array of rows (number[][]), got ${describe(weights)}`);
  }
  if (weights.length !== biases.length) {
    throw new RangeError(
      `layerOutput: expected one bias per neuron (${weights.length} neurons, i.e. rows of weights), got ${biases.length} biases`,
    );
  }
  const outputs: number[] = [];
  for (let n = 0; n < weights.length; n++) {
    const row = weights[n];
    if (!Array.isArray(row) || row.length !== inputs.length) {
      const got = Array.isArray(row) ? `${row.length} weights` : describe(row);
      throw new RangeError(
        `layerOutput: expected ${inputs.length} weights for neuron ${n} (one per input), got ${got}`,
      );
    }
    requireFiniteArray("layerOutput", `weights[${n}]`, row);
    // The same order as `neuron`: start from the bias, then add each input × weight.
    let sum = biases[n];
    for (let i = 0; i < inputs.length; i++) {
      sum += inputs[i] * row[i];
    }
    outputs.push(sum);
  }
  return outputs;
}
