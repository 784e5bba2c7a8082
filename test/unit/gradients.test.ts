import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CategoricalCrossentropy,
  Dense,
  GradientCheckResult,
  Matrix,
  Random,
  ReLU,
  checkLayerGradients,
  checkLossGradients,
  gradientCheck,
  numericalDerivative,
  numericalGradient,
  relativeError,
} from "../../src/index.js";

describe("numericalDerivative", () => {
  it("2x² at x = 1 is 4 (the exact derivative is 4x)", () => {
    // Central differences are exact for a parabola, up to rounding: (2(1+h)² − 2(1−h)²) / 2h = 8h / 2h = 4.
    expect(numericalDerivative((x) => 2 * x ** 2, 1)).toBeCloseTo(4, 9);
  });

  it("x³ at 2 is 12, with the central-difference error h² = 1e-10", () => {
    // ((2+h)³ − (2−h)³) / 2h = 3·2² + h² = 12 + 1e-10 exactly, in real numbers
    expect(Math.abs(numericalDerivative((x) => x ** 3, 2) - 12)).toBeLessThan(1e-8);
  });

  it("sin at 0 is cos 0 = 1; exp at 1 is e; a larger step is less exact", () => {
    expect(numericalDerivative(Math.sin, 0)).toBeCloseTo(1, 9);
    expect(numericalDerivative(Math.exp, 1)).toBeCloseTo(Math.E, 9);
    // With h = 0.1: (e^1.1 − e^0.9) / 0.2 = e · sinh(0.1) / 0.1 = e · 1.0016675001984403
    expect(numericalDerivative(Math.exp, 1, 0.1)).toBeCloseTo(Math.E * 1.0016675001984403, 12);
  });

  it("matches the derivative of smooth functions at random points", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (x) => {
        // d/dx (x·sin x) = sin x + x cos x
        const exact = Math.sin(x) + x * Math.cos(x);
        expect(Math.abs(numericalDerivative((t) => t * Math.sin(t), x) - exact)).toBeLessThan(1e-8);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("bad input gets a clear error", () => {
    expect(() => numericalDerivative((x) => x, 1, 0)).toThrow(
      "numericalDerivative: expected the step h to be a positive finite number, got 0",
    );
    expect(() => numericalDerivative((x) => x, Number.NaN)).toThrow("numericalDerivative: expected x to be a finite number, got NaN");
    expect(() => numericalDerivative(Math.log, 0)).toThrow("numericalDerivative: f(-0.00001) (at x − h) returned NaN; expected a finite number");
    expect(() => numericalDerivative(3 as unknown as (x: number) => number, 1)).toThrow(
      "numericalDerivative: expected f to be a function, got 3",
    );
  });
});

describe("numericalGradient", () => {
  it("of w00·w01 + w10² is [[w01, w00], [2·w10, 0]] (worked by hand)", () => {
    const w = Matrix.from([
      [3, -2],
      [0.5, 7],
    ]);
    const f = (): number => w.get(0, 0) * w.get(0, 1) + w.get(1, 0) ** 2;
    const g = numericalGradient(f, w);
    // ∂/∂w00 = w01 = −2, ∂/∂w01 = w00 = 3, ∂/∂w10 = 2·0.5 = 1, ∂/∂w11 = 0
    const expected = [
      [-2, 3],
      [1, 0],
    ];
    g.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 9)));
  });

  it("puts every entry back exactly, bit for bit — even if f throws", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }), (xs) => {
        const w = Matrix.fromRowVector(xs);
        const before = w.data.slice();
        numericalGradient(() => w.sum() ** 2, w);
        expect(w.data).toEqual(before);
        let calls = 0;
        expect(() =>
          numericalGradient(() => {
            if (++calls === 2) throw new Error("boom");
            return w.sum();
          }, w),
        ).toThrow("boom");
        expect(w.data).toEqual(before);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it("names the entry where f stopped being finite", () => {
    // ln w01 with w01 = 1e-6: nudging w00 is fine; w01 − h = −9e-6 is below 0, where ln is NaN.
    const w = Matrix.from([[1, 1e-6]]);
    expect(() => numericalGradient(() => Math.log(w.get(0, 1)), w)).toThrow(
      "numericalGradient: f() with param[0][1] − h returned NaN; expected a finite number",
    );
  });
});

describe("relativeError", () => {
  it("is |a − n| / max(|a| + |n|, floor), worked by hand", () => {
    expect(relativeError(1, 1.001)).toBeCloseTo(0.001 / 2.001, 15);
    expect(relativeError(2, 2)).toBe(0);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1, -1)).toBe(1); // opposite signs: as wrong as it gets
    // Both tiny: the default floor 1e-3 makes it absolute, 1e-12 / 1e-3 = 1e-9
    expect(relativeError(0, 1e-12)).toBeCloseTo(1e-9, 20);
    expect(relativeError(0, 1e-12, 0)).toBe(1);
  });
});

