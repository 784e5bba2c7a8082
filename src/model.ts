/**
 * The model: layers, a loss, an optimizer and an accuracy in one object that trains in
 * mini-batches (`fit`), measures (`evaluate`), predicts, lists its parameters and describes itself.
 * It is the training loop of chapters 10–14, written once.
 */
import { Softmax } from "./activations/softmax.js";
import { Dense } from "./dense.js";
import { describe, firstNonFinite, requireFiniteMatrix, requireMatrix, requireOptions } from "./internal/validate.js";
import type { Layer } from "./layer.js";
import { backwardFirst } from "./train.js";
import { CategoricalCrossentropy } from "./losses/categorical-crossentropy.js";
import { SoftmaxCategoricalCrossentropy } from "./losses/softmax-categorical-crossentropy.js";
import { classIndices } from "./losses/targets.js";
import { Matrix } from "./matrix.js";
import { Optimizer } from "./optimizers/optimizer.js";
import type { Parameter } from "./parameter.js";
import { Random } from "./random.js";
import { regularizationLoss } from "./regularization.js";
import { ModelFormatError, modelPartsFromJSON, modelToJSON, parseModelText, type ModelJSON } from "./serialize.js";

/** A loss the model can train with: one loss per sample, their mean, and the mean's gradient. */
export interface ModelLoss {
  forward(predictions: Matrix, targets: never): number[];
  calculate(predictions: Matrix, targets: never): number;
  backward(predictions: Matrix, targets: never): Matrix;
}

/** How the model scores its predictions. */
export type AccuracyKind = "categorical" | "binary" | { regression: number };

/** Targets of a batch: class indices, or a Matrix (one-hot rows, 0/1 outputs or numbers). */
export type ModelTargets = readonly number[] | Matrix;

/** What {@link Model} is made of. */
export interface ModelOptions {
  /** The layers in order, e.g. `[new Dense(2, 64, { rng }), new ReLU(), new Dense(64, 3, { rng }), new Softmax()]`. */
  layers: readonly Layer[];
  /** `CategoricalCrossentropy`, `BinaryCrossentropy`, `MeanSquaredError`, `MeanAbsoluteError` or `SoftmaxCategoricalCrossentropy`. */
  loss: ModelLoss | SoftmaxCategoricalCrossentropy;
  optimizer: Optimizer;
  /** Default `"categorical"`. */
  accuracy?: AccuracyKind;
}

/** What happened in one epoch of {@link Model.fit}. */
export interface EpochLogs {
  /** The mean data loss over the epoch's samples (measured on each batch as it was trained). */
  loss: number;
  /** The regularization penalty at the end of the epoch (0 without regularizers). */
  regularizationLoss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  /** The learning rate the optimizer will use next. */
  learningRate: number;
}

/** Options of {@link Model.fit}. */
export interface FitOptions {
  /** How many passes over the data (default 1). */
  epochs?: number;
  /** Samples per step; omitted: the whole set is one batch. The last batch of an epoch may be shorter. */
  batchSize?: number;
  /** Shuffle the samples every epoch (needs `rng`); default false, which keeps the order. */
  shuffle?: boolean;
  /** Where the shuffling comes from. */
  rng?: Random;
  /** Data measured (not trained on) after every epoch: `[X, y]`. */
  validationData?: readonly [Matrix, ModelTargets];
  /** Called after every epoch (epochs counted from 1). */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void;
  /**
   * Default true: a line per epoch (and, in a notebook where `nn-from-scratch/notebook` is loaded,
   * a live chart); false: silent.
   */
  verbose?: boolean;
}

/** Per-epoch numbers: what {@link Model.fit} returns. */
export interface History {
  loss: number[];
  regularizationLoss: number[];
  accuracy: number[];
  valLoss: number[];
  valAccuracy: number[];
}

/**
 * How a notebook shows training (installed by `nn-from-scratch/notebook`, so the core stays free of
 * notebook code): called once per fit, returns what to call after each epoch and at the end.
 *
 * @internal
 */
export interface FitReporter {
  start(model: Model, options: { epochs: number; validation: boolean }): { epoch(epoch: number, logs: EpochLogs): void; end(): void };
}
const REPORTER = Symbol.for("nn-from-scratch.fitReporter");

