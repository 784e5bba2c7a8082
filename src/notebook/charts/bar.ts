/** `barChart`: one bar per value, e.g. a softmax output or a loss per class. */
import { describeValue, finiteNumbers, isNumberList, plural } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions } from "./figure.js";
import { chartConfig, chartLayout, compact, isPlainObject } from "./layout.js";

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** One label per bar (default `0`, `1`, `2`, … or the keys of a record). */
  labels?: readonly string[];
  /** Bars along the y axis instead of the x axis. */
  horizontal?: boolean;
  /** One colour for all bars, or one per bar. */
  color?: string | readonly string[];
}

/** Builds (does not show) the chart of {@link barChart}. */
export function buildBarChart(values: ArrayLike<number> | Readonly<Record<string, number>>, options: BarChartOptions = {}): Chart {
  const where = "barChart";
  let heights: number[];
  let names: string[];
  if (isNumberList(values)) {
    heights = finiteNumbers(where, "values", values);
    names = heights.map((_, i) => String(i));
  } else if (isPlainObject(values)) {
    names = Object.keys(values);
    heights = finiteNumbers(where, "values", Object.values(values));
  } else {
    fail(where, `expected an array of numbers or a record { label: value }, got ${describeValue(values)}`);
  }
  if (heights.length === 0) fail(where, "nothing to draw: no values");
  if (options.labels !== undefined) {
    if (!Array.isArray(options.labels) || options.labels.length !== heights.length) {
      fail(where, `${plural(heights.length, "value")} but ${Array.isArray(options.labels) ? plural(options.labels.length, "label") : "labels that are not a list"}; give one label per value`);
    }
    names = options.labels.map(String);
  }
  if (Array.isArray(options.color) && options.color.length !== heights.length) {
    fail(where, `${plural(heights.length, "bar")} but ${plural(options.color.length, "colour")}; give one colour, or one per bar`);
  }
  const horizontal = options.horizontal === true;
  const trace = compact({
    type: "bar",
    x: horizontal ? heights : names,
    y: horizontal ? names : heights,
    orientation: horizontal ? "h" : undefined,
    marker: options.color === undefined ? undefined : { color: Array.isArray(options.color) ? [...options.color] : options.color },
  });
  const categories = { type: "category" };
  const extra = horizontal ? { yaxis: { ...categories, autorange: "reversed" } } : { xaxis: categories };
  return {
    figure: { data: [trace], layout: chartLayout(where, options, extra), config: chartConfig(options) },
    description: `[bar chart: ${plural(heights.length, "bar")}]`,
  };
}

/**
 * Bar chart of values: an array (with optional `labels`) or a record `{ label: value }`.
 *
 * @example
 * ```ts
 * barChart(softmaxOutput, { labels: ["cat", "dog", "bird"], title: "Class probabilities" });
 * barChart({ SGD: 0.71, Adam: 0.93 }, { yTitle: "accuracy" });
 * ```
 */
export function barChart(values: ArrayLike<number> | Readonly<Record<string, number>>, options?: BarChartOptions): void {
  displayChart("barChart", buildBarChart(values, options));
}
