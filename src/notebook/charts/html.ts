/**
 * The `text/html` of a chart: a `<div>` and a small script that draws the figure into it with
 * `Plotly.newPlot` as soon as `window.Plotly` exists — plus, in the first chart of a kernel
 * session only, plotly.js itself. Nothing is fetched from the network.
 *
 * Why it draws in every front end:
 * - Jupyter Notebook (classic) runs output scripts through jQuery, away from the div, and has
 *   RequireJS's `define` on the page. So the script finds its div by id when it is not the
 *   script's neighbour, and plotly.js runs inside a function whose parameters `define`,
 *   `module`, `exports` and `require` hide any loader: its UMD wrapper always sets `window.Plotly`.
 * - JupyterLab and Notebook 7 re-create output scripts in place; scripts run once attached.
 * - A reopened, trusted notebook renders its outputs in any order (and may render later ones
 *   first), so every chart polls for `window.Plotly` instead of assuming it; after a few seconds
 *   it says in the div what it is waiting for. `window.Plotly` is defined only if absent.
 * - Front ends that do not run scripts (GitHub, untrusted notebooks) show the one-line
 *   description that the div holds until the chart is drawn.
 */
import type { PlotlyScript } from "./plotly-source.js";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` (so no `</script>` or `<!--`)
 * and the line separators U+2028/U+2029 are written as `\u` escapes. `JSON.parse` of the result
 * gives back the same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Marks the embedded plotly.js in an html output (tests look for it). */
export const PLOTLY_EMBED_MARKER = "nn-from-scratch: plotly.js embedded";

/** The `<script>` that defines `window.Plotly` (only if it is not defined yet). */
export function plotlyLoaderHtml(plotly: PlotlyScript): string {
  // plotly.min.js holds no "</script" today; escaping keeps it so (it only occurs inside strings).
  const source = plotly.source.replace(/<\/(script)/gi, "<\\/$1");
  return (
    `<script type="text/javascript">\n` +
    `/* ${PLOTLY_EMBED_MARKER} (plotly.js ${plotly.version}, MIT licence, (c) Plotly, Inc.): once per kernel session,\n` +
    `   with any AMD define / CommonJS module hidden so that it always sets window.Plotly. */\n` +
    `if (typeof window.Plotly === "undefined") {\n` +
    `(function (define, module, exports, require) {\n` +
    source +
    `\n}).call(window);\n}\n</script>\n`
  );
}

const WAITING =
  "waiting for plotly.js, which comes with the first chart of this kernel session. If that output is gone " +
  "(its cell was re-run or cleared), re-run the notebook from the top, or call resetPlotlyEmbedding() and draw again.";

/** The drawing script: find the div, wait for `window.Plotly`, then `Plotly.newPlot(div, figure)`. */
function drawScript(id: string, figureJson: string): string {
  return `<script type="text/javascript">
(function () {
  var id = ${JSON.stringify(id)};
  var figure = ${figureJson};
  var script = document.currentScript, started = Date.now(), div = null, warned = false;
  function find() {
    var prev = script && script.previousElementSibling;
    if (prev && prev.id === id) return prev;
    var all = document.querySelectorAll("div[id='" + id + "']");
    for (var i = 0; i < all.length; i++) if (!all[i].hasAttribute("data-nnfs-drawn")) return all[i];
    return null;
  }
  function attempt() {
    var waited = Date.now() - started, Plotly = window.Plotly;
    if (!div) div = find();
    if (div && div.isConnected && Plotly && typeof Plotly.newPlot === "function") {
      div.setAttribute("data-nnfs-drawn", "");
      div.innerHTML = "";
      Plotly.newPlot(div, figure);
      return;
    }
    if (div && !warned && waited > 4000) {
      warned = true;
      var note = div.querySelector(".nnfs-chart-note");
      if (note) note.textContent += " \\u2014 " + ${JSON.stringify(WAITING)};
    }
    if (waited > 30 * 60 * 1000 || (!div && waited > 60 * 1000)) return;
    setTimeout(attempt, waited < 10000 ? 50 : 1000);
  }
  attempt();
})();
</script>
`;
}

/** Everything a chart's `text/html` needs. */
export interface ChartHtmlParts {
  /** The div's id: letters, digits, `-` and `_`. */
  id: string;
  /** The figure, already made safe by {@link scriptJson}. */
  figureJson: string;
  /** The one-line description shown until the chart is drawn. */
  description: string;
  /** plotly.js, for the first chart of a session only. */
  plotly?: PlotlyScript;
}

/** The html of one chart: [plotly.js loader] + div + drawing script. */
export function chartHtml(parts: ChartHtmlParts): string {
  const note = `${escapeHtml(parts.description)} \u00b7 interactive chart, drawn by JavaScript in a trusted notebook`;
  return (
    (parts.plotly ? plotlyLoaderHtml(parts.plotly) : "") +
    `<div id="${parts.id}" class="nnfs-chart"><div class="nnfs-chart-note" style="font: 12px monospace; color: #888; padding: 4px 0">${note}</div></div>\n` +
    drawScript(parts.id, parts.figureJson)
  );
}
