/**
 * What every optimizer shares: the learning rate and its decay, the step counter, the checks on
 * its options and on the parameters it is given, and per-parameter state (momentums, caches).
 * Each optimizer only writes its update rule (`update`), as the nnfs book does.
 */
import { stateArray } from "../kernels/backend.js";
import { describe, firstNonFinite, requireOptions } from "../internal/validate.js";
import type { Matrix } from "../matrix.js";
import { parameterLabel, type Parameter } from "../parameter.js";

/** The options every optimizer takes. */
export interface OptimizerOptions {
  /** The step size at the start. */
  learningRate?: number;
  /** Learning-rate decay: step t uses `learningRate / (1 + decay · t)`; default 0 (no decay). */
  decay?: number;
}

/**
 * The base of {@link SGD}, {@link Adagrad}, {@link RMSprop} and {@link Adam}: one {@link Optimizer.step}
 * updates every parameter in place from its gradient.
 */
export abstract class Optimizer {
  /** The learning rate of step 0. */
  readonly learningRate: number;
  /** How fast the learning rate decays (0: it stays the same). */
  readonly decay: number;
  /** Steps taken so far. */
  iterations = 0;
  /** Per-parameter state (momentums, caches), made on a parameter's first step. */
  private readonly states = new Map<Parameter, Float64Array[]>();

  protected constructor(
    /** The optimizer's name in messages: `"Adam"`. */
    readonly name: string,
    options: OptimizerOptions,
    defaultLearningRate: number,
  ) {
    requireOptionsObject(name, options);
    this.learningRate = option(name, options, "learningRate", defaultLearningRate, "a finite number ≥ 0", (x) => x >= 0);
    this.decay = option(name, options, "decay", 0, "a finite number ≥ 0", (x) => x >= 0);
  }

  /** The learning rate the next step uses: `learningRate / (1 + decay · iterations)`. */
  get currentLearningRate(): number {
    return this.learningRate * (1 / (1 + this.decay * this.iterations));
  }

  /**
   * One update of every parameter, in place, from its gradient (nnfs's `pre_update_params`,
   * `update_params` for each, `post_update_params`).
   *
   * @throws Error naming the optimizer and the parameter when a gradient is missing (no backward
   *   yet), has another shape than its value, or holds NaN or ±Infinity — nothing is updated then;
   *   and when an update overflows to a non-finite value (lower the learning rate)
   */
  step(params: Iterable<Parameter>): void {
    const list = [...params];
    const grads = list.map((param) => this.checkedGrad(param));
    const learningRate = this.currentLearningRate;
    for (let p = 0; p < list.length; p++) {
      const value = list[p].value.data;
      this.update(value, grads[p].data, this.stateOf(list[p]), learningRate);
      const i = firstNonFinite(value);
      if (i >= 0) {
        throw new RangeError(
          `${this.name}.step ${this.iterations}: the update made ${parameterLabel(list[p])} ${value[i]} at entry ${i} — ` +
            `the step was too large; lower the learning rate`,
        );
      }
    }
    this.iterations++;
  }

  /** How many state arrays (each the size of a parameter) this optimizer keeps per parameter. */
  protected abstract readonly stateCount: number;

  /**
   * Updates `value` in place from `grad`, with this parameter's `state` arrays (zeros at first).
   * `learningRate` is the decayed rate of this step; `this.iterations` is the step's index t.
   */
  protected abstract update(value: Float64Array, grad: Float64Array, state: Float64Array[], learningRate: number): void;

  private stateOf(param: Parameter): Float64Array[] {
    let state = this.states.get(param);
    if (state === undefined || (state.length > 0 && state[0].length !== param.value.data.length)) {
      state = Array.from({ length: this.stateCount }, () => stateArray(param.value.data.length));
      this.states.set(param, state);
    }
    return state;
  }

  private checkedGrad(param: Parameter): Matrix {
    const where = `${this.name}.step`;
    if (param === null || typeof param !== "object" || !("value" in param)) {
      throw new TypeError(`${where}: expected parameters ({ name, value, grad }, e.g. layer.params()), got ${String(param)}`);
    }
    const label = parameterLabel(param);
    let grad: Matrix;
    try {
      grad = param.grad;
    } catch (error) {
      throw new Error(`${where}: ${label} has no gradient yet (${(error as Error).message})`);
    }
    if (grad === undefined || grad === null) {
      throw new Error(`${where}: ${label} has no gradient yet — run backward before step`);
    }
    const value = param.value;
    if (grad.rows !== value.rows || grad.cols !== value.cols) {
      throw new RangeError(
        `${where}: ${label} has a ${grad.rows}×${grad.cols} gradient for a ${value.rows}×${value.cols} value — they must have the same shape`,
      );
    }
    const i = firstNonFinite(grad.data);
    if (i >= 0) {
      const row = Math.floor(i / grad.cols);
      throw new RangeError(`${where}: ${label}'s gradient holds ${grad.data[i]} at [${row}, ${i - row * grad.cols}] — nothing was updated`);
    }
    return grad;
  }
}

/** Throws unless `options` is a plain options object (its keys are checked by each optimizer). */
function requireOptionsObject(name: string, options: unknown): void {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    requireOptions(`new ${name}`, options, [], "{ learningRate: 0.01 }");
  }
}

/**
 * Reads one numeric option, with its default, and checks it.
 *
 * @internal used by the optimizers
 */
export function option(
  name: string,
  options: object,
  key: string,
  fallback: number,
  expected: string,
  ok: (x: number) => boolean,
): number {
  const value = (options as Record<string, unknown>)[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value)) {
    throw new RangeError(`new ${name}: expected ${key} to be ${expected}, got ${describe(value)}`);
  }
  return value;
}

/** Checks that an options object only has known keys (a misspelt option is an error, not ignored). */
export function requireKnownOptions(name: string, options: object, known: readonly string[]): void {
  requireOptions(`new ${name}`, options, known, "{ learningRate: 0.01 }");
}
