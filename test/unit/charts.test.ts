/**
 * The chart helpers of nn-from-scratch/notebook without a kernel: the bundle each chart sends
 * (three MIME types, the figure JSON intact, plotly.js embedded once per session), the errors
 * for malformed data, the one-line descriptions, and the display path through tslab's hook.
 */
import { readFileSync } from "node:fs";
import { blockAverage, MAX_CHART_BYTES, minMaxIndices } from "../../src/notebook/charts/limits.js";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  barChart,
  buildBarChart,
  buildFunctionPlot,
  buildHeatmap,
  buildLinePlot,
  buildPlot,
  buildScatterClasses,
  canShowCharts,
  ChartError,
  chartBundle,
  CLASS_COLORS,
  heatmap,
  isPlotlyEmbedded,
  linePlot,
  PLOTLY_EMBED_MARKER,
  PLOTLY_MIME,
  plot,
  plotFunctions,
  resetPlotlyEmbedding,
  scatterClasses,
  type Figure,
} from "../../src/notebook/index.js";

const require = createRequire(import.meta.url);
const plotlySource = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
/** A stretch from the middle of plotly.min.js: present only where plotly.js is embedded. */
const plotlyChunk = plotlySource.slice(plotlySource.length / 2, plotlySource.length / 2 + 200);

const relu = { name: "ReLU(x)", f: (x: number) => Math.max(0, x) };
const reluChart = () => buildFunctionPlot([relu], { from: -2, to: 2, points: 200 });

/** The figure JSON written into a bundle's html. */
function figureInHtml(html: string): unknown {
  const match = /\n {2}var figure = (.*);\n/.exec(html);
  expect(match, "the html holds `var figure = …;`").not.toBeNull();
  return JSON.parse(match![1]);
}

beforeEach(() => resetPlotlyEmbedding());

