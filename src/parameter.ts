/**
 * A trainable matrix and its gradient: the one thing every optimizer, the gradient checker and
 * (later) saving need to know about a layer. A layer lists its parameters through `params()`.
 */
import type { Matrix } from "./matrix.js";

/**
 * One trainable matrix (`value`, what `forward` uses) and the gradient of the loss with respect to
 * it (`grad`, same shape, written by `backward`).
 *
 * @example
 * ```ts
 * const [weights, biases] = new Dense(2, 3, { rng: new Random(0) }).params();
 * weights.name;        // "weights"
 * weights.value.shape; // [2, 3]
 * ```
 */
export interface Parameter {
  /** What the parameter is within its layer: `"weights"`, `"biases"`. */
  readonly name: string;
  /** The layer it belongs to, for messages: `"Dense(2→3)"`. */
  readonly owner?: string;
  /** The numbers `forward` uses. Optimizers update them in place. */
  value: Matrix;
  /** The gradient from the last `backward`, same shape as `value`; reading it before throws. */
  readonly grad: Matrix;
}

/** `Dense(2→3).weights`, or just `weights` for a parameter without an owner — for messages. */
export function parameterLabel(param: Pick<Parameter, "name" | "owner">): string {
  return param.owner ? `${param.owner}.${param.name}` : param.name;
}
