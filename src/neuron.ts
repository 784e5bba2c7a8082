import { requireFiniteArray, requireFiniteNumber } from "./internal/validate.js";

/**
 * One artificial neuron: multiply each input by its weight, add them up, add the bias,
 * then (optionally) pass the sum through an activation function.
 *
 * @param inputs - the values arriving at the neuron, e.g. `[1, 2, 3]`
 * @param weights - one weight per input, e.g. `[0.2, 0.8, -0.5]`
 * @param bias - a number added after the weighted sum, e.g. `2`
 * @param activation - applied last; the identity when left out
 * @returns `activation(inputs · weights + bias)` — `2.3000000000000003` for the example above
 * @throws RangeError if `inputs` and `weights` differ in length, or a value is NaN or infinite
 *
 * @example
 * ```ts
 * neuron([1, 2, 3], [0.2, 0.8, -0.5], 2); // 2.3000000000000003
 * neuron([1, 2, 3], [0.2, 0.8, -0.5], 2, (z) => Math.max(0, z)); // ReLU
 * ```
 */
export function neuron(
  inputs: readonly number[],
  weights: readonly number[],
  bias: number,
  activation: (z: number) => number = (z) => z,
): number {
  requireFiniteArray("neuron", "inputs", inputs);
  requireFiniteArray("neuron", "weights", weights);
  if (inputs.length !== weights.length) {
    throw new RangeError(
      `neuron: expected one weight per input (${inputs.length} inputs), got ${weights.length} weights`,
    );
  }
  requireFiniteNumber("neuron", "bias", bias);
  // Start from the bias, then add each input × weight. (Floating-point addition is not
  // associative: this order gives 2.3000000000000003 for the chapter's example, while
  // adding the bias last gives 2.3 — chapter 01 shows both.)
  let sum = bias;
  for (let i = 0; i < inputs.length; i++) {
    sum += inputs[i] * weights[i];
  }
  return activation(sum);
}
