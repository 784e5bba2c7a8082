/**
 * A code cell's outputs as HTML, the way Jupyter shows them: streams as text (stderr marked),
 * errors with their ANSI colours, rich outputs by the richest MIME type we can show offline.
 * A plotly figure is drawn from its JSON; the chart's `text/html` twin is then ignored.
 */
import type { IOutput, MultilineString } from "@jupyterlab/nbformat";
import { ansiToHtml } from "./ansi.js";
import { PLOTLY_MIME, renderChart } from "./chart.js";
import { escapeHtml } from "./escape.js";
import { renderMarkdown, renderMath } from "./markdown.js";

/** What output rendering needs from the page: unique ids for chart containers. */
export interface OutputContext {
  /** Returns a fresh element id for the next chart on the page. */
  nextChartId(): string;
  /** Set to true once an output on the page is a chart (the page then loads plotly.js). */
  hasCharts: boolean;
}

const text = (value: unknown): string => (Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "");

/** Renders one MIME bundle (`execute_result` / `display_data` data), or "" if nothing can be shown. */
export function renderMimeBundle(data: Record<string, unknown>, ctx: OutputContext): string {
  if (data[PLOTLY_MIME] !== undefined) {
    ctx.hasCharts = true;
    return renderChart(data[PLOTLY_MIME], ctx.nextChartId());
  }
  if (data["text/html"] !== undefined) return `<div class="output html">${text(data["text/html"])}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="output image">${text(data["image/svg+xml"])}</div>`;
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[mime] !== undefined) {
      const base64 = text(data[mime]).replace(/\s+/g, "");
      return `<div class="output image"><img alt="" src="data:${mime};base64,${escapeHtml(base64)}"></div>`;
    }
  }
  if (data["text/markdown"] !== undefined) return `<div class="output markdown">${renderMarkdown(text(data["text/markdown"]))}</div>`;
  if (data["text/latex"] !== undefined) {
    const tex = text(data["text/latex"]).trim().replace(/^\$\$?([\s\S]*?)\$?\$$/, "$1");
    return `<div class="output latex">${renderMath(tex, true)}</div>`;
  }
  if (data["application/json"] !== undefined) {
    return `<pre class="output json">${escapeHtml(JSON.stringify(data["application/json"], null, 2))}</pre>`;
  }
  if (data["text/plain"] !== undefined) return `<pre class="output text">${ansiToHtml(text(data["text/plain"]))}</pre>`;
  return "";
}

/** Renders one nbformat output. `execute_result`s get an `Out[n]:` prompt. */
export function renderOutput(output: IOutput, ctx: OutputContext): string {
  switch (output.output_type) {
    case "stream": {
      const name = output.name === "stderr" ? "stderr" : "stdout";
      return `<pre class="output stream ${name}">${ansiToHtml(text(output.text as MultilineString))}</pre>`;
    }
    case "error": {
      const traceback = Array.isArray(output.traceback) ? (output.traceback as string[]).join("\n") : "";
      const message = traceback || `${String(output.ename)}: ${String(output.evalue)}`;
      return `<pre class="output error">${ansiToHtml(message)}</pre>`;
    }
    case "execute_result":
    case "display_data": {
      const body = renderMimeBundle((output.data ?? {}) as Record<string, unknown>, ctx);
      if (!body || output.output_type === "display_data") return body;
      const count = typeof output.execution_count === "number" ? output.execution_count : " ";
      return `<div class="result"><div class="prompt out">Out[${count}]:</div>${body}</div>`;
    }
    default:
      return "";
  }
}

/** All outputs of one code cell, in a `div.outputs` (or "" when the cell printed nothing). */
export function renderOutputs(outputs: readonly IOutput[], ctx: OutputContext): string {
  const parts = outputs.map((o) => renderOutput(o, ctx)).filter((html) => html !== "");
  return parts.length ? `<div class="outputs">\n${parts.join("\n")}\n</div>` : "";
}
