/**
 * `decisionBoundary`: what a classifier learned, as a picture — the plane coloured by the class the
 * network predicts at each point (paler where it is less sure), with the data points on top.
 */
import { Matrix } from "../../matrix.js";
import { describeValue, plural, toRows } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Trace } from "./figure.js";
import { chartConfig, chartLayout } from "./layout.js";
import { CLASS_COLORS } from "./scatter.js";

/** Something that maps a batch of 2-D points to one row of class scores or probabilities per point. */
export type Classifier =
  | ((inputs: Matrix) => Matrix)
  | { predict(inputs: Matrix): Matrix }
  | readonly { forward(inputs: Matrix, options?: { training?: boolean }): Matrix }[];

/** Options of {@link decisionBoundary}. */
export interface DecisionBoundaryOptions extends ChartOptions {
  /** Grid points along each axis (default 120; at most 400). */
  resolution?: number;
  /** How far the coloured area reaches beyond the data, as a share of its extent (default 0.1). */
  padding?: number;
  /** Legend names by class index (default `class 0`, `class 1`, …). */
  classNames?: readonly string[];
  /** Marker size of the data points (default 5). */
  markerSize?: number;
}

/** Runs `model` on `inputs`: a function, an object with `predict`, or a list of layers (inference mode). */
function classify(where: string, model: Classifier, inputs: Matrix): Matrix {
  let out: unknown;
  if (typeof model === "function") out = model(inputs);
  else if (Array.isArray(model)) out = model.reduce((x: Matrix, layer) => layer.forward(x, { training: false }), inputs);
  else if (model && typeof (model as { predict?: unknown }).predict === "function") out = (model as { predict(x: Matrix): Matrix }).predict(inputs);
  else fail(where, `expected the model as a function (inputs) => outputs, an object with predict(), or an array of layers; got ${describeValue(model)}`);
  if (!(out instanceof Matrix)) fail(where, `the model returned ${describeValue(out)}, expected a Matrix with one row per point`);
  if (out.rows !== inputs.rows || out.cols < 1) {
    fail(where, `the model returned ${out.rows}×${out.cols} for ${inputs.rows} points; expected ${inputs.rows}×(number of classes ≥ 2), or ${inputs.rows}×1 sigmoid probabilities`);
  }
  if (out.cols > 1) return out;
  // One sigmoid output: the probability of class 1, so the two classes are [1 − ŷ, ŷ].
  const two = new Matrix(out.rows, 2);
  for (let r = 0; r < out.rows; r++) {
    const p = out.data[r];
    if (!(p >= 0 && p <= 1)) fail(where, `the model's single output must be a probability in [0, 1] (a sigmoid), got ${p} at point ${r}`);
    two.data[2 * r] = 1 - p;
    two.data[2 * r + 1] = p;
  }
  return two;
}

/** Blends `hex` with white: `strength` 0 → white, 1 → the colour itself. */
function pale(hex: string, strength: number): string {
  const channel = (i: number) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * strength);
  return `rgb(${channel(1)},${channel(3)},${channel(5)})`;
}

