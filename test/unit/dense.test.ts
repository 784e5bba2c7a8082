import { describe, expect, it } from "vitest";
import { Dense, Matrix, Random, ReLU } from "../../src/index.js";

describe("Dense", () => {
  it("forward computes inputs · weights + biases (worked out by hand)", () => {
    const layer = new Dense(2, 3, { rng: new Random(0) });
    layer.weights = Matrix.from([
      [1, 0, -1],
      [0.5, 2, 1],
    ]);
    layer.biases = Matrix.fromRowVector([0.1, 0.2, 0.3]);
    const inputs = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    // sample 1: [1·1 + 2·0.5, 1·0 + 2·2, 1·(−1) + 2·1] + b = [2, 4, 1] + [0.1, 0.2, 0.3]
    // sample 2: [3·1 + 4·0.5, 3·0 + 4·2, 3·(−1) + 4·1] + b = [5, 8, 1] + [0.1, 0.2, 0.3]
    const out = layer.forward(inputs);
    expect(out.shape).toEqual([2, 3]);
    const expected = [
      [2.1, 4.2, 1.3],
      [5.1, 8.2, 1.3],
    ];
    out.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
    expect(layer.output).toBe(out);
    expect(layer.inputs).toBe(inputs);
  });

  it("the nnfs chapter 3 layer, with weights stored one column per neuron", () => {
    const layer = new Dense(4, 3, { rng: new Random(0) });
    // nnfs writes weights one row per neuron; Dense keeps one column per neuron (the transpose).
    layer.weights = Matrix.from([
      [0.2, 0.8, -0.5, 1],
      [0.5, -0.91, 0.26, -0.5],
      [-0.26, -0.27, 0.17, 0.87],
    ]).transpose();
    layer.biases = Matrix.fromRowVector([2, 3, 0.5]);
    const out = layer.forward(Matrix.from([
      [1, 2, 3, 2.5],
      [2, 5, -1, 2],
      [-1.5, 2.7, 3.3, -0.8],
    ]));
    const expected = [
      [4.8, 1.21, 2.385],
      [8.9, -1.81, 0.2],
      [1.41, 1.051, 0.026],
    ];
    out.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
  });

  it("starts with weights 0.01 × standard normal (drawn row by row) and zero biases", () => {
    const layer = new Dense(3, 2, { rng: new Random(17) });
    expect(layer.weights.shape).toEqual([3, 2]);
    expect(layer.biases.toArray()).toEqual([[0, 0]]);
    const rng = new Random(17);
    const expected = Array.from({ length: 6 }, () => 0.01 * rng.normal());
    expect(Array.from(layer.weights.data)).toEqual(expected);
  });

  it("weightScale scales the initial weights", () => {
    const small = new Dense(3, 2, { rng: new Random(17) });
    const large = new Dense(3, 2, { rng: new Random(17), weightScale: 1 });
    large.weights.data.forEach((w, p) => expect(small.weights.data[p]).toBeCloseTo(0.01 * w, 15));
  });

  it("same seed → same weights; different seeds → different weights", () => {
    const a = new Dense(4, 5, { rng: new Random(1) });
    const b = new Dense(4, 5, { rng: new Random(1) });
    const c = new Dense(4, 5, { rng: new Random(2) });
    expect(a.weights.toArray()).toEqual(b.weights.toArray());
    expect(a.weights.toArray()).not.toEqual(c.weights.toArray());
  });

  it("has no hidden shared generator: without an rng it is an error that says how to pass one", () => {
    expect(() => new Dense(3, 3, undefined as never)).toThrow(
      "Dense: expected options.rng to be a Random, e.g. new Dense(3, 3, { rng: new Random(0) }), got undefined",
    );
    expect(() => new Dense(3, 3, {} as never)).toThrow(
      "Dense: expected options.rng to be a Random, e.g. new Dense(3, 3, { rng: new Random(0) }), got undefined",
    );
  });

  it("layers stack: 2 → 3 → ReLU → 2 keeps the batch size", () => {
    const rng = new Random(0);
    const dense1 = new Dense(2, 3, { rng });
    const dense2 = new Dense(3, 2, { rng });
    const relu = new ReLU();
    const out = dense2.forward(relu.forward(dense1.forward(Matrix.zeros(5, 2).add(1))));
    expect(out.shape).toEqual([5, 2]);
  });

  it("rejects inputs with the wrong number of columns, naming the layer", () => {
    const layer = new Dense(4, 3, { rng: new Random(0) });
    expect(layer.name).toBe("Dense(4→3)");
    expect(() => layer.forward(Matrix.zeros(2, 5))).toThrow("Dense(4→3).forward: expected inputs with 4 columns, got 5");
    expect(() => layer.forward([[1, 2, 3, 4]] as unknown as Matrix)).toThrow(
      "Dense(4→3).forward: expected inputs to be a Matrix, got an array of length 1 — wrap nested arrays with Matrix.from(...)",
    );
  });

  it("rejects wrongly shaped weights and biases", () => {
    const layer = new Dense(4, 3, { rng: new Random(0) });
    expect(() => {
      layer.weights = Matrix.zeros(3, 4);
    }).toThrow("Dense(4→3).weights: expected a 4×3 matrix, got 3×4");
    expect(() => {
      layer.biases = Matrix.zeros(3, 1);
    }).toThrow("Dense(4→3).biases: expected a 1×3 matrix, got 3×1");
    expect(() => {
      layer.biases = [0, 0, 0] as unknown as Matrix;
    }).toThrow("Dense(4→3).biases: expected a 1×3 Matrix, got an array of length 3");
    expect(layer.weights.shape).toEqual([4, 3]); // unchanged after the failed assignments
  });

  it("rejects bad sizes and options", () => {
    expect(() => new Dense(0, 3, { rng: new Random(0) })).toThrow("Dense: expected nInputs to be a whole number ≥ 1, got 0");
    expect(() => new Dense(2, 1.5, { rng: new Random(0) })).toThrow("Dense: expected nNeurons to be a whole number ≥ 1, got 1.5");
    expect(() => new Dense(2, 2, { rng: new Random(0), weightScale: NaN })).toThrow(
      "Dense: expected options.weightScale to be a finite number, got NaN",
    );
    expect(() => new Dense(2, 2, { rng: 42 as unknown as Random })).toThrow(
      "Dense: expected options.rng to be a Random, e.g. new Dense(2, 2, { rng: new Random(0) }), got 42",
    );
  });
});

