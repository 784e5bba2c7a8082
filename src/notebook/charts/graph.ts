/**
 * `computationGraph`: a small graph of operations — inputs and parameters on the left, the result
 * on the right — with each node's value (forward) and gradient (backward) written on it.
 */
import { describeValue, plural } from "./data.js";
import { displayChart } from "./display.js";
import { fail } from "./errors.js";
import type { Chart, ChartOptions, Layout, Trace } from "./figure.js";
import { chartConfig, chartLayout } from "./layout.js";

/** One node: an input, a parameter or an operation. */
export interface GraphNode {
  /** Unique; edges refer to nodes by it. */
  id: string;
  /** What the node is: `"x₀"`, `"×"`, `"ReLU"`, `"Dense 2→64"`. */
  label: string;
  /** The forward value (a number, or text such as a shape `"300×64"`), written above the label. */
  value?: number | string;
  /** The gradient of the final output with respect to this node, written below in red. */
  grad?: number | string;
}

/** A graph: nodes, and edges `[from, to]` in the direction of the forward pass. */
export interface ComputationGraph {
  nodes: readonly GraphNode[];
  edges: readonly (readonly [string, string])[];
}

/** Options of {@link computationGraph}. */
export interface ComputationGraphOptions extends ChartOptions {
  /** Significant digits for numeric values and gradients (default 4). */
  digits?: number;
}

const GRAD = "#d62728";

