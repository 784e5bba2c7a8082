/**
 * Internal helpers shared by the activation functions (not part of the public API).
 */
import { Matrix } from "../matrix.js";

/** Throws a TypeError naming the activation when `inputs` is not a {@link Matrix}. */
export function requireMatrixInput(where: string, inputs: unknown): asserts inputs is Matrix {
  if (!(inputs instanceof Matrix)) {
    const got = Array.isArray(inputs)
      ? `an array of length ${inputs.length} — wrap nested arrays with Matrix.from(...)`
      : inputs === null || typeof inputs !== "object"
        ? String(inputs)
        : `an object (${Object.prototype.toString.call(inputs).slice(8, -1)})`;
    throw new TypeError(`${where}: expected inputs to be a Matrix, got ${got}`);
  }
}

/** A new matrix of the same shape as `inputs`, with `f` applied to every entry. */
export function elementWise(inputs: Matrix, f: (x: number) => number): Matrix {
  const src = inputs.data;
  const out = new Float64Array(src.length);
  for (let p = 0; p < src.length; p++) out[p] = f(src[p]);
  return new Matrix(inputs.rows, inputs.cols, out);
}
