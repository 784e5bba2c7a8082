/**
 * Chapter 04 — the dense (fully connected) layer: `output = inputs · weights + biases`.
 * Chapter 09 — its backward pass: the gradients of the weights, the biases and the inputs.
 */
import { requireBackward } from "./activations/common.js";
import { Matrix } from "./matrix.js";
import { Random, randn } from "./random.js";

/** Options for {@link Dense}. */
export interface DenseOptions {
  /**
   * Where the initial weights come from. When left out, a generator shared by every layer
   * made without one, seeded with 0 when the module loads: a fresh program is reproducible,
   * but the weights depend on the order the layers are made in. Pass your own to be sure.
   */
  rng?: Random;
  /** The initial weights are `weightScale × (standard normal numbers)`; default `0.01`. */
  weightScale?: number;
}

/** Shared by every {@link Dense} made without an `rng` (see {@link DenseOptions.rng}). */
const sharedRng = new Random(0);

/**
 * A dense layer of `nNeurons` neurons, each connected to all `nInputs` inputs.
 *
 * For a batch `inputs` (one sample per row, `batch×nInputs`), `forward` computes
 * `inputs · weights + biases` (`batch×nNeurons`): `weights` has one column per neuron
 * (`nInputs×nNeurons`, so no transpose is needed) and `biases` is one `1×nNeurons` row
 * added to every sample.
 *
 * @example
 * ```ts
 * const rng = new Random(0);
 * const dense1 = new Dense(2, 3, { rng });  // 2 inputs → 3 neurons
 * const out = dense1.forward(Matrix.from([[1, 2], [3, 4]]));
 * out.shape;                                // [2, 3]
 * ```
 */
export class Dense {
  /** Number of inputs each neuron receives (rows of `weights`). */
  readonly nInputs: number;
  /** Number of neurons, i.e. outputs (columns of `weights` and `biases`). */
  readonly nNeurons: number;
  /** The batch most recently passed to {@link Dense.forward} (kept for the backward pass). */
  inputs: Matrix | undefined = undefined;
  /** The result of the most recent {@link Dense.forward}. */
  output: Matrix | undefined = undefined;
  /** From the most recent {@link Dense.backward}: the gradient with respect to `weights` (`nInputs×nNeurons`). */
  dweights: Matrix | undefined = undefined;
  /** From the most recent {@link Dense.backward}: the gradient with respect to `biases` (`1×nNeurons`). */
  dbiases: Matrix | undefined = undefined;
  /** From the most recent {@link Dense.backward}: the gradient with respect to `inputs` (`batch×nInputs`). */
  dinputs: Matrix | undefined = undefined;

  private _weights: Matrix;
  private _biases: Matrix;

