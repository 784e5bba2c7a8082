/**
 * The README's promise: every NaN or Infinity, and the usual learner mistakes, are errors that name
 * the function, what it expected and what arrived — where the bad number enters (a layer's
 * inputs, dvalues, assigned parameters) or where it is born (an overflowing forward or backward pass).
 */
import { describe, expect, it } from "vitest";
import {
  accuracy,
  CategoricalCrossentropy,
  checkLossGradients,
  Dense,
  Linear,
  Matrix,
  numericalDerivative,
  numericalGradient,
  Random,
  ReLU,
  Sigmoid,
  Softmax,
  SoftmaxCategoricalCrossentropy,
  Step,
} from "../../src/index.js";
import * as api from "../../src/index.js";

const withEntry = (m: Matrix, p: number, v: number): Matrix => {
  const copy = m.clone();
  copy.data[p] = v;
  return copy;
};

describe("NaN and Infinity are stopped where they enter", () => {
  const activations = () =>
    [
      ["Step", new Step()],
      ["Linear", new Linear()],
      ["Sigmoid", new Sigmoid()],
      ["ReLU", new ReLU()],
      ["Softmax", new Softmax()],
    ] as const;

  it("Dense.forward names the layer and the entry, instead of returning NaN rows", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    const x = withEntry(Matrix.from([[1, 2], [3, 4]]), 1, Number.NaN);
    expect(() => dense.forward(x)).toThrow("Dense(2→3).forward: expected finite inputs, got NaN at [0][1]");
    expect(() => dense.forward(withEntry(Matrix.zeros(2, 2), 2, -Infinity))).toThrow(
      "Dense(2→3).forward: expected finite inputs, got -Infinity at [1][0]",
    );
    expect(() => dense.output).toThrow("Dense(2→3).output: run forward first"); // nothing was kept from the failed pass
  });

  it("every activation's forward rejects NaN, Infinity and −Infinity (Step used to turn NaN into 0)", () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      for (const [name, a] of activations()) {
        expect(() => a.forward(withEntry(Matrix.zeros(2, 2), 3, bad)), `${name} ${bad}`).toThrow(
          `${name}.forward: expected finite inputs, got ${bad} at [1][1]`,
        );
      }
    }
  });

  it("every backward rejects NaN or Infinity in dvalues (ReLU used to turn it into 0)", () => {
    const x = Matrix.from([[1, -2], [0.5, 3]]);
    const layers = [...activations(), ["Dense(2→2)", new Dense(2, 2, { rng: new Random(1) })] as const];
    for (const [name, layer] of layers) {
      layer.forward(x);
      expect(() => layer.backward(withEntry(Matrix.zeros(2, 2), 1, Number.NaN)), name).toThrow(
        `${name}.backward: expected finite dvalues, got NaN at [0][1]`,
      );
      expect(() => layer.backward(withEntry(Matrix.zeros(2, 2), 2, Infinity)), name).toThrow(
        `${name}.backward: expected finite dvalues, got Infinity at [1][0]`,
      );
    }
  });

  it("the weights and biases setters reject NaN and ±Infinity", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    expect(() => {
      dense.weights = withEntry(Matrix.zeros(2, 3), 4, Number.NaN);
    }).toThrow("Dense(2→3).weights: expected finite numbers, got NaN at [1][1]");
    expect(() => {
      dense.weights = withEntry(Matrix.zeros(2, 3), 0, -Infinity);
    }).toThrow("Dense(2→3).weights: expected finite numbers, got -Infinity at [0][0]");
    expect(() => {
      dense.biases = withEntry(Matrix.zeros(1, 3), 2, Infinity);
    }).toThrow("Dense(2→3).biases: expected finite numbers, got Infinity at [0][2]");
    // The rejected matrices were not taken.
    expect(Number.isFinite(dense.weights.sum() + dense.biases.sum())).toBe(true);
  });

  it("rowArgmax refuses a NaN row instead of answering 0", () => {
    expect(() => Matrix.from([[1, 2], [3, 4]]).map((v) => (v === 4 ? Number.NaN : v)).rowArgmax()).toThrow(
      "Matrix.rowArgmax: row 1 holds NaN at column 1, so it has no largest entry",
    );
    expect(() => Matrix.from([[0, 5]]).map((v) => (v === 0 ? Number.NaN : v)).rowArgmax()).toThrow(
      "Matrix.rowArgmax: row 0 holds NaN at column 0",
    );
    // ±Infinity has a place in the order, so it is a fine largest entry.
    expect(Matrix.from([[1, 2]]).map((v) => (v === 2 ? Infinity : -Infinity)).rowArgmax()).toEqual([1]);
  });
});

