import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matrix, accuracy } from "../../src/index.js";

describe("accuracy", () => {
  const predictions = (): Matrix =>
    Matrix.from([
      [0.7, 0.2, 0.1], // predicts 0
      [0.5, 0.1, 0.4], // predicts 0
      [0.02, 0.9, 0.08], // predicts 1
    ]);

  it("is the fraction of rows whose largest entry is the correct class (worked by hand)", () => {
    // targets 0, 1, 1: right, wrong, right → 2/3
    expect(accuracy(predictions(), [0, 1, 1])).toBe(2 / 3);
    expect(accuracy(predictions(), [0, 0, 1])).toBe(1);
    expect(accuracy(predictions(), [2, 2, 2])).toBe(0);
  });

  it("one-hot targets give the same as class indices", () => {
    const oneHot = Matrix.from([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(accuracy(predictions(), oneHot)).toBe(2 / 3);
  });

  it("works on raw scores too, and a tie counts as the first of the tied columns", () => {
    expect(accuracy(Matrix.from([[-1, 3, 3], [2, 2, -5]]), [1, 0])).toBe(1);
    expect(accuracy(Matrix.from([[-1, 3, 3]]), [2])).toBe(0);
  });

  it("is 1 when the predictions are the one-hot targets, and a multiple of 1/n in [0, 1] always", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((k) =>
          fc.tuple(
            fc.constant(k),
            fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: 20 }),
            fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 20 * k, maxLength: 20 * k }),
          ),
        ),
        ([k, labels, values]) => {
          const n = labels.length;
          const oneHot = Matrix.zeros(n, k);
          labels.forEach((c, i) => oneHot.set(i, c, 1));
          expect(accuracy(oneHot, labels)).toBe(1);
          const scores = new Matrix(n, k, Float64Array.from(values.slice(0, n * k)));
          const a = accuracy(scores, labels);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
          expect(Math.abs(a * n - Math.round(a * n))).toBeLessThan(1e-9);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  it("bad input gets a clear error", () => {
    expect(() => accuracy(predictions(), [0, 1, 3])).toThrow("accuracy: label 3 at sample 2 is outside [0, 3)");
    expect(() => accuracy(predictions(), [0, 1])).toThrow(
      "accuracy: expected one label per sample (3, the rows of the 3×3 predictions), got 2 labels",
    );
    expect(() => accuracy(predictions(), Matrix.zeros(3, 2))).toThrow(
      "accuracy: one-hot targets must have the predictions' shape 3×3, got 3×2",
    );
    expect(() => accuracy(Matrix.zeros(0, 3), [])).toThrow(
      "accuracy: expected at least one sample (row) and one class (column), got predictions of shape 0×3",
    );
    const bad = predictions();
    bad.data[4] = Number.NaN;
    expect(() => accuracy(bad, [0, 1, 1])).toThrow("accuracy: expected finite predictions, got NaN at [1][1]");
  });
});
