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

/**
 * The checks every `backward(dvalues)` starts with: `forward` has run (so there is an output to
 * go back through) and `dvalues` — the gradient of the loss with respect to that output — is a
 * {@link Matrix} of the output's shape. Returns the output.
 *
 * @throws Error `ReLU.backward: call forward first` before any forward pass
 * @throws TypeError if `dvalues` is not a Matrix; RangeError if its shape differs from the output's
 */
export function requireBackward(where: string, output: Matrix | undefined, dvalues: unknown): Matrix {
  if (output === undefined) {
    throw new Error(`${where}: call forward first (backward goes back through the last forward pass)`);
  }
  if (!(dvalues instanceof Matrix)) {
    const got = Array.isArray(dvalues)
      ? `an array of length ${dvalues.length} — wrap nested arrays with Matrix.from(...)`
      : dvalues === null || typeof dvalues !== "object"
        ? String(dvalues)
        : `an object (${Object.prototype.toString.call(dvalues).slice(8, -1)})`;
    throw new TypeError(`${where}: expected dvalues to be a Matrix, got ${got}`);
  }
  if (dvalues.rows !== output.rows || dvalues.cols !== output.cols) {
    throw new RangeError(
      `${where}: expected dvalues of shape ${output.rows}×${output.cols} (the shape of the last output), ` +
        `got ${dvalues.rows}×${dvalues.cols}`,
    );
  }
  return output;
}
