/** `heatmap`: a matrix (weights, a confusion matrix) or a greyscale image as coloured cells. */
import { plural, toRows } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Layout, Rows, Trace } from "./figure.js";
import { chartConfig, chartLayout, compact } from "./layout.js";
import { blockAverage, blockSize, grouped, MAX_HEATMAP_CELLS, titleWithNote } from "./limits.js";

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

/**
 * Builds (does not show) the chart of {@link heatmap}. Row 0 is drawn at the top. A matrix of
 * more than {@link MAX_HEATMAP_CELLS} cells is shown as the averages of k×k blocks (the axes
 * keep the original row and column numbers), and the title and the description say so.
 */
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
  let x: (string | number)[] | undefined = labels("columnLabels", options.columnLabels, columns, "label");
  let y: (string | number)[] | undefined = labels("rowLabels", options.rowLabels, z.length, "label");
  const cells = z.length * columns;
  let averaged = "";
  let shown = z;
  if (cells > MAX_HEATMAP_CELLS) {
    if (x || y) {
      fail(where, `${z.length}×${columns} = ${grouped(cells)} cells is more than a chart can hold (${grouped(MAX_HEATMAP_CELLS)}), and cells with row or column labels cannot be averaged; show a part of the matrix`);
    }
    const k = blockSize(z.length, columns, MAX_HEATMAP_CELLS);
    shown = blockAverage(z, k);
    // each block drawn at the row and column number of its first cell
    x = shown[0].map((_, j) => j * k);
    y = shown.map((_, i) => i * k);
    averaged = `averaged in ${k}×${k} blocks, shown as ${shown.length}×${shown[0].length}`;
  }
  const image = options.image === true;
  const showValues = options.showValues ?? (!image && cells <= 100);
  let zRange: number[] | undefined;
  if (options.zRange !== undefined) {
    const r = options.zRange;
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) fail(where, `zRange must be [min, max] with min < max, got ${JSON.stringify(r)}`);
    zRange = [r[0], r[1]];
  }
  const trace: Trace = compact({
    type: "heatmap",
    z: shown,
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
    xaxis: compact({ type: options.columnLabels ? "category" : undefined, constrain: image ? "domain" : undefined }),
    yaxis: compact({ autorange: "reversed", type: options.rowLabels ? "category" : undefined, scaleanchor: image ? "x" : undefined, constrain: image ? "domain" : undefined }),
  };
  let titled = options;
  if (averaged) {
    titled = { ...options, title: titleWithNote(options.title, `${z.length}×${columns}, ${averaged}`) };
    extra.margin = { t: options.title ? 70 : 40 };
  }
  return {
    figure: { data: [trace], layout: chartLayout(where, titled, extra), config: chartConfig(options) },
    description: `[${image ? "image" : "heatmap"}: ${z.length}×${columns}${averaged ? `, ${averaged}` : ""}]`,
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
