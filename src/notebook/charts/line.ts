/** Line charts: series of numbers (`linePlot`) and functions sampled over a range (`plotFunctions`). */
import { finiteNumbers, plural } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Trace } from "./figure.js";
import { chartConfig, chartLayout, compact } from "./layout.js";
import { grouped, MAX_LINE_POINTS, minMaxIndices, titleWithNote } from "./limits.js";

/** One line: `y` values, with `x` values (default 0, 1, 2, …) and a name for the legend. */
export interface Series {
  y: ArrayLike<number>;
  x?: ArrayLike<number>;
  name?: string;
  /** `"lines"` (default), `"markers"` or `"lines+markers"`. */
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dot" | "dash" | "longdash" | "dashdot";
  color?: string;
}

/** Options of {@link linePlot} and {@link plotFunctions}. */
export interface LinePlotOptions extends ChartOptions {
  /** A logarithmic y axis (e.g. for loss curves). */
  logY?: boolean;
}

/** A function to draw, with its name (default: the function's own name). */
export interface NamedFunction {
  name?: string;
  f: (x: number) => number;
  dash?: Series["dash"];
  color?: string;
}

/** Where to sample the functions of {@link plotFunctions}. */
export interface FunctionRange {
  from: number;
  to: number;
  /** How many x values, evenly spaced and including both ends (default 201: odd, so the middle is one). */
  points?: number;
}

/**
 * The course's line chart. A line of more than {@link MAX_LINE_POINTS} points is downsampled
 * (each run of points keeps its minimum and maximum, so spikes stay), and the title and the
 * description say so: `[line chart: loss, downsampled from 1,000,000 to 5,000 points]`.
 */
function lineChart(where: string, input: Series | readonly Series[], options: LinePlotOptions): Chart {
  const list: readonly Series[] = Array.isArray(input) ? input : [input as Series];
  if (list.length === 0) fail(where, "nothing to draw: no series given");
  const given: number[] = [];
  const traces: Trace[] = list.map((series, i) => {
    if (typeof series !== "object" || series === null) fail(where, `series ${i} must be an object like { x, y, name }, got ${series}`);
    const name = series.name ?? `series ${i + 1}`;
    const label = `trace ${JSON.stringify(name)}`;
    let y = finiteNumbers(where, `${label} y`, series.y);
    if (y.length === 0) fail(where, `${label} has no points`);
    let x = series.x === undefined ? y.map((_, k) => k) : finiteNumbers(where, `${label} x`, series.x);
    if (x.length !== y.length) fail(where, `${label} has ${x.length} x values but ${y.length} y values`);
    given.push(y.length);
    if (y.length > MAX_LINE_POINTS) {
      const keep = minMaxIndices(y, MAX_LINE_POINTS);
      x = keep.map((k) => x[k]);
      y = keep.map((k) => y[k]);
    }
    const line = compact({ dash: series.dash, color: series.color });
    return compact({
      type: "scatter",
      mode: series.mode ?? "lines",
      name,
      x,
      y,
      line: Object.keys(line).length ? line : undefined,
      marker: series.color ? { color: series.color } : undefined,
    });
  });
  const lengths = traces.map((t) => (t.y as number[]).length);
  const reduced = given.some((n, i) => n !== lengths[i]);
  const names = traces.map((t) => t.name as string);
  const count = (i: number) =>
    given[i] === lengths[i] ? plural(lengths[i], "point") : `downsampled from ${grouped(given[i])} to ${grouped(lengths[i])} points`;
  const extra: Record<string, unknown> = options.logY ? { yaxis: { type: "log" } } : {};
  let shown = options;
  if (reduced) {
    const cut = given.map((_, k) => k).filter((k) => given[k] !== lengths[k]);
    const alike = cut.every((k) => given[k] === given[cut[0]] && lengths[k] === lengths[cut[0]]);
    const what = !alike
      ? `lines of more than ${grouped(MAX_LINE_POINTS)} points downsampled`
      : cut.length === traces.length || traces.length === 1
        ? `${count(cut[0])}${traces.length > 1 ? " each" : ""}`
        : `${cut.map((k) => names[k]).join(", ")} ${count(cut[0])}`;
    const note = `${what} (each run of points keeps its min and max)`;
    shown = { ...options, title: titleWithNote(options.title, note) };
    extra.margin = { t: options.title ? 70 : 40 };
  }
  const layout = chartLayout(where, shown, { showlegend: traces.length > 1, ...extra });
  const same = given.every((n) => n === given[0]) && lengths.every((n) => n === lengths[0]);
  const points = same
    ? `${names.join(", ")}, ${count(0)}${traces.length > 1 ? " each" : ""}`
    : names.map((name, i) => `${name} (${count(i)})`).join(", ");
  return { figure: { data: traces, layout, config: chartConfig(options) }, description: `[line chart: ${points}]` };
}

