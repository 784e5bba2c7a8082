/** `plot`: any plotly figure, displayed like the course's own charts. */
import { plural } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, Config, Figure, Frame, Layout, Trace } from "./figure.js";
import { chartConfig, isPlainObject } from "./layout.js";
import { normalizeFigure } from "./validate.js";

/** Options of {@link plot}. */
export interface PlotOptions {
  /** plotly config, merged over `{ responsive: true, displaylogo: false }`. */
  config?: Config;
  /** Animation frames (when `data` is a list of traces). */
  frames?: Frame[];
  /** The `text/plain` line (default e.g. `[chart: 2 traces (scatter, bar)]`). */
  description?: string;
}

/**
 * Builds (does not show) a plotly figure from traces + layout, or from a whole figure.
 * String titles become `{ text }` (plotly.js 3+ ignores plain strings); typed arrays and
 * matrices become arrays; NaN, ±Infinity and x/y of different lengths are errors.
 */
export function buildPlot(data: readonly Trace[] | Figure, layout?: Layout, options: PlotOptions = {}): Chart {
  const where = "plot";
  let figure: Figure;
  if (Array.isArray(data)) {
    figure = { data: [...data] };
    if (options.frames !== undefined) figure.frames = options.frames;
  } else if (isPlainObject(data)) {
    figure = { ...(data as Figure) };
    if (options.frames !== undefined) fail(where, "frames given twice: in the figure and in options");
  } else {
    fail(where, `expected a list of traces or a figure { data, layout }, got ${data === null ? "null" : typeof data}`);
  }
  if (layout !== undefined) figure.layout = { ...(figure.layout ?? {}), ...layout };
  figure.config = chartConfig({ config: { ...(figure.config ?? {}), ...(options.config ?? {}) } });
  const clean = normalizeFigure(where, figure);
  return { figure: clean, description: options.description ?? describeFigure(clean) };
}

/** `[chart: 2 traces (scatter, bar)]`, `[chart: 1 trace (heatmap), 10 frames]`. */
export function describeFigure(figure: Figure): string {
  const types = [...new Set(figure.data.map((t) => (typeof t.type === "string" ? t.type : "scatter")))];
  const frames = figure.frames?.length ? `, ${plural(figure.frames.length, "frame")}` : "";
  return `[chart: ${plural(figure.data.length, "trace")} (${types.join(", ")})${frames}]`;
}

/**
 * Shows any plotly figure: `plot(traces, layout?, options?)` or `plot(figure)`.
 *
 * @example
 * ```ts
 * plot([{ x: [1, 2, 3], y: [2, 4, 8], type: "bar" }], { title: "Powers of two" });
 * ```
 */
export function plot(data: readonly Trace[] | Figure, layout?: Layout, options?: PlotOptions): void {
  displayChart("plot", buildPlot(data, layout, options));
}
