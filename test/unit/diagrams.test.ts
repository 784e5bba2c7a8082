/**
 * The course's pictures of structure: `networkDiagram` (neurons and weights) and
 * `computationGraph` (operations, values forward, gradients backward).
 */
import { describe, expect, it } from "vitest";
import { Dense, Matrix, Random } from "../../src/index.js";
import { buildComputationGraph, buildNetworkDiagram } from "../../src/notebook/index.js";

type Line = { x: (number | null)[]; y: (number | null)[]; line: { color: string; width: number }; text?: (string | null)[] };

describe("networkDiagram", () => {
  it("from sizes: one circle per neuron, one line per weight", () => {
    const chart = buildNetworkDiagram([2, 3, 1]);
    const [edges, nodes] = chart.figure.data as [Line, { x: number[]; y: number[]; text: string[] }];
    // 2·3 + 3·1 = 9 weights, each a segment [from, to, gap]
    expect(edges.x.length).toBe(9 * 3);
    expect(nodes.x).toEqual([0, 0, 1, 1, 1, 2]);
    expect(nodes.y).toEqual([0.5, -0.5, 1, 0, -1, 0]); // each layer centred
    expect(chart.description).toBe("[network diagram: 2 → 3 → 1, 9 weights]");
  });

  it("from Dense layers: colour by sign, width by size, the value on hover", () => {
    const dense = new Dense(2, 2, { rng: new Random(0) });
    dense.weights = Matrix.from([[1, -0.1], [-1, 0.5]]);
    const chart = buildNetworkDiagram([dense], { inputNames: ["x₀", "x₁"] });
    const lines = (chart.figure.data as Line[]).filter((t) => t.line);
    const bySegment = new Map<string, Line>();
    for (const t of lines) for (const label of t.text ?? []) if (label) bySegment.set(label, t);
    expect(bySegment.get("w[0][0] = 1")!.line.color).toBe("#1f77b4"); // positive: blue
    expect(bySegment.get("w[1][0] = -1")!.line.color).toBe("#d62728"); // negative: red
    // |w| = 1 is the largest: widest bin; |w| = 0.1 the thinnest
    expect(bySegment.get("w[0][0] = 1")!.line.width).toBeGreaterThan(bySegment.get("w[0][1] = -0.1")!.line.width);
    expect(bySegment.get("w[1][0] = -1")!.line.width).toBe(bySegment.get("w[0][0] = 1")!.line.width);
    const nodes = (chart.figure.data as Array<{ text?: string[]; mode: string }>).find((t) => t.mode === "markers+text")!;
    expect(nodes.text).toEqual(["x₀", "x₁", "0", "1"]);
    expect(chart.description).toBe("[network diagram: 2 → 2, 4 weights drawn by value]");
  });

  it("large layers show the first neurons, an ellipsis and the last", () => {
    const chart = buildNetworkDiagram([784, 128, 10], { maxNeurons: 5 });
    const nodes = (chart.figure.data as Array<{ text?: string[]; mode: string }>).find((t) => t.mode === "markers+text")!;
    expect(nodes.text).toEqual(["0", "1", "2", "3", "783", "0", "1", "2", "3", "127", "0", "1", "2", "3", "9"]);
    expect(chart.description).toBe("[network diagram: 784 → 128 → 10, 101632 weights]");
  });

  it("says what is wrong", () => {
    expect(() => buildNetworkDiagram([])).toThrow(/networkDiagram: expected layer sizes/);
    expect(() => buildNetworkDiagram([3])).toThrow(/at least two layer sizes/);
    expect(() => buildNetworkDiagram([2, 0])).toThrow(/layer 1 has 0 neurons/);
    const rng = new Random(0);
    expect(() => buildNetworkDiagram([new Dense(2, 3, { rng }), new Dense(4, 1, { rng })])).toThrow(/layer 1 takes 4 inputs but layer 0 has 3 neurons/);
  });
});

describe("computationGraph", () => {
  const neuron = {
    nodes: [
      { id: "x", label: "x", value: 2, grad: -3 },
      { id: "w", label: "w", value: -3, grad: 2 },
      { id: "b", label: "b", value: 1, grad: 1 },
      { id: "mul", label: "×", value: -6, grad: 1 },
      { id: "add", label: "+", value: -5, grad: 1 },
    ],
    edges: [["x", "mul"], ["w", "mul"], ["mul", "add"], ["b", "add"]] as [string, string][],
  };

  it("puts each operation in the column of its longest path from an input, each input just before its first use; values above, gradients below", () => {
    const chart = buildComputationGraph(neuron);
    const [boxes, values, grads] = chart.figure.data as Array<{ x: number[]; y: number[]; text: string[] }>;
    expect(boxes.x).toEqual([0, 0, 1, 1, 2]); // b is first used by "+" (column 2): it sits in column 1
    expect(boxes.text).toEqual(["<b>x</b>", "<b>w</b>", "<b>b</b>", "<b>×</b>", "<b>+</b>"]);
    expect(values.text).toEqual(["2", "-3", "1", "-6", "-5"]);
    expect(grads.text).toEqual(["∂ -3", "∂ 2", "∂ 1", "∂ 1", "∂ 1"]);
    expect(values.y[0]).toBeGreaterThan(boxes.y[0]);
    expect(grads.y[0]).toBeLessThan(boxes.y[0]);
    const arrows = chart.figure.layout!.annotations as Array<{ x: number; ax: number }>;
    expect(arrows.length).toBe(4);
    expect(chart.description).toBe("[computation graph: 5 nodes, 4 edges, gradients on 5]");
  });

  it("rounds numbers to the digits asked for, keeps text as it is, escapes labels", () => {
    const chart = buildComputationGraph(
      { nodes: [{ id: "a", label: "X <300×2>", value: "300×2" }, { id: "b", label: "f", value: 1 / 3 }], edges: [["a", "b"]] },
      { digits: 2 },
    );
    const [boxes, values] = chart.figure.data as Array<{ text: string[] }>;
    expect(values.text).toEqual(["300×2", "0.33"]);
    expect(boxes.text[0]).toBe("<b>X &lt;300×2&gt;</b>");
    expect(chart.figure.data.length).toBe(2); // no gradients given: no gradient row
  });

  it("says what is wrong: unknown ids, repeated ids, cycles, bad values", () => {
    expect(() => buildComputationGraph({ nodes: [{ id: "a", label: "a" }], edges: [["a", "z"]] })).toThrow(/edges\[0\] refers to "z", which is not a node id/);
    expect(() => buildComputationGraph({ nodes: [{ id: "a", label: "a" }, { id: "a", label: "b" }], edges: [] })).toThrow(/two nodes have the id "a"/);
    expect(() =>
      buildComputationGraph({ nodes: [{ id: "a", label: "a" }, { id: "b", label: "b" }], edges: [["a", "b"], ["b", "a"]] }),
    ).toThrow(/cycle/);
    expect(() => buildComputationGraph({ nodes: [{ id: "a", label: "a", value: NaN }], edges: [] })).toThrow(/node "a" has value NaN/);
    expect(() => buildComputationGraph(null as never)).toThrow(/computationGraph: expected \{ nodes/);
  });
});