describe("chartBundle", () => {
  it("holds the plotly JSON, self-contained html and a line of text", () => {
    const { figure, description } = reluChart();
    const bundle = chartBundle(figure, description);
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(PLOTLY_MIME).toBe("application/vnd.plotly.v1+json");
    expect(bundle["text/plain"]).toBe("[line chart: ReLU(x), 200 points]");
    expect(bundle[PLOTLY_MIME].data[0]).toMatchObject({ type: "scatter", mode: "lines", name: "ReLU(x)" });
    expect(/<div id="nnfs-chart-1-[0-9a-f]{8}" class="nnfs-chart">/.test(bundle["text/html"])).toBe(true);
    expect(bundle["text/html"]).toContain("Plotly.newPlot(div, figure)");
    // nothing from the network: no <script src>, and besides plotly.js itself no URL at all
    const html = bundle["text/html"];
    expect(/<script[^>]*\ssrc=/i.test(html)).toBe(false);
    expect(/https?:/.test(html.replace(plotlySource, ""))).toBe(false);
  });

  it("keeps the figure intact: a JSON round trip, and the same JSON in the html", () => {
    const { figure, description } = reluChart();
    const bundle = chartBundle(figure, description);
    const sent = bundle[PLOTLY_MIME];
    expect(JSON.parse(JSON.stringify(sent))).toEqual(sent);
    expect(sent).toEqual(figure);
    expect(figureInHtml(bundle["text/html"])).toEqual(sent);
  });

  it("embeds plotly.js in the first chart of a session only, and again after a reset", () => {
    expect(isPlotlyEmbedded()).toBe(false);
    const first = chartBundle(reluChart().figure, "first")["text/html"];
    const second = chartBundle(reluChart().figure, "second")["text/html"];
    expect(first).toContain(PLOTLY_EMBED_MARKER);
    expect(first.split(plotlyChunk).length - 1, "plotly.js in the first chart").toBe(1); // exactly once
    expect(first.includes(plotlySource), "the whole of plotly.min.js").toBe(true);
    expect(second).not.toContain(PLOTLY_EMBED_MARKER);
    expect(second.includes(plotlyChunk)).toBe(false);
    expect(second.length).toBeLessThan(20_000);
    expect(isPlotlyEmbedded()).toBe(true);
    resetPlotlyEmbedding();
    expect(chartBundle(reluChart().figure, "third")["text/html"].includes(plotlyChunk), "embedded again after a reset").toBe(true);
  });

  it("guards the embedded plotly.js so it sets window.Plotly only once, past any AMD loader", () => {
    const html = chartBundle(reluChart().figure, "first")["text/html"];
    expect(html.includes('if (typeof window.Plotly === "undefined") {\n(function (define, module, exports, require) {\n')).toBe(true);
    // plotly.js comes before the chart's div, so the drawing script can rely on it when present
    expect(html.indexOf(plotlyChunk)).toBeLessThan(html.indexOf('<div id="nnfs-chart-1-'));
  });

  it("gives deterministic div ids: a session counter and a hash of the figure", () => {
    const a = chartBundle(reluChart().figure, "a")["text/html"];
    const b = chartBundle(buildLinePlot({ y: [1, 2, 3] }).figure, "b")["text/html"];
    const idA = /<div id="(nnfs-chart-1-[0-9a-f]{8})"/.exec(a)![1];
    const idB = /<div id="(nnfs-chart-2-[0-9a-f]{8})"/.exec(b)![1];
    resetPlotlyEmbedding();
    expect(chartBundle(reluChart().figure, "a")["text/html"].includes(`<div id="${idA}"`)).toBe(true);
    expect(idA.slice(-8)).not.toBe(idB.slice(-8));
  });

  it("can be made pure: embedding and div id pinned by options", () => {
    const { figure } = reluChart();
    const one = chartBundle(figure, "x", { embedPlotly: false, divId: "my-chart" });
    const two = chartBundle(figure, "x", { embedPlotly: false, divId: "my-chart" });
    expect(one).toEqual(two);
    expect(isPlotlyEmbedded()).toBe(false);
    expect(() => chartBundle(figure, "x", { divId: 'x"><script>' })).toThrow(/divId must be letters/);
  });

  it("escapes </script> and HTML in the figure and the description", () => {
    const nasty = "</script><script>alert(1)</script><!--";
    const bundle = chartBundle(buildPlot([{ x: [1], y: [2], name: nasty }], { title: nasty }).figure, `[chart: ${nasty}]`, { embedPlotly: false });
    const html = bundle["text/html"];
    expect(html.match(/<\/script>/g)).toHaveLength(1); // only the drawing script's own end tag
    expect(html).not.toContain("<!--");
    expect(figureInHtml(html)).toEqual(bundle[PLOTLY_MIME]);
    expect(bundle[PLOTLY_MIME].data[0].name).toBe(nasty);
    expect(bundle["text/plain"]).toBe(`[chart: ${nasty}]`);
  });

  it("keeps frames for animations", () => {
    const figure: Figure = {
      data: [{ x: [0, 1], y: [0, 1] }],
      frames: [{ name: "step 1", data: [{ y: [1, 0] }] }, { name: "step 2", data: [{ y: [0, 0] }] }],
    };
    const bundle = chartBundle(figure, "anim", { embedPlotly: false });
    expect(bundle[PLOTLY_MIME].frames).toEqual(figure.frames);
    expect(buildPlot(figure).description).toBe("[chart: 1 trace (scatter), 2 frames]");
  });

  it("makes the description one line", () => {
    expect(chartBundle(reluChart().figure, "two\nlines", { embedPlotly: false })["text/plain"]).toBe("two lines");
    expect(() => chartBundle(reluChart().figure, " ")).toThrow("chartBundle: the description must be a non-empty string");
  });
});

