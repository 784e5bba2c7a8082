/**
 * One training step — forward, loss, backward, update — written once, allocation-free: what a
 * training loop repeats thousands of times. (Chapter 10 writes the same loop out by hand first.)
 */
import { firstNonFinite, requireFiniteMatrix, requireMatrix, describe, entryText } from "./internal/validate.js";
import type { BackwardOptions, Layer } from "./layer.js";
import type { ClassTargets } from "./losses/targets.js";
import { SoftmaxCategoricalCrossentropy } from "./losses/softmax-categorical-crossentropy.js";
import { Matrix } from "./matrix.js";
import { Optimizer } from "./optimizers/optimizer.js";
import type { Parameter } from "./parameter.js";

/** What {@link trainStep} trains: layers ending in class scores, softmax + cross-entropy, an optimizer. */
export interface ClassifierTraining {
  /** The layers in order; the last one outputs one score per class (no Softmax: the loss applies it). */
  readonly layers: readonly Layer[];
  /** Softmax and categorical cross-entropy in one, with the short `(ŷ − y)/n` gradient. */
  readonly loss: SoftmaxCategoricalCrossentropy;
  readonly optimizer: Optimizer;
}

/** Each network's parameters, listed once rather than on every step. */
const paramLists = new WeakMap<readonly Layer[], Parameter[]>();

/**
 * One step of gradient descent on a batch: every layer's `forward`, the loss, every `backward`
 * in reverse order, then `optimizer.step` on every parameter. Returns the batch's mean loss
 * (`loss.output` holds the probabilities). The first layer's input gradient — the data's, which
 * nothing uses — is not computed when the layer can skip it (`Dense.backwardParameters`).
 *
 * It reuses each layer's buffers (`reuseBuffers`), so once the batch size is known a step makes no
 * new arrays; the matrices it leaves in `output`, `dinputs`, `dweights`… are overwritten by the
 * next step. The batch is checked once here; a NaN or ±Infinity born along the way is an error
 * that names the layer (or, from the optimizer, the parameter) where it appeared.
 *
 * @example
 * ```ts
 * const network = { layers: [dense1, relu, dense2], loss: new SoftmaxCategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) };
 * for (let epoch = 0; epoch <= 10000; epoch++) {
 *   const loss = trainStep(network, X, y);
 *   if (epoch % 1000 === 0) console.log(epoch, loss.toFixed(3), accuracy(network.loss.output, y));
 * }
 * ```
 * @throws RangeError on a batch with NaN or ±Infinity, targets that do not fit, or a non-finite
 *   loss or gradient (naming where it appeared); TypeError on a malformed network
 */
export function trainStep(network: ClassifierTraining, inputs: Matrix, targets: ClassTargets): number {
  const where = "trainStep";
  if (network === null || typeof network !== "object") throw new TypeError(`${where}: expected { layers, loss, optimizer }, got ${describe(network)}`);
  const { layers, loss, optimizer } = network;
  if (!Array.isArray(layers) || layers.length === 0) throw new TypeError(`${where}: expected layers to be a non-empty array of layers, got ${describe(layers)}`);
  if (!(loss instanceof SoftmaxCategoricalCrossentropy)) {
    throw new TypeError(`${where}: expected loss to be a SoftmaxCategoricalCrossentropy (the last layer gives scores), got ${describe(loss)}`);
  }
  if (!(optimizer instanceof Optimizer)) throw new TypeError(`${where}: expected optimizer to be an optimizer such as new Adam(), got ${describe(optimizer)}`);
  requireMatrix(where, "inputs", inputs);
  requireFiniteMatrix(where, "inputs", inputs); // once: what the layers make from finite inputs is checked below

  const reuse = { reuseBuffers: true, training: true };
  let x = inputs;
  for (const layer of layers) x = layer.forward(x, reuse);
  const value = loss.forward(x, targets, reuse);
  if (!Number.isFinite(value)) throw new RangeError(`${where}: the loss is ${value} at step ${optimizer.iterations}: ${bornAt(layers, "output")}`);

  let d = loss.backward(loss.output, targets, reuse);
  for (let i = layers.length - 1; i >= 1; i--) d = layers[i].backward(d, reuse);
  backwardFirst(layers[0], d, reuse);

  let params = paramLists.get(layers);
  if (params === undefined) {
    params = layers.flatMap((layer) => layer.params());
    paramLists.set(layers, params);
  }
  optimizer.step(params); // checks every gradient, naming the parameter, before anything moves
  return value;
}

/**
 * The first layer's backward pass: its input gradient would be the data's, which nothing uses,
 * so a layer that can skip it (`Dense`) does.
 */
export function backwardFirst(layer: Layer, d: Matrix, options: BackwardOptions): void {
  if (layer.backwardParameters) layer.backwardParameters(d, options);
  else layer.backward(d, options);
}

/** Which layer's `what` first holds a non-finite number (for the error message). */
function bornAt(layers: readonly Layer[], what: "output"): string {
  for (const layer of layers) {
    let m: unknown;
    try {
      m = (layer as unknown as Record<string, unknown>)[what];
    } catch {
      continue; // a layer without that result
    }
    if (!(m instanceof Matrix)) continue;
    const p = firstNonFinite(m.data);
    if (p >= 0) return `${layer.name}.forward made ${m.data[p]} at ${entryText(p, m.cols)} — the numbers overflowed; scale the data or lower the learning rate`;
  }
  return "the probabilities reached 0 or 1 exactly";
}