describe("gradientCheck", () => {
  it("passes a correct gradient and prints one line", () => {
    const w = Matrix.from([[3, -2]]);
    const result = gradientCheck({
      name: "w0·w1",
      f: () => w.get(0, 0) * w.get(0, 1),
      param: w,
      analytic: Matrix.from([[-2, 3]]), // ∂/∂w0 = w1, ∂/∂w1 = w0
    });
    expect(result).toBeInstanceOf(GradientCheckResult);
    expect(result.ok).toBe(true);
    expect(result.worstRelativeError).toBeLessThan(1e-9);
    expect(result.tolerance).toBe(1e-6);
    expect(String(result)).toMatch(/^w0·w1: worst relative error (0|\d(\.\d)?e-\d+) at \[0, [01]\] ✓$/);
    expect(inspect(result)).toBe(String(result));
  });

  it("catches a wrong entry and says where, with both values", () => {
    const w = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    // f = Σ w², gradient 2w; the entry [1][0] is wrong (5 instead of 6)
    const result = gradientCheck({
      name: "Σw²",
      f: () => w.data.reduce((s, v) => s + v * v, 0),
      param: w,
      analytic: Matrix.from([
        [2, 4],
        [5, 8],
      ]),
    });
    expect(result.ok).toBe(false);
    expect(result.index).toEqual([1, 0]);
    expect(result.analytic).toBe(5);
    expect(result.numeric).toBeCloseTo(6, 8);
    // |5 − 6| / (5 + 6) = 1/11 = 0.0909…
    expect(result.worstRelativeError).toBeCloseTo(1 / 11, 9);
    expect(String(result)).toBe("Σw²: worst relative error 0.091 at [1, 0] ✗ (analytic 5, numeric 6; tolerance 1e-6)");
  });

  it("a NaN in the analytic gradient fails the check", () => {
    const w = Matrix.from([[1, 2]]);
    const analytic = Matrix.zeros(1, 2);
    analytic.data[1] = Number.NaN;
    const result = gradientCheck({ f: () => w.sum(), param: w, analytic });
    expect(result.ok).toBe(false);
    expect(result.index).toEqual([0, 1]);
    expect(String(result)).toMatch(/^gradient: worst relative error NaN at \[0, 1\] ✗/);
  });

  it("bad input gets a clear error", () => {
    const w = Matrix.from([[1, 2]]);
    expect(() => gradientCheck({ name: "w", f: () => 0, param: w, analytic: Matrix.zeros(2, 1) })).toThrow(
      "gradientCheck(w): the analytic gradient is 2×1 but param is 1×2 (they must match)",
    );
    expect(() => gradientCheck({ name: "e", f: () => 0, param: Matrix.zeros(0, 2), analytic: Matrix.zeros(0, 2) })).toThrow(
      "gradientCheck(e): param is 0×2 — there is nothing to check",
    );
    expect(() => gradientCheck({ f: () => 0, param: w, analytic: w, tolerance: 0 })).toThrow(
      "gradientCheck(gradient): expected tolerance to be a positive finite number, got 0",
    );
  });
});

describe("the pass mark: a relative error below 1e-6 passes, anything larger fails", () => {
  // f = 3·w0 + 5·w1 is linear, so its numeric gradient is [3, 5] up to rounding (≈ 1e-11 relative):
  // the relative error is set by how far the analytic gradient is off. An analytic value off by a
  // factor (1 + δ) gives |a − n| / (|a| + |n|) = δ / (2 + δ) ≈ δ / 2.
  const w = Matrix.from([[0.3, -1.7]]);
  const f = () => 3 * w.get(0, 0) + 5 * w.get(0, 1);
  const offBy = (delta: number) => Matrix.from([[3, 5 * (1 + delta)]]);

  it("an analytic gradient off by 1e-4 (relative error ≈ 5e-5, far below the old 1e-2) fails", () => {
    const result = gradientCheck({ name: "3w0 + 5w1", f, param: w, analytic: offBy(1e-4) });
    expect(result.worstRelativeError).toBeCloseTo(1e-4 / (2 + 1e-4), 9);
    expect(result.index).toEqual([0, 1]);
    expect(result.ok).toBe(false);
    expect(String(result)).toMatch(/^3w0 \+ 5w1: worst relative error 5e-5 at \[0, 1\] ✗ \(analytic 5\.0005, numeric 5; tolerance 1e-6\)$/);
  });

  it("off by 4e-6 (relative error ≈ 2e-6, twice the mark) fails; off by 1e-6 (≈ 5e-7, half the mark) passes", () => {
    const justOutside = gradientCheck({ f, param: w, analytic: offBy(4e-6) });
    expect(justOutside.worstRelativeError).toBeGreaterThan(1.9e-6);
    expect(justOutside.ok).toBe(false);
    const justInside = gradientCheck({ f, param: w, analytic: offBy(1e-6) });
    expect(justInside.worstRelativeError).toBeGreaterThan(4.9e-7);
    expect(justInside.worstRelativeError).toBeLessThan(5.1e-7);
    expect(justInside.ok).toBe(true);
  });

  it("an explicit tolerance moves the mark", () => {
    expect(gradientCheck({ f, param: w, analytic: offBy(1e-4), tolerance: 1e-4 }).ok).toBe(true);
    expect(gradientCheck({ f, param: w, analytic: offBy(1e-4), tolerance: 1e-5 }).ok).toBe(false);
  });

  it("checkLayerGradients and checkLossGradients fail a backward pass that is off by 1e-4", () => {
    class SlightlyOff extends Dense {
      override backward(dvalues: Matrix): Matrix {
        const dinputs = super.backward(dvalues);
        const g = this.dweights.data;
        for (let i = 0; i < g.length; i++) g[i] *= 1 + 1e-4;
        return dinputs;
      }
    }
    const rng = new Random(3);
    const report = checkLayerGradients(new SlightlyOff(3, 2, { rng }), Matrix.from([[0.5, -1, 2], [1.5, 0.2, -0.7]]), rng);
    const [dinputs, dweights, dbiases] = report.results;
    expect(dinputs.ok && dbiases.ok).toBe(true);
    expect(dweights.ok).toBe(false);
    expect(dweights.worstRelativeError).toBeGreaterThan(4e-5);
    expect(report.ok).toBe(false);

    class LossSlightlyOff extends CategoricalCrossentropy {
      override backward(predictions: Matrix, targets: number[] | Matrix): Matrix {
        return super.backward(predictions, targets).scale(1 + 1e-4);
      }
    }
    const p = Matrix.from([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4]]);
    const lossReport = checkLossGradients(new LossSlightlyOff(), p, [0, 1]);
    expect(lossReport.worstRelativeError).toBeGreaterThan(4e-5);
    expect(lossReport.ok).toBe(false);
  });
});

