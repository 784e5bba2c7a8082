/**
 * The dense (fully connected) layer: `output = inputs · weights + biases`, its backward pass
 * (the gradients of the weights, the biases and the inputs), and its two parameters.
 */
import { matmul, matmulTransposeA, matmulTransposeB } from "./kernels/backend.js";
import {
  describe,
  entryText,
  firstNonFinite,
  maxAbsOrInfinity,
  requireFiniteMatrix,
  requireFiniteNumber,
  requireFiniteResult,
  requireMatrix,
  requireOptions,
  requireShape,
  requireWholeNumber,
  SAFE_BOUND,
  shapeText,
} from "./internal/validate.js";
import { BaseLayer, type BackwardOptions, type ForwardOptions } from "./layer.js";
import { Matrix } from "./matrix.js";
import type { Parameter } from "./parameter.js";
import { Random, randn } from "./random.js";

/** Options for {@link Dense}. */
export interface DenseOptions {
  /**
   * Where the initial weights come from — required: every random number in this library comes
   * from a generator you pass (e.g. `new Random(0)`), so a program is reproducible.
   */
  rng: Random;
  /**
   * How the starting weights are drawn: `"normal"` (the book's: `weightScale × standard normal`,
   * default), `"glorot"` (Xavier: uniform in ±√(6 / (nInputs + nNeurons)), for tanh/sigmoid/linear
   * layers) or `"he"` (standard normal × √(2 / nInputs), for ReLU layers). Both keep the size of the
   * signal about the same from layer to layer, whatever the layer's width.
   */
  init?: "normal" | "glorot" | "he";
  /** With `init: "normal"`: the initial weights are `weightScale × (standard normal numbers)`; default `0.01`. */
  weightScale?: number;
  /** L1 penalty on the weights: adds `λ·Σ|w|` to the loss (default 0: none). */
  weightRegularizerL1?: number;
  /** L2 penalty on the weights: adds `λ·Σw²` to the loss (default 0: none). */
  weightRegularizerL2?: number;
  /** L1 penalty on the biases (default 0). */
  biasRegularizerL1?: number;
  /** L2 penalty on the biases (default 0). */
  biasRegularizerL2?: number;
}

