/**
 * The training core: every layer's params(), results read before their pass, matrices a caller
 * holds never changed by later calls, and trainStep — the same numbers as the loop written by
 * hand, with no new typed arrays after the first step.
 */
import { countTypedArrays } from "../helpers/allocations.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  Adam,
  Dense,
  Linear,
  Matrix,
  Random,
  ReLU,
  SGD,
  Sigmoid,
  Softmax,
  SoftmaxCategoricalCrossentropy,
  Step,
  spiralData,
  trainStep,
  type Layer,
} from "../../src/index.js";

describe("params()", () => {
  it("Dense has weights and biases: value is weights/biases, grad is dweights/dbiases — the same objects every call", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    const params = dense.params();
    expect(params.map((p) => [p.name, p.owner])).toEqual([["weights", "Dense(2→3)"], ["biases", "Dense(2→3)"]]);
    expect(params[0].value).toBe(dense.weights);
    expect(params[1].value).toBe(dense.biases);
    expect(dense.params()[0]).toBe(params[0]);
    dense.forward(Matrix.from([[1, 2]]));
    dense.backward(Matrix.from([[1, 0, -1]]));
    expect(params[0].grad).toBe(dense.dweights);
    expect(params[1].grad).toBe(dense.dbiases);
    // assigning through the parameter goes through the layer's checks
    params[1].value = Matrix.from([[1, 2, 3]]);
    expect(dense.biases.toArray()).toEqual([[1, 2, 3]]);
    expect(() => (params[1].value = Matrix.from([[1, 2]]))).toThrow("Dense(2→3).biases: expected a 1×3 matrix, got 1×2");
  });

  it("activations have none", () => {
    for (const layer of [new ReLU(), new Sigmoid(), new Step(), new Linear(), new Softmax()] as Layer[]) expect(layer.params(), layer.name).toEqual([]);
  });
});

describe("results read before the pass that makes them", () => {
  it.each([
    ["Dense(2→3)", () => new Dense(2, 3, { rng: new Random(0) })],
    ["ReLU", () => new ReLU()],
    ["Sigmoid", () => new Sigmoid()],
    ["Softmax", () => new Softmax()],
  ] as const)("%s says which pass makes them", (name, make) => {
    const layer = make() as Layer & { output: Matrix; inputs: Matrix; dinputs: Matrix };
    expect(() => layer.output).toThrow(`${name}.output: run forward first`);
    expect(() => layer.inputs).toThrow(`${name}.inputs: run forward first`);
    expect(() => layer.dinputs).toThrow(`${name}.dinputs: run backward first`);
  });

  it("Dense's gradients, and the loss's output and dinputs, too", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    expect(() => dense.dweights).toThrow("Dense(2→3).dweights: run backward first");
    expect(() => dense.dbiases).toThrow("Dense(2→3).dbiases: run backward first");
    expect(() => dense.params()[0].grad).toThrow("Dense(2→3).dweights: run backward first");
    const loss = new SoftmaxCategoricalCrossentropy();
    expect(() => loss.output).toThrow("SoftmaxCategoricalCrossentropy.output: run forward first");
    expect(() => loss.dinputs).toThrow("SoftmaxCategoricalCrossentropy.dinputs: run backward first");
  });
});

describe("a matrix a caller holds is never changed by a later call", () => {
  it("outputs, gradients and dinputs of plain calls stay as they were", () => {
    const rng = new Random(1);
    const dense = new Dense(2, 3, { rng });
    const relu = new ReLU();
    const x1 = Matrix.from([[1, 2], [3, -4]]);
    const x2 = Matrix.from([[-5, 6], [7, 8]]);
    const out1 = dense.forward(x1);
    const act1 = relu.forward(out1);
    const snapshot = [out1.toArray(), act1.toArray()];
    const d1 = dense.backward(Matrix.full(2, 3, 1));
    const dw1 = dense.dweights;
    const grads = [d1.toArray(), dw1.toArray()];
    relu.forward(dense.forward(x2));
    dense.backward(Matrix.full(2, 3, -2));
    expect([out1.toArray(), act1.toArray()]).toEqual(snapshot);
    expect([d1.toArray(), dw1.toArray()]).toEqual(grads);
    expect(x1.toArray()).toEqual([[1, 2], [3, -4]]);
  });
});


