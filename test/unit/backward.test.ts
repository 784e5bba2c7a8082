import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CategoricalCrossentropy,
  Dense,
  Linear,
  Matrix,
  Random,
  ReLU,
  Sigmoid,
  Softmax,
  SoftmaxCategoricalCrossentropy,
  Step,
  checkLayerGradients,
  checkLossGradients,
  gradientCheck,
} from "../../src/index.js";

function expectRowsClose(actual: Matrix | undefined, expected: number[][], digits = 14): void {
  expect(actual).toBeInstanceOf(Matrix);
  const m = actual as Matrix;
  expect(m.shape).toEqual([expected.length, expected[0].length]);
  m.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], digits)));
}

const FC = { seed: 20240601, numRuns: 100 } as const;

/** Shapes from 1×1 up; batches of a single sample come up often. */
const shape = fc.tuple(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 7 })), fc.integer({ min: 1, max: 6 }));
const values = (rows: number, cols: number, min: number, max: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.double({ min, max, noNaN: true }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
const batch = (min: number, max: number): fc.Arbitrary<Matrix> =>
  shape.chain(([r, c]) => values(r, c, min, max)).map((rows) => Matrix.from(rows));
const seed = fc.integer({ min: 0, max: 0xffffffff });

describe("hand-worked backward passes", () => {
  it("Dense: dweights = Xᵀ·dvalues, dbiases = column sums, dinputs = dvalues·Wᵀ", () => {
    const layer = new Dense(2, 3, { rng: new Random(0) });
    layer.weights = Matrix.from([
      [1, 0, -1],
      [0.5, 2, 1],
    ]);
    layer.biases = Matrix.fromRowVector([0.1, 0.2, 0.3]);
    const X = Matrix.from([
      [1, 2],
      [3, 4],
    ]);
    layer.forward(X);
    const dvalues = Matrix.from([
      [1, 0, -1],
      [2, 1, 0],
    ]);
    const dinputs = layer.backward(dvalues);
    // Xᵀ = [[1, 3], [2, 4]]
    // dweights[0] = [1·1 + 3·2, 1·0 + 3·1, 1·(−1) + 3·0] = [7, 3, −1]
    // dweights[1] = [2·1 + 4·2, 2·0 + 4·1, 2·(−1) + 4·0] = [10, 4, −2]
    expectRowsClose(layer.dweights, [
      [7, 3, -1],
      [10, 4, -2],
    ]);
    // column sums of dvalues: [1 + 2, 0 + 1, −1 + 0]
    expectRowsClose(layer.dbiases, [[3, 1, -1]]);
    // Wᵀ = [[1, 0.5], [0, 2], [−1, 1]]
    // dinputs[0] = [1·1 + 0·0 + (−1)(−1), 1·0.5 + 0·2 + (−1)·1] = [2, −0.5]
    // dinputs[1] = [2·1 + 1·0 + 0·(−1),   2·0.5 + 1·2 + 0·1]    = [2, 3]
    expectRowsClose(dinputs, [
      [2, -0.5],
      [2, 3],
    ]);
    expect(layer.dinputs).toBe(dinputs);
  });

  it("ReLU passes the gradient where the input was > 0 (and not at 0)", () => {
    const relu = new ReLU();
    relu.forward(Matrix.from([[-1, 2, 0, 3]]));
    const dinputs = relu.backward(Matrix.from([[5, 6, 7, 8]]));
    expect(dinputs.toArray()).toEqual([[0, 6, 0, 8]]);
    expect(relu.dinputs).toBe(dinputs);
  });

  it("Sigmoid multiplies by σ(1 − σ): 1/4 at 0, 3/16 at ln 3", () => {
    const s = new Sigmoid();
    s.forward(Matrix.from([[0, Math.log(3)]]));
    // σ(0) = 1/2 → 1/2·1/2 = 1/4; σ(ln 3) = 3/4 → 3/4·1/4 = 3/16; times dvalues [2, 4]
    expectRowsClose(s.backward(Matrix.from([[2, 4]])), [[0.5, 0.75]]);
  });

  it("Linear passes the gradient through unchanged (a copy)", () => {
    const linear = new Linear();
    linear.forward(Matrix.from([[1, -2]]));
    const dvalues = Matrix.from([[3, 4]]);
    const dinputs = linear.backward(dvalues);
    expect(dinputs.toArray()).toEqual([[3, 4]]);
    expect(dinputs).not.toBe(dvalues);
  });

  it("Step passes nothing: its derivative is 0 everywhere it exists", () => {
    const step = new Step();
    step.forward(Matrix.from([[-1, 0.5], [2, -3]]));
    expect(step.backward(Matrix.from([[1, 2], [3, 4]])).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("Softmax.jacobian is diag(s) − s sᵀ", () => {
    // s = [1/2, 1/4, 1/4]:
    // diag − s sᵀ = [[1/2 − 1/4, −1/8, −1/8], [−1/8, 1/4 − 1/16, −1/16], [−1/8, −1/16, 1/4 − 1/16]]
    expectRowsClose(Softmax.jacobian([0.5, 0.25, 0.25]), [
      [0.25, -0.125, -0.125],
      [-0.125, 0.1875, -0.0625],
      [-0.125, -0.0625, 0.1875],
    ]);
  });

  it("Softmax backward, worked by hand: softmax([0, 0]) = [1/2, 1/2], dvalues [1, 0] → [1/4, −1/4]", () => {
    const softmax = new Softmax();
    softmax.forward(Matrix.from([[0, 0], [Math.log(3), 0]]));
    // row 0: J = [[1/4, −1/4], [−1/4, 1/4]], J·[1, 0] = [1/4, −1/4]
    // row 1: s = [3/4, 1/4], J = [[3/16, −3/16], [−3/16, 3/16]], J·[0, 2] = [−3/8, 3/8]
    expectRowsClose(softmax.backward(Matrix.from([[1, 0], [0, 2]])), [
      [0.25, -0.25],
      [-0.375, 0.375],
    ]);
  });

  it("Softmax backward equals the Jacobian times dvalues, sample by sample", () => {
    fc.assert(
      fc.property(
        shape.chain(([r, c]) => fc.tuple(values(r, c, -4, 4), values(r, c, -2, 2))),
        ([x, d]) => {
          const softmax = new Softmax();
          const s = softmax.forward(Matrix.from(x));
          const dinputs = softmax.backward(Matrix.from(d));
          for (let i = 0; i < s.rows; i++) {
            const viaJacobian = Softmax.jacobian(s.row(i)).dot(Matrix.fromColumnVector(d[i]));
            viaJacobian.column(0).forEach((v, j) => expect(Math.abs(v - dinputs.get(i, j))).toBeLessThan(1e-14));
          }
        },
      ),
      FC,
    );
  });
});

describe("every backward matches the numeric gradient (worst relative error < 1e-6)", () => {
  it("Dense: dinputs, dweights and dbiases", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
          .chain(([n, k, m]) => fc.tuple(values(n, k, -3, 3), values(k, m, -2, 2), values(1, m, -1, 1))),
        seed,
        ([x, w, b], s) => {
          const layer = new Dense(w.length, w[0].length, { rng: new Random(0) });
          layer.weights = Matrix.from(w);
          layer.biases = Matrix.from(b);
          const report = checkLayerGradients(layer, Matrix.from(x), new Random(s));
          expect(report.results.map((r) => r.name)).toEqual([
            `${layer.name} dinputs`,
            `${layer.name} dweights`,
            `${layer.name} dbiases`,
          ]);
          expect(report.worstRelativeError).toBeLessThan(1e-6);
          expect(report.ok).toBe(true);
        },
      ),
      FC,
    );
  });

  it("ReLU (inputs kept away from the kink at 0)", () => {
    fc.assert(
      fc.property(
        batch(-3, 3).map((m) => m.map((x) => (Math.abs(x) < 1e-3 ? x + (x < 0 ? -1e-3 : 1e-3) : x))),
        seed,
        (x, s) => {
          const report = checkLayerGradients(new ReLU(), x, new Random(s));
          expect(report.worstRelativeError).toBeLessThan(1e-6);
        },
      ),
      FC,
    );
  });

  it("Sigmoid", () => {
    fc.assert(
      fc.property(batch(-6, 6), seed, (x, s) => {
        expect(checkLayerGradients(new Sigmoid(), x, new Random(s)).worstRelativeError).toBeLessThan(1e-6);
      }),
      FC,
    );
  });

  it("Linear", () => {
    fc.assert(
      fc.property(batch(-10, 10), seed, (x, s) => {
        expect(checkLayerGradients(new Linear(), x, new Random(s)).worstRelativeError).toBeLessThan(1e-6);
      }),
      FC,
    );
  });

  it("Softmax", () => {
    fc.assert(
      fc.property(batch(-4, 4), seed, (x, s) => {
        expect(checkLayerGradients(new Softmax(), x, new Random(s)).worstRelativeError).toBeLessThan(1e-6);
      }),
      FC,
    );
  });

  it("Step (zero, numerically too, away from the jump at 0)", () => {
    fc.assert(
      fc.property(
        batch(-3, 3).map((m) => m.map((x) => (Math.abs(x) < 1e-3 ? x + (x < 0 ? -1e-3 : 1e-3) : x))),
        seed,
        (x, s) => {
          expect(checkLayerGradients(new Step(), x, new Random(s)).worstRelativeError).toBe(0);
        },
      ),
      FC,
    );
  });

  const probabilitiesAndLabels = fc
    .tuple(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 7 })), fc.integer({ min: 2, max: 6 }))
    .chain(([n, k]) =>
      fc.tuple(values(n, k, 0.02, 0.98), fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n })),
    );

  it("CategoricalCrossentropy (probabilities kept inside the clip range)", () => {
    fc.assert(
      fc.property(probabilitiesAndLabels, ([p, labels]) => {
        // Each row scaled to sum to 1: the loss takes probabilities, not any numbers in (0, 1).
        const rows = p.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0)));
        const report = checkLossGradients(new CategoricalCrossentropy(), Matrix.from(rows), labels);
        expect(report.worstRelativeError).toBeLessThan(1e-6);
      }),
      FC,
    );
  });

  it("SoftmaxCategoricalCrossentropy, with respect to the scores", () => {
    fc.assert(
      fc.property(
        shape
          .filter(([, c]) => c >= 2)
          .chain(([r, c]) =>
            fc.tuple(values(r, c, -4, 4), fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: r, maxLength: r })),
          ),
        ([z, labels]) => {
          const report = checkLossGradients(new SoftmaxCategoricalCrossentropy(), Matrix.from(z), labels);
          expect(report.worstRelativeError).toBeLessThan(1e-6);
        },
      ),
      FC,
    );
  });

  it("a whole network, Dense → ReLU → Dense → softmax + cross-entropy: the first layer's weights", () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 1, max: 8 }), (s, n) => {
        const rng = new Random(s);
        const dense1 = new Dense(2, 5, { rng, weightScale: 0.7 });
        const relu = new ReLU();
        const dense2 = new Dense(5, 3, { rng, weightScale: 0.7 });
        const lossActivation = new SoftmaxCategoricalCrossentropy();
        const X = Matrix.from(Array.from({ length: n }, () => [rng.normal(), rng.normal()]));
        const y = Array.from({ length: n }, () => rng.integer(0, 3));
        const loss = (): number => lossActivation.forward(dense2.forward(relu.forward(dense1.forward(X))), y);
        // Skip draws near a kink: a pre-activation within 1e-3 of ReLU's 0, or a correct-class
        // probability near the loss's clipping bounds (1e-7, 1 − 1e-7), where the clipped loss is flat.
        loss();
        if ((dense1.output as Matrix).toArray().flat().some((v) => Math.abs(v) < 1e-3)) return;
        const probabilities = lossActivation.output as Matrix;
        if (y.some((c, i) => probabilities.get(i, c) < 1e-5 || probabilities.get(i, c) > 1 - 1e-5)) return;
        lossActivation.backward(lossActivation.output as Matrix, y);
        dense2.backward(lossActivation.dinputs as Matrix);
        relu.backward(dense2.dinputs as Matrix);
        dense1.backward(relu.dinputs as Matrix);
        const analytic = (dense1.dweights as Matrix).clone();
        const result = gradientCheck({ name: "dense1 dweights", f: loss, param: dense1.weights, analytic });
        expect(result.worstRelativeError).toBeLessThan(1e-6);
      }),
      FC,
    );
  });
});