/** The layer widths the model can know without data: Dense fixes them, every other layer keeps them. */
function outputWidth(layer: Layer, input: number | undefined): number | undefined {
  return layer instanceof Dense ? layer.nNeurons : input;
}

/**
 * A neural network with everything it needs to train.
 *
 * @example
 * ```ts
 * const model = new Model({
 *   layers: [new Dense(2, 64, { rng }), new ReLU(), new Dense(64, 3, { rng }), new Softmax()],
 *   loss: new CategoricalCrossentropy(),
 *   optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
 *   accuracy: "categorical",
 * });
 * const history = model.fit(X, y, { epochs: 100, batchSize: 32, shuffle: true, rng, verbose: false });
 * model.evaluate(Xtest, ytest); // { loss, accuracy }
 * ```
 */
export class Model {
  readonly layers: readonly Layer[];
  readonly loss: ModelLoss | SoftmaxCategoricalCrossentropy;
  readonly optimizer: Optimizer;
  readonly accuracy: AccuracyKind;
  /** Softmax + cross-entropy trained as one step, with the short `(ŷ − y)/n` gradient (as the book's Model does). */
  private readonly combined: SoftmaxCategoricalCrossentropy | undefined;
  private readonly trainedLayers: readonly Layer[];
  private readonly parameters: Parameter[];
  private readonly batchBuffers = new Map<number, { X: Matrix; y: number[] | Matrix }>();

