/**
 * Sending a chart to the notebook: ONE `display_data` message carrying the whole bundle,
 * through tslab's `lastWriteDisplayData` hook (what tslab's own `display.html()` uses, one MIME
 * type at a time). tslab is looked up only when a chart is shown, so this module loads anywhere.
 *
 * Outside a tslab kernel there is nowhere to draw: showing a chart throws an error that says
 * so (build the figure with the `build…` helpers and {@link chartBundle} instead).
 */
import { bundleFor, type ChartBundle } from "./bundle.js";
import type { Chart } from "./figure.js";
import { requireFromHere } from "./module-require.js";

/** The content of a `display_data` message, as tslab's hook takes it. */
export interface DisplayDataContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

type WriteDisplayData = (content: DisplayDataContent, update: boolean) => void;

interface TslabJupyter {
  lastWriteDisplayData: WriteDisplayData | null;
}

const TSLAB_JUPYTER = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

function hasHook(module: unknown): module is TslabJupyter {
  return typeof module === "object" && module !== null && typeof (module as TslabJupyter).lastWriteDisplayData === "function";
}

/**
 * tslab's jupyter module while a cell runs: the tslab this package resolves, or else whichever
 * copy the kernel loaded (a kernel installed elsewhere, e.g. globally).
 */
function tslabJupyter(): TslabJupyter | undefined {
  const require = requireFromHere();
  try {
    const own: unknown = require("tslab/dist/jupyter");
    if (hasHook(own)) return own;
  } catch {
    // tslab is not installed next to this package; the kernel may still have loaded its own.
  }
  for (const [file, module] of Object.entries(require.cache)) {
    const exported: unknown = module?.exports;
    if (TSLAB_JUPYTER.test(file) && hasHook(exported)) return exported;
  }
  return undefined;
}

/** True while a tslab kernel is running a cell (charts can be shown). */
export function canShowCharts(): boolean {
  return tslabJupyter() !== undefined;
}

/** Shows `chart` as one display_data; `where` names the helper in the error outside a kernel. */
export function displayChart(where: string, chart: Chart): void {
  const jupyter = tslabJupyter();
  if (!jupyter) {
    throw new Error(
      `${where}: no notebook to draw in — charts are shown by the tslab kernel while a cell runs. ` +
        "Outside a notebook, build the figure with the build… helpers (e.g. buildLinePlot) and get its outputs with chartBundle().",
    );
  }
  const bundle = bundleFor(where, chart.figure, chart.description);
  jupyter.lastWriteDisplayData!({ data: { ...bundle }, metadata: {}, transient: {} }, false);
}

/** Shows a chart made by one of the `build…` helpers (after any changes to its figure). */
export function showChart(chart: Chart): void {
  displayChart("showChart", chart);
}

/**
 * Sends an output bundle under a `display_id`: a new output (`update` false), or a new frame of
 * that same output (`update` true → Jupyter's `update_display_data`, which redraws it in place).
 */
export function writeDisplay(where: string, bundle: ChartBundle, displayId: string, update: boolean): void {
  const jupyter = tslabJupyter();
  if (!jupyter) throw new Error(`${where}: no notebook to draw in — charts are shown by the tslab kernel while a cell runs.`);
  jupyter.lastWriteDisplayData!({ data: { ...bundle }, metadata: {}, transient: { display_id: displayId } }, update);
}
