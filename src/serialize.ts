/**
 * Saving and loading models: one versioned JSON format. Loading only reads numbers and names from
 * the file — it never evaluates anything — and says exactly where a file is wrong.
 *
 * ```json
 * { "format": "nn-from-scratch/model", "version": 1,
 *   "layers": [{ "type": "Dense", "config": { "nInputs": 2, "nNeurons": 64, … },
 *                "params": { "weights": { "shape": [2, 64], "data": [ … ] }, "biases": { … } } },
 *              { "type": "ReLU" }, …],
 *   "loss": { "type": "CategoricalCrossentropy" }, "accuracy": "categorical",
 *   "optimizer": { "type": "Adam", "config": { "learningRate": 0.05, … } } }
 * ```
 */
import { Linear } from "./activations/linear.js";
import { ReLU } from "./activations/relu.js";
import { Sigmoid } from "./activations/sigmoid.js";
import { Softmax } from "./activations/softmax.js";
import { Step } from "./activations/step.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import type { Layer } from "./layer.js";
import { BinaryCrossentropy } from "./losses/binary-crossentropy.js";
import { CategoricalCrossentropy } from "./losses/categorical-crossentropy.js";
import { MeanAbsoluteError, MeanSquaredError } from "./losses/regression.js";
import { SoftmaxCategoricalCrossentropy } from "./losses/softmax-categorical-crossentropy.js";
import { Matrix } from "./matrix.js";
import type { AccuracyKind, Model, ModelLoss } from "./model.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";
import { Random } from "./random.js";

/** The `format` field of every saved model. */
export const MODEL_FORMAT = "nn-from-scratch/model";
/** The version this library writes and reads. */
export const MODEL_VERSION = 1;

/** A matrix in a saved model: its shape and its numbers, row after row. */
export interface MatrixJSON {
  shape: [number, number];
  data: number[];
}

/** One layer in a saved model. */
export interface LayerJSON {
  type: string;
  config?: Record<string, number | string>;
  params?: Record<string, MatrixJSON>;
}

/** A saved model (what `model.toJSON()` returns and `JSON.stringify` writes). */
export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  layers: LayerJSON[];
  loss: { type: string };
  accuracy: AccuracyKind;
  /** The optimizer's settings (not its momentums or caches: a loaded model's training starts them afresh). */
  optimizer: { type: string; config: Record<string, number> };
}

const matrixJSON = (m: Matrix): MatrixJSON => ({ shape: [m.rows, m.cols], data: Array.from(m.data) });

/** The layers a saved model may contain, and how to make each from its config. */
const LAYER_TYPES: Record<string, (config: Reader) => Layer> = {
  Dense: (c) =>
    new Dense(c.wholeNumber("nInputs", 1), c.wholeNumber("nNeurons", 1), {
      rng: new Random(0), // replaced by the saved weights at once
      weightRegularizerL1: c.number("weightRegularizerL1", 0),
      weightRegularizerL2: c.number("weightRegularizerL2", 0),
      biasRegularizerL1: c.number("biasRegularizerL1", 0),
      biasRegularizerL2: c.number("biasRegularizerL2", 0),
    }),
  ReLU: () => new ReLU(),
  Sigmoid: () => new Sigmoid(),
  Softmax: () => new Softmax(),
  Linear: () => new Linear(),
  Step: () => new Step(),
  Dropout: (c) => new Dropout(c.number("rate"), { rng: new Random(c.wholeNumber("seed", 0, 0)) }),
};

const LOSS_TYPES: Record<string, () => ModelLoss | SoftmaxCategoricalCrossentropy> = {
  CategoricalCrossentropy: () => new CategoricalCrossentropy(),
  SoftmaxCategoricalCrossentropy: () => new SoftmaxCategoricalCrossentropy(),
  BinaryCrossentropy: () => new BinaryCrossentropy(),
  MeanSquaredError: () => new MeanSquaredError(),
  MeanAbsoluteError: () => new MeanAbsoluteError(),
};

const OPTIMIZER_TYPES: Record<string, { make: (config: Record<string, number>) => Optimizer; keys: string[] }> = {
  SGD: { make: (c) => new SGD(c), keys: ["learningRate", "decay", "momentum"] },
  Adagrad: { make: (c) => new Adagrad(c), keys: ["learningRate", "decay", "epsilon"] },
  RMSprop: { make: (c) => new RMSprop(c), keys: ["learningRate", "decay", "epsilon", "rho"] },
  Adam: { make: (c) => new Adam(c), keys: ["learningRate", "decay", "epsilon", "beta1", "beta2"] },
};

