/**
 * `trainingChart`: loss (and accuracy) per epoch, redrawn in place while a training loop runs —
 * one output that Jupyter updates (`update_display_data`), ending as one ordinary chart.
 */
import { createHash } from "node:crypto";
import { bundleFor } from "./bundle.js";
import { describeValue } from "./data.js";
import { canShowCharts, writeDisplay } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Trace } from "./figure.js";
import { chartConfig, chartLayout } from "./layout.js";
import { isPlotlyEmbedded, nextChartNumber } from "./session.js";

/** Options of {@link trainingChart}. */
export interface TrainingChartOptions extends ChartOptions {
  /** The metrics to draw, in order; a name ending in `accuracy` goes on the right-hand 0–1 axis (default `["loss", "accuracy"]`). */
  metrics?: readonly string[];
  /** Redraw at most this often while training, in milliseconds (default 250). */
  redrawEveryMs?: number;
}

/** A live chart of training metrics; see {@link trainingChart}. */
export interface TrainingChart {
  /**
   * Records one epoch's metrics (a number per metric; a metric left out of `logs` is skipped
   * for this epoch) and redraws the chart if `redrawEveryMs` has passed since the last redraw.
   * Await it inside a loop so the notebook gets the chance to show the new frame; the numbers
   * are recorded either way.
   */
  update(epoch: number, logs: Readonly<Record<string, number>>): Promise<void>;
  /** Draws the final chart (every recorded point). Call it once, after the loop. */
  done(): void;
  /** The chart as it stands, as the `build…` helpers return it. */
  build(): Chart;
}

const isAccuracy = (name: string) => /accuracy$/i.test(name);
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/**
 * Starts a live chart of training metrics. In a notebook it shows at once and redraws in place
 * while the loop runs (at most every `redrawEveryMs`); `done()` draws the final chart, which is
 * what the saved notebook keeps. Outside a notebook it only records (use `build()` to get the figure).
 *
 * The loss axis starts at 0, so a small drop looks small.
 *
 * @example
 * ```ts
 * const chart = trainingChart({ title: "Spiral, Adam(0.05)" });
 * for (let epoch = 0; epoch <= 10000; epoch++) {
 *   // … forward, backward, optimizer.step …
 *   if (epoch % 100 === 0) await chart.update(epoch, { loss, accuracy: accuracy(lossFn.output, y) });
 * }
 * chart.done();
 * ```
 */
export function trainingChart(options: TrainingChartOptions = {}): TrainingChart {
  const where = "trainingChart";
  const metrics = options.metrics ?? ["loss", "accuracy"];
  if (!Array.isArray(metrics) || metrics.length === 0 || !metrics.every((m) => typeof m === "string" && m !== "")) {
    fail(where, `metrics must be a non-empty list of names such as ["loss", "accuracy"], got ${describeValue(metrics)}`);
  }
  if (new Set(metrics).size !== metrics.length) fail(where, `metrics must not repeat a name, got ${JSON.stringify(metrics)}`);
  const redrawEveryMs = options.redrawEveryMs ?? 250;
  if (typeof redrawEveryMs !== "number" || !(redrawEveryMs >= 0)) fail(where, `redrawEveryMs must be a number ≥ 0, got ${describeValue(redrawEveryMs)}`);
  // Validate the layout options now rather than at the first redraw.
  chartLayout(where, options);

  const epochs = new Map<string, number[]>(metrics.map((m) => [m, []]));
  const values = new Map<string, number[]>(metrics.map((m) => [m, []]));
  let lastEpoch = -Infinity;
  let finished = false;
  const live = canShowCharts();
  // Fixed for the chart's whole life, so every frame replaces the same output and the final one
  // is what a one-shot chart would have been (plotly.js embedded if this is the session's first chart).
  const chartNumber = nextChartNumber();
  const embedPlotly = live && !isPlotlyEmbedded();
  const displayId = `nnfs-live-${chartNumber}`;
  let lastDraw = -Infinity;

  const build = (): Chart => {
    const traces: Trace[] = metrics.map((name, i) => ({
      type: "scatter",
      mode: "lines",
      name,
      x: epochs.get(name)!,
      y: values.get(name)!,
      yaxis: isAccuracy(name) ? "y2" : "y",
      line: { color: COLORS[i % COLORS.length] },
    }));
    const hasAccuracy = metrics.some(isAccuracy);
    const lossNames = metrics.filter((m) => !isAccuracy(m));
    const layout = chartLayout(where, { xTitle: "epoch", yTitle: lossNames.join(", "), ...options }, {
      showlegend: true,
      yaxis: { rangemode: "tozero" },
      // Accuracy on its own right-hand axis, 0 to 1 in steps of 0.2 (not synced to the loss ticks).
      ...(hasAccuracy ? { yaxis2: { title: { text: "accuracy" }, overlaying: "y", side: "right", range: [0, 1], tickmode: "array", tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1], showgrid: false } } : {}),
      legend: { orientation: "h", y: -0.2 },
    });
    const count = Math.max(0, ...metrics.map((m) => values.get(m)!.length));
    const summary = metrics
      .filter((m) => values.get(m)!.length > 0)
      .map((m) => `${m} ${formatMetric(values.get(m)!.at(-1)!)}`)
      .join(", ");
    return {
      figure: { data: traces, layout, config: chartConfig(options) },
      description: `[training chart: ${count} epoch${count === 1 ? "" : "s"} recorded${summary ? `; last: ${summary}` : ""}]`,
    };
  };

  const draw = (final: boolean, update: boolean) => {
    const chart = build();
    const json = JSON.stringify(chart.figure);
    const divId = final ? `nnfs-chart-${chartNumber}-${createHash("sha256").update(json).digest("hex").slice(0, 8)}` : `${displayId}-frame`;
    const bundle = bundleFor(where, chart.figure, chart.description, { divId, embedPlotly: final && embedPlotly });
    writeDisplay(where, bundle, displayId, update);
    lastDraw = Date.now();
  };

  if (live) draw(false, false);

  return {
    async update(epoch, logs) {
      if (finished) fail(where, "update after done(): start a new trainingChart for a new run");
      if (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch <= lastEpoch) {
        fail(where, `update: epochs must be finite numbers that increase, got ${describeValue(epoch)} after ${lastEpoch}`);
      }
      if (logs === null || typeof logs !== "object") fail(where, `update: expected logs like { loss: 0.5 }, got ${describeValue(logs)}`);
      for (const [name, value] of Object.entries(logs)) {
        if (!values.has(name)) fail(where, `update: unknown metric "${name}"; this chart draws ${metrics.join(", ")} (pass metrics: [...] to draw others)`);
        if (typeof value !== "number" || !Number.isFinite(value)) fail(where, `update: ${name} at epoch ${epoch} is ${describeValue(value)}, expected a finite number`);
      }
      lastEpoch = epoch;
      for (const [name, value] of Object.entries(logs)) {
        epochs.get(name)!.push(epoch);
        values.get(name)!.push(value);
      }
      if (live && Date.now() - lastDraw >= redrawEveryMs) {
        draw(false, true);
        // Let the kernel send the frame before the loop goes on.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (live) draw(true, true);
    },
    build,
  };
}

function formatMetric(x: number): string {
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}
