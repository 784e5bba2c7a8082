/** plotly.js itself, read once from `plotly.js-dist-min` on disk, for embedding in html outputs. */
import { readFileSync } from "node:fs";
import { requireFromHere } from "./module-require.js";

/** The plotly.js bundle: its version and its source text. */
export interface PlotlyScript {
  version: string;
  source: string;
}

let cached: PlotlyScript | undefined;

/** Reads `plotly.js-dist-min/plotly.min.js` (once; later calls return the same text). */
export function plotlyScript(): PlotlyScript {
  if (cached) return cached;
  const require = requireFromHere();
  let file: string;
  try {
    file = require.resolve("plotly.js-dist-min/plotly.min.js");
  } catch {
    // An optional peer dependency: the core never needs it, so a library user installs it only to draw charts.
    throw new Error("charts: cannot find plotly.js-dist-min, which the notebook charts embed — install it next to nn-from-scratch: npm install plotly.js-dist-min");
  }
  const version = String((require("plotly.js-dist-min/package.json") as { version?: unknown }).version ?? "unknown");
  cached = { version, source: readFileSync(file, "utf8") };
  return cached;
}