/** A model as plain JSON data (see {@link ModelJSON}). */
export function modelToJSON(model: Model): ModelJSON {
  const layers = model.layers.map((layer): LayerJSON => {
    if (layer instanceof Dense) {
      return {
        type: "Dense",
        config: {
          nInputs: layer.nInputs,
          nNeurons: layer.nNeurons,
          weightRegularizerL1: layer.weightRegularizerL1,
          weightRegularizerL2: layer.weightRegularizerL2,
          biasRegularizerL1: layer.biasRegularizerL1,
          biasRegularizerL2: layer.biasRegularizerL2,
        },
        params: { weights: matrixJSON(layer.weights), biases: matrixJSON(layer.biases) },
      };
    }
    if (layer instanceof Dropout) return { type: "Dropout", config: { rate: layer.rate } };
    const type = layer.constructor.name;
    if (!(type in LAYER_TYPES) || layer.params().length > 0) {
      throw new TypeError(`Model.toJSON: cannot save a layer of type ${layer.name}; the format knows ${Object.keys(LAYER_TYPES).join(", ")}`);
    }
    return { type };
  });
  const lossType = model.loss.constructor.name;
  if (!(lossType in LOSS_TYPES)) throw new TypeError(`Model.toJSON: cannot save the loss ${lossType}; the format knows ${Object.keys(LOSS_TYPES).join(", ")}`);
  const optimizer = model.optimizer;
  const entry = OPTIMIZER_TYPES[optimizer.name];
  if (!entry) throw new TypeError(`Model.toJSON: cannot save the optimizer ${optimizer.name}`);
  const config = Object.fromEntries(entry.keys.map((k) => [k, (optimizer as unknown as Record<string, number>)[k]]));
  const accuracy = typeof model.accuracy === "string" ? model.accuracy : { regression: model.accuracy.regression };
  return { format: MODEL_FORMAT, version: MODEL_VERSION, layers, loss: { type: lossType }, accuracy, optimizer: { type: optimizer.name, config } };
}

/** Thrown for a saved model that cannot be loaded; the message names the file (if any) and the place. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFormatError";
  }
}

/** Reads fields of one object of the file, naming the place (`layers[2].config.nInputs`) in every error. */
class Reader {
  constructor(
    private readonly source: string,
    readonly at: string,
    readonly value: Record<string, unknown>,
  ) {}

  fail(where: string, message: string): never {
    throw new ModelFormatError(`${this.source}${where}: ${message}`);
  }

  place(key: string): string {
    return this.at ? `${this.at}.${key}` : key;
  }

  static object(source: string, at: string, value: unknown): Reader {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ModelFormatError(`${source}${at || "the file"}: expected an object, got ${kind(value)}`);
    }
    return new Reader(source, at, value as Record<string, unknown>);
  }

  child(key: string): Reader {
    return Reader.object(this.source, this.place(key), this.value[key]);
  }

  number(key: string, fallback?: number): number {
    const v = this.value[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(this.place(key), `expected a finite number, got ${kind(v)}`);
    return v;
  }

  wholeNumber(key: string, min: number, fallback?: number): number {
    const v = this.number(key, fallback);
    if (!Number.isInteger(v) || v < min) this.fail(this.place(key), `expected a whole number ≥ ${min}, got ${v}`);
    return v;
  }

  string(key: string): string {
    const v = this.value[key];
    if (typeof v !== "string") this.fail(this.place(key), `expected a string, got ${kind(v)}`);
    return v;
  }

  /** A matrix of exactly `rows×cols` finite numbers. */
  matrix(key: string, rows: number, cols: number): Matrix {
    const m: Reader = this.child(key);
    const shape = m.value.shape as unknown[];
    if (!Array.isArray(shape) || shape.length !== 2) m.fail(m.place("shape"), `expected [rows, cols], got ${kind(shape)}`);
    if (shape[0] !== rows || shape[1] !== cols) m.fail(m.at, `expected ${rows}×${cols}, got ${shape.map(String).join("×")}`);
    const data = m.value.data as unknown[];
    if (!Array.isArray(data)) m.fail(m.place("data"), `expected an array of ${rows * cols} numbers, got ${kind(data)}`);
    if (data.length !== rows * cols) m.fail(m.place("data"), `expected ${rows * cols} numbers (${rows}×${cols}), got ${data.length}`);
    const out = new Matrix(rows, cols);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== "number" || !Number.isFinite(v)) m.fail(`${m.place("data")}[${i}]`, `expected a finite number, got ${kind(v)}`);
      out.data[i] = v;
    }
    return out;
  }
}