describe("descriptions (text/plain)", () => {
  it("says what each chart shows", () => {
    expect(reluChart().description).toBe("[line chart: ReLU(x), 200 points]");
    expect(buildFunctionPlot([relu, { name: "σ(x)", f: (x) => 1 / (1 + Math.exp(-x)) }], { from: -4, to: 4 }).description).toBe(
      "[line chart: ReLU(x), σ(x), 201 points each]",
    );
    expect(buildLinePlot([{ y: [1, 2, 3], name: "a" }, { y: [1], name: "b" }]).description).toBe("[line chart: a (3 points), b (1 point)]");
    expect(buildLinePlot({ y: [3, 2, 1] }).description).toBe("[line chart: series 1, 3 points]");
    const points = Array.from({ length: 300 }, (_, i) => [Math.cos(i), Math.sin(i)]);
    expect(buildScatterClasses(points, points.map((_, i) => i % 3)).description).toBe("[scatter: 300 points in 3 classes]");
    expect(buildHeatmap([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 0, 0]]).description).toBe("[heatmap: 4×3]");
    expect(buildHeatmap([[0, 1], [1, 0]], { image: true }).description).toBe("[image: 2×2]");
    expect(buildBarChart([0.7, 0.1, 0.2]).description).toBe("[bar chart: 3 bars]");
    expect(buildPlot([{ x: [1], y: [1] }, { type: "bar", x: [1], y: [2] }]).description).toBe("[chart: 2 traces (scatter, bar)]");
  });
});

describe("the charts", () => {
  it("plotFunctions samples evenly over [from, to], both ends included", () => {
    const trace = buildFunctionPlot(relu, { from: -2, to: 2, points: 5 }).figure.data[0];
    expect(trace.x).toEqual([-2, -1, 0, 1, 2]);
    expect(trace.y).toEqual([0, 0, 0, 1, 2]);
    const { figure } = buildFunctionPlot(relu, { from: -1, to: 1 });
    expect((figure.data[0].x as number[])[100]).toBe(0); // 201 points: the middle one is exactly 0
    expect(buildFunctionPlot(function square(x: number) { return x * x; }, { from: 0, to: 1 }).figure.data[0].name).toBe("square");
  });

  it("linePlot defaults x to 0, 1, 2, … and takes typed arrays", () => {
    const trace = buildLinePlot({ y: new Float64Array([5, 4, 3]), name: "loss" }).figure.data[0];
    expect(trace).toMatchObject({ x: [0, 1, 2], y: [5, 4, 3], name: "loss" });
    expect(Array.isArray(trace.y)).toBe(true);
  });

  it("uses plotly.js 3+ title objects and the common options", () => {
    const { figure } = buildLinePlot({ y: [1, 2] }, { title: "T", xTitle: "epoch", yTitle: "loss", yRange: [0, 3], logY: true, height: 300 });
    expect(figure.layout).toMatchObject({
      title: { text: "T" },
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "loss" }, range: [0, 3], type: "log" },
      height: 300,
    });
    expect(figure.config).toEqual({ responsive: true, displaylogo: false });
    expect(buildPlot([{ y: [1] }], { title: "plain", xaxis: { title: "x" } }).figure.layout).toEqual({ title: { text: "plain" }, xaxis: { title: { text: "x" } } });
  });

  it("scatterClasses makes one trace per class with a fixed colour, from arrays or a matrix", () => {
    const matrix = { toArray: () => [[0, 0], [1, 1], [2, 2], [3, 3]] };
    const { figure } = buildScatterClasses(matrix, [2, 0, 2, 0], { classNames: ["zero", "one", "two"] });
    expect(figure.data.map((t) => t.name)).toEqual(["zero", "two"]);
    expect(figure.data[1]).toMatchObject({ x: [0, 2], y: [0, 2], mode: "markers", marker: { color: CLASS_COLORS[2] } });
  });

  it("heatmap puts row 0 at the top and writes values in small matrices", () => {
    const { figure } = buildHeatmap({ toArray: () => [[1, 2], [3, 4]] }, { columnLabels: ["a", "b"] });
    expect(figure.data[0]).toMatchObject({ type: "heatmap", z: [[1, 2], [3, 4]], x: ["a", "b"], texttemplate: "%{z:.3~g}" });
    expect(figure.layout).toMatchObject({ yaxis: { autorange: "reversed" } });
  });

  it("barChart takes an array with labels or a record", () => {
    expect(buildBarChart({ SGD: 0.7, Adam: 0.9 }).figure.data[0]).toMatchObject({ type: "bar", x: ["SGD", "Adam"], y: [0.7, 0.9] });
    expect(buildBarChart([1, 2], { labels: ["a", "b"], horizontal: true }).figure.data[0]).toMatchObject({ x: [1, 2], y: ["a", "b"], orientation: "h" });
  });
});

