/**
 * Data for testing and validation: shuffling samples with their labels, splitting off a test (or
 * validation) set, and scaling features with statistics of the training data only.
 */
import { describe, requireMatrix, requireOptions } from "./internal/validate.js";
import { Matrix } from "./matrix.js";
import { Random } from "./random.js";

/** Targets that travel with the samples: class indices, or one row of targets per sample. */
export type Targets = readonly number[] | Matrix;

/** Samples and their targets, row for row. */
export interface Dataset<T extends Targets = Targets> {
  X: Matrix;
  y: T;
}

function requirePair(where: string, X: Matrix, y: Targets): void {
  requireMatrix(where, "X", X);
  const n = Array.isArray(y) ? y.length : y instanceof Matrix ? y.rows : -1;
  if (n < 0) throw new TypeError(`${where}: expected y as class indices (number[]) or a Matrix of targets, got ${describe(y)}`);
  if (n !== X.rows) throw new RangeError(`${where}: X has ${X.rows} samples (rows) but y has ${n} — give one target per sample`);
}

function requireRng(where: string, rng: unknown): asserts rng is Random {
  if (!(rng instanceof Random)) throw new TypeError(`${where}: expected options.rng to be a Random (e.g. new Random(0)), got ${describe(rng)}`);
}

/** The rows `order[0], order[1], …` of `X` and `y`. */
export function takeRows<T extends Targets>(X: Matrix, y: T, order: readonly number[]): Dataset<T> {
  const cols = X.cols;
  const out = new Matrix(order.length, cols);
  order.forEach((r, i) => out.data.set(X.data.subarray(r * cols, (r + 1) * cols), i * cols));
  let picked: Targets;
  if (Array.isArray(y)) picked = order.map((r) => (y as readonly number[])[r]);
  else {
    const m = y as Matrix;
    const t = new Matrix(order.length, m.cols);
    order.forEach((r, i) => t.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
    picked = t;
  }
  return { X: out, y: picked as T };
}

/**
 * The samples in a random order, each still with its own target (new matrices; the inputs stay as
 * they are). Spiral data comes grouped by class: shuffle before taking batches from it.
 *
 * @example
 * ```ts
 * const shuffled = shuffle(X, y, { rng: new Random(0) });
 * ```
 */
export function shuffle<T extends Targets>(X: Matrix, y: T, options: { rng: Random }): Dataset<T> {
  const where = "shuffle";
  requirePair(where, X, y);
  const { rng } = requireOptions(where, options, ["rng"], "{ rng: new Random(0) }");
  requireRng(where, rng);
  return takeRows(X, y, rng.permutation(X.rows));
}

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** The share of samples set aside, strictly between 0 and 1 (e.g. 0.2). */
  testFraction: number;
  /** Where the random choice comes from. */
  rng: Random;
  /**
   * Keep each class's share the same on both sides (default: true for class indices; not
   * possible for a Matrix of targets, which is split without it).
   */
  stratify?: boolean;
}

/**
 * Splits samples into a training set and a test (or validation) set, at random but reproducibly.
 *
 * **Stratified** by default for class labels: each class is split on its own, `round(count ·
 * testFraction)` of its samples going to the test side, so both sides keep the classes' proportions
 * (a 100/100/100 spiral with `testFraction: 0.2` gives exactly 20 test points per class). Within
 * each side the samples keep a random order. Every sample lands on exactly one side.
 *
 * @throws RangeError if `testFraction` is not strictly between 0 and 1, or leaves a side empty;
 *   if X and y have different numbers of samples
 *
 * @example
 * ```ts
 * const { train, test } = trainTestSplit(X, y, { testFraction: 0.2, rng: new Random(0) });
 * ```
 */