function kind(v: unknown): string {
  if (v === undefined) return "nothing (missing)";
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  if (typeof v === "object") return "an object";
  return String(v);
}

/**
 * Builds the parts of a model from saved JSON data (already parsed), checking everything.
 *
 * @param source - names the file in messages (`"digits.json: "`), or `""`
 * @internal used by `Model.fromJSON` and `Model.load`
 */
export function modelPartsFromJSON(json: unknown, source = ""): { layers: Layer[]; loss: ModelLoss | SoftmaxCategoricalCrossentropy; accuracy: AccuracyKind; optimizer: Optimizer } {
  const root: Reader = Reader.object(source, "", json);
  const format = root.value.format;
  if (format !== MODEL_FORMAT) root.fail("format", `expected "${MODEL_FORMAT}", got ${kind(format)} — this is not a model saved by nn-from-scratch`);
  const version = root.value.version;
  if (version !== MODEL_VERSION) root.fail("version", `expected ${MODEL_VERSION}, got ${kind(version)} — a version this library does not read`);
  const list = root.value.layers as unknown[];
  if (!Array.isArray(list) || list.length === 0) root.fail("layers", `expected a non-empty array of layers, got ${kind(list)}`);
  const layers = list.map((_, i) => {
    const l: Reader = Reader.object(source, `layers[${i}]`, list[i]);
    const type = l.string("type");
    const make = Object.prototype.hasOwnProperty.call(LAYER_TYPES, type) ? LAYER_TYPES[type] : undefined;
    if (!make) l.fail(l.place("type"), `unknown layer type ${JSON.stringify(type)}; known: ${Object.keys(LAYER_TYPES).join(", ")}`);
    const config = l.value.config === undefined ? Reader.object(source, l.place("config"), {}) : l.child("config");
    let layer: Layer;
    try {
      layer = make(config);
    } catch (error) {
      if (error instanceof ModelFormatError) throw error;
      l.fail(l.place("config"), (error as Error).message);
    }
    if (layer instanceof Dense) {
      const params = l.child("params");
      layer.weights = params.matrix("weights", layer.nInputs, layer.nNeurons);
      layer.biases = params.matrix("biases", 1, layer.nNeurons);
    }
    return layer;
  });
  const lossType = root.child("loss").string("type");
  const makeLoss = Object.prototype.hasOwnProperty.call(LOSS_TYPES, lossType) ? LOSS_TYPES[lossType] : undefined;
  if (!makeLoss) root.fail("loss.type", `unknown loss ${JSON.stringify(lossType)}; known: ${Object.keys(LOSS_TYPES).join(", ")}`);
  const acc = root.value.accuracy;
  let accuracy: AccuracyKind;
  if (acc === "categorical" || acc === "binary") accuracy = acc;
  else accuracy = { regression: root.child("accuracy").number("regression") };
  const opt: Reader = root.child("optimizer");
  const optType = opt.string("type");
  const entry = Object.prototype.hasOwnProperty.call(OPTIMIZER_TYPES, optType) ? OPTIMIZER_TYPES[optType] : undefined;
  if (!entry) opt.fail(opt.place("type"), `unknown optimizer ${JSON.stringify(optType)}; known: ${Object.keys(OPTIMIZER_TYPES).join(", ")}`);
  const settings = opt.child("config");
  const config = Object.fromEntries(entry.keys.map((k) => [k, settings.number(k)]));
  let optimizer: Optimizer;
  try {
    optimizer = entry.make(config);
  } catch (error) {
    opt.fail(opt.place("config"), (error as Error).message);
  }
  return { layers, loss: makeLoss(), accuracy, optimizer };
}

/** Parses the text of a saved model, naming the file when it is not JSON. @internal */
export function parseModelText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`${source}not valid JSON (${(error as Error).message}) — is this a model saved with model.save()?`);
  }
}
