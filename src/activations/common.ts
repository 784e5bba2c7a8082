/**
 * Internal helpers shared by the activation functions (not part of the public API).
 */
import { requireFiniteMatrix, requireMatrix, shapeText } from "../internal/validate.js";
import { Matrix } from "../matrix.js";

/**
 * The check every `forward(inputs)` starts with: `inputs` is a {@link Matrix} of finite numbers.
 * (For finite inputs every activation here gives finite outputs — softmax subtracts each row's
 * maximum first — so NaN or ±Infinity can only come in through `inputs`, and is stopped here.)
 *
 * @throws TypeError if `inputs` is not a Matrix; RangeError naming the first NaN or ±Infinity
 */
export function requireMatrixInput(where: string, inputs: unknown, checkFinite = true): asserts inputs is Matrix {
  requireMatrix(where, "inputs", inputs);
  if (checkFinite) requireFiniteMatrix(where, "inputs", inputs);
}

/** Writes `f` of every entry of `inputs` into `out` (same shape) and returns `out`. */
export function elementWiseInto(inputs: Matrix, out: Matrix, f: (x: number) => number): Matrix {
  const src = inputs.data;
  const dst = out.data;
  for (let p = 0; p < src.length; p++) dst[p] = f(src[p]);
  return out;
}

/**
 * The checks every `backward(dvalues)` starts with: `forward` has run (so there is an output to
 * go back through) and `dvalues` — the gradient of the loss with respect to that output — is a
 * {@link Matrix} of the output's shape holding finite numbers. Returns the output.
 *
 * @throws Error `ReLU.backward: call forward first` before any forward pass
 * @throws TypeError if `dvalues` is not a Matrix; RangeError if its shape differs from the
 *   output's, or it holds NaN or ±Infinity
 */
export function requireBackward(where: string, output: Matrix | undefined, dvalues: unknown, checkFinite = true): Matrix {
  if (output === undefined) {
    throw new Error(`${where}: call forward first (backward goes back through the last forward pass)`);
  }
  requireMatrix(where, "dvalues", dvalues);
  if (dvalues.rows !== output.rows || dvalues.cols !== output.cols) {
    throw new RangeError(
      `${where}: expected dvalues of shape ${shapeText(output.rows, output.cols)} (the shape of the last output), ` +
        `got ${shapeText(dvalues.rows, dvalues.cols)}`,
    );
  }
  if (checkFinite) requireFiniteMatrix(where, "dvalues", dvalues);
  return output;
}
