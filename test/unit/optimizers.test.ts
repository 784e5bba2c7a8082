/**
 * The optimizers against updates worked out by hand (the nnfs book's formulas written out step by
 * step here, never the module's own output), their state per parameter, and their bad input.
 */
import { describe, expect, it } from "vitest";
import { Adagrad, Adam, Matrix, RMSprop, SGD, type Parameter } from "../../src/index.js";

/** A stand-alone parameter: `value` and a gradient the test sets before each step. */
function param(name: string, values: number[], owner = "Test"): Parameter & { grad: Matrix } {
  return { name, owner, value: Matrix.from([values]), grad: Matrix.from([values.map(() => 0)]) };
}
const setGrad = (p: { grad: Matrix }, g: number[]) => (p.grad = Matrix.from([g]));
const values = (p: Parameter) => Array.from(p.value.data);

describe("SGD", () => {
  it("steps against the gradient: w ← w − lr·g", () => {
    const p = param("weights", [1, -2]);
    const sgd = new SGD({ learningRate: 0.5 });
    setGrad(p, [0.2, 0.4]);
    sgd.step([p]);
    expect(values(p)).toEqual([1 - 0.5 * 0.2, -2 - 0.5 * 0.4]); // [0.9, -2.2]
    expect(values(p)[0]).toBeCloseTo(0.9, 15);
    expect(sgd.iterations).toBe(1);
  });

  it("defaults to the book's learning rate 1.0, no decay, no momentum", () => {
    const sgd = new SGD();
    expect([sgd.learningRate, sgd.decay, sgd.momentum]).toEqual([1, 0, 0]);
  });

  it("decays the rate as lr / (1 + decay·t), t counting from 0", () => {
    const sgd = new SGD({ learningRate: 1, decay: 0.5 });
    const p = param("w", [0]);
    const rates: number[] = [];
    for (let t = 0; t < 3; t++) {
      rates.push(sgd.currentLearningRate);
      setGrad(p, [1]);
      sgd.step([p]);
    }
    expect(rates[0]).toBe(1);
    expect(rates[1]).toBeCloseTo(1 / 1.5, 15);
    expect(rates[2]).toBeCloseTo(0.5, 15);
    expect(values(p)[0]).toBeCloseTo(-(1 + 1 / 1.5 + 0.5), 14);
  });

  it("with momentum, each update keeps momentum × the previous one", () => {
    // lr 0.1, momentum 0.9, gradient 1 every step:
    // u1 = −0.1 → w 0.9; u2 = 0.9·(−0.1) − 0.1 = −0.19 → w 0.71; u3 = 0.9·(−0.19) − 0.1 = −0.271 → w 0.439
    const p = param("w", [1]);
    const sgd = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      setGrad(p, [1]);
      sgd.step([p]);
      seen.push(values(p)[0]);
    }
    expect(seen[0]).toBeCloseTo(0.9, 14);
    expect(seen[1]).toBeCloseTo(0.71, 14);
    expect(seen[2]).toBeCloseTo(0.439, 14);
  });

  it("keeps momentum per parameter", () => {
    const a = param("a", [0]);
    const b = param("b", [0]);
    const sgd = new SGD({ learningRate: 1, momentum: 0.5 });
    setGrad(a, [1]);
    setGrad(b, [-2]);
    sgd.step([a, b]); // a: u=−1 → −1;  b: u=2 → 2
    setGrad(a, [0]);
    setGrad(b, [0]);
    sgd.step([a, b]); // a: u=−0.5 → −1.5;  b: u=1 → 3
    expect(values(a)).toEqual([-1.5]);
    expect(values(b)).toEqual([3]);
  });
});

