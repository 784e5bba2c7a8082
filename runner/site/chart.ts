/**
 * Interactive charts: a plotly figure (the `application/vnd.plotly.v1+json` output the chart
 * helpers send) becomes an empty container plus a classic inline script that draws it with the
 * page's local copy of plotly.js (`assets/plotly.min.js`) — no CDN, works from file://.
 */
import { escapeHtml, jsonForScript } from "./escape.js";

/** The MIME type of a plotly figure in notebook outputs. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Where a page finds plotly.js, relative to the site's root folder. */
export const PLOTLY_ASSET = "assets/plotly.min.js";

interface Figure {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

/** The container (`div.chart#id`) and the script that draws `figure` into it. */
export function renderChart(figure: unknown, id: string): string {
  const fig = (figure ?? {}) as Figure;
  const payload: Figure = {
    data: Array.isArray(fig.data) ? fig.data : [],
    layout: fig.layout ?? {},
    config: { responsive: true, displaylogo: false, ...fig.config },
  };
  if (Array.isArray(fig.frames)) payload.frames = fig.frames;
  return (
    `<div class="chart" id="${escapeHtml(id)}"></div>\n` +
    `<script>Plotly.newPlot(${jsonForScript(id)}, ${jsonForScript(payload)});</script>`
  );
}
