/** `heatmap`: a matrix (weights, a confusion matrix) or a greyscale image as coloured cells. */
import { plural, toRows } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Layout, Rows, Trace } from "./figure.js";
import { chartConfig, chartLayout, compact } from "./layout.js";

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  /** Draw as an image: grey scale, square pixels, no colour bar (e.g. an MNIST digit). */
  image?: boolean;
  /** A plotly colour scale name (e.g. `"RdBu"`, `"Viridis"`) or `[[0, "#fff"], [1, "#000"]]`. */
  colorscale?: string | readonly (readonly [number, string])[];
  /** The values mapped to the ends of the colour scale (default: the data's min and max). */
  zRange?: readonly [number, number];
  /** Write each value in its cell (default: when there are at most 100 cells and not an image). */
  showValues?: boolean;
  /** Column names (one per column) and row names (one per row). */
  columnLabels?: readonly string[];
  rowLabels?: readonly string[];
}

/** Builds (does not show) the chart of {@link heatmap}. Row 0 is drawn at the top. */
export function buildHeatmap(matrix: Rows, options: HeatmapOptions = {}): Chart {
  const where = "heatmap";
  const z = toRows(where, "rows", matrix);
  if (z.length === 0) fail(where, "nothing to draw: the matrix has no rows");
  const columns = z[0].length;
  if (columns === 0) fail(where, "nothing to draw: row 0 is empty");
  z.forEach((row, i) => {
    if (row.length !== columns) fail(where, `row ${i} has ${row.length} values, expected ${columns} like row 0 (rows must be equally long)`);
  });
  const labels = (name: string, list: readonly string[] | undefined, count: number, what: string) => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.length !== count) fail(where, `${name} needs ${plural(count, what)}, got ${Array.isArray(list) ? list.length : typeof list}`);
    return list.map(String);
  };
  const x = labels("columnLabels", options.columnLabels, columns, "label");
  const y = labels("rowLabels", options.rowLabels, z.length, "label");
  const image = options.image === true;
  const showValues = options.showValues ?? (!image && z.length * columns <= 100);
  let zRange: number[] | undefined;
  if (options.zRange !== undefined) {
    const r = options.zRange;
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) fail(where, `zRange must be [min, max] with min < max, got ${JSON.stringify(r)}`);
    zRange = [r[0], r[1]];
  }
  const trace: Trace = compact({
    type: "heatmap",
    z,
    x,
    y,
    colorscale: options.colorscale ?? (image ? "Greys" : undefined),
    reversescale: image && options.colorscale === undefined ? true : undefined,
    zmin: zRange?.[0],
    zmax: zRange?.[1],
    showscale: image ? false : undefined,
    texttemplate: showValues ? "%{z:.3~g}" : undefined,
  });
  const extra: Layout = {
    xaxis: compact({ type: x ? "category" : undefined, constrain: image ? "domain" : undefined }),
    yaxis: compact({ autorange: "reversed", type: y ? "category" : undefined, scaleanchor: image ? "x" : undefined, constrain: image ? "domain" : undefined }),
  };
  return {
    figure: { data: [trace], layout: chartLayout(where, options, extra), config: chartConfig(options) },
    description: `[${image ? "image" : "heatmap"}: ${z.length}×${columns}]`,
  };
}

/**
 * Shows a matrix as a heatmap (row 0 at the top), or an image with `{ image: true }`.
 *
 * @example
 * ```ts
 * heatmap(dense.weights, { title: "W (inputs × neurons)" });
 * heatmap(digit, { image: true });   // 28 rows of 28 pixels
 * ```
 */
export function heatmap(matrix: Rows, options?: HeatmapOptions): void {
  displayChart("heatmap", buildHeatmap(matrix, options));
}