describe("Adagrad", () => {
  it("divides each step by the root of the sum of squared gradients", () => {
    const p = param("w", [1, 1]);
    const opt = new Adagrad({ learningRate: 1 });
    setGrad(p, [3, -1]);
    opt.step([p]); // cache [9, 1]
    expect(values(p)[0]).toBeCloseTo(1 - 3 / (3 + 1e-7), 15);
    expect(values(p)[1]).toBeCloseTo(1 + 1 / (1 + 1e-7), 15);
    setGrad(p, [4, 0]);
    opt.step([p]); // cache [25, 1]: the first weight moves by 4/5, the second not at all
    expect(values(p)[0]).toBeCloseTo(1 - 3 / (3 + 1e-7) - 4 / (5 + 1e-7), 15);
    expect(values(p)[1]).toBeCloseTo(1 + 1 / (1 + 1e-7), 15);
  });

  it("defaults: learning rate 1.0, epsilon 1e-7", () => {
    const opt = new Adagrad();
    expect([opt.learningRate, opt.decay, opt.epsilon]).toEqual([1, 0, 1e-7]);
  });
});

describe("RMSprop", () => {
  it("keeps a moving average of squared gradients: cache ← ρ·cache + (1 − ρ)·g²", () => {
    const p = param("w", [0]);
    const opt = new RMSprop({ learningRate: 0.01, rho: 0.9 });
    setGrad(p, [2]);
    opt.step([p]); // cache = 0.1·4 = 0.4
    const w1 = -0.01 * 2 / (Math.sqrt(0.4) + 1e-7);
    expect(values(p)[0]).toBeCloseTo(w1, 16);
    setGrad(p, [1]);
    opt.step([p]); // cache = 0.9·0.4 + 0.1·1 = 0.46
    expect(values(p)[0]).toBeCloseTo(w1 - 0.01 * 1 / (Math.sqrt(0.46) + 1e-7), 16);
  });

  it("defaults: learning rate 0.001, epsilon 1e-7, rho 0.9", () => {
    const opt = new RMSprop();
    expect([opt.learningRate, opt.decay, opt.epsilon, opt.rho]).toEqual([0.001, 0, 1e-7, 0.9]);
  });
});

describe("Adam", () => {
  it("corrects the zero start: the first step is lr · g/|g| (almost exactly lr)", () => {
    // m = 0.1·0.5 = 0.05, m̂ = 0.05/0.1 = 0.5; v = 0.001·0.25 = 0.00025, v̂ = 0.25 → step 0.1·0.5/(0.5 + 1e-7)
    const p = param("w", [1]);
    const opt = new Adam({ learningRate: 0.1 });
    setGrad(p, [0.5]);
    opt.step([p]);
    expect(values(p)[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-7), 15);
  });

  it("second step: moments and corrections with t + 1 = 2", () => {
    const p = param("w", [1]);
    const opt = new Adam({ learningRate: 0.1 });
    setGrad(p, [0.5]);
    opt.step([p]);
    const w1 = values(p)[0];
    setGrad(p, [-1]);
    opt.step([p]);
    const m = 0.9 * 0.05 + 0.1 * -1; // −0.055
    const v = 0.999 * 0.00025 + 0.001 * 1; // 0.00124975
    const mHat = m / (1 - 0.9 ** 2); // ÷ 0.19
    const vHat = v / (1 - 0.999 ** 2); // ÷ 0.001999
    expect(m).toBeCloseTo(-0.055, 15);
    expect(values(p)[0]).toBeCloseTo(w1 - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-7), 14);
    expect(values(p)[0] - w1).toBeCloseTo(0.1 * 0.2894736842 / 0.790688, 5);
  });

  it("decay and defaults as the book's", () => {
    const opt = new Adam({ learningRate: 0.05, decay: 5e-7 });
    expect([opt.epsilon, opt.beta1, opt.beta2]).toEqual([1e-7, 0.9, 0.999]);
    expect(new Adam().learningRate).toBe(0.001);
    const p = param("w", [0]);
    for (let t = 0; t < 4; t++) {
      setGrad(p, [1]);
      opt.step([p]);
    }
    expect(opt.iterations).toBe(4);
    expect(opt.currentLearningRate).toBeCloseTo(0.05 / (1 + 5e-7 * 4), 17);
  });

  it("keeps moments per parameter", () => {
    const a = param("a", [0]);
    const b = param("b", [0]);
    const both = new Adam({ learningRate: 0.1 });
    const alone = new Adam({ learningRate: 0.1 });
    const c = param("c", [0]);
    for (const g of [1, -3, 2]) {
      setGrad(a, [g]);
      setGrad(b, [100]);
      setGrad(c, [g]);
      both.step([a, b]);
      alone.step([c]);
    }
    expect(values(a)).toEqual(values(c)); // b's gradients did not leak into a's moments
  });
});