  constructor(options: ModelOptions) {
    const where = "Model";
    const o = requireOptions(where, options, ["layers", "loss", "optimizer", "accuracy"], "{ layers, loss, optimizer }") as Partial<ModelOptions>;
    const { layers, loss, optimizer, accuracy = "categorical" } = o;
    if (!Array.isArray(layers) || layers.length === 0) throw new RangeError(`${where}: expected layers to be a non-empty array of layers, got ${describe(layers)}`);
    layers.forEach((layer, i) => {
      if (layer === null || typeof layer !== "object" || typeof layer.forward !== "function" || typeof layer.backward !== "function" || typeof layer.params !== "function") {
        throw new TypeError(`${where}: layers[${i}] is ${describe(layer)}, expected a layer (forward, backward, params)`);
      }
    });
    // Widths must chain: caught here, naming both layers, rather than at the first forward pass.
    let width: number | undefined;
    let widthFrom = "";
    layers.forEach((layer, i) => {
      if (layer instanceof Dense && width !== undefined && layer.nInputs !== width) {
        throw new RangeError(`${where}: ${layer.name} (layers[${i}]) takes ${layer.nInputs} inputs, but ${widthFrom} gives ${width}`);
      }
      const next = outputWidth(layer, width);
      if (layer instanceof Dense) widthFrom = `${layer.name} (layers[${i}])`;
      width = next;
    });
    if (loss === null || typeof loss !== "object" || typeof (loss as ModelLoss).backward !== "function") {
      throw new TypeError(`${where}: expected loss to be a loss such as new CategoricalCrossentropy(), got ${describe(loss)}`);
    }
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${where}: expected optimizer to be an optimizer such as new Adam(), got ${describe(optimizer)}`);
    const kindOk =
      accuracy === "categorical" ||
      accuracy === "binary" ||
      (typeof accuracy === "object" && accuracy !== null && typeof accuracy.regression === "number" && accuracy.regression > 0 && Number.isFinite(accuracy.regression));
    if (!kindOk) throw new TypeError(`${where}: expected accuracy to be "categorical", "binary" or { regression: precision } with precision > 0, got ${describe(accuracy)}`);
    this.layers = layers;
    this.loss = loss;
    this.optimizer = optimizer;
    this.accuracy = accuracy;
    const last = layers[layers.length - 1];
    if (loss instanceof SoftmaxCategoricalCrossentropy) {
      if (last instanceof Softmax) throw new RangeError(`${where}: SoftmaxCategoricalCrossentropy applies softmax itself; end the layers before the Softmax, or use CategoricalCrossentropy`);
      this.combined = loss;
      this.trainedLayers = layers;
    } else if (last instanceof Softmax && loss instanceof CategoricalCrossentropy) {
      this.combined = new SoftmaxCategoricalCrossentropy();
      this.trainedLayers = layers.slice(0, -1);
    } else {
      this.combined = undefined;
      this.trainedLayers = layers;
    }
    this.parameters = layers.flatMap((layer) => layer.params());
  }

  /** The model as plain JSON data: layers with their settings and numbers, loss, accuracy, optimizer settings. */
  toJSON(): ModelJSON {
    return modelToJSON(this);
  }

  /**
   * A model from {@link Model.toJSON}'s data (e.g. `JSON.parse` of a saved file): it predicts bit
   * for bit what the saved model predicted. The optimizer's settings are restored, its momentums and
   * caches start afresh.
   *
   * @throws ModelFormatError naming the place in the data, e.g. `layers[2].params.weights: expected 64×3, got 3×64`
   */
  static fromJSON(json: unknown): Model {
    return modelFrom(json, "");
  }

  /**
   * Saves the model as JSON to `path` (Node). The file is written whole or not at all.
   *
   * @example
   * ```ts
   * await model.save("build/models/digits.json");
   * const again = await Model.load("build/models/digits.json");
   * ```
   */
  async save(path: string): Promise<void> {
    const fs = nodeFs("Model.save");
    const { dirname } = nodePath("Model.save");
    const text = JSON.stringify(this.toJSON());
    await fs.mkdir(dirname(path), { recursive: true });
    // A name no other save uses, so two saves never write into each other's temporary file.
    const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
    const temporary = `${path}.${pid}-${Date.now().toString(36)}-${++saveCounter}.tmp`;
    await fs.writeFile(temporary, text);
    await fs.rename(temporary, path);
  }

  /**
   * Loads a model saved with {@link Model.save} (Node). Nothing in the file is ever evaluated.
   *
   * @throws ModelFormatError naming the file and the place for a file that is not JSON, another format
   *   or version, an unknown layer type, a wrong shape, a missing or non-finite number; the file
   *   system's error (with the path) for a missing file
   */
  static async load(path: string): Promise<Model> {
    const fs = nodeFs("Model.load");
    let text: string;
    try {
      text = await fs.readFile(path, "utf8");
    } catch (error) {
      throw new Error(`Model.load: cannot read ${path}: ${(error as Error).message}`);
    }
    return modelFrom(parseModelText(text, `${path}: `), `${path}: `);
  }

  /** Every trainable parameter, layer by layer. */
  params(): Parameter[] {
    return [...this.parameters];
  }

  /**
   * Trains on `X`, `y` for `epochs` passes, in mini-batches of `batchSize`, and returns the
   * per-epoch history. Once the batch sizes are known, a step makes no new arrays; as in
   * {@link trainStep}, the first layer's input gradient (the data's, unused) is not computed.
   *
   * @throws RangeError if X and y have different lengths, the targets do not fit the loss, the batch
   *   size is not a whole number ≥ 1, or the loss becomes NaN or infinite (naming the epoch and step)
   */
  fit(X: Matrix, y: ModelTargets, options: FitOptions = {}): History {
    const where = "Model.fit";
    const o = requireOptions(where, options, ["epochs", "batchSize", "shuffle", "rng", "validationData", "onEpochEnd", "verbose"], "{ epochs: 10, batchSize: 32 }") as FitOptions;
    this.requireData(where, X, y);
    const { epochs = 1, shuffle = false, rng, validationData, onEpochEnd, verbose = true } = o;
    if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`${where}: expected epochs to be a whole number ≥ 0, got ${describe(epochs)}`);
    const batchSize = o.batchSize ?? X.rows;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: expected batchSize to be a whole number ≥ 1, got ${describe(o.batchSize)}`);
    if (shuffle && !(rng instanceof Random)) throw new TypeError(`${where}: shuffle: true needs an rng (e.g. rng: new Random(0)), got ${describe(rng)}`);
    if (validationData !== undefined) {
      if (!Array.isArray(validationData) || validationData.length !== 2) throw new TypeError(`${where}: expected validationData as [X, y], got ${describe(validationData)}`);
      this.requireData(`${where}: validationData`, validationData[0], validationData[1]);
    }
    if (onEpochEnd !== undefined && typeof onEpochEnd !== "function") throw new TypeError(`${where}: expected onEpochEnd to be a function, got ${describe(onEpochEnd)}`);
    const history: History = { loss: [], regularizationLoss: [], accuracy: [], valLoss: [], valAccuracy: [] };
    const reporter = verbose ? (globalThis as Record<symbol, FitReporter | undefined>)[REPORTER]?.start(this, { epochs, validation: validationData !== undefined }) : undefined;
    const n = X.rows;
    const steps = Math.ceil(n / batchSize);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = shuffle ? rng!.permutation(n) : undefined;
      let lossSum = 0;
      let correct = 0;
      let counted = 0;
      for (let step = 0; step < steps; step++) {
        const start = step * batchSize;
        const size = Math.min(batchSize, n - start);
        const batch = order || steps > 1 ? this.gather(X, y, order, start, size) : { X, y };
        const loss = this.trainBatch(batch.X, batch.y);
        if (!Number.isFinite(loss)) {
          throw new RangeError(
            `${where}: the loss became ${Number.isNaN(loss) ? "NaN or infinite (the network's outputs are no longer finite numbers)" : loss} at epoch ${epoch}, step ${step + 1} of ${steps} — lower the learning rate or scale the data`,
          );
        }
        lossSum += loss * size;
        correct += this.countCorrect(this.lastPredictions(), batch.y);
        counted += this.accuracy === "categorical" ? size : size * this.lastPredictions().cols;
      }
      const logs: EpochLogs = {
        loss: lossSum / n,
        regularizationLoss: regularizationLoss(this.layers),
        accuracy: correct / counted,
        learningRate: this.optimizer.currentLearningRate,
      };
      if (validationData) {
        const v = this.evaluate(validationData[0], validationData[1], { batchSize });
        logs.valLoss = v.loss;
        logs.valAccuracy = v.accuracy;
        history.valLoss.push(v.loss);
        history.valAccuracy.push(v.accuracy);
      }
      history.loss.push(logs.loss);
      history.regularizationLoss.push(logs.regularizationLoss);
      history.accuracy.push(logs.accuracy);
      if (verbose) {
        if (reporter) reporter.epoch(epoch, logs);
        else console.log(formatEpoch(epoch, epochs, logs));
      }
      onEpochEnd?.(epoch, logs);
    }
    reporter?.end();
    return history;
  }

  /**
   * The data loss and accuracy on `X`, `y`, with every layer in inference mode (Dropout off).
   */
  evaluate(X: Matrix, y: ModelTargets, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
    const where = "Model.evaluate";
    this.requireData(where, X, y);
    const batchSize = options.batchSize ?? X.rows;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: expected batchSize to be a whole number ≥ 1, got ${describe(options.batchSize)}`);
    let lossSum = 0;
    let correct = 0;
    let counted = 0;
    for (let start = 0; start < X.rows; start += batchSize) {
      const size = Math.min(batchSize, X.rows - start);
      const batch = batchSize >= X.rows ? { X, y } : this.gather(X, y, undefined, start, size);
      const predictions = this.run(batch.X, false);
      lossSum += this.dataLoss(predictions, batch.y) * size;
      correct += this.countCorrect(predictions, batch.y);
      counted += this.accuracy === "categorical" ? size : size * predictions.cols;
    }
    return { loss: lossSum / X.rows, accuracy: correct / counted };
  }

  /** The last layer's outputs for `X` (probabilities for a classifier), every layer in inference mode. */
  predict(X: Matrix, options: { batchSize?: number } = {}): Matrix {
    const where = "Model.predict";
    requireMatrix(where, "X", X);
    requireFiniteMatrix(where, "X", X);
    const batchSize = options.batchSize ?? Math.max(1, X.rows);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: expected batchSize to be a whole number ≥ 1, got ${describe(options.batchSize)}`);
    if (X.rows <= batchSize) return this.run(X, false).clone();
    const parts: Matrix[] = [];
    for (let start = 0; start < X.rows; start += batchSize) parts.push(this.run(X.sliceRows(start, Math.min(X.rows, start + batchSize)), false).clone());
    const out = new Matrix(X.rows, parts[0].cols);
    let offset = 0;
    for (const part of parts) {
      out.data.set(part.data, offset);
      offset += part.data.length;
    }
    return out;
  }

  /** The layers, their output shapes and parameter counts, as a table. */
  summary(): string {
    const rows: [string, string, string][] = [["layer", "output", "parameters"]];
    let width: number | undefined;
    let total = 0;
    for (const layer of this.layers) {
      width = outputWidth(layer, width);
      const count = layer.params().reduce((s, p) => s + p.value.rows * p.value.cols, 0);
      total += count;
      rows.push([layer.name, `batch × ${width ?? "?"}`, String(count)]);
    }
    const lossName = this.loss.constructor.name;
    const accuracyName = typeof this.accuracy === "string" ? this.accuracy : `regression (precision ${this.accuracy.regression})`;
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: [string, string, string]) => `${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padStart(w[2])}`;
    return [
      line(rows[0]),
      "-".repeat(w[0] + w[1] + w[2] + 4),
      ...rows.slice(1).map(line),
      "-".repeat(w[0] + w[1] + w[2] + 4),
      `${total} trainable parameters; loss ${lossName}${this.combined ? " (with softmax, combined gradient)" : ""}; optimizer ${this.optimizer.name}; accuracy ${accuracyName}`,
    ].join("\n");
  }

  /** One forward/backward/update on a batch (buffers reused); returns the batch's mean data loss. */
  private trainBatch(X: Matrix, y: ModelTargets): number {
    const reuse = { reuseBuffers: true, training: true };
    let x = X;
    for (const layer of this.trainedLayers) x = layer.forward(x, reuse);
    if (firstNonFinite(x.data) >= 0) return NaN; // the fit loop names the epoch and step
    let d: Matrix;
    let loss: number;
    if (this.combined) {
      loss = this.combined.forward(x, y, reuse);
      d = this.combined.backward(this.combined.output, y, reuse);
    } else {
      const l = this.loss as ModelLoss;
      loss = l.calculate(x, y as never);
      d = l.backward(x, y as never);
    }
    for (let i = this.trainedLayers.length - 1; i >= 1; i--) d = this.trainedLayers[i].backward(d, reuse);
    if (this.trainedLayers.length > 0) backwardFirst(this.trainedLayers[0], d, reuse);
    this.optimizer.step(this.parameters);
    return loss;
  }

  /** The predictions of the last training batch (probabilities when softmax is combined with the loss). */
  private lastPredictions(): Matrix {
    if (this.combined) return this.combined.output;
    return (this.trainedLayers[this.trainedLayers.length - 1] as unknown as { output: Matrix }).output;
  }

  /** A forward pass through every layer. */
  private run(X: Matrix, training: boolean): Matrix {
    let x = X;
    for (const layer of this.layers) x = layer.forward(x, { training });
    if (this.loss instanceof SoftmaxCategoricalCrossentropy) x = new Softmax().forward(x);
    return x;
  }

  private dataLoss(predictions: Matrix, y: ModelTargets): number {
    if (this.loss instanceof SoftmaxCategoricalCrossentropy) return new CategoricalCrossentropy().calculate(predictions, y);
    return (this.loss as ModelLoss).calculate(predictions, y as never);
  }

  /** How many predictions of the batch are right (samples for categorical, outputs otherwise). */
  private countCorrect(p: Matrix, y: ModelTargets): number {
    const { rows, cols, data } = p;
    let correct = 0;
    if (this.accuracy === "categorical") {
      const oneHot = y instanceof Matrix ? y : undefined;
      for (let i = 0; i < rows; i++) {
        let best = 0;
        for (let j = 1; j < cols; j++) if (data[i * cols + j] > data[i * cols + best]) best = j;
        const label = oneHot ? (oneHot.data[i * cols + best] === 1 ? best : -1) : (y as readonly number[])[i];
        if (best === label) correct++;
      }
      return correct;
    }
    const t = y instanceof Matrix ? y.data : (y as readonly number[]);
    if (this.accuracy === "binary") {
      for (let q = 0; q < data.length; q++) if ((data[q] > 0.5 ? 1 : 0) === t[q]) correct++;
      return correct;
    }
    const precision = this.accuracy.regression;
    for (let q = 0; q < data.length; q++) if (Math.abs(data[q] - t[q]) < precision) correct++;
    return correct;
  }

  /** Rows `order[start …]` (or `start …` in order) of X and y, in buffers reused per batch size. */
  private gather(X: Matrix, y: ModelTargets, order: readonly number[] | undefined, start: number, size: number): { X: Matrix; y: ModelTargets } {
    let buffers = this.batchBuffers.get(size);
    if (buffers === undefined || buffers.X.cols !== X.cols || (y instanceof Matrix) !== (buffers.y instanceof Matrix)) {
      buffers = { X: new Matrix(size, X.cols), y: y instanceof Matrix ? new Matrix(size, y.cols) : new Array<number>(size) };
      this.batchBuffers.set(size, buffers);
    }
    const cols = X.cols;
    for (let i = 0; i < size; i++) {
      const r = order ? order[start + i] : start + i;
      buffers.X.data.set(X.data.subarray(r * cols, (r + 1) * cols), i * cols);
      if (y instanceof Matrix) (buffers.y as Matrix).data.set(y.data.subarray(r * y.cols, (r + 1) * y.cols), i * y.cols);
      else (buffers.y as number[])[i] = (y as readonly number[])[r];
    }
    return buffers;
  }

  private requireData(where: string, X: Matrix, y: ModelTargets): void {
    requireMatrix(where, "X", X);
    if (X.rows === 0) throw new RangeError(`${where}: expected at least one sample, got X of shape 0×${X.cols}`);
    requireFiniteMatrix(where, "X", X);
    const n = Array.isArray(y) ? y.length : y instanceof Matrix ? y.rows : -1;
    if (n < 0) throw new TypeError(`${where}: expected y as class indices (number[]) or a Matrix of targets, got ${describe(y)}`);
    if (n !== X.rows) throw new RangeError(`${where}: X has ${X.rows} samples (rows) but y has ${n} — give one target per sample`);
    // The targets must fit the loss and the accuracy: checked once on the whole set, not per batch.
    const probe = this.run(X.sliceRows(0, 1), false);
    const first = y instanceof Matrix ? y.sliceRows(0, 1) : [(y as readonly number[])[0]];
    const isClassLoss = this.combined !== undefined || this.loss instanceof CategoricalCrossentropy;
    if (isClassLoss || this.accuracy === "categorical") {
      if (!(y instanceof Matrix) || y.cols === probe.cols) classIndices(where, new Matrix(X.rows, probe.cols), y, "outputs");
    }
    if (!isClassLoss) {
      if (Array.isArray(y) && probe.cols !== 1) {
        throw new RangeError(`${where}: class indices do not fit ${this.loss.constructor.name}, which compares each of the ${probe.cols} outputs with a target: pass a Matrix of targets`);
      }
      (this.loss as ModelLoss).calculate(probe, first as never); // throws the loss's own error for targets that do not fit
      const t = y instanceof Matrix ? y.data : Float64Array.from(y as readonly number[]);
      if (this.accuracy === "binary") {
        for (let q = 0; q < t.length; q++) if (t[q] !== 0 && t[q] !== 1) throw new RangeError(`${where}: binary targets must be 0 or 1, got ${t[q]} at entry ${q}`);
      }
    }
  }
}

