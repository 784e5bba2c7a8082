/**
 * Chapter 04 — the dense (fully connected) layer: `output = inputs · weights + biases`.
 * Chapter 09 — its backward pass: the gradients of the weights, the biases and the inputs.
 */
import { requireBackward } from "./activations/common.js";
import {
  describe,
  firstNonFinite,
  entryText,
  requireFiniteMatrix,
  requireFiniteNumber,
  requireFiniteResult,
  requireMatrix,
  requireOptions,
  requireShape,
  requireWholeNumber,
  shapeText,
} from "./internal/validate.js";
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
   * @throws RangeError if a size is not a whole number ≥ 1, `weightScale` is not a finite number,
   *   or an option is misspelt; TypeError if `options` is not an object or `rng` not a Random
   */
  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    requireWholeNumber("Dense", "nInputs", nInputs, 1);
    requireWholeNumber("Dense", "nNeurons", nNeurons, 1);
    const checked = requireOptions("Dense", options, ["rng", "weightScale"], "{ rng: new Random(0) }") as DenseOptions;
    const { rng = sharedRng, weightScale = 0.01 } = checked;
    if (!(rng instanceof Random)) {
      throw new TypeError(`Dense: expected options.rng to be a Random (e.g. new Random(0)), got ${describe(rng)}`);
    }
    requireFiniteNumber("Dense", "options.weightScale", weightScale);
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
   * Assigning checks the shape and that every entry is finite (the matrix is used as-is, not copied).
   *
   * @throws RangeError when assigned a matrix of another shape, or holding NaN or ±Infinity
   */
  get weights(): Matrix {
    return this._weights;
  }
  set weights(value: Matrix) {
    this._weights = this.checkParameter("weights", value, this.nInputs, this.nNeurons);
  }

  /**
   * The biases, `1×nNeurons`: one per neuron, zeros at first.
   * Assigning checks the shape and that every entry is finite (the matrix is used as-is, not copied).
   *
   * @throws RangeError when assigned a matrix of another shape, or holding NaN or ±Infinity
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
   *   `Dense(4→3).forward: expected inputs with 4 columns, got 5`; if `inputs` holds NaN or
   *   ±Infinity; or if the output overflows (or weights changed in place hold NaN or ±Infinity)
   */
  forward(inputs: Matrix): Matrix {
    const where = `${this.name}.forward`;
    requireMatrix(where, "inputs", inputs);
    if (inputs.cols !== this.nInputs) {
      throw new RangeError(
        `${where}: expected inputs with ${this.nInputs} columns, got ${inputs.cols} ` +
          `(inputs are ${shapeText(inputs.rows, inputs.cols)}, one sample per row)`,
      );
    }
    requireFiniteMatrix(where, "inputs", inputs);
    const out = Matrix.dotInto(inputs, this._weights, new Matrix(inputs.rows, this.nNeurons));
    // Add the biases to every row in place: no second matrix needed.
    const o = out.data;
    const b = this._biases.data;
    const n = this.nNeurons;
    for (let i = 0; i < inputs.rows; i++) {
      const off = i * n;
      for (let j = 0; j < n; j++) o[off + j] += b[j];
    }
    requireFiniteResult(where, "the output", out, () => this.overflowCause("inputs"));
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
   *   RangeError if `dvalues` is not the output's shape (`batch×nNeurons`) or holds NaN or
   *   ±Infinity, or if a gradient overflows, e.g.
   *   `Dense(2→3).backward: dweights has a non-finite entry (Infinity) at [0][1] — …`
   */
  backward(dvalues: Matrix): Matrix {
    const where = `${this.name}.backward`;
    requireBackward(where, this.output, dvalues);
    const inputs = this.inputs as Matrix;
    const dweights = Matrix.dotInto(inputs.transpose(), dvalues, new Matrix(this.nInputs, this.nNeurons));
    const dbiases = dvalues.columnSums();
    const dinputs = Matrix.dotInto(dvalues, this._weights.transpose(), new Matrix(dvalues.rows, this.nInputs));
    // Finite inputs, weights and dvalues can still multiply or add up past ±1.8e308.
    const cause = (): string => this.overflowCause("dvalues");
    requireFiniteResult(where, "dweights", dweights, cause);
    requireFiniteResult(where, "dbiases", dbiases, cause);
    requireFiniteResult(where, "dinputs", dinputs, cause);
    this.dweights = dweights;
    this.dbiases = dbiases;
    this.dinputs = dinputs;
    return dinputs;
  }

  /**
   * Why a pass produced NaN or ±Infinity from finite inputs: weights or biases changed in place
   * since they were assigned (`dense.weights.data[0] = NaN` skips the setter's check), or overflow.
   */
  private overflowCause(incoming: string): string {
    for (const [what, m] of [["weights", this._weights], ["biases", this._biases]] as const) {
      const p = firstNonFinite(m.data);
      if (p >= 0) return `${what} holds ${m.data[p]} at ${entryText(p, m.cols)} (changed in place after it was assigned?)`;
    }
    return `the numbers overflowed (beyond ±1.8e308): ${incoming} or weights are far too large; scale the data or lower the learning rate`;
  }

  private checkParameter(what: string, value: Matrix, rows: number, cols: number): Matrix {
    const where = `${this.name}.${what}`;
    requireShape(where, "", value, rows, cols);
    requireFiniteMatrix(where, "numbers", value);
    return value;
  }
}
