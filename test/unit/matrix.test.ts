import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/index.js";

/** An independent reference: the textbook triple loop over nested arrays. */
function naiveDot(a: number[][], b: number[][]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.length; i++) {
    out.push([]);
    for (let j = 0; j < b[0].length; j++) {
      let s = 0;
      for (let k = 0; k < b.length; k++) s += a[i][k] * b[k][j];
      out[i].push(s);
    }
  }
  return out;
}

function expectClose(actual: Matrix, expected: number[][], tolerance = 1e-9): void {
  expect(actual.shape).toEqual([expected.length, expected[0]?.length ?? 0]);
  const a = actual.toArray();
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected[i].length; j++) {
      const scale = Math.max(1, Math.abs(expected[i][j]));
      expect(Math.abs(a[i][j] - expected[i][j])).toBeLessThanOrEqual(tolerance * scale);
    }
  }
}

/** A random r×c matrix (as nested arrays) with entries in [-10, 10]. */
const entries = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });
function arrayOf(r: number, c: number): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(entries, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
}
const size = fc.integer({ min: 1, max: 6 });
/** Up to 9: covers blocks of 4 rows / 4 inner steps plus every leftover count in `dot`. */
const dotSize = fc.integer({ min: 1, max: 9 });

describe("Matrix construction", () => {
  it("Matrix.from keeps rows in order, row-major", () => {
    const m = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.shape).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    expect(m.row(1)).toEqual([4, 5, 6]);
    expect(m.column(2)).toEqual([3, 6]);
    expect(m.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("Matrix.from copies its input", () => {
    const rows = [[1, 2]];
    const m = Matrix.from(rows);
    rows[0][0] = 99;
    expect(m.get(0, 0)).toBe(1);
  });

  it("Matrix.from rejects ragged rows, naming both lengths", () => {
    expect(() => Matrix.from([[1, 2, 3], [4, 5]])).toThrow(
      "Matrix.from: all rows must have the same length; row 0 has 3 values but row 1 has 2",
    );
  });

  it("Matrix.from rejects NaN and infinities, naming the position", () => {
    expect(() => Matrix.from([[1, 2], [3, NaN]])).toThrow("Matrix.from: expected finite numbers, got NaN at [1][1]");
    expect(() => Matrix.from([[Infinity]])).toThrow("got Infinity at [0][0]");
    expect(() => Matrix.from([[1, -Infinity]])).toThrow("got -Infinity at [0][1]");
  });

  it("Matrix.from rejects a flat array with a hint", () => {
    expect(() => Matrix.from([1, 2, 3] as unknown as number[][])).toThrow(/Matrix\.fromRowVector/);
  });

  it("zeros, full, row and column vectors", () => {
    expect(Matrix.zeros(2, 3).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(Matrix.full(1, 2, 7).toArray()).toEqual([[7, 7]]);
    expect(Matrix.fromRowVector([1, 2, 3]).shape).toEqual([1, 3]);
    expect(Matrix.fromColumnVector([1, 2, 3]).toArray()).toEqual([[1], [2], [3]]);
    expect(() => Matrix.fromRowVector([1, NaN])).toThrow("Matrix.fromRowVector: expected finite numbers, got NaN at index 1");
    expect(() => Matrix.zeros(-1, 2)).toThrow("Matrix.zeros: expected rows to be a whole number ≥ 0, got -1");
    expect(() => Matrix.zeros(2, 1.5)).toThrow("Matrix.zeros: expected cols to be a whole number ≥ 0, got 1.5");
  });

  it("the constructor checks the length of its data", () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow("new Matrix: a 2×2 matrix needs 4 numbers, got 3");
  });

  it("get and set check their indices and set rejects non-finite values", () => {
    const m = Matrix.zeros(2, 3);
    m.set(1, 2, 5);
    expect(m.get(1, 2)).toBe(5);
    expect(m.data[5]).toBe(5);
    expect(() => m.get(2, 0)).toThrow("Matrix.get: index [2][0] is outside a 2×3 matrix (rows 0…1, columns 0…2)");
    expect(() => m.set(0, 3, 1)).toThrow("Matrix.set: index [0][3] is outside a 2×3 matrix");
    expect(() => m.set(0, 0, NaN)).toThrow("Matrix.set: expected a finite number, got NaN for [0][0]");
    expect(() => m.row(2)).toThrow("Matrix.row: row 2 is outside a 2×3 matrix");
  });

  it("console.log and notebooks (util.inspect) show the same readable rows", () => {
    const m = Matrix.from([[1, 2], [3, 4]]);
    expect(inspect(m)).toBe("Matrix 2×2\n[[1, 2],\n [3, 4]]");
  });

  it("clone is independent", () => {
    const m = Matrix.from([[1, 2]]);
    const c = m.clone();
    c.set(0, 0, 9);
    expect(m.get(0, 0)).toBe(1);
  });

  it("toString prints tiny values of a matrix all in exponent form", () => {
    expect(Matrix.from([[0, 0.00000134466], [-8.33081e-8, 0.5]]).toString()).toBe(
      "Matrix 2×2\n[[         0, 1.3447e-6],\n [-8.3308e-8, 5.0000e-1]]",
    );
  });

  it("toString prints readable, aligned rows", () => {
    const m = Matrix.from([
      [1, 2.5],
      [-3, 4],
    ]);
    expect(m.toString()).toBe("Matrix 2×2\n[[ 1, 2.5],\n [-3,   4]]");
    expect(String(Matrix.zeros(0, 3))).toBe("Matrix 0×3\n[]");
    expect(Matrix.from([[1 / 3]]).toString()).toBe("Matrix 1×1\n[[0.333333]]");
    // Large matrices are abbreviated with … in the middle.
    const big = Matrix.zeros(100, 100).toString().split("\n");
    expect(big[0]).toBe("Matrix 100×100");
    expect(big).toHaveLength(11);
    expect(big.some((line) => line.includes("…"))).toBe(true);
  });
});

describe("Matrix.dot", () => {
  it("multiplies a 2×3 by a 3×2 (worked out by hand)", () => {
    const a = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = Matrix.from([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    // [1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12] = [58, 64]
    // [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12] = [139, 154]
    expect(a.dot(b).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it("a row vector times a column vector is a 1×1 dot product", () => {
    // 1·2 + 2·3 + 3·4 = 20
    expect(Matrix.fromRowVector([1, 2, 3]).dot(Matrix.fromColumnVector([2, 3, 4])).toArray()).toEqual([[20]]);
  });

  it("the nnfs chapter 3 batch: inputs · weightsᵀ + biases", () => {
    const inputs = Matrix.from([
      [1, 2, 3, 2.5],
      [2, 5, -1, 2],
      [-1.5, 2.7, 3.3, -0.8],
    ]);
    const weights = Matrix.from([
      [0.2, 0.8, -0.5, 1],
      [0.5, -0.91, 0.26, -0.5],
      [-0.26, -0.27, 0.17, 0.87],
    ]);
    const out = inputs.dot(weights.transpose()).addRowVector([2, 3, 0.5]);
    expectClose(out, [
      [4.8, 1.21, 2.385],
      [8.9, -1.81, 0.2],
      [1.41, 1.051, 0.026],
    ]);
  });

  it("names the operation and both shapes when inner sizes differ", () => {
    expect(() => Matrix.zeros(2, 3).dot(Matrix.zeros(4, 2))).toThrow(
      "Matrix.dot: cannot multiply 2×3 by 4×2 (inner sizes 3 and 4 differ)",
    );
  });

  it("rejects nested arrays with a hint", () => {
    expect(() => Matrix.zeros(1, 1).dot([[1]] as unknown as Matrix)).toThrow(/wrap nested arrays with Matrix\.from/);
  });

  it("dotInto writes into a preallocated result and checks its shape", () => {
    const a = Matrix.from([[1, 2]]);
    const b = Matrix.from([[3], [4]]);
    const out = Matrix.full(1, 1, 100); // old contents must be overwritten, not added to
    expect(Matrix.dotInto(a, b, out)).toBe(out);
    expect(out.toArray()).toEqual([[11]]);
    expect(() => Matrix.dotInto(a, b, Matrix.zeros(2, 1))).toThrow(
      "Matrix.dotInto: the product of 1×2 and 2×1 is 1×1, but out is 2×1",
    );
    expect(() => Matrix.dotInto(a, Matrix.zeros(3, 1), out)).toThrow(
      "Matrix.dotInto: cannot multiply 1×2 by 3×1 (inner sizes 2 and 3 differ)",
    );
    const square = Matrix.from([[1, 2], [3, 4]]);
    expect(() => Matrix.dotInto(square, square, square)).toThrow(/must not share its storage/);
  });

  it("agrees with an independent naive triple loop", () => {
    fc.assert(
      fc.property(
        dotSize.chain((n) => dotSize.chain((k) => dotSize.chain((m) => fc.tuple(arrayOf(n, k), arrayOf(k, m))))),
        ([a, b]) => {
          expectClose(Matrix.from(a).dot(Matrix.from(b)), naiveDot(a, b));
        },
      ),
    );
  });

  it("is exact on small integers for every blocking remainder", () => {
    fc.assert(
      fc.property(
        dotSize.chain((n) =>
          dotSize.chain((k) =>
            dotSize.chain((m) => {
              const int = fc.integer({ min: -9, max: 9 });
              const mat = (r: number, c: number) =>
                fc.array(fc.array(int, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
              return fc.tuple(mat(n, k), mat(k, m));
            }),
          ),
        ),
        ([a, b]) => {
          expect(Matrix.from(a).dot(Matrix.from(b)).toArray()).toEqual(naiveDot(a, b));
        },
      ),
    );
  });

  it("gives a sample bit-for-bit the same result alone as in any batch", () => {
    fc.assert(
      fc.property(
        dotSize.chain((n) => dotSize.chain((k) => dotSize.chain((m) => fc.tuple(arrayOf(n, k), arrayOf(k, m))))),
        ([a, b]) => {
          const B = Matrix.from(b);
          const batch = Matrix.from(a).dot(B);
          a.forEach((row, i) => expect(Matrix.fromRowVector(row).dot(B).row(0)).toEqual(batch.row(i)));
        },
      ),
    );
  });

  it("(AB)ᵀ = BᵀAᵀ, and the product of n×k and k×m is n×m", () => {
    fc.assert(
      fc.property(
        size.chain((n) => size.chain((k) => size.chain((m) => fc.tuple(arrayOf(n, k), arrayOf(k, m))))),
        ([a, b]) => {
          const A = Matrix.from(a);
          const B = Matrix.from(b);
          const AB = A.dot(B);
          expect(AB.shape).toEqual([a.length, b[0].length]);
          const left = AB.transpose();
          const right = B.transpose().dot(A.transpose());
          expect(left.shape).toEqual([b[0].length, a.length]);
          expectClose(left, right.toArray());
        },
      ),
    );
  });

  it("A(B + C) = AB + AC within tolerance", () => {
    fc.assert(
      fc.property(
        size.chain((n) =>
          size.chain((k) => size.chain((m) => fc.tuple(arrayOf(n, k), arrayOf(k, m), arrayOf(k, m)))),
        ),
        ([a, b, c]) => {
          const A = Matrix.from(a);
          const B = Matrix.from(b);
          const C = Matrix.from(c);
          expectClose(A.dot(B.add(C)), A.dot(B).add(A.dot(C)).toArray(), 1e-9);
        },
      ),
    );
  });

  it("throws, naming both shapes, for every mismatched pair", () => {
    fc.assert(
      fc.property(size, size, size, size, (r1, c1, r2, c2) => {
        fc.pre(c1 !== r2);
        expect(() => Matrix.zeros(r1, c1).dot(Matrix.zeros(r2, c2))).toThrow(
          `Matrix.dot: cannot multiply ${r1}×${c1} by ${r2}×${c2} (inner sizes ${c1} and ${r2} differ)`,
        );
      }),
    );
  });
});

describe("Matrix shape operations", () => {
  it("transpose swaps rows and columns", () => {
    const m = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.transpose().toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    fc.assert(
      fc.property(size.chain((r) => size.chain((c) => arrayOf(r, c))), (a) => {
        const t = Matrix.from(a).transpose();
        expect(t.shape).toEqual([a[0].length, a.length]);
        expect(t.transpose().toArray()).toEqual(a);
      }),
    );
  });

  it("addRowVector adds the same row to every row", () => {
    const m = Matrix.from([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const expected = [
      [11, 22, 33],
      [14, 25, 36],
    ];
    expect(m.addRowVector([10, 20, 30]).toArray()).toEqual(expected);
    expect(m.addRowVector(Matrix.fromRowVector([10, 20, 30])).toArray()).toEqual(expected);
    expect(m.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]); // unchanged
  });

  it("addRowVector names both shapes on a mismatch", () => {
    const m = Matrix.zeros(2, 3);
    expect(() => m.addRowVector(Matrix.zeros(1, 4))).toThrow(
      "Matrix.addRowVector: cannot broadcast a 1×4 matrix over the rows of a 2×3 matrix (expected a 1×3 row vector)",
    );
    expect(() => m.addRowVector(Matrix.zeros(2, 3))).toThrow("cannot broadcast a 2×3 matrix over the rows of a 2×3 matrix");
    expect(() => m.addRowVector([1, 2])).toThrow(
      "Matrix.addRowVector: cannot broadcast a row of 2 values over the rows of a 2×3 matrix (expected 3 values)",
    );
    fc.assert(
      fc.property(size, size, size, (r, c, c2) => {
        fc.pre(c !== c2);
        expect(() => Matrix.zeros(r, c).addRowVector(Matrix.zeros(1, c2))).toThrow(`1×${c2} matrix over the rows of a ${r}×${c}`);
      }),
    );
  });
});

describe("Matrix element-wise operations", () => {
  const a = Matrix.from([
    [1, 2],
    [3, 4],
  ]);
  const b = Matrix.from([
    [10, 20],
    [30, 40],
  ]);

  it("add, sub, mul, div with a matrix of the same shape", () => {
    expect(a.add(b).toArray()).toEqual([
      [11, 22],
      [33, 44],
    ]);
    expect(b.sub(a).toArray()).toEqual([
      [9, 18],
      [27, 36],
    ]);
    expect(a.mul(b).toArray()).toEqual([
      [10, 40],
      [90, 160],
    ]);
    expect(b.div(a).toArray()).toEqual([
      [10, 10],
      [10, 10],
    ]);
  });

  it("add, sub, mul, div and scale with a number", () => {
    expect(a.add(1).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(a.sub(1).toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(a.mul(3).toArray()).toEqual([
      [3, 6],
      [9, 12],
    ]);
    expect(a.div(2).toArray()).toEqual([
      [0.5, 1],
      [1.5, 2],
    ]);
    expect(a.scale(-2).toArray()).toEqual([
      [-2, -4],
      [-6, -8],
    ]);
  });

  it("map passes the value, row and column", () => {
    expect(a.map((v, i, j) => v * 100 + i * 10 + j).toArray()).toEqual([
      [100, 201],
      [310, 411],
    ]);
  });

  it("operands are left unchanged", () => {
    a.add(b);
    a.mul(2);
    a.map((v) => v + 1);
    expect(a.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("every element-wise operation names itself and both shapes on a mismatch", () => {
    for (const op of ["add", "sub", "mul", "div"] as const) {
      expect(() => Matrix.zeros(2, 3)[op](Matrix.zeros(3, 2))).toThrow(`Matrix.${op}: shapes 2×3 and 3×2 differ`);
    }
    fc.assert(
      fc.property(size, size, size, size, fc.constantFrom("add", "sub", "mul", "div" as const), (r1, c1, r2, c2, op) => {
        fc.pre(r1 !== r2 || c1 !== c2);
        expect(() => Matrix.zeros(r1, c1)[op](Matrix.zeros(r2, c2))).toThrow(
          `Matrix.${op}: shapes ${r1}×${c1} and ${r2}×${c2} differ`,
        );
      }),
    );
  });

  it("results keep the operand's shape", () => {
    fc.assert(
      fc.property(size.chain((r) => size.chain((c) => fc.tuple(arrayOf(r, c), arrayOf(r, c)))), ([x, y]) => {
        const X = Matrix.from(x);
        const Y = Matrix.from(y);
        for (const result of [X.add(Y), X.sub(Y), X.mul(Y), X.add(2), X.scale(3), X.map(Math.abs)]) {
          expect(result.shape).toEqual([x.length, x[0].length]);
        }
      }),
    );
  });
});

describe("Matrix reductions", () => {
  const m = Matrix.from([
    [1, 5, 3],
    [-4, -2, -8],
  ]);

  it("rowSums is n×1: 1 + 5 + 3 = 9, −4 − 2 − 8 = −14", () => {
    expect(m.rowSums().toArray()).toEqual([[9], [-14]]);
  });

  it("rowMax is n×1", () => {
    expect(m.rowMax().toArray()).toEqual([[5], [-2]]);
  });

  it("rowArgmax gives the column of each row's largest entry, the first on a tie", () => {
    expect(m.rowArgmax()).toEqual([1, 1]);
    expect(Matrix.from([[0.2, 0.7, 0.7]]).rowArgmax()).toEqual([1]);
  });

  it("columnSums is 1×n: 1 − 4 = −3, 5 − 2 = 3, 3 − 8 = −5", () => {
    expect(m.columnSums().toArray()).toEqual([[-3, 3, -5]]);
  });

  it("sum and mean over all entries: (9 − 14) / 6", () => {
    expect(m.sum()).toBe(-5);
    expect(m.mean()).toBeCloseTo(-5 / 6, 15);
    expect(() => Matrix.zeros(0, 0).mean()).toThrow("Matrix.mean: a 0×0 matrix has no entries to average");
  });

  it("rowMax and rowArgmax refuse rows with no entries", () => {
    expect(() => Matrix.zeros(2, 0).rowMax()).toThrow("Matrix.rowMax: a 2×0 matrix has empty rows");
    expect(() => Matrix.zeros(2, 0).rowArgmax()).toThrow("Matrix.rowArgmax: a 2×0 matrix has empty rows");
  });

  it("reduction shapes for any matrix", () => {
    fc.assert(
      fc.property(size.chain((r) => size.chain((c) => arrayOf(r, c))), (a) => {
        const X = Matrix.from(a);
        expect(X.rowSums().shape).toEqual([a.length, 1]);
        expect(X.rowMax().shape).toEqual([a.length, 1]);
        expect(X.rowArgmax()).toHaveLength(a.length);
        expect(X.columnSums().shape).toEqual([1, a[0].length]);
        // rowMax really is the largest entry of each row
        X.rowMax().data.forEach((mx, i) => expect(mx).toBe(Math.max(...a[i])));
      }),
    );
  });

  it("equals compares shape and entries within a tolerance", () => {
    expect(m.equals(m.clone())).toBe(true);
    expect(m.equals(m.add(1e-12))).toBe(false);
    expect(m.equals(m.add(1e-12), 1e-9)).toBe(true);
    expect(m.equals(m.transpose())).toBe(false);
  });
});

describe("Matrix.sliceRows", () => {
  const m = Matrix.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  it("takes rows start…end−1 as a copy", () => {
    expect(m.sliceRows(0, 2).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(m.sliceRows(1).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(m.sliceRows(2, 99).toArray()).toEqual([[5, 6]]);
    expect(m.sliceRows(3).shape).toEqual([0, 2]);
    const copy = m.sliceRows(0, 1);
    copy.set(0, 0, 100);
    expect(m.get(0, 0)).toBe(1);
  });
  it("rejects bad bounds with both numbers", () => {
    expect(() => m.sliceRows(2, 1)).toThrow("Matrix.sliceRows: expected start ≤ end, got start 2 and end 1 for a 3×2 matrix");
    expect(() => m.sliceRows(-1)).toThrow("Matrix.sliceRows: expected start to be a whole number ≥ 0, got -1");
  });
});