describe("malformed figures", () => {
  const cases: Array<[string, () => unknown, string | RegExp]> = [
    ["x and y of different lengths", () => buildLinePlot({ name: "ReLU(x)", x: new Array(200).fill(0), y: new Array(199).fill(0) }), 'linePlot: trace "ReLU(x)" has 200 x values but 199 y values'],
    ["NaN in a series", () => buildLinePlot({ name: "loss", y: [1, NaN] }), 'linePlot: trace "loss" y[1] is NaN, expected a finite number'],
    ["a string in a series", () => buildLinePlot({ y: [1, "2" as unknown as number] }), 'linePlot: trace "series 1" y[1] is the string "2", expected a finite number'],
    ["no series", () => buildLinePlot([]), "linePlot: nothing to draw: no series given"],
    ["an empty series", () => buildLinePlot({ name: "loss", y: [] }), 'linePlot: trace "loss" has no points'],
    ["a function that is not finite", () => buildFunctionPlot({ name: "log(x)", f: Math.log }, { from: 0, to: 1 }), 'plotFunctions: "log(x)" gave -Infinity at x = 0; charts need finite numbers'],
    ["a backwards range", () => buildFunctionPlot(relu, { from: 2, to: -2 }), "plotFunctions: the range needs finite numbers from < to, got from: 2, to: -2"],
    ["too few points", () => buildFunctionPlot(relu, { from: 0, to: 1, points: 1 }), "plotFunctions: points must be a whole number ≥ 2, got 1"],
    ["a function that throws", () => buildFunctionPlot({ name: "bad", f: () => { throw new Error("boom"); } }, { from: 0, to: 1 }), 'plotFunctions: "bad" threw at x = 0: boom'],
    ["labels count ≠ points count", () => buildScatterClasses([[0, 0], [1, 1], [2, 2]], [0, 1]), "scatterClasses: 3 points but 2 labels; give one label per point"],
    ["points that are not 2-D", () => buildScatterClasses([[0, 0], [1, 1, 1]], [0, 1]), "scatterClasses: points[1] has 3 coordinates, expected 2 (x, y)"],
    ["one-hot labels", () => buildScatterClasses([[0, 0]], [[1, 0]] as unknown as number[]), "scatterClasses: labels[0] is an array of 2, expected a class index 0, 1, 2, … (one-hot labels? pass each row's argmax)"],
    ["a flat list of points", () => buildScatterClasses([1, 2] as unknown as number[][], [0]), /scatterClasses: points\[0\] is 1, expected a row of numbers \(a flat list/],
    ["no points", () => buildScatterClasses([], []), "scatterClasses: nothing to draw: no points"],
    ["Infinity in a point", () => buildScatterClasses([[0, Infinity]], [0]), "scatterClasses: points[0][1] is Infinity, expected a finite number"],
    ["ragged heatmap rows", () => buildHeatmap([[1, 2, 3], [4, 5, 6], [7, 8]]), "heatmap: row 2 has 2 values, expected 3 like row 0 (rows must be equally long)"],
    ["an empty heatmap", () => buildHeatmap([]), "heatmap: nothing to draw: the matrix has no rows"],
    ["NaN in a heatmap", () => buildHeatmap([[1, NaN]]), "heatmap: rows[0][1] is NaN, expected a finite number"],
    ["no bars", () => buildBarChart([]), "barChart: nothing to draw: no values"],
    ["bar labels count ≠ values count", () => buildBarChart([1, 2, 3], { labels: ["a"] }), "barChart: 3 values but 1 label; give one label per value"],
    ["a figure without traces", () => chartBundle({ data: [] }, "x"), "chartBundle: nothing to draw: the figure has no traces"],
    ["plot x and y of different lengths", () => buildPlot([{ name: "a", x: [1, 2, 3], y: [1, 2] }]), 'plot: trace "a" has 3 x values but 2 y values'],
    ["NaN in a plot trace", () => buildPlot([{ x: [1, 2], y: [1, NaN] }]), "plot: trace 0 y[1] is NaN, expected a finite number (use null for a gap)"],
    ["Infinity in a frame", () => buildPlot([{ y: [1] }], {}, { frames: [{ data: [{ name: "f", y: [Infinity] }] }] }), 'plot: frame 0 trace "f" y[0] is Infinity'],
    ["a function in a figure", () => chartBundle({ data: [{ y: [1], hover: () => 1 }] }, "x"), "chartBundle: trace 0 hover is a function; a figure holds only plain data"],
    ["a misspelt figure field", () => chartBundle({ data: [{ y: [1] }], layuot: {} } as unknown as Figure, "x"), 'chartBundle: unexpected figure field "layuot"'],
  ];
  it.each(cases)("%s", (_name, build, message) => {
    expect(build).toThrow(ChartError);
    expect(build).toThrow(message);
  });

  it("does not count a chart that failed", () => {
    expect(() => chartBundle({ data: [] }, "x")).toThrow();
    expect(isPlotlyEmbedded()).toBe(false);
  });
});

describe("showing a chart through tslab", () => {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  let calls: Array<{ content: { data: Record<string, unknown>; metadata: unknown; transient: unknown }; update: boolean }>;
  beforeEach(() => {
    calls = [];
    jupyter.lastWriteDisplayData = (content: (typeof calls)[number]["content"], update: boolean) => calls.push({ content, update });
  });
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("sends each chart as ONE display_data with all three MIME types", () => {
    expect(canShowCharts()).toBe(true);
    plotFunctions([relu], { from: -2, to: 2, points: 200 });
    expect(calls).toHaveLength(1);
    const [{ content, update }] = calls;
    expect(update).toBe(false);
    expect(Object.keys(content.data).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(content.data["text/plain"]).toBe("[line chart: ReLU(x), 200 points]");
    expect((content.data["text/html"] as string).includes(plotlyChunk)).toBe(true);
    expect(content.metadata).toEqual({});

    linePlot({ y: [1, 2, 3] });
    scatterClasses([[0, 0], [1, 1]], [0, 1]);
    heatmap([[1, 2], [3, 4]]);
    barChart([1, 2, 3]);
    plot([{ y: [1, 2] }]);
    expect(calls).toHaveLength(6);
    for (const call of calls.slice(1)) {
      expect(Object.keys(call.content.data)).toHaveLength(3);
      expect((call.content.data["text/html"] as string).includes(plotlyChunk)).toBe(false);
    }
    expect(calls.map((c) => c.content.data["text/plain"])).toEqual([
      "[line chart: ReLU(x), 200 points]",
      "[line chart: series 1, 3 points]",
      "[scatter: 2 points in 2 classes]",
      "[heatmap: 2×2]",
      "[bar chart: 3 bars]",
      "[chart: 1 trace (scatter)]",
    ]);
  });

  it("reports malformed data before anything is sent", () => {
    expect(() => linePlot({ x: [1, 2], y: [1] })).toThrow(ChartError);
    expect(calls).toHaveLength(0);
    expect(isPlotlyEmbedded()).toBe(false);
  });

  it("says clearly that there is no notebook outside a kernel", () => {
    jupyter.lastWriteDisplayData = null;
    expect(canShowCharts()).toBe(false);
    expect(() => linePlot({ y: [1] })).toThrow("linePlot: no notebook to draw in — charts are shown by the tslab kernel while a cell runs");
    expect(isPlotlyEmbedded()).toBe(false);
  });
});

/** What a chart adds to the notebook: its plotly JSON and its html (plotly.js not embedded). */
function storedBytes(bundle: ReturnType<typeof chartBundle>): number {
  return Buffer.byteLength(JSON.stringify(bundle[PLOTLY_MIME])) + Buffer.byteLength(bundle["text/html"]) + Buffer.byteLength(bundle["text/plain"]);
}

describe("size limits", () => {
  const million = 1_000_000;
  // a slow wave with one spike, the global maximum, that downsampling must not lose
  const wave = Array.from({ length: million }, (_, i) => Math.sin(i / 5000) + (i === 654_321 ? 10 : 0));

  it("downsamples a line of 1,000,000 points to 5,000, keeping its envelope, and says so", () => {
    const { figure, description } = buildLinePlot({ y: wave, name: "loss" }, { title: "Training" });
    expect(description).toBe("[line chart: loss, downsampled from 1,000,000 to 5,000 points]");
    expect((figure.layout!.title as { text: string }).text).toBe(
      "Training<br><sub>downsampled from 1,000,000 to 5,000 points (each run of points keeps its min and max)</sub>",
    );
    const x = figure.data[0].x as number[];
    const y = figure.data[0].y as number[];
    expect(y).toHaveLength(5000);
    expect(x.every((v, i) => i === 0 || v > x[i - 1]), "kept points in their order").toBe(true);
    expect(x.every((v, i) => y[i] === wave[v]), "each kept point is an original one").toBe(true);
    const max = (v: number[]) => v.reduce((a, b) => Math.max(a, b));
    const min = (v: number[]) => v.reduce((a, b) => Math.min(a, b));
    expect(max(y)).toBe(max(wave)); // the spike
    expect(max(wave)).toBe(wave[654_321]);
    expect(min(y)).toBe(min(wave));
    const bundle = chartBundle(figure, description, { embedPlotly: false });
    expect(storedBytes(bundle)).toBeLessThan(MAX_CHART_BYTES);
    expect(storedBytes(bundle)).toBeGreaterThan(2 * JSON.stringify(figure).length); // both copies are counted
  });

  it("keeps each run's lowest and highest point, in order", () => {
    // runs [0, 5, 1, 2] and [9, 3, 4, -1]: lows at 0 and 7, highs at 1 and 4
    expect(minMaxIndices([0, 5, 1, 2, 9, 3, 4, -1], 4)).toEqual([0, 1, 4, 7]);
    expect(minMaxIndices([3, 3, 3, 3], 2)).toEqual([0]); // a flat run keeps one point
    expect(minMaxIndices([1, 2, 3], 5)).toEqual([0, 1, 2]); // short enough: all of it
  });

  it("leaves lines of up to 5,000 points alone", () => {
    const { figure, description } = buildLinePlot({ y: wave.slice(0, 5000) });
    expect(description).toBe("[line chart: series 1, 5000 points]");
    expect(figure.data[0].y).toEqual(wave.slice(0, 5000));
    expect(figure.layout!.title).toBeUndefined();
  });

  it("thins a scatter of 100,000 points to every 10th, keeping every class", () => {
    const n = 100_000;
    const points = Array.from({ length: n }, (_, i) => [i, -i]);
    const labels = points.map((_, i) => i % 3);
    const { figure, description } = buildScatterClasses(points, labels);
    expect(description).toBe("[scatter: 100,000 points in 3 classes, every 10th point shown (10,000 of 100,000)]");
    expect(figure.data.map((t) => (t.x as number[]).length).reduce((a, b) => a + b)).toBe(10_000);
    expect(figure.data.map((t) => t.name)).toEqual(["class 0", "class 1", "class 2"]);
    expect((figure.data[1].x as number[]).slice(0, 3)).toEqual([10, 40, 70]); // indices 10, 40, 70 have label 1
    expect(storedBytes(chartBundle(figure, description, { embedPlotly: false }))).toBeLessThan(MAX_CHART_BYTES);
  });

  it("averages a 1000×1000 heatmap in 5×5 blocks, drawn at the original row and column numbers", () => {
    const z = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 1000 }, (_, c) => r * 1000 + c));
    const { figure, description } = buildHeatmap(z);
    expect(description).toBe("[heatmap: 1000×1000, averaged in 5×5 blocks, shown as 200×200]");
    const shown = figure.data[0].z as number[][];
    expect([shown.length, shown[0].length]).toEqual([200, 200]);
    // block (i, j) covers rows 5i…5i+4 and columns 5j…5j+4: its mean is (5i+2)·1000 + 5j+2
    expect(shown[0][0]).toBe(2002);
    expect(shown[199][199]).toBe(997_997);
    expect(shown[3][7]).toBe(17_037);
    expect((figure.data[0].x as number[]).slice(0, 3)).toEqual([0, 5, 10]);
    expect(storedBytes(chartBundle(figure, description, { embedPlotly: false }))).toBeLessThan(MAX_CHART_BYTES);
    expect(() => buildHeatmap(z, { rowLabels: z.map(String) })).toThrow(
      "heatmap: 1000×1000 = 1,000,000 cells is more than a chart can hold (40,000), and cells with row or column labels cannot be averaged; show a part of the matrix",
    );
  });

  it("averages partial blocks at the edges over the cells they have", () => {
    expect(blockAverage([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2)).toEqual([[3, 4.5], [7.5, 9]]);
  });

  it("refuses a figure it cannot reduce, naming the helper, the size and what to do", () => {
    const tooBig = buildPlot([{ y: wave }]).figure;
    expect(() => chartBundle(tooBig, "x")).toThrow(ChartError);
    expect(() => chartBundle(tooBig, "x")).toThrow(
      /^chartBundle: this chart would put \d+\.\d MB into the notebook — its figure is \d+\.\d MB of JSON, stored twice \(the plotly JSON, and again in the HTML for Jupyter Notebook\) — over the limit of 2\.0 MB per chart\. Draw less data: fewer points or traces \(e\.g\. every \d+th value\), or a part of the matrix\.$/,
    );
    expect(isPlotlyEmbedded()).toBe(false); // nothing counted
  });

  it("counts both copies of the figure: 1.2 MB of JSON is over the limit", () => {
    const figure = buildPlot([{ y: Array.from({ length: 85_000 }, (_, i) => i / 3) }]).figure;
    const json = Buffer.byteLength(JSON.stringify(figure));
    expect(json).toBeGreaterThan(1_100_000);
    expect(json).toBeLessThan(MAX_CHART_BYTES);
    expect(() => chartBundle(figure, "x")).toThrow(/would put 2\.\d MB into the notebook — its figure is 1\.\d MB of JSON/);
  });
});

describe("size limits when showing through tslab", () => {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  let sent: Array<Record<string, unknown>>;
  beforeEach(() => {
    sent = [];
    jupyter.lastWriteDisplayData = (content: { data: Record<string, unknown> }) => sent.push(content.data);
  });
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("shows a 1,000,000-point line as one small output that says it was downsampled", () => {
    linePlot({ y: Array.from({ length: 1_000_000 }, (_, i) => i % 977), name: "loss" });
    expect(sent).toHaveLength(1);
    expect(sent[0]["text/plain"]).toBe("[line chart: loss, downsampled from 1,000,000 to 5,000 points]");
    const html = (sent[0]["text/html"] as string).replace(plotlySource, "");
    expect(Buffer.byteLength(JSON.stringify(sent[0][PLOTLY_MIME])) + Buffer.byteLength(html)).toBeLessThan(MAX_CHART_BYTES);
  });

  it("names the helper the reader called when a figure is too big, and sends nothing", () => {
    expect(() => plot([{ y: Array.from({ length: 200_000 }, (_, i) => i / 7) }])).toThrow(/^plot: this chart would put \d+\.\d MB into the notebook/);
    expect(sent).toHaveLength(0);
    expect(isPlotlyEmbedded()).toBe(false);
  });
});
