/**
 * examples/classify-digits.mjs, run as a user runs it (`node examples/classify-digits.mjs model.json
 * a.png …`, the library from dist/): test digits written as 28×28 PNGs get the digit and
 * probability that `model.predict` gives for the same 8-bit pixels — grey white-on-black as is,
 * RGB dark-on-light inverted; a missing file, a 30×30 PNG and a file that is no PNG get a message
 * naming the file and exit code 1.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Adam, CategoricalCrossentropy, Dense, loadMnist, Matrix, Model, Random, ReLU, Softmax } from "../../src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = join(root, "examples", "classify-digits.mjs");

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A PNG of `pixels` (row-major, grey levels 0–255), stored as grey or as RGB. */
function png(width: number, height: number, grey: readonly number[], colorType: 0 | 2): Buffer {
  const image = new PNG({ width, height });
  grey.forEach((v, k) => image.data.set([v, v, v, 255], 4 * k));
  return PNG.sync.write(image, { colorType });
}

describe("examples/classify-digits.mjs", () => {
  const dir = mkdtempSync(join(tmpdir(), "nn-classify-digits-"));
  const modelFile = join(dir, "digits.json");
  let model: Model;
  /** Three test digits as 8-bit grey levels, white on black as in MNIST. */
  let levels: number[][];

  beforeAll(async () => {
    const rng = new Random(3);
    const { train, test } = loadMnist({ train: 500, test: 3 });
    model = new Model({
      layers: [new Dense(784, 32, { rng }), new ReLU(), new Dense(32, 10, { rng }), new Softmax()],
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.005 }),
    });
    model.fit(train.X, train.y, { epochs: 2, batchSize: 32, shuffle: true, rng, verbose: false });
    await model.save(modelFile);
    levels = [0, 1, 2].map((i) => test.X.row(i).map((v) => Math.round(v * 255)));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What the script should print for a digit: the model's answer on the PNG's own 8-bit pixels. */
  function expectedLine(file: string, grey: readonly number[], note = ""): string {
    const p = model.predict(Matrix.from([grey.map((v) => v / 255)])).row(0);
    const digit = p.indexOf(Math.max(...p));
    return `${file}: ${digit} (probability ${p[digit].toFixed(4)})${note}`;
  }

  it("prints each file's predicted digit and probability, as model.predict gives them", () => {
    const files = levels.map((grey, i) => {
      const file = join(dir, `digit-${i}.png`);
      writeFileSync(file, png(28, 28, grey, 0));
      return file;
    });
    const { status, stdout, stderr } = run(modelFile, ...files);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.trimEnd().split("\n")).toEqual(files.map((file, i) => expectedLine(file, levels[i])));
  });

  it("inverts a dark-on-light RGB picture and says so", () => {
    const file = join(dir, "on-paper.png");
    writeFileSync(file, png(28, 28, levels[0].map((v) => 255 - v), 2));
    const { status, stdout } = run(modelFile, file);
    expect(status).toBe(0);
    expect(stdout.trimEnd()).toBe(expectedLine(file, levels[0], " [dark on light: inverted]"));
  });

  it("a missing file: a message naming it, exit code 1", () => {
    const missing = join(dir, "no-such-digit.png");
    const { status, stdout, stderr } = run(modelFile, missing);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(`classify-digits: cannot read ${missing}: no such file`);
  });

  it("a 30×30 PNG: a message naming its size and the size expected, exit code 1", () => {
    const big = join(dir, "big.png");
    writeFileSync(big, png(30, 30, new Array(900).fill(0), 0));
    const { status, stderr } = run(modelFile, big);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`classify-digits: ${big} is 30×30 pixels; expected 28×28, the size of MNIST's digits — resize it first`);
  });

  it("classifies the good files and still exits 1 when another is bad; a file that is no PNG is named", () => {
    const good = join(dir, "good.png");
    writeFileSync(good, png(28, 28, levels[1], 0));
    const text = join(dir, "notes.png");
    writeFileSync(text, "not a picture");
    const { status, stdout, stderr } = run(modelFile, text, good);
    expect(status).toBe(1);
    expect(stdout.trimEnd()).toBe(expectedLine(good, levels[1]));
    expect(stderr).toMatch(new RegExp(`^classify-digits: cannot read ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not a readable PNG`));
  });

  it("without a model or files: the usage line, exit code 1", () => {
    const { status, stderr } = run();
    expect(status).toBe(1);
    expect(stderr).toContain("usage: node examples/classify-digits.mjs model.json digit.png");
  });
});
