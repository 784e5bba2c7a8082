import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Linear, Matrix, ReLU, Sigmoid, Softmax, Step, sigmoid } from "../../src/index.js";

function expectRowsClose(actual: Matrix, expected: number[][], digits = 12): void {
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  actual.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], digits)));
}

const wide = fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });
const batch = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) => fc.array(fc.array(wide, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe("Step", () => {
  it("is 1 where the input is > 0, else 0", () => {
    const step = new Step();
    const inputs = Matrix.from([[-1, 0, 2], [0.001, -0.001, 5]]);
    expect(step.forward(inputs).toArray()).toEqual([[0, 0, 1], [1, 0, 1]]);
    expect(step.output?.toArray()).toEqual([[0, 0, 1], [1, 0, 1]]);
    expect(step.inputs).toBe(inputs);
  });
});

describe("Linear", () => {
  it("passes its inputs through, as a copy", () => {
    const linear = new Linear();
    const inputs = Matrix.from([[-1, 2.5]]);
    const out = linear.forward(inputs);
    expect(out.toArray()).toEqual([[-1, 2.5]]);
    expect(out).not.toBe(inputs);
    expect(linear.output).toBe(out);
  });
});

describe("Sigmoid", () => {
  it("σ(0) = 1/2, σ(ln 3) = 1/(1 + 1/3) = 3/4, σ(−ln 3) = 1/4", () => {
    const out = new Sigmoid().forward(Matrix.from([[0, Math.log(3), -Math.log(3)]]));
    expectRowsClose(out, [[0.5, 0.75, 0.25]], 14);
  });

  it("is stable for large |x|: 0 and 1, never NaN", () => {
    expect(new Sigmoid().forward(Matrix.from([[1000, -1000, 1e300, -1e300]])).toArray()).toEqual([[1, 0, 1, 0]]);
    // Far out the tiny side stays positive where it can be represented: σ(−700) ≈ e^(−700).
    expect(sigmoid(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
  });

  it("σ(x) + σ(−x) = 1 and stays within [0, 1]", () => {
    fc.assert(
      fc.property(wide, (x) => {
        const a = sigmoid(x);
        const b = sigmoid(-x);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(Math.abs(a + b - 1)).toBeLessThan(1e-15);
      }),
    );
  });
});

describe("ReLU", () => {
  it("max(0, x), entry by entry", () => {
    const relu = new ReLU();
    expect(relu.forward(Matrix.from([[-2, 0, 3.5], [1e-9, -1e-9, 7]])).toArray()).toEqual([[0, 0, 3.5], [1e-9, 0, 7]]);
  });

  it("stops NaN at its inputs rather than hiding it (max(0, NaN) written as x > 0 ? x : 0 would give 0)", () => {
    const m = Matrix.zeros(1, 2);
    m.data[1] = NaN;
    expect(() => new ReLU().forward(m)).toThrow("ReLU.forward: expected finite inputs, got NaN at [0][1]");
  });
});

describe("Softmax", () => {
  it("e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3 → [1/6, 1/3, 1/2]", () => {
    const out = new Softmax().forward(Matrix.from([[0, Math.log(2), Math.log(3)]]));
    expectRowsClose(out, [[1 / 6, 1 / 3, 1 / 2]], 14);
  });

  it("works row by row", () => {
    const out = new Softmax().forward(Matrix.from([[0, 0], [Math.log(3), 0]]));
    expectRowsClose(out, [[0.5, 0.5], [0.75, 0.25]], 14);
  });

  it("[1000, 1000] → [0.5, 0.5], never NaN", () => {
    expect(new Softmax().forward(Matrix.from([[1000, 1000]])).toArray()).toEqual([[0.5, 0.5]]);
    expect(new Softmax().forward(Matrix.from([[-1000, -1000]])).toArray()).toEqual([[0.5, 0.5]]);
    expect(new Softmax().forward(Matrix.from([[-1e4, 1e4]])).toArray()).toEqual([[0, 1]]);
  });

  it("keeps inputs and output", () => {
    const softmax = new Softmax();
    const inputs = Matrix.from([[1, 2]]);
    const out = softmax.forward(inputs);
    expect(softmax.inputs).toBe(inputs);
    expect(softmax.output).toBe(out);
  });

  it("rows sum to 1 and every entry is finite and in [0, 1] for inputs up to ±1e4", () => {
    fc.assert(
      fc.property(batch, (rows) => {
        const out = new Softmax().forward(Matrix.from(rows));
        expect(out.shape).toEqual([rows.length, rows[0].length]);
        for (const row of out.toArray()) {
          for (const p of row) {
            expect(Number.isFinite(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(row.reduce((s, p) => s + p, 0) - 1)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it("adding a constant to a row changes nothing", () => {
    fc.assert(
      fc.property(batch, fc.double({ min: -100, max: 100, noNaN: true }), (rows, shift) => {
        const a = new Softmax().forward(Matrix.from(rows));
        const b = new Softmax().forward(Matrix.from(rows).add(shift));
        a.data.forEach((p, k) => expect(Math.abs(p - b.data[k])).toBeLessThan(1e-9));
      }),
    );
  });
});

describe("every activation", () => {
  const activations = [new Step(), new Linear(), new Sigmoid(), new ReLU(), new Softmax()];

  it("keeps the shape of its inputs", () => {
    fc.assert(
      fc.property(batch, (rows) => {
        for (const a of activations) expect(a.forward(Matrix.from(rows)).shape).toEqual([rows.length, rows[0].length]);
      }),
    );
  });

  it("names itself when given something other than a Matrix", () => {
    for (const [a, name] of [
      [new Step(), "Step"],
      [new Linear(), "Linear"],
      [new Sigmoid(), "Sigmoid"],
      [new ReLU(), "ReLU"],
      [new Softmax(), "Softmax"],
    ] as const) {
      expect(() => a.forward([[1, 2]] as unknown as Matrix)).toThrow(
        `${name}.forward: expected inputs to be a Matrix, got an array of length 1 — wrap nested arrays with Matrix.from(...)`,
      );
    }
  });
});