describe("trainStep", () => {
  const setUp = () => {
    const rng = new Random(0);
    const { X, y } = spiralData(50, 3, rng);
    const dense1 = new Dense(2, 16, { rng });
    const dense2 = new Dense(16, 3, { rng });
    return { X, y, dense1, relu: new ReLU(), dense2 };
  };

  it("gives bit for bit the losses and weights of the loop written by hand", () => {
    const a = setUp();
    const b = setUp();
    const handLoss = new SoftmaxCategoricalCrossentropy();
    const handOptimizer = new Adam({ learningRate: 0.05, decay: 5e-7 });
    const network = { layers: [b.dense1, b.relu, b.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }) };
    for (let step = 0; step < 20; step++) {
      const byHand = handLoss.forward(a.dense2.forward(a.relu.forward(a.dense1.forward(a.X))), a.y);
      a.dense1.backward(a.relu.backward(a.dense2.backward(handLoss.backward(handLoss.output, a.y))));
      handOptimizer.step([...a.dense1.params(), ...a.dense2.params()]);
      expect(trainStep(network, b.X, b.y)).toBe(byHand);
    }
    expect(b.dense1.weights.toArray()).toEqual(a.dense1.weights.toArray());
    expect(b.dense2.biases.toArray()).toEqual(a.dense2.biases.toArray());
    expect(network.loss.output.toArray()).toEqual(handLoss.output.toArray());
  });

  it("skips the first layer's input gradient (nothing uses it): its dweights and dbiases are backward's, its dinputs says why it is missing", () => {
    const { X, y, dense1, relu, dense2 } = setUp();
    trainStep({ layers: [dense1, relu, dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new SGD({ learningRate: 0 }) }, X, y);
    expect(() => dense1.dinputs).toThrow("Dense(2→16).dinputs: not computed — the last backward pass was backwardParameters (the first layer in trainStep and Model.fit), which skips it");
    expect(dense2.dinputs.shape).toEqual([X.rows, 16]); // the second layer's is needed, and made
    // backwardParameters gives exactly what backward gives for the parameters; backward then makes dinputs again.
    const upstream = dense2.dinputs.clone();
    const viaParameters = [dense1.dweights.clone(), dense1.dbiases.clone()];
    const dinputs = dense1.backward(relu.backward(upstream));
    expect(dense1.dweights.toArray()).toEqual(viaParameters[0].toArray());
    expect(dense1.dbiases.toArray()).toEqual(viaParameters[1].toArray());
    expect(dinputs.toArray()).toEqual(relu.dinputs.dot(dense1.weights.transpose()).toArray());
    expect(dense1.dinputs).toBe(dinputs);
  });

  it("learns: 1000 steps of Adam take the spiral's loss well below ln 3", () => {
    const s = setUp();
    const network = { layers: [s.dense1, s.relu, s.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) };
    const first = trainStep(network, s.X, s.y);
    let last = first;
    for (let i = 0; i < 1000; i++) last = trainStep(network, s.X, s.y);
    expect(first).toBeCloseTo(Math.log(3), 3);
    expect(last).toBeLessThan(0.95);
  });

  it("makes no new typed arrays after the first step of a batch size", () => {
    const s = setUp();
    const network = { layers: [s.dense1, s.relu, s.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) };
    const first = countTypedArrays(() => trainStep(network, s.X, s.y));
    expect(first).toBeGreaterThan(0); // the counter sees the buffers being made
    expect(countTypedArrays(() => {
      for (let i = 0; i < 5; i++) trainStep(network, s.X, s.y);
    })).toBe(0);
    // a new batch size: new buffers once, then none again
    const half = s.X.sliceRows(0, 75);
    const halfY = s.y.slice(0, 75);
    expect(countTypedArrays(() => trainStep(network, half, halfY))).toBeGreaterThan(0);
    expect(countTypedArrays(() => trainStep(network, half, halfY))).toBe(0);
  });

  it("names the layer where a non-finite number was born, and the parameter whose gradient is not finite", () => {
    const s = setUp();
    s.dense1.weights = Matrix.full(2, 16, 1e300);
    const network = { layers: [s.dense1, s.relu, s.dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new SGD() };
    s.dense2.weights = Matrix.full(16, 3, 1e300);
    expect(() => trainStep(network, s.X, s.y)).toThrow(/trainStep: the loss is NaN at step 0: Dense\(16→3\)\.forward made (Infinity|-Infinity) at \[\d+\]\[\d+\]/);
    expect(() => trainStep(network, new Matrix(150, 2, new Float64Array(300).fill(NaN)), s.y)).toThrow("trainStep: expected finite inputs, got NaN at [0][0]");
    expect(() => trainStep({ ...network, layers: [] }, s.X, s.y)).toThrow(/expected layers to be a non-empty array/);
    expect(() => trainStep({ ...network, optimizer: {} as never }, s.X, s.y)).toThrow(/expected optimizer to be an optimizer/);
  });
});
