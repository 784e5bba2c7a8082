/**
 * Saving and loading models: the round trip predicts bit for bit the same, every bad file gets an
 * error naming the file and the place, and a fuzz of mutated files never crashes, hangs or loads a
 * model that predicts non-finite numbers.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Adam,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  Matrix,
  MeanSquaredError,
  Model,
  ModelFormatError,
  Random,
  randn,
  ReLU,
  SGD,
  Softmax,
  spiralData,
} from "../../src/index.js";

function trainedModel(): Model {
  const rng = new Random(0);
  const { X, y } = spiralData(20, 3, rng);
  const model = new Model({
    layers: [new Dense(2, 16, { rng, weightRegularizerL2: 5e-4 }), new ReLU(), new Dropout(0.1, { rng }), new Dense(16, 3, { rng }), new Softmax()],
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
  });
  model.fit(X, y, { epochs: 20, verbose: false });
  return model;
}

describe("save and load", () => {
  const X = randn(50, 2, new Random(9));

  it("toJSON → JSON text → fromJSON predicts bit for bit the same", () => {
    const model = trainedModel();
    const json = model.toJSON();
    expect(json.format).toBe("nn-from-scratch/model");
    expect(json.version).toBe(1);
    expect(json.layers.map((l) => l.type)).toEqual(["Dense", "ReLU", "Dropout", "Dense", "Softmax"]);
    expect(json.layers[0].params!.weights.shape).toEqual([2, 16]);
    expect(json.optimizer).toEqual({ type: "Adam", config: { learningRate: 0.05, decay: 5e-7, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 } });
    const again = Model.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(Array.from(again.predict(X).data)).toEqual(Array.from(model.predict(X).data));
    expect((again.layers[0] as Dense).weightRegularizerL2).toBe(5e-4);
    expect(again.summary()).toBe(model.summary());
  });

  it("save writes a file that load reads back, bit for bit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-save-"));
    const model = trainedModel();
    const file = join(dir, "models", "spiral.json");
    await model.save(file);
    const again = await Model.load(file);
    expect(Array.from(again.predict(X).data)).toEqual(Array.from(model.predict(X).data));
    expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("nn-from-scratch/model");
  });

  it("every bad file gets an error naming the file and the place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-bad-"));
    const good = trainedModel().toJSON();
    const write = (name: string, content: string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const mutate = (f: (j: any) => void) => {
      const j = JSON.parse(JSON.stringify(good));
      f(j);
      return JSON.stringify(j);
    };
    const cases: Array<[string, string, RegExp]> = [
      ["not-json.json", "{ oops", /not-json\.json: not valid JSON/],
      ["other.json", JSON.stringify({ format: "keras", version: 1 }), /other\.json: format: expected "nn-from-scratch\/model", got "keras"/],
      ["v2.json", mutate((j) => (j.version = 2)), /v2\.json: version: expected 1, got 2/],
      ["unknown.json", mutate((j) => (j.layers[1].type = "Conv2D")), /unknown\.json: layers\[1\]\.type: unknown layer type "Conv2D"/],
      ["shape.json", mutate((j) => (j.layers[3].params.weights.shape = [3, 16])), /shape\.json: layers\[3\]\.params\.weights: expected 16×3, got 3×16/],
      ["missing.json", mutate((j) => j.layers[0].params.weights.data.pop()), /missing\.json: layers\[0\]\.params\.weights\.data: expected 32 numbers \(2×16\), got 31/],
      ["nan.json", mutate((j) => (j.layers[0].params.biases.data[3] = "NaN")), /nan\.json: layers\[0\]\.params\.biases\.data\[3\]: expected a finite number, got "NaN"/],
      ["null.json", mutate((j) => (j.layers[3].params.weights.data[0] = null)), /null\.json: layers\[3\]\.params\.weights\.data\[0\]: expected a finite number, got null/],
      ["rate.json", mutate((j) => (j.layers[2].config.rate = 1)), /rate\.json: layers\[2\]\.config: Dropout: expected rate to be a number in \[0, 1\)/],
      ["width.json", mutate((j) => { j.layers[3].config.nInputs = 8; j.layers[3].params.weights.shape = [8, 3]; j.layers[3].params.weights.data = j.layers[3].params.weights.data.slice(0, 24); }), /width\.json: layers: Model: Dense\(8→3\) \(layers\[3\]\) takes 8 inputs, but Dense\(2→16\) \(layers\[0\]\) gives 16/],
    ];
    for (const [name, content, message] of cases) {
      await expect(Model.load(write(name, content)), name).rejects.toThrow(message);
    }
    await expect(Model.load(join(dir, "nowhere.json"))).rejects.toThrow(/Model\.load: cannot read .*nowhere\.json/);
    expect(() => Model.fromJSON(null)).toThrow(ModelFormatError);
  });

  it("loading never evaluates anything from the file: a __proto__ or constructor type is just unknown", () => {
    const j = JSON.parse(JSON.stringify(trainedModel().toJSON()));
    j.layers[1].type = "constructor";
    expect(() => Model.fromJSON(j)).toThrow(/layers\[1\]\.type: unknown layer type "constructor"/);
    j.layers[1].type = "__proto__";
    expect(() => Model.fromJSON(j)).toThrow(/unknown layer type "__proto__"/);
    j.layers[1].type = "ReLU";
    j.loss.type = "toString";
    expect(() => Model.fromJSON(j)).toThrow(/loss\.type: unknown loss "toString"/);
  });

  it("fuzz: a mutated file either loads a model that predicts finite numbers or throws a clear error", () => {
    const rng = new Random(1);
    const small = new Model({ layers: [new Dense(2, 3, { rng }), new ReLU(), new Dense(3, 2, { rng })], loss: new MeanSquaredError(), optimizer: new SGD(), accuracy: { regression: 0.1 } });
    const text = JSON.stringify(small.toJSON());
    const probe = Matrix.from([[0.5, -1], [2, 3]]);
    const replacements = fc.oneof(
      fc.constantFrom("", "null", "[]", "{}", "0", "-1", "1e400", "\"x\"", "NaN", "true", "]", "}", ",", "\"Dense\"", "\"ReLU\"", "2", "3"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.nat(6), replacements, (at, cut, insert) => {
        const mutated = text.slice(0, at) + insert + text.slice(at + cut);
        let model: Model;
        try {
          let parsed: unknown;
          try {
            parsed = JSON.parse(mutated);
          } catch {
            return; // not JSON: Model.load's "not valid JSON" (tested above)
          }
          model = Model.fromJSON(parsed);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^(\S+: |Model|Dense|Dropout|layers|format|version|loss|optimizer|accuracy)/);
          expect((error as Error).name).toMatch(/ModelFormatError|RangeError|TypeError/);
          return;
        }
        const out = model.predict(probe);
        expect(out.rows).toBe(2);
        expect(Array.from(out.data).every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
