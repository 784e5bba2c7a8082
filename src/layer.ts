/**
 * The training core's layer: what every part of a network (`Dense`, the activations, `Dropout`)
 * has in common — a name, a forward pass, a backward pass, and the parameters it trains.
 */
import { requireBackward } from "./activations/common.js";
import { Matrix } from "./matrix.js";
import type { Parameter } from "./parameter.js";

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Training (the default when a layer is called directly) or inference (`false`: e.g. Dropout off). */
  training?: boolean;
  /**
   * For training loops: write the result into the layer's own buffer, reused from the last pass
   * with this option while the batch size stays the same, instead of a new matrix. The result is
   * then overwritten by the next such pass — copy (`clone()`) what you want to keep. Plain calls
   * never overwrite a matrix they returned before. The loop checks its batch once, so layers
   * skip their own finiteness scans on this path (the loss and the optimizer check what comes out).
   */
  reuseBuffers?: boolean;
}

/** Options of a backward pass. */
export interface BackwardOptions {
  /** As {@link ForwardOptions.reuseBuffers}: gradients go into the layer's own reused buffers. */
  reuseBuffers?: boolean;
}

/**
 * A part of a network. `forward` maps a batch (one sample per row) to outputs; `backward` takes
 * the gradient of the loss with respect to those outputs, fills every parameter's `grad`, and
 * returns the gradient with respect to the inputs, for the layer before.
 */
export interface Layer {
  /** For messages and summaries: `"Dense(4→3)"`, `"ReLU"`. */
  readonly name: string;
  forward(inputs: Matrix, options?: ForwardOptions): Matrix;
  backward(dvalues: Matrix, options?: BackwardOptions): Matrix;
  /**
   * Optional: the backward pass without the gradient with respect to the inputs — only the
   * parameters' `grad`s. A network's first layer's input gradient would be the data's, which
   * nothing uses, so `trainStep` and `Model.fit` call this for the first layer when it has it
   * (for `Dense` it saves a third of the layer's backward work).
   */
  backwardParameters?(dvalues: Matrix, options?: BackwardOptions): void;
  /** The trainable parameters — the same objects on every call; `[]` for a layer with none. */
  params(): Parameter[];
}

/**
 * What the layers share: the last pass's `inputs`, `output` and `dinputs` (reading one before the
 * pass that makes it is a clear error, not `undefined`), and buffers reused by training loops.
 */
export abstract class BaseLayer implements Layer {
  /** For messages: the class's name (`"ReLU"`); layers with sizes say more (`"Dense(4→3)"`). */
  get name(): string {
    return this.constructor.name;
  }
  protected lastInputs: Matrix | undefined = undefined;
  protected lastOutput: Matrix | undefined = undefined;
  protected lastDinputs: Matrix | undefined = undefined;
  private readonly buffers = new Map<string, Matrix>();

  abstract forward(inputs: Matrix, options?: ForwardOptions): Matrix;
  abstract backward(dvalues: Matrix, options?: BackwardOptions): Matrix;

  /** The layer's trainable parameters; none unless the layer says otherwise. */
  params(): Parameter[] {
    return [];
  }

  /** The batch most recently passed to `forward` (kept for the backward pass). */
  get inputs(): Matrix {
    return this.made(this.lastInputs, "inputs", "forward");
  }

  /** The result of the most recent `forward`. */
  get output(): Matrix {
    return this.made(this.lastOutput, "output", "forward");
  }

  /** The result of the most recent `backward`: the gradient of the loss with respect to `inputs`. */
  get dinputs(): Matrix {
    return this.made(this.lastDinputs, "dinputs", "backward");
  }

  /** `value`, or the error that says which pass makes it. */
  protected made(value: Matrix | undefined, what: string, pass: "forward" | "backward"): Matrix {
    if (value === undefined) throw new Error(`${this.name}.${what}: run ${pass} first (it is made by ${pass})`);
    return value;
  }

  /** The checks every backward starts with (forward has run; dvalues fit the output); returns the output. */
  protected beginBackward(dvalues: Matrix, trusted = false): Matrix {
    return requireBackward(`${this.name}.backward`, this.lastOutput, dvalues, !trusted);
  }

  /**
   * A `rows×cols` matrix to write a result into: with `reuse`, the layer's buffer for `slot` and this
   * batch size (made once); otherwise a new matrix, never one handed out before.
   */
  protected target(slot: string, rows: number, cols: number, reuse: boolean | undefined): Matrix {
    if (!reuse) return new Matrix(rows, cols);
    // One buffer per slot and batch size: an epoch's short last batch does not evict the full-size one.
    const key = `${slot}/${rows}`;
    const buffer = this.buffers.get(key);
    if (buffer !== undefined && buffer.cols === cols) return buffer;
    const fresh = new Matrix(rows, cols);
    this.buffers.set(key, fresh);
    return fresh;
  }
}
