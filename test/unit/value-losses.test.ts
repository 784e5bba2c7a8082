/**
 * The losses of yes/no outputs and of numbers — BinaryCrossentropy, MeanSquaredError,
 * MeanAbsoluteError — and their accuracies, against numbers worked by hand and numeric gradients.
 */
import { describe, expect, it } from "vitest";
import { BinaryCrossentropy, binaryAccuracy, checkLossGradients, Matrix, MeanAbsoluteError, MeanSquaredError, regressionAccuracy } from "../../src/index.js";

describe("BinaryCrossentropy", () => {
  const bce = new BinaryCrossentropy();
  it("costs −ln of the probability given to what happened, averaged over a sample's outputs", () => {
    const losses = bce.forward(Matrix.from([[0.9, 0.2], [0.5, 0.99]]), Matrix.from([[1, 0], [0, 1]]));
    expect(losses[0]).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 14); // (0.1054 + 0.2231)/2
    expect(losses[1]).toBeCloseTo((-Math.log(0.5) - Math.log(0.99)) / 2, 14);
    expect(bce.calculate(Matrix.from([[0.9], [0.2]]), [1, 0])).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 14);
    // clipped: a certain wrong answer costs −ln 1e-7 ≈ 16.118, not Infinity
    expect(bce.forward(Matrix.from([[0]]), [1])[0]).toBeCloseTo(-Math.log(1e-7), 10);
  });

  it("its gradient agrees with the numeric gradient; by hand: −(y/ŷ − (1 − y)/(1 − ŷ))/outputs/n", () => {
    const p = Matrix.from([[0.9, 0.2], [0.3, 0.6]]);
    const y = Matrix.from([[1, 0], [0, 1]]);
    expect(bce.backward(p, y).get(0, 0)).toBeCloseTo(-(1 / 0.9) / 2 / 2, 14);
    expect(bce.backward(p, y).get(0, 1)).toBeCloseTo(1 / 0.8 / 2 / 2, 14);
    expect(checkLossGradients(bce, p, y).ok).toBe(true);
  });

  it("rejects targets other than 0/1 and predictions outside [0, 1]", () => {
    expect(() => bce.calculate(Matrix.from([[0.5]]), [2])).toThrow("BinaryCrossentropy.calculate: expected targets of 0 or 1 (one per binary output), got 2 at [0][0]");
    expect(() => bce.forward(Matrix.from([[1.5]]), [1])).toThrow(/expected probabilities in \[0, 1\].*did you forget Sigmoid\?/);
    expect(() => bce.forward(Matrix.from([[0.5, 0.5]]), [1])).toThrow(/a number\[\] of targets fits one output; the predictions have 2/);
    expect(() => bce.forward(Matrix.from([[0.5], [0.5]]), [1])).toThrow(/expected one target per sample \(2\), got 1/);
  });
});

describe("MeanSquaredError and MeanAbsoluteError", () => {
  const p = Matrix.from([[1, 2], [0, 0]]);
  const y = Matrix.from([[1, 4], [3, 0]]);
  it("per sample: the mean over outputs of (y − ŷ)² or |y − ŷ|", () => {
    expect(new MeanSquaredError().forward(p, y)).toEqual([(0 + 4) / 2, (9 + 0) / 2]);
    expect(new MeanSquaredError().calculate(p, y)).toBe((2 + 4.5) / 2);
    expect(new MeanAbsoluteError().forward(p, y)).toEqual([(0 + 2) / 2, (3 + 0) / 2]);
    expect(new MeanAbsoluteError().calculate(p, y)).toBe((1 + 1.5) / 2);
  });

  it("gradients by hand and against numeric gradients", () => {
    // MSE: −2(y − ŷ)/outputs/n → entry [0][1]: −2·(4 − 2)/2/2 = −1
    expect(new MeanSquaredError().backward(p, y).toArray()).toEqual([[0, -1], [-1.5, 0]]);
    // MAE: sign(ŷ − y)/outputs/n → [0][1]: sign(−2)/4 = −0.25; where ŷ = y: 0
    expect(new MeanAbsoluteError().backward(p, y).toArray()).toEqual([[0, -0.25], [-0.25, 0]]);
    const q = Matrix.from([[0.3, -1.2], [2.5, 0.7]]); // away from ŷ = y, where |·| has its kink
    expect(checkLossGradients(new MeanSquaredError(), q, y).ok).toBe(true);
    expect(checkLossGradients(new MeanAbsoluteError(), q, y).ok).toBe(true);
  });

  it("rejects class indices and other shapes", () => {
    expect(() => new MeanSquaredError().calculate(p, [0, 1])).toThrow(/a number\[\] of targets fits one output; the predictions have 2/);
    expect(() => new MeanSquaredError().calculate(p, Matrix.from([[1, 2]]))).toThrow("MeanSquaredError.calculate: targets must have the predictions' shape 2×2, got 1×2");
    expect(() => new MeanAbsoluteError().forward(p, new Matrix(2, 2, Float64Array.of(0, NaN, 0, 0)))).toThrow(/expected finite targets, got NaN/);
  });
});

describe("binaryAccuracy and regressionAccuracy", () => {
  it("binary: above 0.5 is yes, every output counts once", () => {
    expect(binaryAccuracy(Matrix.from([[0.9], [0.4], [0.6]]), [1, 0, 0])).toBe(2 / 3);
    expect(binaryAccuracy(Matrix.from([[0.9, 0.1], [0.5, 0.7]]), Matrix.from([[1, 0], [1, 1]]))).toBe(3 / 4); // 0.5 is not above 0.5
    expect(() => binaryAccuracy(Matrix.from([[0.9]]), [3])).toThrow(/expected targets of 0 or 1/);
  });

  it("regression: |ŷ − y| < precision", () => {
    expect(regressionAccuracy(Matrix.from([[1.0], [2.05], [3.2]]), [1.01, 2, 3], 0.1)).toBe(2 / 3);
    expect(() => regressionAccuracy(Matrix.from([[1]]), [1], 0)).toThrow(/expected precision to be a positive number \(the book uses std\(y\) \/ 250\)/);
  });
});