export function trainTestSplit<T extends Targets>(X: Matrix, y: T, options: SplitOptions): { train: Dataset<T>; test: Dataset<T> } {
  const where = "trainTestSplit";
  requirePair(where, X, y);
  const { testFraction, rng, stratify } = requireOptions(where, options, ["testFraction", "rng", "stratify"], "{ testFraction: 0.2, rng: new Random(0) }") as Partial<SplitOptions>;
  requireRng(where, rng);
  if (typeof testFraction !== "number" || !(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`${where}: expected testFraction strictly between 0 and 1 (e.g. 0.2), got ${describe(testFraction)}`);
  }
  if (stratify !== undefined && typeof stratify !== "boolean") throw new TypeError(`${where}: expected stratify to be true or false, got ${describe(stratify)}`);
  const byClass = Array.isArray(y) && stratify !== false;
  const groups = new Map<number, number[]>();
  if (byClass) {
    (y as readonly number[]).forEach((label, r) => {
      if (typeof label !== "number" || !Number.isInteger(label)) throw new RangeError(`${where}: to stratify, y must hold class indices; y[${r}] is ${describe(label)} (pass stratify: false)`);
      (groups.get(label) ?? groups.set(label, []).get(label)!).push(r);
    });
  } else groups.set(0, Array.from({ length: X.rows }, (_, r) => r));
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (const label of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = groups.get(label)!;
    const order = rng.permutation(rows.length).map((i) => rows[i]);
    const nTest = Math.round(rows.length * testFraction);
    testRows.push(...order.slice(0, nTest));
    trainRows.push(...order.slice(nTest));
  }
  if (testRows.length === 0 || trainRows.length === 0) {
    const side = testRows.length === 0 ? "test" : "training";
    throw new RangeError(`${where}: testFraction ${testFraction} of ${X.rows} samples leaves the ${side} set empty; use more samples or another fraction`);
  }
  // Mix the classes within each side (the loop above grouped them).
  const mix = (rows: number[]) => rng.permutation(rows.length).map((i) => rows[i]);
  return { train: takeRows(X, y, mix(trainRows)), test: takeRows(X, y, mix(testRows)) };
}

/** A feature scaling fitted on training data, to apply unchanged to every other set. */
export interface Scaler {
  /** Per-feature offset subtracted first (a 1×features row). */
  readonly shift: Matrix;
  /** Per-feature divisor applied next (a 1×features row). */
  readonly scale: Matrix;
  /** `(X − shift) / scale`, feature by feature; a new matrix. */
  transform(X: Matrix): Matrix;
}

function makeScaler(where: string, shift: Float64Array, scale: Float64Array): Scaler {
  const cols = shift.length;
  return {
    shift: new Matrix(1, cols, shift),
    scale: new Matrix(1, cols, scale),
    transform(X: Matrix): Matrix {
      requireMatrix(`${where}.transform`, "X", X);
      if (X.cols !== cols) throw new RangeError(`${where}.transform: fitted on ${cols} features (columns), got X with ${X.cols}`);
      const out = new Matrix(X.rows, cols);
      for (let i = 0; i < X.rows; i++) {
        for (let j = 0; j < cols; j++) out.data[i * cols + j] = (X.data[i * cols + j] - shift[j]) / scale[j];
      }
      return out;
    },
  };
}

/**
 * Standardization fitted on `X` (the training data): each feature gets mean 0 and standard
 * deviation 1 — `(x − mean) / std`. A feature that never varies is only shifted (std taken as 1).
 * Fit on the training set, then `transform` the validation and test sets with the SAME numbers:
 * statistics of the test data must not leak into training.
 *
 * @example
 * ```ts
 * const scaler = standardize(train.X);
 * const Xtrain = scaler.transform(train.X), Xtest = scaler.transform(test.X);
 * ```
 */
export function standardize(X: Matrix): Scaler {
  const where = "standardize";
  requireMatrix(where, "X", X);
  if (X.rows === 0) throw new RangeError(`${where}: expected at least one sample to fit on, got ${X.rows}×${X.cols}`);
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (data[i * cols + j] - mean[j]) ** 2;
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j] / rows) || 1;
  return makeScaler(where, mean, std);
}

/**
 * Min–max scaling fitted on `X` (the training data): each feature's training range is mapped onto
 * `[low, high]` (default `[-1, 1]`, the book's choice for pixel values) — `low + (x − min)·(high − low)/(max − min)`.
 * Values outside the training range land outside `[low, high]`; that is expected for new data.
 */
export function minMaxScale(X: Matrix, range: readonly [number, number] = [-1, 1]): Scaler {
  const where = "minMaxScale";
  requireMatrix(where, "X", X);
  if (X.rows === 0) throw new RangeError(`${where}: expected at least one sample to fit on, got ${X.rows}×${X.cols}`);
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new RangeError(`${where}: expected range [low, high] with low < high, got ${describe(range)}`);
  }
  const [low, high] = range;
  const { rows, cols, data } = X;
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      min[j] = Math.min(min[j], data[i * cols + j]);
      max[j] = Math.max(max[j], data[i * cols + j]);
    }
  }
  // (x − min)/(max − min)·(high − low) + low  =  (x − shift) / scale
  const shift = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const width = max[j] - min[j] || 1;
    scale[j] = width / (high - low);
    shift[j] = min[j] - low * scale[j];
  }
  return makeScaler(where, shift, scale);
}