describe("NaN and Infinity born from finite extreme numbers name the layer and the pass", () => {
  it("Dense.backward: inputs near 1.7e308 overflow dweights (X = 1.7e308, W = 1e-300)", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    dense.weights = Matrix.full(2, 3, 1e-300);
    const x = Matrix.from([[1.7e308, 1], [1.7e308, 1]]);
    const out = dense.forward(x); // 1.7e308 · 1e-300 + 1e-300 = 1.7e8: finite
    expect(out.get(0, 0)).toBeCloseTo(1.7e8, -1);
    // dweights[0][j] = 1.7e308 · 1 + 1.7e308 · 1 = 3.4e308 > 1.8e308: Infinity.
    expect(() => dense.backward(Matrix.full(2, 3, 1))).toThrow(
      "Dense(2→3).backward: dweights has a non-finite entry (Infinity) at [0][0] — the numbers overflowed",
    );
    expect(() => dense.dweights).toThrow("Dense(2→3).dweights: run backward first"); // no half-made gradients left behind
  });

  it("Dense.forward: an overflowing product is an error, not an Infinity in the output", () => {
    const dense = new Dense(2, 1, { rng: new Random(0) });
    dense.weights = Matrix.from([[1], [1]]);
    expect(() => dense.forward(Matrix.from([[1e308, 1e308]]))).toThrow(
      "Dense(2→1).forward: the output has a non-finite entry (Infinity) at [0][0] — the numbers overflowed",
    );
  });

  it("Dense.forward: weights changed in place to NaN are named as the cause", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    dense.weights.data[5] = Number.NaN; // skips the setter
    expect(() => dense.forward(Matrix.from([[1, 2]]))).toThrow(
      "Dense(2→3).forward: the output has a non-finite entry (NaN) at [0][2] — weights holds NaN at [1][2] (changed in place after it was assigned?)",
    );
  });

  it("Softmax.backward: s_i · (d_i − s·d) overflowing is an error", () => {
    const softmax = new Softmax();
    softmax.forward(Matrix.from([[0, -800]])); // s ≈ [1, 0] (e^−800 underflows to 0)
    // s·d = −1.7e308, so d_1 − s·d = 1.7e308 + 1.7e308 = Infinity and 0 · Infinity = NaN.
    expect(() => softmax.backward(Matrix.from([[-1.7e308, 1.7e308]]))).toThrow(
      "Softmax.backward: dinputs has a non-finite entry (NaN) at [0][1] — the gradient overflowed",
    );
  });

  it("numericalDerivative says when its step is lost to rounding (x = 1e300), instead of returning NaN", () => {
    expect(() => numericalDerivative((x) => x * 2, 1e300)).toThrow(
      "numericalDerivative: the step h = 0.00001 is lost to rounding at x = 1e+300 (x + h and x − h are the same number); " +
        "use a step of about |x| · 1e-8 there, e.g. h = 1e+292",
    );
    // The step it suggests works: the derivative of 2x is 2.
    expect(numericalDerivative((x) => x * 2, 1e300, 1e292)).toBeCloseTo(2, 10);
    const w = Matrix.from([[1, 1e300]]);
    expect(() => numericalGradient(() => w.sum(), w)).toThrow("numericalGradient: the step h = 0.00001 is lost to rounding at param[0][1] = 1e+300");
  });
});