/** Builds (does not show) the chart of {@link linePlot}. */
export function buildLinePlot(series: Series | readonly Series[], options: LinePlotOptions = {}): Chart {
  return lineChart("linePlot", series, options);
}

/**
 * Line chart of one or more series.
 *
 * @example
 * ```ts
 * linePlot({ y: losses, name: "loss" }, { title: "Training", xTitle: "epoch", yTitle: "loss" });
 * linePlot([{ x, y: relu, name: "ReLU(x)" }, { x, y: sig, name: "σ(x)" }]);
 * ```
 */
export function linePlot(series: Series | readonly Series[], options?: LinePlotOptions): void {
  displayChart("linePlot", buildLinePlot(series, options));
}

/** The x values of a {@link FunctionRange}: `points` evenly spaced from `from` to `to`. */
export function sampleRange(where: string, range: FunctionRange): number[] {
  const { from, to, points = 201 } = range;
  if (typeof from !== "number" || typeof to !== "number" || !Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) {
    fail(where, `the range needs finite numbers from < to, got from: ${from}, to: ${to}`);
  }
  if (!Number.isInteger(points) || points < 2) fail(where, `points must be a whole number ≥ 2, got ${points}`);
  return Array.from({ length: points }, (_, i) => (i === points - 1 ? to : from + ((to - from) * i) / (points - 1)));
}

/** Builds (does not show) the chart of {@link plotFunctions}. */
export function buildFunctionPlot(
  functions: ((x: number) => number) | NamedFunction | readonly (((x: number) => number) | NamedFunction)[],
  options: FunctionRange & LinePlotOptions,
): Chart {
  const where = "plotFunctions";
  if (typeof options !== "object" || options === null) fail(where, "give the range to draw over, e.g. { from: -2, to: 2 }");
  const list = Array.isArray(functions) ? functions : [functions];
  if (list.length === 0) fail(where, "nothing to draw: no functions given");
  const xs = sampleRange(where, options);
  const series: Series[] = list.map((item: ((x: number) => number) | NamedFunction, i): Series => {
    const named: NamedFunction = typeof item === "function" ? { f: item } : item;
    if (typeof named !== "object" || named === null || typeof named.f !== "function") {
      fail(where, `function ${i} must be a function or { name, f }, got ${named === null ? "null" : typeof named}`);
    }
    const name = named.name ?? (named.f.name || `f${i + 1}`);
    const y = xs.map((x) => {
      let value: unknown;
      try {
        value = named.f(x);
      } catch (error) {
        fail(where, `"${name}" threw at x = ${x}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (typeof value !== "number" || !Number.isFinite(value)) {
        fail(where, `"${name}" gave ${typeof value === "number" ? value : typeof value} at x = ${x}; charts need finite numbers (choose a range where it is finite)`);
      }
      return value;
    });
    return { x: xs, y, name, dash: named.dash, color: named.color };
  });
  return lineChart(where, series, options);
}

/**
 * Draws functions of one variable, sampled evenly over `[from, to]`.
 *
 * @example
 * ```ts
 * plotFunctions([{ name: "ReLU(x)", f: (x) => Math.max(0, x) }, { name: "σ(x)", f: (x) => 1 / (1 + Math.exp(-x)) }],
 *   { from: -4, to: 4, title: "Activation functions" });
 * ```
 */
export function plotFunctions(
  functions: ((x: number) => number) | NamedFunction | readonly (((x: number) => number) | NamedFunction)[],
  options: FunctionRange & LinePlotOptions,
): void {
  displayChart("plotFunctions", buildFunctionPlot(functions, options));
}