describe("bad options and bad parameters", () => {
  const makers: Array<[string, (o: any) => unknown]> = [
    ["SGD", (o) => new SGD(o)],
    ["Adagrad", (o) => new Adagrad(o)],
    ["RMSprop", (o) => new RMSprop(o)],
    ["Adam", (o) => new Adam(o)],
  ];

  it.each(makers)("%s rejects a negative, NaN or non-number learning rate or decay", (name, make) => {
    for (const bad of [-0.1, NaN, Infinity, "0.1"]) {
      expect(() => make({ learningRate: bad }), String(bad)).toThrow(new RegExp(`new ${name}: expected learningRate to be a finite number ≥ 0, got`));
      expect(() => make({ decay: bad })).toThrow(/decay/);
    }
    expect(() => make({ learningRat: 0.1 })).toThrow(/unknown option "learningRat"/);
    expect(() => make(null)).toThrow(/expected an options object/);
  });

  it("rejects momentum, rho and betas outside [0, 1), epsilon ≤ 0", () => {
    for (const bad of [-0.1, 1, 1.5, NaN]) {
      expect(() => new SGD({ momentum: bad })).toThrow(/new SGD: expected momentum to be a number in \[0, 1\)/);
      expect(() => new RMSprop({ rho: bad })).toThrow(/rho/);
      expect(() => new Adam({ beta1: bad })).toThrow(/beta1/);
      expect(() => new Adam({ beta2: bad })).toThrow(/beta2/);
    }
    for (const bad of [0, -1e-7, NaN]) {
      expect(() => new Adagrad({ epsilon: bad })).toThrow(/new Adagrad: expected epsilon to be a finite number > 0/);
      expect(() => new RMSprop({ epsilon: bad })).toThrow(/epsilon/);
      expect(() => new Adam({ epsilon: bad })).toThrow(/epsilon/);
    }
  });

  it("names the optimizer and the parameter when a gradient is missing, misshapen or not finite — and updates nothing", () => {
    const good = param("biases", [1, 2], "Dense(2→2)");
    setGrad(good, [0.1, 0.1]);
    const missing: Parameter = {
      name: "weights",
      owner: "Dense(2→2)",
      value: Matrix.from([[1, 2]]),
      get grad(): Matrix {
        throw new Error("Dense(2→2).dweights: run backward first");
      },
    };
    const adam = new Adam();
    expect(() => adam.step([good, missing])).toThrow(/Adam\.step: Dense\(2→2\)\.weights has no gradient yet/);
    const wrongShape = param("weights", [1, 2], "Dense(2→2)");
    wrongShape.grad = Matrix.from([[1], [2]]);
    expect(() => adam.step([good, wrongShape])).toThrow(/Adam\.step: Dense\(2→2\)\.weights has a 2×1 gradient for a 1×2 value/);
    const nan = param("weights", [1, 2], "Dense(2→2)");
    nan.grad = new Matrix(1, 2, new Float64Array([0, NaN]));
    expect(() => new SGD().step([good, nan])).toThrow(/SGD\.step: Dense\(2→2\)\.weights's gradient holds NaN at \[0, 1\]/);
    expect(values(good)).toEqual([1, 2]); // checked before anything moved
    expect(adam.iterations).toBe(0);
  });

  it("stops with an error when an update overflows instead of leaving ±Infinity quietly", () => {
    const p = param("weights", [-1e308], "Dense(1→1)");
    setGrad(p, [1e308]);
    expect(() => new SGD({ learningRate: 10 }).step([p])).toThrow(/SGD\.step 0: the update made Dense\(1→1\)\.weights -Infinity .*lower the learning rate/);
  });
});
