import { describe, expect, it } from "vitest";
import { neuron } from "../../src/index.js";

describe("neuron", () => {
  it("computes bias + Σ inputs × weights, starting from the bias", () => {
    // By hand, in the module's order: ((2 + 1·0.2) + 2·0.8) + 3·(−0.5)
    const expected = 2 + 1 * 0.2 + 2 * 0.8 + 3 * -0.5;
    expect(neuron([1, 2, 3], [0.2, 0.8, -0.5], 2)).toBe(expected);
    expect(expected).toBe(2.3000000000000003);
    expect(neuron([1, 2, 3, 2.5], [0.2, 0.8, -0.5, 1.0], 2)).toBeCloseTo(4.8, 12);
  });

  it("applies the activation last", () => {
    const relu = (z: number) => Math.max(0, z);
    expect(neuron([1, 2, 3], [0.5, -0.2, 0.1], -1)).toBeCloseTo(-0.6, 12);
    expect(neuron([1, 2, 3], [0.5, -0.2, 0.1], -1, relu)).toBe(0);
    expect(neuron([2], [3], 1, (z) => z * 10)).toBe(70);
  });

  it("with no inputs is just the bias", () => {
    expect(neuron([], [], 1.5)).toBe(1.5);
  });

  it("names the sizes when inputs and weights differ in length", () => {
    expect(() => neuron([1, 2, 3, 4], [0.2, 0.8, -0.5], 2)).toThrow(
      "neuron: expected one weight per input (4 inputs), got 3 weights",
    );
  });

  it("rejects NaN and Infinity with the position", () => {
    expect(() => neuron([1, NaN], [1, 1], 0)).toThrow("neuron: expected finite numbers in inputs, got NaN at index 1");
    expect(() => neuron([1, 1], [Infinity, 1], 0)).toThrow("in weights, got Infinity at index 0");
    expect(() => neuron([1], [1], NaN)).toThrow("neuron: expected bias to be a finite number, got NaN");
  });
});
