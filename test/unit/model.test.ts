/**
 * The Model: fit equals the same steps written by hand (full batch and mini-batches with
 * shuffling), batch boundaries, evaluate/predict with Dropout off, summary, every bad input,
 * and no new typed arrays per step once the batch sizes are known.
 */
import { countTypedArrays } from "../helpers/allocations.js";
import { describe, expect, it } from "vitest";
import {
  Adam,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  Matrix,
  MeanSquaredError,
  Model,
  Random,
  ReLU,
  SGD,
  Sigmoid,
  Softmax,
  SoftmaxCategoricalCrossentropy,
  spiralData,
  type Layer,
} from "../../src/index.js";

const setUp = (seed = 0) => {
  const rng = new Random(seed);
  const { X, y } = spiralData(20, 3, rng);
  return { X, y, dense1: new Dense(2, 8, { rng }), relu: new ReLU(), dense2: new Dense(8, 3, { rng }) };
};

describe("Model.fit", () => {
  it("with a Softmax last layer and CategoricalCrossentropy: the same numbers as the combined loop by hand", () => {
    const a = setUp();
    const b = setUp();
    const model = new Model({ layers: [b.dense1, b.relu, b.dense2, new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) });
    const history = model.fit(b.X, b.y, { epochs: 5, verbose: false });
    const loss = new SoftmaxCategoricalCrossentropy();
    const optimizer = new Adam({ learningRate: 0.05 });
    const losses: number[] = [];
    for (let e = 0; e < 5; e++) {
      losses.push(loss.forward(a.dense2.forward(a.relu.forward(a.dense1.forward(a.X))), a.y));
      a.dense1.backward(a.relu.backward(a.dense2.backward(loss.backward(loss.output, a.y))));
      optimizer.step([...a.dense1.params(), ...a.dense2.params()]);
    }
    expect(history.loss).toEqual(losses);
    expect(b.dense2.weights.toArray()).toEqual(a.dense2.weights.toArray());
  });

  it("mini-batches with seeded shuffling: the same steps as a hand loop over the same permutation", () => {
    const a = setUp(1);
    const b = setUp(1);
    const model = new Model({ layers: [b.dense1, b.relu, b.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new SGD({ learningRate: 0.5 }) });
    const history = model.fit(b.X, b.y, { epochs: 2, batchSize: 25, shuffle: true, rng: new Random(9), verbose: false });
    const rng = new Random(9);
    const loss = new SoftmaxCategoricalCrossentropy();
    const optimizer = new SGD({ learningRate: 0.5 });
    const epochLosses: number[] = [];
    for (let e = 0; e < 2; e++) {
      const order = rng.permutation(60);
      let sum = 0;
      for (let start = 0; start < 60; start += 25) {
        const rows = order.slice(start, start + 25); // 25, 25, then the short batch of 10
        const Xb = Matrix.from(rows.map((r) => a.X.row(r)));
        const yb = rows.map((r) => a.y[r]);
        sum += loss.forward(a.dense2.forward(a.relu.forward(a.dense1.forward(Xb))), yb) * rows.length;
        a.dense1.backward(a.relu.backward(a.dense2.backward(loss.backward(loss.output, yb))));
        optimizer.step([...a.dense1.params(), ...a.dense2.params()]);
      }
      epochLosses.push(sum / 60);
    }
    expect(history.loss).toEqual(epochLosses);
    expect(optimizer.iterations).toBe(6);
    expect(model.optimizer.iterations).toBe(6); // 3 steps per epoch: 25 + 25 + 10
    expect(b.dense1.weights.toArray()).toEqual(a.dense1.weights.toArray());
  });

  it("shuffle: false keeps the order; the same seed gives the same history", () => {
    const run = (shuffle: boolean, seed: number) => {
      const s = setUp(2);
      return new Model({ layers: [s.dense1, s.relu, s.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new SGD() })
        .fit(s.X, s.y, { epochs: 3, batchSize: 16, shuffle, rng: new Random(seed), verbose: false }).loss;
    };
    expect(run(true, 5)).toEqual(run(true, 5));
    expect(run(true, 5)).not.toEqual(run(true, 6));
    expect(run(false, 5)).toEqual(run(false, 6));
  });

  it("validation data, onEpochEnd and the history", () => {
    const s = setUp(3);
    const model = new Model({ layers: [s.dense1, s.relu, s.dense2, new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) });
    const seen: number[] = [];
    const history = model.fit(s.X, s.y, { epochs: 3, validationData: [s.X, s.y], onEpochEnd: (e, logs) => seen.push(e, logs.valLoss!), verbose: false });
    expect(seen.filter((_, i) => i % 2 === 0)).toEqual([1, 2, 3]);
    expect(history.valLoss).toEqual(seen.filter((_, i) => i % 2 === 1));
    // validated after the epoch's steps, on the same data: what evaluate says at the end
    expect(history.valLoss[2]).toBe(model.evaluate(s.X, s.y).loss);
    expect(history.accuracy.every((a) => a >= 0 && a <= 1)).toBe(true);
  });

  it("makes no new typed arrays per step once the batch sizes are known", () => {
    const s = setUp(4);
    const model = new Model({ layers: [s.dense1, s.relu, s.dense2, new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam() });
    model.fit(s.X, s.y, { epochs: 1, batchSize: 16, shuffle: true, rng: new Random(0), verbose: false });
    const one = countTypedArrays(() => model.fit(s.X, s.y, { epochs: 1, batchSize: 16, shuffle: true, rng: new Random(0), verbose: false }));
    const five = countTypedArrays(() => model.fit(s.X, s.y, { epochs: 5, batchSize: 16, shuffle: true, rng: new Random(0), verbose: false }));
    expect(five).toBe(one); // what a fit call checks once; nothing per epoch or step
  });

  it("stops with an error naming the epoch and step when the loss is not finite", () => {
    const s = setUp(5);
    s.dense2.weights = Matrix.full(8, 3, 1e300);
    const model = new Model({ layers: [s.dense1, s.relu, s.dense2], loss: new MeanSquaredError(), optimizer: new SGD(), accuracy: { regression: 0.1 } });
    const targets = Matrix.zeros(60, 3);
    s.dense1.weights = Matrix.full(2, 8, 1e300);
    expect(() => model.fit(s.X, targets, { epochs: 2, batchSize: 30, verbose: false })).toThrow(/Model\.fit: the loss became NaN or infinite \(the network.s outputs are no longer finite numbers\) at epoch 1, step 1 of 2/);
  });
});

describe("evaluate, predict, params, summary", () => {
  it("evaluate and predict run with Dropout off", () => {
    const rng = new Random(6);
    const dense = new Dense(2, 3, { rng });
    const dropout = new Dropout(0.5, { rng });
    const model = new Model({ layers: [dense, dropout, new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new SGD() });
    const X = Matrix.from([[1, 2], [3, -1], [0, 0.5]]);
    const expected = new Softmax().forward(dense.forward(X)); // no dropout at all
    expect(model.predict(X).toArray()).toEqual(expected.toArray());
    expect(model.predict(X, { batchSize: 2 }).toArray()).toEqual(expected.toArray());
    expect(model.evaluate(X, [0, 1, 2]).loss).toBe(new CategoricalCrossentropy().calculate(expected, [0, 1, 2]));
  });

  it("params lists every layer's parameters; summary names layers, shapes and counts", () => {
    const s = setUp();
    const model = new Model({ layers: [s.dense1, s.relu, s.dense2, new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) });
    expect(model.params()).toEqual([...s.dense1.params(), ...s.dense2.params()]);
    const summary = model.summary();
    expect(summary).toContain("Dense(2→8)");
    expect(summary).toMatch(/Dense\(2→8\)\s+batch × 8\s+24/); // 2·8 weights + 8 biases
    expect(summary).toMatch(/Dense\(8→3\)\s+batch × 3\s+27/);
    expect(summary).toContain("51 trainable parameters; loss CategoricalCrossentropy (with softmax, combined gradient); optimizer Adam");
  });
});

describe("bad input", () => {
  const rng = new Random(0);
  const ok = () => ({ layers: [new Dense(2, 3, { rng }), new Softmax()] as Layer[], loss: new CategoricalCrossentropy(), optimizer: new SGD() });
  it("at construction: an empty layer list, widths that do not chain (naming both layers), a bad loss or accuracy", () => {
    expect(() => new Model({ ...ok(), layers: [] })).toThrow("Model: expected layers to be a non-empty array of layers, got an array of length 0");
    expect(() => new Model({ ...ok(), layers: [new Dense(2, 64, { rng }), new ReLU(), new Dense(32, 3, { rng })] })).toThrow(
      "Model: Dense(32→3) (layers[2]) takes 32 inputs, but Dense(2→64) (layers[0]) gives 64",
    );
    expect(() => new Model({ ...ok(), loss: {} as never })).toThrow(/expected loss to be a loss/);
    expect(() => new Model({ ...ok(), accuracy: { regression: 0 } })).toThrow(/expected accuracy to be "categorical", "binary" or \{ regression: precision \}/);
  });

  it("in fit: X and y of different lengths, targets that do not fit the loss, a batch size < 1", () => {
    const X = Matrix.from([[1, 2], [3, 4]]);
    const model = new Model(ok());
    expect(() => model.fit(X, [0], { verbose: false })).toThrow("Model.fit: X has 2 samples (rows) but y has 1 — give one target per sample");
    expect(() => model.fit(X, [0, 5], { verbose: false })).toThrow(/label 5 at sample 1 is outside \[0, 3\)/);
    expect(() => model.fit(X, [0, 1], { batchSize: 0, verbose: false })).toThrow("Model.fit: expected batchSize to be a whole number ≥ 1, got 0");
    expect(() => model.fit(X, [0, 1], { shuffle: true, verbose: false })).toThrow(/shuffle: true needs an rng/);
    const mse = new Model({ layers: [new Dense(2, 3, { rng })], loss: new MeanSquaredError(), optimizer: new SGD(), accuracy: { regression: 0.1 } });
    expect(() => mse.fit(X, [0, 1], { verbose: false })).toThrow(/class indices do not fit MeanSquaredError, which compares each of the 3 outputs with a target/);
    const bce = new Model({ layers: [new Dense(2, 1, { rng }), new Sigmoid()], loss: new BinaryCrossentropy(), optimizer: new SGD(), accuracy: "binary" });
    expect(() => bce.fit(X, [0, 2], { verbose: false })).toThrow(/expected targets of 0 or 1|binary targets must be 0 or 1/);
  });
});