/** Builds (does not show) the chart of {@link computationGraph}. */
export function buildComputationGraph(graph: ComputationGraph, options: ComputationGraphOptions = {}): Chart {
  const where = "computationGraph";
  if (graph === null || typeof graph !== "object" || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
    fail(where, `expected { nodes: [{ id, label, value?, grad? }, …], edges: [[from, to], …] }, got ${describeValue(graph)}`);
  }
  const { nodes, edges } = graph;
  if (nodes.length === 0) fail(where, "nothing to draw: no nodes");
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) fail(where, `digits must be a whole number from 1 to 17, got ${describeValue(digits)}`);
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (node === null || typeof node !== "object" || typeof node.id !== "string" || typeof node.label !== "string") {
      fail(where, `nodes[${i}] must be { id: string, label: string, … }, got ${describeValue(node)}`);
    }
    if (index.has(node.id)) fail(where, `two nodes have the id "${node.id}"`);
    for (const key of ["value", "grad"] as const) {
      const v = node[key];
      if (v !== undefined && typeof v !== "string" && (typeof v !== "number" || !Number.isFinite(v))) {
        fail(where, `node "${node.id}" has ${key} ${describeValue(v)}, expected a finite number or text`);
      }
    }
    index.set(node.id, i);
  });
  const parents: number[][] = nodes.map(() => []);
  edges.forEach((edge, e) => {
    if (!Array.isArray(edge) || edge.length !== 2) fail(where, `edges[${e}] must be [from, to], got ${describeValue(edge)}`);
    const [from, to] = edge.map((id) => {
      const i = index.get(id as string);
      if (i === undefined) fail(where, `edges[${e}] refers to "${String(id)}", which is not a node id`);
      return i;
    });
    parents[to].push(from);
  });

  // Column = longest path from a source (inputs in column 0); a cycle is an error.
  const column = nodes.map(() => -1);
  const visiting = new Set<number>();
  const depth = (i: number): number => {
    if (column[i] >= 0) return column[i];
    if (visiting.has(i)) fail(where, `the edges form a cycle through "${nodes[i].id}" (a computation graph flows one way)`);
    visiting.add(i);
    column[i] = parents[i].length === 0 ? 0 : 1 + Math.max(...parents[i].map(depth));
    visiting.delete(i);
    return column[i];
  };
  nodes.forEach((_, i) => depth(i));
  // An input or parameter used only later (a layer's weights) sits just before its first use,
  // not in the first column, so its arrow does not cross the graph.
  const children: number[][] = nodes.map(() => []);
  parents.forEach((ps, child) => ps.forEach((p) => children[p].push(child)));
  nodes.forEach((_, i) => {
    if (parents[i].length === 0 && children[i].length > 0) column[i] = Math.max(0, Math.min(...children[i].map((c) => column[c])) - 1);
  });
  // Rows: in each column, nodes in the order given, then sorted by their parents' mean row (fewer crossings).
  const columns = Math.max(...column) + 1;
  const row = nodes.map(() => 0);
  for (let c = 0; c < columns; c++) {
    const members = nodes.map((_, i) => i).filter((i) => column[i] === c);
    const key = (i: number) => (parents[i].length ? parents[i].reduce((s, p) => s + row[p], 0) / parents[i].length : members.indexOf(i));
    if (c > 0) members.sort((a, b) => key(a) - key(b) || a - b);
    members.forEach((i, k) => (row[i] = k - (members.length - 1) / 2));
  }

  const show = (v: number | string | undefined) => (v === undefined ? "" : typeof v === "number" ? String(Number(v.toPrecision(digits))) : v);
  const annotations: Record<string, unknown>[] = [];
  for (const [e, edge] of edges.entries()) {
    const [from, to] = [index.get(edge[0])!, index.get(edge[1])!];
    annotations.push({
      x: column[to] - 0.17, y: -row[to], ax: column[from] + 0.17, ay: -row[from],
      xref: "x", yref: "y", axref: "x", ayref: "y",
      showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1.2, arrowcolor: "#6b7785", text: "", name: `edge ${e}`,
    });
  }
  const boxes: Trace = {
    type: "scatter",
    mode: "markers+text",
    x: nodes.map((_, i) => column[i]),
    y: nodes.map((_, i) => -row[i]),
    text: nodes.map((n) => `<b>${escapeText(n.label)}</b>`),
    textposition: "middle center",
    hoverinfo: "skip",
    marker: { symbol: "square", size: 42, color: "#f4f6f8", line: { color: "#1b1f24", width: 1.2 } },
    showlegend: false,
  };
  const values: Trace = {
    type: "scatter",
    mode: "text",
    x: nodes.map((_, i) => column[i]),
    y: nodes.map((_, i) => -row[i] + 0.4),
    text: nodes.map((n) => escapeText(show(n.value))),
    textfont: { color: "#1b1f24", size: 12 },
    hoverinfo: "skip",
    showlegend: false,
  };
  const traces: Trace[] = [boxes, values];
  if (nodes.some((n) => n.grad !== undefined)) {
    traces.push({
      type: "scatter",
      mode: "text",
      x: nodes.map((_, i) => column[i]),
      y: nodes.map((_, i) => -row[i] - 0.4),
      text: nodes.map((n) => escapeText(n.grad === undefined ? "" : `∂ ${show(n.grad)}`)),
      textfont: { color: GRAD, size: 12 },
      hoverinfo: "skip",
      showlegend: false,
    });
  }
  const tallest = Math.max(...Array.from({ length: columns }, (_, c) => column.filter((x) => x === c).length));
  const extra: Layout = {
    xaxis: { visible: false, range: [-0.5, columns - 0.5] },
    yaxis: { visible: false, range: [-(tallest / 2) - 0.05, tallest / 2 + 0.05] },
    annotations,
    showlegend: false,
  };
  const layout = chartLayout(where, { height: Math.max(220, 80 + 100 * tallest), ...options }, extra);
  const withGrad = nodes.filter((n) => n.grad !== undefined).length;
  return {
    figure: { data: traces, layout, config: chartConfig(options) },
    description: `[computation graph: ${plural(nodes.length, "node")}, ${plural(edges.length, "edge")}${withGrad ? `, gradients on ${withGrad}` : ""}]`,
  };
}

/** plotly renders a little HTML in text: keep the labels literal. */
function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Draws a computation graph: each operation as a box, arrows in the direction of the forward pass,
 * each node's forward value above it and (when given) its gradient below it in red — the picture of
 * the chain rule: a node's gradient is the sum, over the arrows leaving it, of the next node's
 * gradient times the local derivative.
 *
 * @example
 * ```ts
 * computationGraph({
 *   nodes: [
 *     { id: "x", label: "x", value: 2, grad: -3 }, { id: "w", label: "w", value: -3, grad: 2 },
 *     { id: "mul", label: "×", value: -6, grad: 1 },
 *   ],
 *   edges: [["x", "mul"], ["w", "mul"]],
 * });
 * ```
 */
export function computationGraph(graph: ComputationGraph, options?: ComputationGraphOptions): void {
  displayChart("computationGraph", buildComputationGraph(graph, options));
}
