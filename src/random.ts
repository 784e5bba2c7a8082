/**
 * Chapter 04 — seeded random numbers, so every number a chapter prints is the same on every run
 * and every machine.
 *
 * The generator is **xoshiro128\*\*** (Blackman & Vigna, 2018, https://prng.di.unimi.it/):
 * 128 bits of state, period 2^128 − 1, built only from 32-bit integer operations
 * (`Math.imul`, shifts, xor), so the integer stream is identical in every JavaScript engine.
 * The 32-bit seed is spread over the four state words by **SplitMix32**: add the golden-ratio
 * constant `0x9e3779b9` to a counter, then mix it with MurmurHash3's finalizer `fmix32`.
 */
import { describe, requireFiniteNumber, requireWholeNumber } from "./internal/validate.js";
import { Matrix } from "./matrix.js";

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * A seeded pseudo-random number generator (xoshiro128\*\* seeded by SplitMix32).
 * Same seed → same numbers, in the same order.
 *
 * `uniform`, `integer` and `shuffle` depend only on integer arithmetic and are identical
 * everywhere. `normal` also uses `Math.log`, `Math.cos` and `Math.sin`, which V8 (Node,
 * Chrome, tslab) computes the same way on every machine; another engine may differ in the last digit.
 *
 * @example
 * ```ts
 * const rng = new Random(0);
 * rng.uniform();        // a number in [0, 1)
 * rng.normal();         // a number from the standard normal distribution
 * rng.integer(0, 10);   // one of 0, 1, …, 9
 * ```
 */
export class Random {
  /** The seed this generator started from. */
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second value of the last Box–Muller pair, waiting to be returned by `normal`. */
  private spareNormal: number | undefined = undefined;

  /**
   * @param seed - a whole number from 0 to 4294967295 (2^32 − 1)
   * @throws RangeError if `seed` is not such a number
   */
  constructor(seed: number) {
    if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(
        `Random: expected the seed to be a whole number from 0 to 4294967295, got ${describe(seed)}`,
      );
    }
    this.seed = seed;
    // SplitMix32: four well-mixed, distinct words (fmix32 is a bijection and the four counters
    // differ, so at most one word is 0 and the state is never all zeros).
    let counter = seed | 0;
    const next = (): number => {
      counter = (counter + 0x9e3779b9) | 0;
      let z = counter;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** The next raw output of xoshiro128\*\*: a whole number from 0 to 2^32 − 1. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /**
   * A number drawn uniformly from `[low, high)`. Each call uses two raw outputs to build a
   * number in `[0, 1)` with 53 random bits (every double `k / 2^53`), then stretches it.
   *
   * @throws RangeError if a bound is not finite or `high < low`
   */
  uniform(low = 0, high = 1): number {
    requireFiniteNumber("Random.uniform", "low", low);
    requireFiniteNumber("Random.uniform", "high", high);
    if (high < low) {
      throw new RangeError(`Random.uniform: expected low ≤ high, got low ${low} and high ${high}`);
    }
    return low + (high - low) * this.unit();
  }

  /**
   * A number from the normal (Gaussian) distribution with the given mean and standard deviation.
   * Uses the Box–Muller transform: two uniform numbers give two independent normal numbers;
   * the second is kept and returned by the next call.
   *
   * @throws RangeError if `mean` is not finite, or `std` is negative or not finite
   */
  normal(mean = 0, std = 1): number {
    requireFiniteNumber("Random.normal", "mean", mean);
    requireFiniteNumber("Random.normal", "std", std);
    if (std < 0) {
      throw new RangeError(`Random.normal: expected std ≥ 0, got ${std}`);
    }
    return mean + std * this.standardNormal();
  }

  /**
   * A whole number drawn uniformly from `low, low + 1, …, high − 1` (`high` excluded, as in
   * NumPy's `randint`). The bias from mapping 53 random bits onto the range is below 2^-20 for
   * any range up to 2^32.
   *
   * @throws RangeError if a bound is not a safe whole number, or `high ≤ low`
   */
  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(
        `Random.integer: expected whole numbers for low and high, got ${describe(low)} and ${describe(high)}`,
      );
    }
    if (high <= low) {
      throw new RangeError(
        `Random.integer: expected low < high (high is excluded), got low ${low} and high ${high}`,
      );
    }
    return low + Math.floor(this.unit() * (high - low));
  }

  /**
   * Shuffles `array` in place (Fisher–Yates, from the last element down) and returns it.
   *
   * @example
   * ```ts
   * new Random(0).shuffle([1, 2, 3, 4, 5]); // the same order on every run
   * ```
   */
  shuffle<T>(array: T[]): T[] {
    if (!Array.isArray(array)) {
      throw new TypeError(`Random.shuffle: expected an array, got ${describe(array)}`);
    }
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.integer(0, i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * The numbers `0, 1, …, n − 1` in a random order — e.g. to shuffle samples and labels together.
   *
   * @throws RangeError if `n` is not a whole number ≥ 0
   */
  permutation(n: number): number[] {
    requireWholeNumber("Random.permutation", "n", n);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** A uniform number in [0, 1) with 53 random bits: the top 27 bits of one output, top 26 of the next. */
  private unit(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  private standardNormal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const u1 = 1 - this.unit(); // in (0, 1], so the logarithm is finite
    const u2 = this.unit();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

/**
 * A `rows×cols` matrix of standard normal numbers drawn from `rng`, filled row by row
 * (like NumPy's `np.random.randn(rows, cols)`).
 *
 * @throws RangeError if a size is not a whole number ≥ 0; TypeError if `rng` is not a {@link Random}
 *
 * @example
 * ```ts
 * const weights = randn(2, 3, new Random(0)).scale(0.01);
 * ```
 */
export function randn(rows: number, cols: number, rng: Random): Matrix {
  requireWholeNumber("randn", "rows", rows);
  requireWholeNumber("randn", "cols", cols);
  if (!(rng instanceof Random)) {
    throw new TypeError(`randn: expected a Random generator as the third argument (e.g. new Random(0)), got ${describe(rng)}`);
  }
  const m = Matrix.zeros(rows, cols);
  for (let p = 0; p < m.data.length; p++) m.data[p] = rng.normal();
  return m;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