  /**
   * @param nInputs - inputs per neuron (features per sample), a whole number ≥ 1
   * @param nNeurons - neurons in the layer, a whole number ≥ 1
   * @param options - where the random initial weights come from and how large they are
   * @throws RangeError if a size is not a whole number ≥ 1, or `weightScale` is not a finite number
   */
  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    for (const [what, n] of [["nInputs", nInputs], ["nNeurons", nNeurons]] as const) {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
        throw new RangeError(`Dense: expected ${what} to be a whole number ≥ 1, got ${describe(n)}`);
      }
    }
    const { rng = sharedRng, weightScale = 0.01 } = options;
    if (!(rng instanceof Random)) {
      throw new TypeError(`Dense: expected options.rng to be a Random (e.g. new Random(0)), got ${describe(rng)}`);
    }
    if (typeof weightScale !== "number" || !Number.isFinite(weightScale)) {
      throw new RangeError(`Dense: expected options.weightScale to be a finite number, got ${describe(weightScale)}`);
    }
    this.nInputs = nInputs;
    this.nNeurons = nNeurons;
    this._weights = randn(nInputs, nNeurons, rng).scale(weightScale);
    this._biases = Matrix.zeros(1, nNeurons);
  }

  /** The layer's name in messages, e.g. `Dense(4→3)`. */
  get name(): string {
    return `Dense(${this.nInputs}→${this.nNeurons})`;
  }

  /**
   * The weights, `nInputs×nNeurons`: column `n` holds neuron `n`'s weights.
   * Assigning checks the shape (the matrix is used as-is, not copied).
   *
   * @throws RangeError when assigned a matrix of another shape
   */
  get weights(): Matrix {
    return this._weights;
  }
  set weights(value: Matrix) {
    this._weights = this.checkParameter("weights", value, this.nInputs, this.nNeurons);
  }

  /**
   * The biases, `1×nNeurons`: one per neuron, zeros at first.
   * Assigning checks the shape (the matrix is used as-is, not copied).
   *
   * @throws RangeError when assigned a matrix of another shape
   */
  get biases(): Matrix {
    return this._biases;
  }
  set biases(value: Matrix) {
    this._biases = this.checkParameter("biases", value, 1, this.nNeurons);
  }

  /**
   * The forward pass: `inputs · weights + biases`, one output row per input row.
   * Keeps `inputs` and the result in {@link Dense.inputs} and {@link Dense.output}.
   *
   * @param inputs - a batch, one sample per row, `batch×nInputs`
   * @returns `batch×nNeurons`
   * @throws RangeError if `inputs` does not have `nInputs` columns, e.g.
   *   `Dense(4→3).forward: expected inputs with 4 columns, got 5`
   */
  forward(inputs: Matrix): Matrix {
    if (!(inputs instanceof Matrix)) {
      const hint = Array.isArray(inputs) ? " — wrap nested arrays with Matrix.from(...)" : "";
      throw new TypeError(`${this.name}.forward: expected inputs to be a Matrix, got ${describe(inputs)}${hint}`);
    }
    if (inputs.cols !== this.nInputs) {
      throw new RangeError(
        `${this.name}.forward: expected inputs with ${this.nInputs} columns, got ${inputs.cols} ` +
          `(inputs are ${inputs.rows}×${inputs.cols}, one sample per row)`,
      );
    }
    const out = Matrix.dotInto(inputs, this._weights, new Matrix(inputs.rows, this.nNeurons));
    // Add the biases to every row in place: no second matrix needed.
    const o = out.data;
    const b = this._biases.data;
    const n = this.nNeurons;
    for (let i = 0; i < inputs.rows; i++) {
      const off = i * n;
      for (let j = 0; j < n; j++) o[off + j] += b[j];
    }
    this.inputs = inputs;
    this.output = out;
    return out;
  }

  /**
   * The backward pass. Given `dvalues`, the gradient of the loss with respect to this layer's
   * output (`batch×nNeurons`), the chain rule through `output = inputs · weights + biases` gives
   *
   * - `dweights = inputsᵀ · dvalues` (`nInputs×nNeurons`): weight `[i][n]` multiplied input `i`
   *   on its way to neuron `n`, in every sample, so its gradient adds up input `i` × neuron `n`'s
   *   gradient over the batch;
   * - `dbiases` = the column sums of `dvalues` (`1×nNeurons`): each bias was added once per sample;
   * - `dinputs = dvalues · weightsᵀ` (`batch×nInputs`): input `i` reached every neuron `n`
   *   through weight `[i][n]` — this is what the layer before receives as its `dvalues`.
   *
   * Uses the inputs kept by the last {@link Dense.forward} and the current weights.
   *
   * @returns (and keeps in {@link Dense.dinputs}) the gradient with respect to the inputs; also
   *   keeps {@link Dense.dweights} and {@link Dense.dbiases}
   * @throws Error `Dense(4→3).backward: call forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape (`batch×nNeurons`)
   */
  backward(dvalues: Matrix): Matrix {
    requireBackward(`${this.name}.backward`, this.output, dvalues);
    const inputs = this.inputs as Matrix;
    this.dweights = Matrix.dotInto(inputs.transpose(), dvalues, new Matrix(this.nInputs, this.nNeurons));
    this.dbiases = dvalues.columnSums();
    this.dinputs = Matrix.dotInto(dvalues, this._weights.transpose(), new Matrix(dvalues.rows, this.nInputs));
    return this.dinputs;
  }

  private checkParameter(what: string, value: Matrix, rows: number, cols: number): Matrix {
    if (!(value instanceof Matrix)) {
      const hint = Array.isArray(value) ? " — wrap nested arrays with Matrix.from(...)" : "";
      throw new TypeError(`${this.name}.${what}: expected a ${rows}×${cols} Matrix, got ${describe(value)}${hint}`);
    }
    if (value.rows !== rows || value.cols !== cols) {
      throw new RangeError(`${this.name}.${what}: expected a ${rows}×${cols} matrix, got ${value.rows}×${value.cols}`);
    }
    return value;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (value !== null && typeof value === "object") return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return String(value);
}
