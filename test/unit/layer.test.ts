import { describe, expect, it } from "vitest";
import { layerOutput } from "../../src/index.js";

describe("layerOutput", () => {
  it("computes one output per neuron (worked out by hand)", () => {
    // neuron 0: 1·1 + 2·0 + 3·(−1) + 0.5 = −1.5
    // neuron 1: 1·2 + 2·2 + 3·2 − 1 = 11
    expect(layerOutput([1, 2, 3], [[1, 0, -1], [2, 2, 2]], [0.5, -1])).toEqual([-1.5, 11]);
  });

  it("the nnfs chapter 2 layer: ≈ [4.8, 1.21, 2.385]", () => {
    const out = layerOutput(
      [1, 2, 3, 2.5],
      [
        [0.2, 0.8, -0.5, 1],
        [0.5, -0.91, 0.26, -0.5],
        [-0.26, -0.27, 0.17, 0.87],
      ],
      [2, 3, 0.5],
    );
    expect(out).toHaveLength(3);
    [4.8, 1.21, 2.385].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  it("a layer of no neurons gives no outputs", () => {
    expect(layerOutput([1, 2], [], [])).toEqual([]);
  });

  it("names both sizes when shapes disagree", () => {
    expect(() => layerOutput([1, 2, 3], [[1, 2, 3], [4, 5, 6]], [1])).toThrow(
      "layerOutput: expected one bias per neuron (2 neurons, i.e. rows of weights), got 1 biases",
    );
    expect(() => layerOutput([1, 2, 3], [[1, 2, 3], [4, 5]], [1, 2])).toThrow(
      "layerOutput: expected 3 weights for neuron 1 (one per input), got 2 weights",
    );
  });

  it("rejects NaN and infinities, naming where", () => {
    expect(() => layerOutput([1, NaN], [[1, 2]], [0])).toThrow("layerOutput: expected finite numbers in inputs, got NaN at index 1");
    expect(() => layerOutput([1, 2], [[1, Infinity]], [0])).toThrow("in weights[0], got Infinity at index 1");
    expect(() => layerOutput([1, 2], [[1, 2]], [NaN])).toThrow("in biases, got NaN at index 0");
  });
});