describe("losses that take probabilities say so when given something else", () => {
  const cce = new CategoricalCrossentropy();

  it("raw scores (no softmax): the row sum and the likely fix, instead of 12.34", () => {
    // Scores that happen to lie in [0, 1], so only the row sum gives them away.
    const scores = Matrix.from([[0.9, 0.8, 0.7, 0.6, 0.7], [0.2, 0.3, 0.5, 0, 0]]);
    const message =
      "expected predictions to be probabilities (each row ≥ 0, summing to 1), got a row summing to 3.7 at row 0; did you forget Softmax?";
    expect(() => cce.forward(scores, [0, 1])).toThrow(`CategoricalCrossentropy.forward: ${message}`);
    expect(() => cce.calculate(scores, [0, 1])).toThrow(`CategoricalCrossentropy.calculate: ${message}`);
    expect(() => cce.backward(scores, [0, 1])).toThrow(`CategoricalCrossentropy.backward: ${message}`);
  });

  it("negative entries, or entries above 1, even when the row sums to 1 (instead of 16.118)", () => {
    expect(() => cce.calculate(Matrix.from([[0.5, -0.2, 0.7]]), [1])).toThrow(
      "CategoricalCrossentropy.calculate: expected predictions to be probabilities (each row ≥ 0, summing to 1), got -0.2 at [0][1]; did you forget Softmax?",
    );
    expect(() => cce.forward(Matrix.from([[1.5, -0.5]]), [0])).toThrow("got 1.5 at [0][0]");
    // Scores above 1 are caught by their first entry already.
    expect(() => cce.forward(Matrix.from([[2, 1, 0.1]]), [0])).toThrow("got 2 at [0][0]; did you forget Softmax?");
  });

  it("the row sum is held to 1e-6 per class: hand-made rows that add up only after rounding pass, 1.001 does not", () => {
    // 0.6 + 0.3 + 0.1 is 0.9999999999999999 in doubles.
    expect(0.6 + 0.3 + 0.1).not.toBe(1);
    expect(cce.calculate(Matrix.from([[0.6, 0.3, 0.1]]), [0])).toBeCloseTo(-Math.log(0.6), 14);
    expect(() => cce.calculate(Matrix.from([[0.5, 0.501]]), [0])).toThrow("got a row summing to 1.001 at row 0");
    expect(() => cce.calculate(Matrix.from([[0.3, 0.3, 0.3]]), [0])).toThrow("got a row summing to 0.9 at row 0");
  });

  it("SoftmaxCategoricalCrossentropy.backward given the scores instead of the probabilities", () => {
    const lossActivation = new SoftmaxCategoricalCrossentropy();
    const scores = Matrix.from([[2, 1, 0.1]]);
    lossActivation.forward(scores, [0]);
    expect(() => lossActivation.backward(scores, [0])).toThrow(
      "SoftmaxCategoricalCrossentropy.backward: expected predictions to be probabilities (each row ≥ 0, summing to 1), " +
        "got 2 at [0][0]; pass the probabilities (lossActivation.output), not the scores",
    );
    // With the probabilities it is (ŷ − y) / n, as before.
    const p = lossActivation.output as Matrix;
    expect(lossActivation.backward(p, [0]).get(0, 0)).toBe(p.get(0, 0) - 1);
  });

  it("accuracy keeps accepting raw scores (the argmax is the same)", () => {
    expect(accuracy(Matrix.from([[3.2, -1, 0.5], [0, 7, 1]]), [0, 2])).toBe(0.5);
  });

  it("gradient checks of a probability loss still work: the numeric nudge is allowed off the simplex", () => {
    const p = Matrix.from([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]]);
    expect(checkLossGradients(cce, p, [0, 1]).ok).toBe(true);
    // … and only while nudging: afterwards a row summing to 1 + 1e-5 is an error again.
    expect(() => cce.calculate(Matrix.from([[0.7 + 1e-5, 0.1, 0.2]]), [0])).toThrow("got a row summing to 1.00001 at row 0");
  });
});

describe("clear errors for other mistakes", () => {
  it("new Dense(2, 3, null) names the expected options object, and a misspelt option is caught", () => {
    expect(() => new Dense(2, 3, null as never)).toThrow(
      "Dense: expected an options object such as { rng: new Random(0) }, got null",
    );
    expect(() => new Dense(2, 3, 7 as never)).toThrow("Dense: expected an options object such as { rng: new Random(0) }, got 7");
    expect(() => new Dense(2, 3, { weightscale: 0.1 } as never)).toThrow(
      'Dense: unknown option "weightscale"; the options are rng, init, weightScale, weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2',
    );
  });

  it("a matrix too large for a Float64Array names the function and the sizes", () => {
    expect(() => Matrix.zeros(1e5, 1e5)).toThrow(
      "Matrix.zeros: 100000×100000 = 1e10 entries is more than a Float64Array can hold (max 4.294967296e9)",
    );
    expect(() => Matrix.full(1e5, 1e5, 1)).toThrow("Matrix.full: 100000×100000 = 1e10 entries");
    expect(() => new Matrix(1e5, 1e5)).toThrow("new Matrix: 100000×100000 = 1e10 entries");
  });

  it("Matrix.full, scale and arithmetic with a number want a finite number", () => {
    expect(() => Matrix.full(2, 2, "a" as unknown as number)).toThrow(new TypeError('Matrix.full: expected value to be a finite number, got "a"'));
    expect(() => Matrix.full(2, 2, Number.NaN)).toThrow(new RangeError("Matrix.full: expected value to be a finite number, got NaN"));
    expect(() => Matrix.zeros(1, 1).scale(Infinity)).toThrow("Matrix.scale: expected k to be a finite number, got Infinity");
    expect(() => Matrix.zeros(1, 1).add(Number.NaN)).toThrow("Matrix.add: expected other to be a finite number, got NaN");
  });

  it("requireFinite is no longer part of the public API (validation is internal)", () => {
    expect("requireFinite" in api).toBe(false);
  });
});