describe("backward errors", () => {
  const layers = (): [string, { backward(d: Matrix): Matrix; forward(x: Matrix): Matrix }][] => [
    ["Dense(2→3)", new Dense(2, 3, { rng: new Random(0) })],
    ["ReLU", new ReLU()],
    ["Sigmoid", new Sigmoid()],
    ["Linear", new Linear()],
    ["Step", new Step()],
    ["Softmax", new Softmax()],
  ];

  it("backward before forward", () => {
    for (const [name, layer] of layers()) {
      expect(() => layer.backward(Matrix.zeros(1, 3))).toThrow(`${name}.backward: call forward first`);
    }
  });

  it("dvalues whose shape differs from the output's, both shapes named", () => {
    for (const [name, layer] of layers()) {
      const out = layer.forward(Matrix.from([[1, -2], [0.5, 3]]));
      expect(() => layer.backward(Matrix.zeros(out.cols, out.rows + 1))).toThrow(
        `${name}.backward: expected dvalues of shape ${out.rows}×${out.cols} (the shape of the last output), ` +
          `got ${out.cols}×${out.rows + 1}`,
      );
      expect(() => layer.backward([[1, 2, 3]] as unknown as Matrix)).toThrow(
        `${name}.backward: expected dvalues to be a Matrix, got an array of length 1 — wrap nested arrays with Matrix.from(...)`,
      );
    }
  });

  it("Softmax.jacobian wants one sample's numbers", () => {
    expect(() => Softmax.jacobian(Matrix.from([[0.5, 0.5]]) as unknown as number[])).toThrow(
      "Softmax.jacobian: expected one sample's probabilities as number[], got a 1×2 Matrix — for one sample use .row(i)",
    );
    expect(() => Softmax.jacobian([0.5, Number.NaN])).toThrow("Softmax.jacobian: expected finite numbers in s, got NaN at index 1");
  });
});