describe("Dense initialisation", () => {
  it("glorot: uniform within ±√(6 / (in + out)); he: normal × √(2 / in) — the same draws as the generator gives", () => {
    const glorot = new Dense(30, 20, { rng: new Random(1), init: "glorot" });
    const limit = Math.sqrt(6 / 50);
    const draws = new Random(1);
    expect(Array.from(glorot.weights.data)).toEqual(Array.from({ length: 600 }, () => draws.uniform(-limit, limit)));
    expect(Math.max(...glorot.weights.data.map(Math.abs))).toBeLessThanOrEqual(limit);
    const he = new Dense(50, 10, { rng: new Random(2), init: "he" });
    const normals = new Random(2);
    const expected = Array.from({ length: 500 }, () => normals.normal() * Math.sqrt(2 / 50));
    Array.from(he.weights.data).forEach((w, i) => expect(w).toBeCloseTo(expected[i], 15));
    // the spread follows the width: standard deviation ≈ √(2/50) = 0.2
    const sd = Math.sqrt(he.weights.data.reduce((s, w) => s + w * w, 0) / 500);
    expect(sd).toBeGreaterThan(0.17);
    expect(sd).toBeLessThan(0.23);
    expect(he.biases.toArray()).toEqual([new Array(10).fill(0)]);
  });

  it("rejects an unknown init, and weightScale with glorot or he", () => {
    expect(() => new Dense(2, 2, { rng: new Random(0), init: "xavier" as never })).toThrow('Dense: expected options.init to be "normal", "glorot" or "he", got "xavier"');
    expect(() => new Dense(2, 2, { rng: new Random(0), init: "he", weightScale: 0.1 })).toThrow(/weightScale applies to init "normal" only/);
  });
});