/** Builds (does not show) the chart of {@link decisionBoundary}. */
export function buildDecisionBoundary(model: Classifier, points: Matrix | readonly (readonly number[])[], labels: ArrayLike<number>, options: DecisionBoundaryOptions = {}): Chart {
  const where = "decisionBoundary";
  const rows = toRows(where, "points", points);
  if (rows.length === 0) fail(where, "nothing to draw: no points");
  rows.forEach((row, i) => row.length === 2 || fail(where, `points[${i}] has ${row.length} coordinates, expected 2 (x, y)`));
  if (labels === null || typeof labels !== "object" || labels.length !== rows.length) {
    fail(where, `expected one class label per point (${rows.length}), got ${describeValue(labels)}`);
  }
  const resolution = options.resolution ?? 120;
  if (!Number.isInteger(resolution) || resolution < 2 || resolution > 400) fail(where, `resolution must be a whole number from 2 to 400, got ${describeValue(resolution)}`);
  const padding = options.padding ?? 0.1;
  if (typeof padding !== "number" || !(padding >= 0) || !Number.isFinite(padding)) fail(where, `padding must be a number ≥ 0, got ${describeValue(padding)}`);

  // The grid: resolution × resolution points covering the data and a margin around it.
  const extent = (axis: number, range?: readonly [number, number]): [number, number] => {
    if (range) return [range[0], range[1]];
    const values = rows.map((r) => r[axis]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = (hi - lo || 1) * padding;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = extent(0, options.xRange);
  const [y0, y1] = extent(1, options.yRange);
  const xs = Array.from({ length: resolution }, (_, i) => x0 + ((x1 - x0) * i) / (resolution - 1));
  const ys = Array.from({ length: resolution }, (_, j) => y0 + ((y1 - y0) * j) / (resolution - 1));
  const grid = new Matrix(resolution * resolution, 2);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      grid.data[(j * resolution + i) * 2] = xs[i];
      grid.data[(j * resolution + i) * 2 + 1] = ys[j];
    }
  }
  const out = classify(where, model, grid);
  const k = out.cols;

  // One heatmap, z = class + confidence: band [c, c + 1) of the colour scale runs from pale to
  // full class colour, so a cell shows its class by hue and how sure the network is by depth.
  const z: number[][] = [];
  for (let j = 0; j < resolution; j++) {
    const row: number[] = [];
    for (let i = 0; i < resolution; i++) {
      const p = (j * resolution + i) * k;
      const scores = out.data.subarray(p, p + k);
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[c] > scores[best]) best = c;
      // Confidence of the predicted class: its softmax share (the same as its probability when the
      // model already outputs probabilities, up to rounding, since softmax(log p) = p).
      const isProbability = scores.every((s) => s >= 0 && s <= 1) && Math.abs(scores.reduce((a, b) => a + b, 0) - 1) < 1e-6;
      let confidence: number;
      if (isProbability) confidence = scores[best];
      else {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(scores[c] - scores[best]);
        confidence = 1 / sum;
      }
      if (!Number.isFinite(confidence)) fail(where, `the model's output at grid point (${xs[i]}, ${ys[j]}) is not finite`);
      // From 1/k (a coin toss between all classes) to 1 (certain) → 0 … 0.999 within the band.
      const depth = Math.min(0.999, Math.max(0, (confidence - 1 / k) / (1 - 1 / k)));
      row.push(best + depth);
    }
    z.push(row);
  }
  const colorscale: [number, string][] = [];
  for (let c = 0; c < k; c++) {
    const color = CLASS_COLORS[c % CLASS_COLORS.length];
    colorscale.push([c / k, pale(color, 0.12)], [(c + 0.999) / k, pale(color, 0.6)]);
  }
  colorscale[colorscale.length - 1][0] = 1;
  const regions: Trace = {
    type: "heatmap",
    x: xs,
    y: ys,
    z,
    zmin: 0,
    zmax: k,
    colorscale,
    showscale: false,
    hoverinfo: "skip",
  };
  const byClass = new Map<number, { x: number[]; y: number[] }>();
  for (let i = 0; i < rows.length; i++) {
    const label = Number(labels[i]);
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      fail(where, `labels[${i}] is ${describeValue(labels[i])}, expected a class index from 0 to ${k - 1} (the model has ${k} outputs)`);
    }
    const group = byClass.get(label) ?? { x: [], y: [] };
    group.x.push(rows[i][0]);
    group.y.push(rows[i][1]);
    byClass.set(label, group);
  }
  const size = options.markerSize ?? 5;
  const scatter: Trace[] = [...byClass.keys()].sort((a, b) => a - b).map((c) => ({
    type: "scatter",
    mode: "markers",
    name: options.classNames?.[c] ?? `class ${c}`,
    x: byClass.get(c)!.x,
    y: byClass.get(c)!.y,
    marker: { color: CLASS_COLORS[c % CLASS_COLORS.length], size, line: { color: "white", width: 0.5 } },
  }));
  const layout = chartLayout(where, options, {
    xaxis: { range: [x0, x1], constrain: "domain" },
    yaxis: { range: [y0, y1], scaleanchor: "x", scaleratio: 1, constrain: "domain" },
  });
  return {
    figure: { data: [regions, ...scatter], layout, config: chartConfig(options) },
    description: `[decision boundary: ${plural(k, "class", "classes")} over a ${resolution}×${resolution} grid, ${plural(rows.length, "point")}]`,
  };
}

/**
 * Draws what a classifier learned: the plane coloured by the predicted class at each point (deeper
 * colour where the network is surer), with the data points on top in their true class's colour.
 *
 * @param model - `(inputs) => outputs`, an object with `predict(inputs)`, or an array of layers run
 *   in order with `{ training: false }`; outputs are class scores or probabilities, one row per point
 *   (or one sigmoid probability per point, for two classes)
 * @param points - the data, `n×2`
 * @param labels - the true class of each point
 *
 * @example
 * ```ts
 * decisionBoundary([dense1, relu, dense2, softmax], X, y, { title: "After training" });
 * ```
 */
export function decisionBoundary(model: Classifier, points: Matrix | readonly (readonly number[])[], labels: ArrayLike<number>, options?: DecisionBoundaryOptions): void {
  displayChart("decisionBoundary", buildDecisionBoundary(model, points, labels, options));
}
