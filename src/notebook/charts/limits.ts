/**
 * How big a chart may get. A chart's figure lives in the notebook file, and is written there
 * twice: as the plotly JSON (VS Code, JupyterLab) and again inside the `text/html` (Jupyter
 * Notebook, which cannot see the other MIME types). A line of a million points would put 80 MB
 * into the notebook and freeze the browser, while a screen shows at most a few thousand.
 *
 * So the course charts reduce what no screen can show, and say so in the title and the
 * `text/plain` line: line charts keep each bucket's minimum and maximum (spikes survive),
 * scatters keep every k-th point, heatmaps average k×k blocks. Anything still too big (or a
 * figure built by hand with `plot`) is an error that names the helper and the size.
 */
import { fail } from "./errors.js";

/** Most bytes one chart may add to the notebook: the figure JSON plus the html, plotly.js itself not counted. */
export const MAX_CHART_BYTES = 2_000_000;
/** A line with more points is downsampled to at most this many. */
export const MAX_LINE_POINTS = 5_000;
/** A scatter with more points keeps every k-th point, at most this many. */
export const MAX_SCATTER_POINTS = 10_000;
/** A heatmap with more cells is averaged in k×k blocks down to at most this many cells. */
export const MAX_HEATMAP_CELLS = 40_000;

/** `1,000,000` */
export function grouped(n: number): string {
  return n.toLocaleString("en-US");
}

/** `2.4 MB` */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `2nd`, `3rd`, `11th`, `21st` */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/**
 * Which of `y`'s indices to keep so that at most `max` remain: the points are cut into
 * `max / 2` runs of consecutive indices, and each run keeps its lowest and highest point
 * (in their order), so the drawn line has the same envelope — every spike stays.
 */
export function minMaxIndices(y: readonly number[], max: number): number[] {
  const n = y.length;
  if (n <= max) return y.map((_, i) => i);
  const buckets = Math.max(1, Math.floor(max / 2));
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
    }
    if (lo === hi) keep.push(lo);
    else keep.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  return keep;
}

/** The average of each `k`×`k` block of `z` (blocks at the right and bottom edges may be smaller). */
export function blockAverage(z: readonly (readonly number[])[], k: number): number[][] {
  const rows = z.length;
  const columns = z[0].length;
  const out: number[][] = [];
  for (let r0 = 0; r0 < rows; r0 += k) {
    const row: number[] = [];
    for (let c0 = 0; c0 < columns; c0 += k) {
      let sum = 0;
      let count = 0;
      for (let r = r0; r < Math.min(r0 + k, rows); r++) {
        for (let c = c0; c < Math.min(c0 + k, columns); c++) {
          sum += z[r][c];
          count++;
        }
      }
      row.push(sum / count);
    }
    out.push(row);
  }
  return out;
}

/** The smallest block size `k` that brings a `rows`×`columns` matrix to at most `max` cells. */
export function blockSize(rows: number, columns: number, max: number): number {
  let k = Math.max(1, Math.ceil(Math.sqrt((rows * columns) / max)));
  while (Math.ceil(rows / k) * Math.ceil(columns / k) > max) k++;
  return k;
}

/**
 * Throws a {@link ChartError} if a chart's outputs (`bytes`: figure JSON + html) are over
 * {@link MAX_CHART_BYTES}; `figureBytes` is the size of the figure JSON alone.
 */
export function checkChartSize(where: string, bytes: number, figureBytes: number): void {
  if (bytes <= MAX_CHART_BYTES) return;
  const factor = Math.ceil(bytes / MAX_CHART_BYTES);
  fail(
    where,
    `this chart would put ${megabytes(bytes)} into the notebook — its figure is ${megabytes(figureBytes)} of JSON, ` +
      `stored twice (the plotly JSON, and again in the HTML for Jupyter Notebook) — over the limit of ${megabytes(MAX_CHART_BYTES)} per chart. ` +
      `Draw less data: fewer points or traces (e.g. every ${ordinal(factor)} value), or a part of the matrix.`,
  );
}

/** A title with a second, smaller line that says how the data was reduced. */
export function titleWithNote(title: string | undefined, note: string): string {
  return title ? `${title}<br><sub>${note}</sub>` : `<sub>${note}</sub>`;
}
