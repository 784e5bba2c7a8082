/**
 * What the charts remember for the life of the kernel: whether plotly.js has been embedded in an
 * output yet, and how many charts were drawn (the counter in each chart's div id). Kept on
 * `globalThis` under a registered symbol so two loaded copies of this module share it.
 */
interface ChartSession {
  plotlyEmbedded: boolean;
  charts: number;
}

const KEY = Symbol.for("nn-from-scratch.charts.session");

function session(): ChartSession {
  const holder = globalThis as unknown as Record<symbol, ChartSession | undefined>;
  return (holder[KEY] ??= { plotlyEmbedded: false, charts: 0 });
}

/** True once an output of this session carries plotly.js. */
export function isPlotlyEmbedded(): boolean {
  return session().plotlyEmbedded;
}

/** Records that an output now carries plotly.js. */
export function markPlotlyEmbedded(): void {
  session().plotlyEmbedded = true;
}

/** The next chart number of this session: 1, 2, 3, … */
export function nextChartNumber(): number {
  return ++session().charts;
}

/**
 * Starts the chart session over: the next chart embeds plotly.js again and div ids count from 1.
 * For tests — and for a notebook whose first chart's output was lost (e.g. that cell was re-run
 * or cleared): call it, then draw a chart, and that chart carries plotly.js again.
 */
export function resetPlotlyEmbedding(): void {
  const s = session();
  s.plotlyEmbedded = false;
  s.charts = 0;
}