describe("checkLayerGradients and checkLossGradients", () => {
  it("report a dense layer's three gradients, one line each, and leave the caller's batch alone", () => {
    const rng = new Random(0);
    const dense = new Dense(4, 3, { rng });
    const inputs = Matrix.from([
      [1, 2, 3, 2.5],
      [2, 5, -1, 2],
    ]);
    const before = inputs.clone();
    const report = checkLayerGradients(dense, inputs, rng);
    expect(report.ok).toBe(true);
    const lines = String(report).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Dense\(4→3\) dinputs: worst relative error (0|\d(\.\d)?e-\d+) at \[\d, \d\] ✓$/);
    expect(lines[1]).toMatch(/^Dense\(4→3\) dweights: /);
    expect(lines[2]).toMatch(/^Dense\(4→3\) dbiases: /);
    expect(inspect(report)).toBe(String(report));
    expect(inputs.equals(before)).toBe(true);
    // The layer is left as after forward(inputs) and a backward pass.
    expect(dense.inputs).toBe(inputs);
    expect(dense.dweights?.shape).toEqual([4, 3]);
  });

  it("catch a broken backward pass", () => {
    // ReLU whose backward forgets to stop the gradient at negative inputs.
    class LeakyMistake extends ReLU {
      override backward(dvalues: Matrix): Matrix {
        const dinputs = super.backward(dvalues);
        dinputs.data.set(dvalues.data);
        return dinputs;
      }
    }
    const report = checkLayerGradients(new LeakyMistake(), Matrix.from([[-1, 2], [3, -4]]), new Random(1));
    expect(report.ok).toBe(false);
    expect(String(report)).toMatch(/^LeakyMistake dinputs: worst relative error 1 at \[(0, 0|1, 1)\] ✗ \(analytic /);
  });

  it("catch a loss whose gradient forgot to divide by n", () => {
    class NoMean extends CategoricalCrossentropy {
      override backward(predictions: Matrix, targets: number[] | Matrix): Matrix {
        return super.backward(predictions, targets).scale(predictions.rows);
      }
    }
    const p = Matrix.from([
      [0.7, 0.1, 0.2],
      [0.1, 0.5, 0.4],
    ]);
    expect(checkLossGradients(new CategoricalCrossentropy(), p, [0, 1]).ok).toBe(true);
    const report = checkLossGradients(new NoMean(), p, [0, 1]);
    expect(report.ok).toBe(false);
    // analytic −1/0.7 against numeric −1/0.7/2: |a − n| / (|a| + |n|) = (1/2) / (3/2) = 1/3
    expect(report.worstRelativeError).toBeCloseTo(1 / 3, 6);
    expect(String(report)).toMatch(/^NoMean dinputs: worst relative error 0\.33 at \[0, 0\] ✗/);
  });

  it("bad input gets a clear error", () => {
    const rng = new Random(0);
    expect(() => checkLayerGradients(new ReLU(), Matrix.zeros(0, 2), rng)).toThrow(
      "checkLayerGradients: expected at least one sample in inputs, got 0×2",
    );
    expect(() => checkLayerGradients({} as unknown as ReLU, Matrix.zeros(1, 2), rng)).toThrow(
      "checkLayerGradients: expected a layer with forward and backward methods, got an object (Object)",
    );
    expect(() => checkLayerGradients(new ReLU(), Matrix.zeros(1, 2), 0 as unknown as Random)).toThrow(
      "checkLayerGradients: expected rng to be a Random (e.g. new Random(0)), got 0",
    );
  });
});
