/**
 * A chart's output bundle: one `display_data` whose MIME types let every front end draw it —
 * the plotly JSON for VS Code and JupyterLab's plotly renderer, self-contained html for Jupyter
 * Notebook / JupyterLab / saved files, and a line of text for everything else.
 */
import { createHash } from "node:crypto";
import { fail } from "./errors.js";
import type { Figure } from "./figure.js";
import { chartHtml, plotlyLoaderHtml, scriptJson } from "./html.js";
import { checkChartSize } from "./limits.js";
import { plotlyScript } from "./plotly-source.js";
import { isPlotlyEmbedded, markPlotlyEmbedded, nextChartNumber } from "./session.js";
import { normalizeFigure } from "./validate.js";

/** The MIME type of a plotly figure. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The data of one chart's `display_data` message. */
export interface ChartBundle {
  /** One line, e.g. `[line chart: ReLU(x), 200 points]`. */
  "text/plain": string;
  /** Div + drawing script (+ plotly.js in the first chart of a session); needs no network. */
  "text/html": string;
  /** The figure `{ data, layout, config?, frames? }`, checked and made plain. */
  "application/vnd.plotly.v1+json": Figure;
}

/** Pins what {@link chartBundle} otherwise takes from the session. */
export interface ChartBundleOptions {
  /** Embed plotly.js in the html (default: only if no output of this session has it yet). */
  embedPlotly?: boolean;
  /** The div's id (default: `nnfs-chart-<n>-<hash>`, see {@link chartBundle}). */
  divId?: string;
}

/**
 * Builds the output bundle of a chart; it needs no kernel (it does not display anything).
 *
 * The figure is validated first (a {@link ChartError} says what is malformed). By default the
 * bundle takes two things from the kernel session: plotly.js is embedded in the html of the
 * first bundle only (until {@link resetPlotlyEmbedding}), and the div id is
 * `nnfs-chart-<n>-<hash>` — `n` counts this session's charts, `hash` is the first 8 hex digits
 * of the figure JSON's SHA-256. Nothing random: re-running a notebook gives the same outputs,
 * and a div is found again even where several notebooks share one page (same id means same
 * figure). Pass `options` to pin both, which makes the call pure.
 *
 * A chart may add at most 2 MB to the notebook (`MAX_CHART_BYTES`: the figure JSON and the html
 * together, plotly.js not counted); a bigger one is a {@link ChartError} that gives the size.
 */
export function chartBundle(figure: Figure, description: string, options: ChartBundleOptions = {}): ChartBundle {
  return bundleFor("chartBundle", figure, description, options);
}

/** {@link chartBundle}, with `where` (the chart helper the reader called) starting every error message. */
export function bundleFor(where: string, figure: Figure, description: string, options: ChartBundleOptions = {}): ChartBundle {
  const clean = normalizeFigure(where, figure);
  if (typeof description !== "string" || description.trim() === "") fail(where, "the description must be a non-empty string");
  const text = description.replace(/\s*[\r\n]+\s*/g, " ").trim();
  if (options.divId !== undefined && !/^[A-Za-z][\w-]*$/.test(options.divId)) {
    fail(where, `divId must be letters, digits, "-" and "_", starting with a letter; got ${JSON.stringify(options.divId)}`);
  }
  const json = JSON.stringify(clean);
  const hash = createHash("sha256").update(json).digest("hex").slice(0, 8);
  const parts = { figureJson: scriptJson(clean), description: text };
  // Measured with a stand-in id before the chart is counted: a chart that is too big leaves no trace.
  const stand = chartHtml({ ...parts, id: options.divId ?? `nnfs-chart-0000-${hash}` });
  const figureBytes = Buffer.byteLength(json);
  checkChartSize(where, figureBytes + Buffer.byteLength(stand) + Buffer.byteLength(text), figureBytes);
  const id = options.divId ?? `nnfs-chart-${nextChartNumber()}-${hash}`;
  const embed = options.embedPlotly ?? !isPlotlyEmbedded();
  const html = (embed ? plotlyLoaderHtml(plotlyScript()) : "") + chartHtml({ ...parts, id });
  if (embed) markPlotlyEmbedded();
  return { "text/plain": text, "text/html": html, [PLOTLY_MIME]: clean };
}
