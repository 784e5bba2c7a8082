import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CATEGORICAL_CROSSENTROPY_CLIP,
  CategoricalCrossentropy,
  Matrix,
  Softmax,
  SoftmaxCategoricalCrossentropy,
} from "../../src/index.js";

function expectRowsClose(actual: Matrix, expected: number[][], digits = 14): void {
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], digits)));
}

// The nnfs chapter 5 batch: three samples, three classes.
const nnfsPredictions = (): Matrix =>
  Matrix.from([
    [0.7, 0.1, 0.2],
    [0.1, 0.5, 0.4],
    [0.02, 0.9, 0.08],
  ]);
const nnfsOneHot = (): Matrix =>
  Matrix.from([
    [1, 0, 0],
    [0, 1, 0],
    [0, 1, 0],
  ]);

describe("CategoricalCrossentropy values", () => {
  it("one sample, correct class 0 with probability 0.7: −ln 0.7", () => {
    const loss = new CategoricalCrossentropy();
    const predictions = Matrix.from([[0.7, 0.1, 0.2]]);
    // −(1·ln 0.7 + 0·ln 0.1 + 0·ln 0.2) = −ln 0.7
    expect(loss.forward(predictions, [0])[0]).toBeCloseTo(0.35667494393873245, 15);
    expect(loss.calculate(predictions, [0])).toBeCloseTo(0.35667494393873245, 15);
  });

  it("per-sample losses and their mean over a batch", () => {
    const loss = new CategoricalCrossentropy();
    // −ln 0.7, −ln 0.5, −ln 0.9
    const expected = [0.35667494393873245, 0.6931471805599453, 0.10536051565782628];
    const losses = loss.forward(nnfsPredictions(), [0, 1, 1]);
    expect(losses).toHaveLength(3);
    losses.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 15));
    // (0.35667494393873245 + 0.6931471805599453 + 0.10536051565782628) / 3
    expect(loss.calculate(nnfsPredictions(), [0, 1, 1])).toBeCloseTo(0.38506088005216804, 15);
  });

  it("one-hot targets give exactly the same losses as class indices", () => {
    const loss = new CategoricalCrossentropy();
    expect(loss.forward(nnfsPredictions(), nnfsOneHot())).toEqual(loss.forward(nnfsPredictions(), [0, 1, 1]));
    expect(loss.calculate(nnfsPredictions(), nnfsOneHot())).toBe(loss.calculate(nnfsPredictions(), [0, 1, 1]));
  });

  it("is 0 for a sure, correct answer — up to the clip: −ln(1 − 1e-7) ≈ 1.0000000494736474e-7", () => {
    const losses = new CategoricalCrossentropy().forward(Matrix.from([[1, 0]]), [0]);
    expect(losses[0]).toBeCloseTo(1.0000000494736474e-7, 20);
  });

  it("clips a zero probability: −ln 1e-7 = 16.11809565095832, finite, and the mean stays finite", () => {
    expect(CATEGORICAL_CROSSENTROPY_CLIP).toBe(1e-7);
    const loss = new CategoricalCrossentropy();
    const predictions = Matrix.from([
      [0, 1],
      [0.5, 0.5],
    ]);
    const losses = loss.forward(predictions, [0, 1]);
    expect(losses[0]).toBeCloseTo(16.11809565095832, 13);
    // (16.11809565095832 + ln 2) / 2 = (16.11809565095832 + 0.6931471805599453) / 2
    expect(loss.calculate(predictions, [0, 1])).toBeCloseTo(8.405621415759133, 13);
    // Values outside [0, 1] are not probabilities: an error, not a clipped 16.118.
    expect(() => loss.forward(Matrix.from([[-0.5, 1.5]]), [0])).toThrow(
      "CategoricalCrossentropy.forward: expected predictions to be probabilities (each row ≥ 0, summing to 1), got -0.5 at [0][0]",
    );
  });

  it("is never NaN or infinite for any probability rows, zeros included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((k) =>
          fc.tuple(
            fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })), { minLength: k, maxLength: k }), {
              minLength: 1,
              maxLength: 6,
            }),
            fc.constant(k),
          ),
        ),
        fc.nat(),
        ([weights, k], seed) => {
          // Non-negative weights scaled to sum to 1 (a row of zeros becomes a one-hot row).
          const rows = weights.map((w) => {
            const sum = w.reduce((a, b) => a + b, 0);
            return sum > 0 ? w.map((v) => v / sum) : w.map((_, j) => (j === 0 ? 1 : 0));
          });
          const labels = rows.map((_, i) => (seed + i) % k);
          const mean = new CategoricalCrossentropy().calculate(Matrix.from(rows), labels);
          expect(Number.isFinite(mean)).toBe(true);
          expect(mean).toBeLessThanOrEqual(16.11809565095832 + 1e-12);
          expect(mean).toBeGreaterThan(0);
        },
      ),
      { seed: 6, numRuns: 200 },
    );
  });
});

