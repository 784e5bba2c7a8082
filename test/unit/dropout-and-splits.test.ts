/**
 * Dropout (inverted, mask reused by backward, identity at inference) and the data helpers of
 * chapter 11: shuffle, trainTestSplit (stratified), standardize and minMaxScale.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dropout, gradientCheck, Matrix, minMaxScale, Random, randn, shuffle, standardize, trainTestSplit } from "../../src/index.js";

describe("Dropout", () => {
  it("zeroes some units and scales the kept ones by 1/(1 − rate); backward uses the same mask", () => {
    const dropout = new Dropout(0.5, { rng: new Random(3) });
    const x = Matrix.from([[1, 2, 3, 4], [5, 6, 7, 8]]);
    const out = dropout.forward(x);
    const mask = dropout.mask.toArray().flat();
    expect(new Set(mask)).toEqual(new Set([0, 2])); // dropped → 0, kept → 1/(1 − 0.5) = 2
    expect(out.toArray().flat()).toEqual(x.toArray().flat().map((v, i) => v * mask[i]));
    const d = dropout.backward(Matrix.full(2, 4, 10));
    expect(d.toArray().flat()).toEqual(mask.map((m) => 10 * m));
    expect(dropout.name).toBe("Dropout(0.5)");
    expect(dropout.params()).toEqual([]);
  });

  it("is the identity with { training: false } (a copy), and its backward passes the gradient through", () => {
    const dropout = new Dropout(0.9, { rng: new Random(0) });
    const x = Matrix.from([[1, -2], [3, 4]]);
    const out = dropout.forward(x, { training: false });
    expect(out.toArray()).toEqual(x.toArray());
    expect(out).not.toBe(x);
    expect(dropout.backward(Matrix.from([[1, 2], [3, 4]])).toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it("with its mask fixed, backward agrees with the numeric gradient", () => {
    const x = randn(3, 5, new Random(1));
    const r = randn(3, 5, new Random(2));
    // The same seed gives the same mask on every forward pass, so f is a fixed function of x.
    const f = () => {
      const out = new Dropout(0.3, { rng: new Random(7) }).forward(x).data;
      let s = 0;
      for (let i = 0; i < out.length; i++) s += out[i] * r.data[i];
      return s;
    };
    const layer = new Dropout(0.3, { rng: new Random(7) });
    layer.forward(x);
    const result = gradientCheck({ name: "Dropout dinputs", f, param: x, analytic: layer.backward(r).clone() });
    expect(result.ok).toBe(true);
  });

  it("keeps the mean in expectation: over many units, mean(output) ≈ mean(input)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 0.9, noNaN: true }), (seed, rate) => {
        const n = 20_000;
        const out = new Dropout(rate, { rng: new Random(seed) }).forward(Matrix.full(1, n, 1));
        let sum = 0;
        for (const v of out.data) sum += v;
        // Each unit is 1/(1 − rate) with probability 1 − rate, else 0: mean 1, variance rate/(1 − rate).
        const sd = Math.sqrt(rate / (1 - rate) / n);
        expect(Math.abs(sum / n - 1)).toBeLessThanOrEqual(5 * sd + 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it("rejects a rate outside [0, 1) and a missing rng", () => {
    for (const bad of [-0.1, 1, 1.5, NaN]) expect(() => new Dropout(bad, { rng: new Random(0) })).toThrow(/Dropout: expected rate to be a number in \[0, 1\)/);
    expect(() => new Dropout(0.1, {} as never)).toThrow(/Dropout: expected options.rng to be a Random/);
    expect(() => new Dropout(0.1, undefined as never)).toThrow(/Dropout: expected options.rng to be a Random/);
  });
});

describe("shuffle and trainTestSplit", () => {
  // Sample r has X = [r, 10·r] and class r % 3, so every row can be traced back.
  const n = 30;
  const X = new Matrix(n, 2, Float64Array.from({ length: 2 * n }, (_, p) => (p % 2 === 0 ? p / 2 : 5 * p - 5)));
  const y = Array.from({ length: n }, (_, r) => r % 3);
  const rowsOf = (m: Matrix) => m.toArray().map((row) => row[0]);

  it("shuffle keeps each sample with its label, in a seeded order", () => {
    const a = shuffle(X, y, { rng: new Random(4) });
    const b = shuffle(X, y, { rng: new Random(4) });
    expect(rowsOf(a.X)).toEqual(rowsOf(b.X));
    expect(rowsOf(a.X)).not.toEqual(rowsOf(X));
    expect([...rowsOf(a.X)].sort((p, q) => p - q)).toEqual(rowsOf(X));
    a.X.toArray().forEach(([r, ten], i) => {
      expect(ten).toBe(10 * r);
      expect(a.y[i]).toBe(r % 3);
    });
  });

  it("splits deterministically per seed, disjoint, covering every sample, stratified by class", () => {
    const { train, test } = trainTestSplit(X, y, { testFraction: 0.2, rng: new Random(0) });
    const again = trainTestSplit(X, y, { testFraction: 0.2, rng: new Random(0) });
    expect(rowsOf(test.X)).toEqual(rowsOf(again.test.X));
    const trainRows = rowsOf(train.X);
    const testRows = rowsOf(test.X);
    expect(testRows.filter((r) => trainRows.includes(r))).toEqual([]);
    expect([...trainRows, ...testRows].sort((p, q) => p - q)).toEqual(rowsOf(X));
    // 10 samples per class, 20%: exactly 2 of each class on the test side
    expect([0, 1, 2].map((c) => test.y.filter((l) => l === c).length)).toEqual([2, 2, 2]);
    test.X.toArray().forEach(([r], i) => expect(test.y[i]).toBe(r % 3));
    const other = trainTestSplit(X, y, { testFraction: 0.2, rng: new Random(1) });
    expect(rowsOf(other.test.X)).not.toEqual(testRows);
  });

  it("splits a Matrix of targets without stratifying", () => {
    const targets = new Matrix(n, 1, Float64Array.from({ length: n }, (_, r) => r * 100));
    const { train, test } = trainTestSplit(X, targets, { testFraction: 0.5, rng: new Random(0) });
    expect(test.X.rows + train.X.rows).toBe(n);
    test.X.toArray().forEach(([r], i) => expect(test.y.get(i, 0)).toBe(r * 100));
  });

  it("says what is wrong", () => {
    const rng = new Random(0);
    for (const bad of [0, 1, -0.2, 1.5, NaN]) expect(() => trainTestSplit(X, y, { testFraction: bad, rng })).toThrow(/expected testFraction strictly between 0 and 1/);
    expect(() => trainTestSplit(X, y.slice(1), { testFraction: 0.2, rng })).toThrow("trainTestSplit: X has 30 samples (rows) but y has 29 — give one target per sample");
    expect(() => trainTestSplit(X, y, { testFraction: 0.01, rng })).toThrow(/testFraction 0\.01 of 30 samples leaves the test set empty/);
    expect(() => trainTestSplit(X, y, { testFraction: 0.2 } as never)).toThrow(/expected options\.rng to be a Random/);
    expect(() => shuffle(X, y.slice(2), { rng })).toThrow(/X has 30 samples \(rows\) but y has 28/);
  });
});

describe("scaling fitted on training data", () => {
  it("standardize: mean 0 and standard deviation 1 per feature, the training statistics applied to new data", () => {
    // feature 0: 1 and 3 → mean 2, std 1; feature 1: always 10 → only shifted
    const scaler = standardize(Matrix.from([[1, 10], [3, 10]]));
    expect(scaler.shift.toArray()).toEqual([[2, 10]]);
    expect(scaler.scale.toArray()).toEqual([[1, 1]]);
    expect(scaler.transform(Matrix.from([[1, 10], [3, 10]])).toArray()).toEqual([[-1, 0], [1, 0]]);
    expect(scaler.transform(Matrix.from([[5, 12]])).toArray()).toEqual([[3, 2]]); // unseen data, same numbers
    expect(() => scaler.transform(Matrix.from([[1, 2, 3]]))).toThrow("standardize.transform: fitted on 2 features (columns), got X with 3");
  });

  it("minMaxScale maps the training range onto [-1, 1] (or the range asked for)", () => {
    const scaler = minMaxScale(Matrix.from([[0, 5], [255, 15]]));
    expect(scaler.transform(Matrix.from([[0, 5], [127.5, 10], [255, 15]])).toArray()).toEqual([[-1, -1], [0, 0], [1, 1]]);
    expect(minMaxScale(Matrix.from([[2], [4]]), [0, 1]).transform(Matrix.from([[3]])).toArray()).toEqual([[0.5]]);
    expect(() => minMaxScale(Matrix.from([[1]]), [1, 0])).toThrow(/minMaxScale: expected range \[low, high\] with low < high/);
  });
});