let saveCounter = 0;

/** A model from parsed JSON; a model the parts cannot make (e.g. widths that do not chain) names the source too. */
function modelFrom(json: unknown, source: string): Model {
  const parts = modelPartsFromJSON(json, source);
  try {
    return new Model(parts);
  } catch (error) {
    throw new ModelFormatError(`${source}layers: ${(error as Error).message}`);
  }
}

/** Node's file functions without importing Node at module load (the core also runs in browsers). */
function nodeFs(where: string): typeof import("node:fs/promises") {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== "function") throw new Error(`${where}: files need Node.js ≥ 20.16; in a browser use model.toJSON() / Model.fromJSON()`);
  return get("node:fs/promises") as typeof import("node:fs/promises");
}

function nodePath(where: string): typeof import("node:path") {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== "function") throw new Error(`${where}: files need Node.js ≥ 20.16`);
  return get("node:path") as typeof import("node:path");
}

/** `epoch 3/10: loss 0.512 (+ reg 0.012), accuracy 0.812, val loss 0.6, val accuracy 0.78, lr 0.0499` */
export function formatEpoch(epoch: number, epochs: number, logs: EpochLogs): string {
  const f = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2));
  const parts = [`epoch ${epoch}/${epochs}: loss ${f(logs.loss)}${logs.regularizationLoss ? ` (+ reg ${f(logs.regularizationLoss)})` : ""}`, `accuracy ${logs.accuracy.toFixed(3)}`];
  if (logs.valLoss !== undefined) parts.push(`val loss ${f(logs.valLoss)}`, `val accuracy ${logs.valAccuracy!.toFixed(3)}`);
  parts.push(`lr ${Number(logs.learningRate.toPrecision(4))}`);
  return parts.join(", ");
}
