/**
 * L1/L2 regularization on Dense: the penalty against numbers worked by hand, its gradient in
 * backward against the numeric gradient of (data loss + penalty), and bad strengths.
 */
import { describe, expect, it } from "vitest";
import { Dense, gradientCheck, Matrix, Random, randn, ReLU, regularizationLoss } from "../../src/index.js";

describe("regularization", () => {
  it("the penalty: λ₁·Σ|w| + λ₂·Σw² for weights and biases, summed over layers", () => {
    const rng = new Random(0);
    const dense = new Dense(2, 2, { rng, weightRegularizerL1: 0.1, weightRegularizerL2: 0.01, biasRegularizerL1: 1, biasRegularizerL2: 2 });
    dense.weights = Matrix.from([[1, -2], [0, 3]]);
    dense.biases = Matrix.from([[0.5, -1]]);
    // weights: 0.1·(1 + 2 + 0 + 3) + 0.01·(1 + 4 + 0 + 9) = 0.6 + 0.14; biases: 1·1.5 + 2·1.25 = 4
    expect(dense.regularizationLoss()).toBeCloseTo(0.74 + 4, 14);
    const plain = new Dense(2, 2, { rng });
    expect(plain.regularizationLoss()).toBe(0);
    expect(regularizationLoss([dense, new ReLU(), plain])).toBeCloseTo(4.74, 14);
  });

  it("backward adds λ₁·sign(w) + 2λ₂·w (sign(0) = 0) to dweights and dbiases", () => {
    const dense = new Dense(2, 2, { rng: new Random(0), weightRegularizerL1: 0.1, weightRegularizerL2: 0.01 });
    dense.weights = Matrix.from([[1, -2], [0, 3]]);
    dense.forward(Matrix.zeros(1, 2)); // zero inputs: the data's dweights are 0
    dense.backward(Matrix.zeros(1, 2));
    expect(dense.dweights.toArray()).toEqual([
      [0.1 + 0.02, -0.1 - 0.04],
      [0, 0.1 + 0.06],
    ]);
  });

  it("agrees with the numeric gradient of data loss + penalty", () => {
    const rng = new Random(2);
    const dense = new Dense(3, 4, { rng, weightScale: 1, weightRegularizerL1: 0.05, weightRegularizerL2: 0.02, biasRegularizerL1: 0.03, biasRegularizerL2: 0.04 });
    dense.biases = randn(1, 4, rng);
    const x = randn(5, 3, rng);
    const r = randn(5, 4, rng);
    const f = () => {
      const out = dense.forward(x).data;
      let s = 0;
      for (let i = 0; i < out.length; i++) s += out[i] * r.data[i];
      return s + dense.regularizationLoss();
    };
    dense.forward(x);
    dense.backward(r);
    expect(gradientCheck({ name: "dweights", f, param: dense.weights, analytic: dense.dweights.clone() }).ok).toBe(true);
    expect(gradientCheck({ name: "dbiases", f, param: dense.biases, analytic: dense.dbiases.clone() }).ok).toBe(true);
  });

  it("rejects a negative or NaN λ", () => {
    for (const bad of [-1e-4, NaN, Infinity, "0.1"]) {
      expect(() => new Dense(2, 2, { rng: new Random(0), weightRegularizerL2: bad as number })).toThrow(
        /Dense: expected options\.weightRegularizerL2 to be a finite number ≥ 0 \(the penalty's strength λ\), got/,
      );
    }
    expect(() => new Dense(2, 2, { rng: new Random(0), biasRegularizerL1: -1 })).toThrow(/biasRegularizerL1/);
  });
});
