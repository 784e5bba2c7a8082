/**
 * The training pictures: `decisionBoundary` (the class regions a classifier draws) and
 * `trainingChart` (a live loss/accuracy chart: one output, redrawn in place, ending as one chart).
 */
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Matrix } from "../../src/index.js";
import { buildDecisionBoundary, CLASS_COLORS, PLOTLY_EMBED_MARKER, resetPlotlyEmbedding, trainingChart } from "../../src/notebook/index.js";

const require = createRequire(import.meta.url);

describe("decisionBoundary", () => {
  // A classifier worked out by hand: class 0 left of x = 0, class 1 right of it; sure far away.
  const byX = (inputs: Matrix) => {
    const out = new Matrix(inputs.rows, 2);
    for (let r = 0; r < inputs.rows; r++) {
      const x = inputs.data[r * 2];
      out.data[r * 2] = -x; // scores: softmax(−x, x)
      out.data[r * 2 + 1] = x;
    }
    return out;
  };
  const points = [[-1, 0], [1, 0], [-0.5, 1], [0.5, -1]];
  const labels = [0, 1, 0, 1];

  it("colours each grid point by the predicted class: z = class + confidence within [class, class + 1)", () => {
    const chart = buildDecisionBoundary(byX, points, labels, { resolution: 5, padding: 0 });
    const [regions, ...scatter] = chart.figure.data;
    expect(regions.type).toBe("heatmap");
    expect(regions.x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(regions.y).toEqual([-1, -0.5, 0, 0.5, 1]);
    const z = regions.z as number[][];
    for (const row of z) {
      // x = −1: class 0, sure (softmax(1, −1) = 0.881 → depth (0.881 − 0.5)/0.5 = 0.762)
      expect(row[0]).toBeCloseTo((1 / (1 + Math.exp(-2)) - 0.5) / 0.5, 12);
      expect(row[2]).toBe(0); // x = 0: a tie → class 0, confidence 1/2 → depth 0
      expect(Math.floor(row[3])).toBe(1);
      expect(row[4]).toBeCloseTo(1 + (1 / (1 + Math.exp(-2)) - 0.5) / 0.5, 12);
    }
    expect(scatter.map((t) => (t.marker as { color: string }).color)).toEqual([CLASS_COLORS[0], CLASS_COLORS[1]]);
    expect(scatter[0].x).toEqual([-1, -0.5]);
    expect(chart.description).toBe("[decision boundary: 2 classes over a 5×5 grid, 4 points]");
  });

  it("accepts probabilities as they are, a list of layers, or an object with predict", () => {
    const probs = (inputs: Matrix) => {
      const out = new Matrix(inputs.rows, 3);
      for (let r = 0; r < inputs.rows; r++) out.data.set([0.2, 0.7, 0.1], r * 3);
      return out;
    };
    const z = buildDecisionBoundary(probs, points, labels, { resolution: 2 }).figure.data[0].z as number[][];
    // class 1 with p = 0.7 of 3 classes: depth (0.7 − 1/3)/(2/3) = 0.55
    expect(z[0][0]).toBeCloseTo(1.55, 12);
    const layers = [{ forward: (x: Matrix, o?: { training?: boolean }) => { expect(o).toEqual({ training: false }); return probs(x); } }];
    expect(buildDecisionBoundary(layers, points, labels, { resolution: 2 }).figure.data[0].z).toEqual(z);
    expect(buildDecisionBoundary({ predict: probs }, points, labels, { resolution: 2 }).figure.data[0].z).toEqual(z);
  });

  it("says what is wrong with bad input", () => {
    expect(() => buildDecisionBoundary(byX, points, [0, 1], {})).toThrow(/decisionBoundary: expected one class label per point \(4\)/);
    expect(() => buildDecisionBoundary(byX, points, [0, 1, 2, 1])).toThrow(/labels\[2\] is 2, expected a class index from 0 to 1 \(the model has 2 outputs\)/);
    expect(() => buildDecisionBoundary((x) => new Matrix(x.rows, 0), points, labels)).toThrow(/expected \d+×\(number of classes ≥ 2\)/);
    expect(() => buildDecisionBoundary((x) => Matrix.full(x.rows, 1, 3), points, labels)).toThrow(/single output must be a probability in \[0, 1\] \(a sigmoid\), got 3/);
    expect(() => buildDecisionBoundary(42 as never, points, labels)).toThrow(/expected the model as a function/);
    expect(() => buildDecisionBoundary(byX, [[1, 2, 3]], [0])).toThrow(/points\[0\] has 3 coordinates/);
    expect(() => buildDecisionBoundary(byX, points, labels, { resolution: 1000 })).toThrow(/resolution must be a whole number from 2 to 400/);
  });
});

describe("trainingChart", () => {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  let sent: Array<{ data: Record<string, unknown>; transient: { display_id?: string }; update: boolean }>;
  beforeEach(() => {
    sent = [];
    resetPlotlyEmbedding();
    jupyter.lastWriteDisplayData = (content: { data: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) =>
      sent.push({ ...content, update });
  });
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("shows one output and redraws it in place; the last frame has every point and plotly.js", async () => {
    const chart = trainingChart({ title: "t", redrawEveryMs: 0 });
    await chart.update(0, { loss: 1.1, accuracy: 0.3 });
    await chart.update(1, { loss: 0.9 });
    await chart.update(2, { loss: 0.5, accuracy: 0.8 });
    chart.done();
    expect(sent.map((m) => m.update)).toEqual([false, true, true, true, true]);
    const ids = new Set(sent.map((m) => m.transient.display_id));
    expect(ids.size).toBe(1);
    const last = sent.at(-1)!.data;
    const figure = last["application/vnd.plotly.v1+json"] as { data: Array<{ name: string; x: number[]; y: number[]; yaxis: string }>; layout: any };
    expect(figure.data.map((t) => [t.name, t.x, t.y, t.yaxis])).toEqual([
      ["loss", [0, 1, 2], [1.1, 0.9, 0.5], "y"],
      ["accuracy", [0, 2], [0.3, 0.8], "y2"],
    ]);
    expect(figure.layout.yaxis.rangemode).toBe("tozero"); // a small drop must not look like a plunge
    expect(figure.layout.yaxis2.range).toEqual([0, 1]);
    expect(last["text/plain"]).toBe("[training chart: 3 epochs recorded; last: loss 0.5, accuracy 0.8]");
    // plotly.js travels once: in the final frame (what the saved notebook keeps), not in every frame.
    expect(sent.filter((m) => String(m.data["text/html"]).includes(PLOTLY_EMBED_MARKER)).length).toBe(1);
    expect(String(last["text/html"])).toContain(PLOTLY_EMBED_MARKER);
  });

  it("redraws at most every redrawEveryMs, but records every epoch", async () => {
    const chart = trainingChart({ redrawEveryMs: 60_000 });
    for (let e = 0; e < 50; e++) await chart.update(e, { loss: 1 / (e + 1), accuracy: e / 50 });
    expect(sent.length).toBe(1); // only the first draw
    chart.done();
    expect(sent.length).toBe(2);
    expect((chart.build().figure.data[0].y as number[]).length).toBe(50);
  });

  it("rejects bad updates with a clear message", async () => {
    const chart = trainingChart({ redrawEveryMs: 0 });
    await chart.update(0, { loss: 1 });
    await expect(chart.update(0, { loss: 1 })).rejects.toThrow(/epochs must be finite numbers that increase, got 0 after 0/);
    await expect(chart.update(1, { lost: 1 })).rejects.toThrow(/unknown metric "lost"/);
    await expect(chart.update(2, { loss: NaN })).rejects.toThrow(/loss at epoch 2 is NaN, expected a finite number/);
    chart.done();
    await expect(chart.update(3, { loss: 1 })).rejects.toThrow(/update after done/);
    expect(() => trainingChart({ metrics: [] })).toThrow(/metrics must be a non-empty list/);
  });

  it("outside a notebook it only records", async () => {
    jupyter.lastWriteDisplayData = null;
    const chart = trainingChart();
    await chart.update(0, { loss: 2, accuracy: 0.1 });
    chart.done();
    expect(sent).toEqual([]);
    expect(chart.build().description).toBe("[training chart: 1 epoch recorded; last: loss 2, accuracy 0.1]");
  });
});

describe("Model.fit in a notebook", () => {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("prints a line per epoch and draws one live chart that ends with every epoch", async () => {
    const { Model, Dense, ReLU, Softmax, CategoricalCrossentropy, Adam, Random, spiralData } = await import("../../src/index.js");
    const sent: Array<{ data: Record<string, unknown>; update: boolean }> = [];
    jupyter.lastWriteDisplayData = (content: { data: Record<string, unknown> }, update: boolean) => sent.push({ data: content.data, update });
    resetPlotlyEmbedding();
    const rng = new Random(0);
    const { X, y } = spiralData(10, 3, rng);
    const model = new Model({ layers: [new Dense(2, 4, { rng }), new ReLU(), new Dense(4, 3, { rng }), new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam() });
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      model.fit(X, y, { epochs: 3, validationData: [X, y] });
    } finally {
      console.log = log;
    }
    expect(lines.map((l) => l.split(":")[0])).toEqual(["epoch 1/3", "epoch 2/3", "epoch 3/3"]);
    expect(lines[0]).toMatch(/^epoch 1\/3: loss \d\.\d{4}, accuracy \d\.\d{3}, val loss \d\.\d{4}, val accuracy \d\.\d{3}, lr 0\.001$/);
    expect(sent[0].update).toBe(false);
    const last = sent.at(-1)!;
    expect(last.update).toBe(true);
    const figure = last.data["application/vnd.plotly.v1+json"] as { data: Array<{ name: string; y: number[] }> };
    expect(figure.data.map((t) => [t.name, t.y.length])).toEqual([["loss", 3], ["accuracy", 3], ["val loss", 3], ["val accuracy", 3]]);
  });

  it("with verbose: false shows nothing", async () => {
    const { Model, Dense, Softmax, CategoricalCrossentropy, SGD, Random, spiralData } = await import("../../src/index.js");
    const sent: unknown[] = [];
    jupyter.lastWriteDisplayData = (content: unknown) => sent.push(content);
    const rng = new Random(0);
    const { X, y } = spiralData(5, 3, rng);
    const log = console.log;
    const lines: unknown[] = [];
    console.log = (line: unknown) => lines.push(line);
    try {
      new Model({ layers: [new Dense(2, 3, { rng }), new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new SGD() }).fit(X, y, { epochs: 2, verbose: false });
    } finally {
      console.log = log;
    }
    expect([sent, lines]).toEqual([[], []]);
  });
});

describe("decisionBoundary with one sigmoid output", () => {
  it("reads it as the probability of class 1: [1 − ŷ, ŷ]", () => {
    const sigmoidOfX = (inputs: Matrix) => {
      const out = new Matrix(inputs.rows, 1);
      for (let r = 0; r < inputs.rows; r++) out.data[r] = 1 / (1 + Math.exp(-inputs.data[2 * r]));
      return out;
    };
    const z = buildDecisionBoundary(sigmoidOfX, [[-1, 0], [1, 0]], [0, 1], { resolution: 3, padding: 0 }).figure.data[0].z as number[][];
    // x = −1: class 0 with p = 1 − σ(−1) = σ(1) = 0.731 → depth (0.731 − 0.5)/0.5; x = 1: class 1, the same depth
    const depth = (1 / (1 + Math.exp(-1)) - 0.5) / 0.5;
    expect(z[0][0]).toBeCloseTo(depth, 12);
    expect(z[0][2]).toBeCloseTo(1 + depth, 12);
  });
});