describe("CategoricalCrossentropy.backward", () => {
  it("is −y/ŷ/n: −1/(n·ŷ) at the correct class, 0 elsewhere (worked by hand)", () => {
    const loss = new CategoricalCrossentropy();
    const predictions = Matrix.from([
      [0.7, 0.1, 0.2],
      [0.1, 0.5, 0.4],
    ]);
    const dinputs = loss.backward(predictions, [0, 1]);
    // n = 2: −1/0.7/2 = −0.7142857142857143, −1/0.5/2 = −1
    expectRowsClose(dinputs, [
      [-0.7142857142857143, 0, 0],
      [0, -1, 0],
    ]);
    expect(loss.dinputs).toBe(dinputs);
    expect(loss.backward(predictions, Matrix.from([[1, 0, 0], [0, 1, 0]])).toArray()).toEqual(dinputs.toArray());
  });

  it("stays finite at a zero probability: −1/1e-7/n", () => {
    const dinputs = new CategoricalCrossentropy().backward(Matrix.from([[0, 1], [0.5, 0.5]]), [0, 1]);
    // −1 / 1e-7 / 2 = −5e6; −1 / 0.5 / 2 = −1
    expectRowsClose(dinputs, [[-5e6, 0], [0, -1]], 6);
  });
});

describe("SoftmaxCategoricalCrossentropy", () => {
  it("forward: softmax then the mean loss, worked by hand", () => {
    const lossActivation = new SoftmaxCategoricalCrossentropy();
    // softmax([0, 0]) = [1/2, 1/2]; softmax([ln 3, 0]) = [3/4, 1/4]
    const logits = Matrix.from([
      [0, 0],
      [Math.log(3), 0],
    ]);
    const loss = lossActivation.forward(logits, [0, 1]);
    expectRowsClose(lossActivation.output as Matrix, [
      [0.5, 0.5],
      [0.75, 0.25],
    ]);
    // (−ln 1/2 − ln 1/4) / 2 = (ln 2 + 2 ln 2) / 2 = 1.5 ln 2
    expect(loss).toBeCloseTo(1.0397207708399179, 14);
  });

  it("backward is (ŷ − y)/n, worked by hand", () => {
    const lossActivation = new SoftmaxCategoricalCrossentropy();
    lossActivation.forward(Matrix.from([[0, 0], [Math.log(3), 0]]), [0, 1]);
    const dinputs = lossActivation.backward(lossActivation.output as Matrix, [0, 1]);
    // ([1/2, 1/2] − [1, 0]) / 2 = [−1/4, 1/4];  ([3/4, 1/4] − [0, 1]) / 2 = [3/8, −3/8]
    expectRowsClose(dinputs, [
      [-0.25, 0.25],
      [0.375, -0.375],
    ]);
    expect(lossActivation.dinputs).toBe(dinputs);
    // One-hot targets: the same numbers.
    expect(lossActivation.backward(lossActivation.output as Matrix, Matrix.from([[1, 0], [0, 1]])).toArray()).toEqual(
      dinputs.toArray(),
    );
  });

  it("backward without forward: the given probabilities are used — (ŷ − y)/n with ŷ = dvalues", () => {
    const dinputs = new SoftmaxCategoricalCrossentropy().backward(Matrix.from([[0.7, 0.1, 0.2]]), [1]);
    expectRowsClose(dinputs, [[0.7, -0.9, 0.2]]);
  });

  const logitsAndLabels = fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 8 }))
    .chain(([n, k]) =>
      fc.tuple(
        fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }), {
          minLength: n,
          maxLength: n,
        }),
        fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      ),
    );

  it("gives the same loss and gradient as Softmax and CategoricalCrossentropy chained (within 1e-12)", () => {
    fc.assert(
      fc.property(logitsAndLabels, ([rows, labels]) => {
        const logits = Matrix.from(rows);
        const combined = new SoftmaxCategoricalCrossentropy();
        const combinedLoss = combined.forward(logits, labels);
        const combinedGrad = combined.backward(combined.output as Matrix, labels);

        const softmax = new Softmax();
        const cce = new CategoricalCrossentropy();
        const probabilities = softmax.forward(logits);
        const chainedLoss = cce.calculate(probabilities, labels);
        const chainedGrad = softmax.backward(cce.backward(probabilities, labels));

        expect(Math.abs(combinedLoss - chainedLoss)).toBeLessThan(1e-12);
        for (let p = 0; p < chainedGrad.size; p++) {
          expect(Math.abs(combinedGrad.data[p] - chainedGrad.data[p])).toBeLessThan(1e-12);
        }
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});

describe("bad input gets a clear error", () => {
  const cce = new CategoricalCrossentropy();
  const p = Matrix.from([
    [0.7, 0.1, 0.2],
    [0.1, 0.5, 0.4],
  ]);

  it("a label outside [0, classes)", () => {
    expect(() => cce.forward(p, [0, 3])).toThrow("CategoricalCrossentropy.forward: label 3 at sample 1 is outside [0, 3)");
    expect(() => cce.backward(p, [-1, 0])).toThrow("CategoricalCrossentropy.backward: label -1 at sample 0 is outside [0, 3)");
    expect(() => cce.forward(p, [0, 1.5])).toThrow(
      "CategoricalCrossentropy.forward: label 1.5 at sample 1 is not a whole number in [0, 3)",
    );
  });

  it("a label count that differs from the number of samples", () => {
    expect(() => cce.forward(p, [0])).toThrow(
      "CategoricalCrossentropy.forward: expected one label per sample (2, the rows of the 2×3 predictions), got 1 label",
    );
    expect(() => cce.calculate(p, [0, 1, 2])).toThrow("got 3 labels");
  });

  it("one-hot targets of another shape name both shapes", () => {
    expect(() => cce.forward(p, Matrix.from([[1, 0], [0, 1]]))).toThrow(
      "CategoricalCrossentropy.forward: one-hot targets must have the predictions' shape 2×3, got 2×2",
    );
    // A column of class indices passed as a Matrix gets a hint.
    expect(() => cce.forward(p, Matrix.fromColumnVector([0, 1]))).toThrow(
      "got 2×1 — for class indices pass a number[] instead",
    );
  });

  it("target rows that are not one-hot", () => {
    expect(() => cce.forward(p, Matrix.from([[1, 0, 0], [0, 0.5, 0.5]]))).toThrow(
      "CategoricalCrossentropy.forward: expected one-hot target rows (a single 1, the rest 0), got [0, 0.5, 0.5] at sample 1",
    );
    expect(() => cce.forward(p, Matrix.from([[1, 1, 0], [0, 1, 0]]))).toThrow("got [1, 1, 0] at sample 0");
  });

  it("NaN or an infinity in the predictions, with its position", () => {
    const bad = p.clone();
    bad.data[5] = Number.NaN;
    expect(() => cce.forward(bad, [0, 1])).toThrow("CategoricalCrossentropy.forward: expected finite predictions, got NaN at [1][2]");
    bad.data[5] = 0.4;
    bad.data[1] = Number.POSITIVE_INFINITY;
    expect(() => cce.backward(bad, [0, 1])).toThrow(
      "CategoricalCrossentropy.backward: expected finite predictions, got Infinity at [0][1]",
    );
  });

  it("an empty batch", () => {
    expect(() => cce.forward(Matrix.zeros(0, 3), [])).toThrow(
      "CategoricalCrossentropy.forward: expected at least one sample (row) and one class (column), got predictions of shape 0×3",
    );
    expect(() => new SoftmaxCategoricalCrossentropy().forward(Matrix.zeros(0, 3), [])).toThrow(
      "SoftmaxCategoricalCrossentropy.forward: expected at least one sample (row) and one class (column), got inputs of shape 0×3",
    );
  });

  it("predictions or targets of the wrong kind", () => {
    expect(() => cce.forward([[0.5, 0.5]] as unknown as Matrix, [0])).toThrow(
      "CategoricalCrossentropy.forward: expected predictions to be a Matrix, got an array of length 1 — wrap nested arrays with Matrix.from(...)",
    );
    expect(() => cce.forward(p, "0, 1" as unknown as number[])).toThrow(
      'CategoricalCrossentropy.forward: expected targets as class indices (number[]) or one-hot rows (Matrix), got "0, 1"',
    );
  });

  it("SoftmaxCategoricalCrossentropy names itself, and checks dvalues against its last output", () => {
    const sce = new SoftmaxCategoricalCrossentropy();
    expect(() => sce.forward(p, [0, 5])).toThrow("SoftmaxCategoricalCrossentropy.forward: label 5 at sample 1 is outside [0, 3)");
    sce.forward(p, [0, 1]);
    expect(() => sce.backward(Matrix.from([[0.5, 0.5, 0]]), [0])).toThrow(
      "SoftmaxCategoricalCrossentropy.backward: expected predictions of shape 2×3 (the shape of the last output), got 1×3",
    );
    const bad = (sce.output as Matrix).clone();
    bad.data[4] = Number.NEGATIVE_INFINITY;
    expect(() => sce.backward(bad, [0, 1])).toThrow(
      "SoftmaxCategoricalCrossentropy.backward: expected finite predictions, got -Infinity at [1][1]",
    );
    expect(() => sce.backward(sce.output as Matrix, [0])).toThrow(
      "SoftmaxCategoricalCrossentropy.backward: expected one label per sample (2, the rows of the 2×3 predictions), got 1 label",
    );
  });
});