const REGULARIZERS = ["weightRegularizerL1", "weightRegularizerL2", "biasRegularizerL1", "biasRegularizerL2"] as const;

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
 * dense1.params().map((p) => p.name);       // ["weights", "biases"]
 * ```
 */
export class Dense extends BaseLayer {
  /** Number of inputs each neuron receives (rows of `weights`). */
  readonly nInputs: number;
  /** Number of neurons, i.e. outputs (columns of `weights` and `biases`). */
  readonly nNeurons: number;

  /** The penalties' strengths λ (0: off); see {@link DenseOptions}. */
  readonly weightRegularizerL1: number;
  readonly weightRegularizerL2: number;
  readonly biasRegularizerL1: number;
  readonly biasRegularizerL2: number;

  private _weights: Matrix;
  private _biases: Matrix;
  private _dweights: Matrix | undefined = undefined;
  private _dbiases: Matrix | undefined = undefined;
  private readonly parameters: [Parameter, Parameter];

  /**
   * @param nInputs - inputs per neuron (features per sample), a whole number ≥ 1
   * @param nNeurons - neurons in the layer, a whole number ≥ 1
   * @param options - `rng`, where the random initial weights come from, and their scale
   * @throws RangeError if a size is not a whole number ≥ 1, `weightScale` is not a finite number,
   *   or an option is misspelt; TypeError without an `rng`
   */
  constructor(nInputs: number, nNeurons: number, options: DenseOptions) {
    super();
    requireWholeNumber("Dense", "nInputs", nInputs, 1);
    requireWholeNumber("Dense", "nNeurons", nNeurons, 1);
    const checked = requireOptions("Dense", options, ["rng", "init", "weightScale", ...REGULARIZERS], "{ rng: new Random(0) }") as Partial<DenseOptions>;
    const { rng, init = "normal", weightScale = 0.01 } = checked;
    if (!(rng instanceof Random)) {
      throw new TypeError(
        `Dense: expected options.rng to be a Random, e.g. new Dense(${nInputs}, ${nNeurons}, { rng: new Random(0) }), got ${describe(rng)} — ` +
          "the starting weights are random, and every random number comes from a generator you choose",
      );
    }
    requireFiniteNumber("Dense", "options.weightScale", weightScale);
    if (init !== "normal" && init !== "glorot" && init !== "he") {
      throw new RangeError(`Dense: expected options.init to be "normal", "glorot" or "he", got ${describe(init)}`);
    }
    if (init !== "normal" && checked.weightScale !== undefined) {
      throw new RangeError(`Dense: weightScale applies to init "normal" only; init "${init}" sets the scale from the layer's size`);
    }
    const strengths = REGULARIZERS.map((key) => {
      const lambda = checked[key] ?? 0;
      if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
        throw new RangeError(`Dense: expected options.${key} to be a finite number ≥ 0 (the penalty's strength λ), got ${describe(lambda)}`);
      }
      return lambda;
    });
    [this.weightRegularizerL1, this.weightRegularizerL2, this.biasRegularizerL1, this.biasRegularizerL2] = strengths;
    this.nInputs = nInputs;
    this.nNeurons = nNeurons;
    this._weights = initialWeights(nInputs, nNeurons, rng, init, weightScale);
    this._biases = Matrix.zeros(1, nNeurons);
    // The same two objects on every params() call, so an optimizer can keep its state per parameter.
    const layer = this;
    this.parameters = [
      {
        name: "weights",
        owner: this.name,
        get value() { return layer.weights; },
        set value(v: Matrix) { layer.weights = v; },
        get grad() { return layer.dweights; },
      },
      {
        name: "biases",
        owner: this.name,
        get value() { return layer.biases; },
        set value(v: Matrix) { layer.biases = v; },
        get grad() { return layer.dbiases; },
      },
    ];
  }

  /** The layer's name in messages, e.g. `Dense(4→3)`. */
  override get name(): string {
    return `Dense(${this.nInputs}→${this.nNeurons})`;
  }

  /** `[weights, biases]` as {@link Parameter}s: `value` is `weights`/`biases`, `grad` is `dweights`/`dbiases`. */
  override params(): Parameter[] {
    return [...this.parameters];
  }

  /**
   * The weights, `nInputs×nNeurons`: column `n` holds neuron `n`'s weights.
   * Assigning checks the shape and the numbers (the matrix is used as-is, not copied).
   * Optimizers update it in place.
   *
   * @throws RangeError when assigned a matrix of another shape, or one holding NaN or ±Infinity
   */
  get weights(): Matrix {
    return this._weights;
  }
  set weights(value: Matrix) {
    this._weights = this.checkParameter("weights", value, this.nInputs, this.nNeurons);
  }

  /**
   * The biases, `1×nNeurons`: one per neuron, zeros at first.
   * Assigning checks the shape and the numbers (the matrix is used as-is, not copied).
   *
   * @throws RangeError when assigned a matrix of another shape, or one holding NaN or ±Infinity
   */
  get biases(): Matrix {
    return this._biases;
  }
  set biases(value: Matrix) {
    this._biases = this.checkParameter("biases", value, 1, this.nNeurons);
  }

  /** From the most recent {@link Dense.backward}: the gradient with respect to `weights` (`nInputs×nNeurons`). */
  get dweights(): Matrix {
    return this.made(this._dweights, "dweights", "backward");
  }

  /** From the most recent {@link Dense.backward}: the gradient with respect to `biases` (`1×nNeurons`). */
  get dbiases(): Matrix {
    return this.made(this._dbiases, "dbiases", "backward");
  }

  /**
   * The forward pass: `inputs · weights + biases`, one output row per input row.
   * Keeps `inputs` and the result in {@link Dense.inputs} and {@link Dense.output}.
   *
   * @param inputs - a batch, one sample per row, `batch×nInputs`
   * @returns `batch×nNeurons`
   * @throws RangeError if `inputs` does not have `nInputs` columns, e.g.
   *   `Dense(4→3).forward: expected inputs with 4 columns, got 5`, or holds NaN or ±Infinity
   */
  forward(inputs: Matrix, options?: ForwardOptions): Matrix {
    const where = `${this.name}.forward`;
    const trusted = options?.reuseBuffers === true;
    requireMatrix(where, "inputs", inputs);
    if (inputs.cols !== this.nInputs) {
      throw new RangeError(
        `${where}: expected inputs with ${this.nInputs} columns, got ${inputs.cols} ` +
          `(inputs are ${shapeText(inputs.rows, inputs.cols)}, one sample per row)`,
      );
    }
    const out = this.target("output", inputs.rows, this.nNeurons, trusted);
    matmul(inputs.data, this._weights.data, out.data, inputs.rows, this.nInputs, this.nNeurons);
    // Add the biases to every row in place: no second matrix needed.
    const o = out.data;
    const b = this._biases.data;
    const n = this.nNeurons;
    for (let i = 0; i < inputs.rows; i++) {
      const off = i * n;
      for (let j = 0; j < n; j++) o[off + j] += b[j];
    }
    if (!trusted) this.checkForward(where, inputs, out);
    this.lastInputs = inputs;
    this.lastOutput = out;
    return out;
  }

  /**
   * The checks of a plain forward pass, with the errors of "inputs first, then the result" but
   * scanning only the smaller side. Either the inputs and parameters are scanned, and their
   * largest entries show the output cannot overflow; or only the output is: a NaN or ±Infinity
   * in row i of the inputs makes every entry of output row i non-finite, so a finite output
   * means finite inputs. Only when something is non-finite are both looked at, to name it.
   */
  private checkForward(where: string, inputs: Matrix, out: Matrix): void {
    const w = this._weights.data;
    const b = this._biases.data;
    if (inputs.data.length + w.length + b.length < out.data.length) {
      const bound = this.nInputs * maxAbsOrInfinity(inputs.data) * maxAbsOrInfinity(w) + maxAbsOrInfinity(b);
      if (bound < SAFE_BOUND) return;
    } else if (firstNonFinite(out.data) < 0) {
      return;
    }
    requireFiniteMatrix(where, "inputs", inputs);
    requireFiniteResult(where, "the output", out, () => this.overflowCause("inputs"));
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
   * The products with a transpose read the matrix across instead of building the transpose.
   *
   * @returns (and keeps in {@link Dense.dinputs}) the gradient with respect to the inputs; also
   *   keeps {@link Dense.dweights} and {@link Dense.dbiases}
   * @throws Error `Dense(4→3).output: run forward first` before any forward pass;
   *   RangeError if `dvalues` is not the output's shape (`batch×nNeurons`) or not finite
   */
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix {
    return this.backwardPass(dvalues, options, true) as Matrix;
  }

  /**
   * The backward pass for the parameters only: {@link Dense.dweights} and {@link Dense.dbiases},
   * without `dinputs = dvalues · weightsᵀ` — a third of the work. `trainStep` and `Model.fit`
   * call it for a network's first layer, whose input gradient nothing uses. Reading
   * {@link Dense.dinputs} afterwards is an error that says so.
   */
  backwardParameters(dvalues: Matrix, options?: BackwardOptions): void {
    this.backwardPass(dvalues, options, false);
  }

  get dinputs(): Matrix {
    if (this.inputGradientSkipped) {
      throw new Error(`${this.name}.dinputs: not computed — the last backward pass was backwardParameters (the first layer in trainStep and Model.fit), which skips it`);
    }
    return super.dinputs;
  }

  private inputGradientSkipped = false;

  private backwardPass(dvalues: Matrix, options: BackwardOptions | undefined, withInputs: boolean): Matrix | undefined {
    const where = `${this.name}.backward`;
    const trusted = options?.reuseBuffers === true;
    this.beginBackward(dvalues, true); // dvalues' numbers are checked below, through dbiases
    const inputs = this.inputs;
    const batch = dvalues.rows;
    const dweights = this.target("dweights", this.nInputs, this.nNeurons, trusted);
    matmulTransposeA(inputs.data, dvalues.data, dweights.data, this.nInputs, batch, this.nNeurons);
    const dbiases = this.target("dbiases", 1, this.nNeurons, trusted);
    columnSumsInto(dvalues, dbiases.data);
    let dinputs: Matrix | undefined;
    if (withInputs) {
      dinputs = this.target("dinputs", batch, this.nInputs, trusted);
      matmulTransposeB(dvalues.data, this._weights.data, dinputs.data, batch, this.nNeurons, this.nInputs);
    }
    // The penalties are part of the loss, so their gradients join the data's: λ₁·sign(w) + 2λ₂·w.
    addPenaltyGradient(dweights.data, this._weights.data, this.weightRegularizerL1, this.weightRegularizerL2);
    addPenaltyGradient(dbiases.data, this._biases.data, this.biasRegularizerL1, this.biasRegularizerL2);
    if (!trusted) this.checkBackward(where, dvalues, dweights, dbiases, dinputs);
    this._dweights = dweights;
    this._dbiases = dbiases;
    this.lastDinputs = dinputs;
    this.inputGradientSkipped = !withInputs;
    return dinputs;
  }

  /**
   * The checks of a plain backward pass, in the order "dvalues, then dweights, dbiases, dinputs",
   * without a separate scan of dvalues: a NaN or ±Infinity stays non-finite through any sum, so
   * dbiases (the column sums of dvalues) are all finite exactly when dvalues are — or when a sum
   * overflowed, which the dbiases check reports. dinputs is scanned, or, when dvalues and weights
   * are smaller, shown finite by their largest entries.
   */
  private checkBackward(where: string, dvalues: Matrix, dweights: Matrix, dbiases: Matrix, dinputs: Matrix | undefined): void {
    // Finite inputs, weights and dvalues can still multiply or add up past ±1.8e308.
    const cause = (): string => this.overflowCause("dvalues");
    if (firstNonFinite(dbiases.data) >= 0) requireFiniteMatrix(where, "dvalues", dvalues);
    requireFiniteResult(where, "dweights", dweights, cause);
    requireFiniteResult(where, "dbiases", dbiases, cause);
    if (dinputs === undefined) return;
    const w = this._weights.data;
    if (dvalues.data.length + w.length < dinputs.data.length) {
      const bound = this.nNeurons * maxAbsOrInfinity(dvalues.data) * maxAbsOrInfinity(w);
      if (bound < SAFE_BOUND) return;
    }
    requireFiniteResult(where, "dinputs", dinputs, cause);
  }

  /**
   * The penalty this layer adds to the loss: `λ₁·Σ|w| + λ₂·Σw²` over the weights, and the same with
   * the bias strengths over the biases (0 when no regularizer is set).
   */
  regularizationLoss(): number {
    return penalty(this._weights.data, this.weightRegularizerL1, this.weightRegularizerL2) + penalty(this._biases.data, this.biasRegularizerL1, this.biasRegularizerL2);
  }

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

/** The starting weights for each `init` (see {@link DenseOptions.init}). */
function initialWeights(nInputs: number, nNeurons: number, rng: Random, init: "normal" | "glorot" | "he", weightScale: number): Matrix {
  if (init === "he") return randn(nInputs, nNeurons, rng).scale(Math.sqrt(2 / nInputs));
  if (init === "glorot") {
    const limit = Math.sqrt(6 / (nInputs + nNeurons));
    const w = new Matrix(nInputs, nNeurons);
    for (let p = 0; p < w.data.length; p++) w.data[p] = rng.uniform(-limit, limit);
    return w;
  }
  return randn(nInputs, nNeurons, rng).scale(weightScale);
}

/** `λ₁·Σ|v| + λ₂·Σv²`. */
function penalty(values: Float64Array, l1: number, l2: number): number {
  if (l1 === 0 && l2 === 0) return 0;
  let abs = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    abs += Math.abs(values[i]);
    squares += values[i] * values[i];
  }
  return l1 * abs + l2 * squares;
}

/** Adds the penalties' gradient `λ₁·sign(v) + 2λ₂·v` to `grad` (sign(0) = 0: at 0, |v| has no slope to follow). */
function addPenaltyGradient(grad: Float64Array, values: Float64Array, l1: number, l2: number): void {
  if (l1 === 0 && l2 === 0) return;
  for (let i = 0; i < values.length; i++) grad[i] += l1 * Math.sign(values[i]) + 2 * l2 * values[i];
}

/** Adds up each column of `m` into `out` (same order as `Matrix.columnSums`: row after row). */
function columnSumsInto(m: Matrix, out: Float64Array): void {
  const { rows, cols, data } = m;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[off + j];
  }
}
