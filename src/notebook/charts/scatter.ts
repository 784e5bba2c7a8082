/** `scatterClasses`: labelled 2-D points, one trace (and one fixed colour) per class. */
import { describeValue, isNumberList, plural, toRows } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Rows, Trace } from "./figure.js";
import { chartConfig, chartLayout } from "./layout.js";
import { grouped, MAX_SCATTER_POINTS, ordinal, titleWithNote } from "./limits.js";

/**
 * The colour of class `k` is `CLASS_COLORS[k % 10]` (plotly's default palette), in every chart —
 * so class 2 is green in a scatter and in a decision boundary alike.
 */
export const CLASS_COLORS: readonly string[] = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

/** Options of {@link scatterClasses}. */
export interface ScatterClassesOptions extends ChartOptions {
  /** Legend names by class index (default `class 0`, `class 1`, …). */
  classNames?: readonly string[];
  /** Marker size in pixels (default 6). */
  markerSize?: number;
  /** Same scale on both axes, so circles look round (default false). */
  equalAxes?: boolean;
}

/**
 * Builds (does not show) the chart of {@link scatterClasses}. Of more than
 * {@link MAX_SCATTER_POINTS} points it keeps every k-th (in the order given, so each class
 * keeps its share), and the title and the description say so.
 */
export function buildScatterClasses(points: Rows, labels: ArrayLike<number>, options: ScatterClassesOptions = {}): Chart {
  const where = "scatterClasses";
  const rows = toRows(where, "points", points);
  if (rows.length === 0) fail(where, "nothing to draw: no points");
  rows.forEach((row, i) => {
    if (row.length !== 2) fail(where, `points[${i}] has ${row.length} coordinates, expected 2 (x, y)`);
  });
  if (!isNumberList(labels)) fail(where, `labels must be an array of class indices, got ${describeValue(labels)}`);
  if (labels.length !== rows.length) fail(where, `${plural(rows.length, "point")} but ${plural(labels.length, "label")}; give one label per point`);
  const byClass = new Map<number, { x: number[]; y: number[] }>();
  const step = Math.ceil(rows.length / MAX_SCATTER_POINTS);
  let kept = 0;
  for (let i = 0; i < labels.length; i++) {
    const label: unknown = labels[i];
    if (typeof label !== "number" || !Number.isInteger(label) || label < 0) {
      const hint = isNumberList(label) ? " (one-hot labels? pass each row's argmax)" : "";
      fail(where, `labels[${i}] is ${describeValue(label)}, expected a class index 0, 1, 2, …${hint}`);
    }
    const group = byClass.get(label) ?? { x: [], y: [] };
    byClass.set(label, group); // every class keeps its legend entry, even if thinning left it no point
    if (i % step !== 0) continue;
    group.x.push(rows[i][0]);
    group.y.push(rows[i][1]);
    kept++;
  }
  const size = options.markerSize ?? 6;
  if (!Number.isFinite(size) || size <= 0) fail(where, `markerSize must be a positive number, got ${size}`);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const data: Trace[] = classes.map((k) => ({
    type: "scatter",
    mode: "markers",
    name: options.classNames?.[k] ?? `class ${k}`,
    x: byClass.get(k)!.x,
    y: byClass.get(k)!.y,
    marker: { color: CLASS_COLORS[k % CLASS_COLORS.length], size },
  }));
  const extra: Record<string, unknown> = options.equalAxes ? { yaxis: { scaleanchor: "x", scaleratio: 1 } } : {};
  let shown = options;
  let thinned = "";
  if (step > 1) {
    thinned = `every ${ordinal(step)} point shown (${grouped(kept)} of ${grouped(rows.length)})`;
    shown = { ...options, title: titleWithNote(options.title, thinned) };
    extra.margin = { t: options.title ? 70 : 40 };
  }
  const count = step > 1 ? `${grouped(rows.length)} points` : plural(rows.length, "point");
  return {
    figure: { data, layout: chartLayout(where, shown, extra), config: chartConfig(options) },
    description: `[scatter: ${count} in ${plural(classes.length, "class", "classes")}${thinned ? `, ${thinned}` : ""}]`,
  };
}

/**
 * Scatter of 2-D points coloured by class label.
 *
 * @param points - `[x, y]` rows: `number[][]` or a `Matrix` (anything with `toArray()`)
 * @param labels - one class index per point
 *
 * @example
 * ```ts
 * const { X, y } = spiralData(100, 3);
 * scatterClasses(X, y, { title: "Spiral data", equalAxes: true });
 * ```
 */
export function scatterClasses(points: Rows, labels: ArrayLike<number>, options?: ScatterClassesOptions): void {
  displayChart("scatterClasses", buildScatterClasses(points, labels, options));
}
