/**
 * `networkDiagram`: a picture of a network — its layers of neurons as circles, its weights as the
 * lines between them (thicker for larger weights; blue positive, red negative).
 */
import { describeValue, plural } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Trace } from "./figure.js";
import { chartConfig, chartLayout } from "./layout.js";

/** A layer the diagram can read weights from, such as `Dense`: `weights` is inputs × neurons. */
export interface WeightedLayer {
  readonly weights: { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> };
}

/** Options of {@link networkDiagram}. */
export interface NetworkDiagramOptions extends ChartOptions {
  /** Names of the layers' columns, inputs first (default `inputs`, `layer 1`, …, last `outputs`). */
  layerNames?: readonly string[];
  /** Names of the input neurons (e.g. `["x₀", "x₁"]`). */
  inputNames?: readonly string[];
  /** At most this many neurons drawn per layer; the rest are shown as "…" (default 10). */
  maxNeurons?: number;
}

const POSITIVE = "#1f77b4";
const NEGATIVE = "#d62728";
const WIDTH_BINS = 4;

/** Which neurons of a layer of `n` to draw: all, or the first `max − 1` and the last. */
function shown(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: max - 1 }, (_, i) => i), n - 1];
}

/** Builds (does not show) the chart of {@link networkDiagram}. */
export function buildNetworkDiagram(network: readonly number[] | readonly WeightedLayer[], options: NetworkDiagramOptions = {}): Chart {
  const where = "networkDiagram";
  if (!Array.isArray(network) || network.length === 0) {
    fail(where, `expected layer sizes such as [2, 3, 1] or a list of Dense layers, got ${describeValue(network)}`);
  }
  const maxNeurons = options.maxNeurons ?? 10;
  if (!Number.isInteger(maxNeurons) || maxNeurons < 2) fail(where, `maxNeurons must be a whole number ≥ 2, got ${describeValue(maxNeurons)}`);

  // Sizes and, when layers are given, the weight of every edge (from i in layer l to n in layer l + 1).
  let sizes: number[];
  let weightOf: ((l: number, i: number, n: number) => number) | undefined;
  if (network.every((x) => typeof x === "number")) {
    sizes = network as number[];
    sizes.forEach((n, l) => (Number.isInteger(n) && n >= 1) || fail(where, `layer ${l} has ${describeValue(n)} neurons, expected a whole number ≥ 1`));
    if (sizes.length < 2) fail(where, `expected at least two layer sizes (inputs and outputs), got [${sizes.join(", ")}]`);
  } else {
    const layers = network as readonly WeightedLayer[];
    layers.forEach((layer, l) => {
      const w = (layer as Partial<WeightedLayer> | null)?.weights;
      if (!w || typeof w.rows !== "number" || typeof w.cols !== "number" || !w.data) {
        fail(where, `layer ${l} has no weights matrix (expected a Dense layer), got ${describeValue(layer)}`);
      }
      if (l > 0 && w.rows !== layers[l - 1].weights.cols) {
        fail(where, `layer ${l} takes ${w.rows} inputs but layer ${l - 1} has ${layers[l - 1].weights.cols} neurons`);
      }
    });
    sizes = [layers[0].weights.rows, ...layers.map((layer) => layer.weights.cols)];
    weightOf = (l, i, n) => {
      const w = layers[l].weights;
      return Number(w.data[i * w.cols + n]);
    };
  }
  const names = options.layerNames ?? sizes.map((_, l) => (l === 0 ? "inputs" : l === sizes.length - 1 ? "outputs" : `layer ${l}`));
  if (names.length !== sizes.length) fail(where, `layerNames needs ${plural(sizes.length, "name")} (inputs first), got ${names.length}`);

  // Positions: layer l at x = l; the neurons drawn of each layer centred on y = 0, top to bottom.
  const drawn = sizes.map((n) => shown(n, maxNeurons));
  const y = (l: number, k: number) => (drawn[l].length - 1) / 2 - k;
  const slot = (l: number, neuron: number) => drawn[l].indexOf(neuron);

  const edgeTraces: Trace[] = [];
  if (weightOf) {
    let largest = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      for (const i of drawn[l]) for (const n of drawn[l + 1]) largest = Math.max(largest, Math.abs(weightOf(l, i, n)));
    }
    // Edges binned by sign and size: one trace per (sign, width) instead of one per edge.
    const bins = new Map<string, { x: (number | null)[]; y: (number | null)[]; text: (string | null)[] }>();
    for (let l = 0; l + 1 < sizes.length; l++) {
      for (const i of drawn[l]) {
        for (const n of drawn[l + 1]) {
          const w = weightOf(l, i, n);
          const bin = largest === 0 ? 0 : Math.min(WIDTH_BINS - 1, Math.floor((Math.abs(w) / largest) * WIDTH_BINS));
          const key = `${w < 0 ? "-" : "+"}${bin}`;
          const b = bins.get(key) ?? { x: [], y: [], text: [] };
          const label = `w[${i}][${n}] = ${Number(w.toPrecision(3))}`;
          b.x.push(l, l + 1, null);
          b.y.push(y(l, slot(l, i)), y(l + 1, slot(l + 1, n)), null);
          b.text.push(label, label, null);
          bins.set(key, b);
        }
      }
    }
    for (const [key, b] of [...bins.entries()].sort()) {
      const bin = Number(key.slice(1));
      edgeTraces.push({
        type: "scatter",
        mode: "lines",
        x: b.x,
        y: b.y,
        text: b.text,
        hoverinfo: "text",
        line: { color: key[0] === "-" ? NEGATIVE : POSITIVE, width: 0.5 + bin * 1.5 },
        opacity: 0.35 + (0.6 * bin) / (WIDTH_BINS - 1),
        showlegend: false,
      });
    }
  } else {
    const x: (number | null)[] = [];
    const ys: (number | null)[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      for (const i of drawn[l]) for (const n of drawn[l + 1]) x.push(l, l + 1, null), ys.push(y(l, slot(l, i)), y(l + 1, slot(l + 1, n)), null);
    }
    edgeTraces.push({ type: "scatter", mode: "lines", x, y: ys, hoverinfo: "skip", line: { color: "#9aa5b1", width: 1 }, showlegend: false });
  }

  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const nodeText: string[] = [];
  const ellipsisX: number[] = [];
  const ellipsisY: number[] = [];
  drawn.forEach((neurons, l) => {
    neurons.forEach((neuron, k) => {
      nodeX.push(l);
      nodeY.push(y(l, k));
      nodeText.push(l === 0 && options.inputNames?.[neuron] !== undefined ? options.inputNames[neuron] : String(neuron));
    });
    if (neurons.length < sizes[l]) {
      ellipsisX.push(l);
      ellipsisY.push((y(l, neurons.length - 2) + y(l, neurons.length - 1)) / 2);
    }
  });
  const nodes: Trace = {
    type: "scatter",
    mode: "markers+text",
    x: nodeX,
    y: nodeY,
    text: nodeText,
    textposition: "middle center",
    textfont: { size: 10, color: "#1b1f24" },
    hoverinfo: "skip",
    marker: { size: 22, color: "white", line: { color: "#1b1f24", width: 1.5 } },
    showlegend: false,
  };
  const traces = [...edgeTraces, nodes];
  if (ellipsisX.length > 0) {
    traces.push({ type: "scatter", mode: "text", x: ellipsisX, y: ellipsisY, text: ellipsisX.map(() => "⋮"), textfont: { size: 18 }, hoverinfo: "skip", showlegend: false });
  }
  const tallest = Math.max(...drawn.map((d) => d.length));
  const layout = chartLayout(where, { height: Math.max(260, 90 + 44 * tallest), ...options }, {
    xaxis: {
      tickvals: sizes.map((_, l) => l),
      ticktext: sizes.map((n, l) => `${names[l]} (${n})`),
      showgrid: false,
      zeroline: false,
      range: [-0.4, sizes.length - 0.6],
    },
    yaxis: { visible: false, range: [-tallest / 2, tallest / 2] }, // neurons at ±(tallest − 1)/2: half a row of room at each end
    showlegend: false,
  });
  const edges = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0);
  return {
    figure: { data: traces, layout, config: chartConfig(options) },
    description: `[network diagram: ${sizes.join(" → ")}, ${plural(edges, "weight")}${weightOf ? " drawn by value" : ""}]`,
  };
}

/**
 * Draws a network: each layer's neurons as circles (inputs on the left), every weight as a line.
 * Given `Dense` layers, a line's width shows the weight's size and its colour its sign (blue
 * positive, red negative; hover for the value). Given sizes, all lines are alike.
 *
 * @param network - layer sizes, inputs first (`[2, 3, 1]`), or the `Dense` layers in order
 *
 * @example
 * ```ts
 * networkDiagram([4, 3]);                        // 4 inputs, a layer of 3 neurons
 * networkDiagram([dense1, dense2], { inputNames: ["x₀", "x₁"] });
 * ```
 */
export function networkDiagram(network: readonly number[] | readonly WeightedLayer[], options?: NetworkDiagramOptions): void {
  displayChart("networkDiagram", buildNetworkDiagram(network, options));
}
