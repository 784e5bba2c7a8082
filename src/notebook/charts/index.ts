/**
 * Charts for the notebooks: each helper shows ONE `display_data` with the plotly figure JSON,
 * self-contained html (plotly.js embedded once per kernel session, no network) and a line of
 * text. `build…` helpers return the figure without showing it; {@link chartBundle} turns any
 * figure into its outputs without a kernel.
 */
export { ChartError } from "./errors.js";
export type { Chart, ChartOptions, Config, Figure, Frame, Layout, MatrixLike, Rows, Title, Trace } from "./figure.js";
export { DEFAULT_CONFIG } from "./figure.js";
export { chartBundle, PLOTLY_MIME, type ChartBundle, type ChartBundleOptions } from "./bundle.js";
export { PLOTLY_EMBED_MARKER } from "./html.js";
export { MAX_CHART_BYTES, MAX_HEATMAP_CELLS, MAX_LINE_POINTS, MAX_SCATTER_POINTS } from "./limits.js";
export { isPlotlyEmbedded, resetPlotlyEmbedding } from "./session.js";
export { canShowCharts, showChart } from "./display.js";
export { buildPlot, describeFigure, plot, type PlotOptions } from "./plot.js";
export {
  buildFunctionPlot,
  buildLinePlot,
  linePlot,
  plotFunctions,
  type FunctionRange,
  type LinePlotOptions,
  type NamedFunction,
  type Series,
} from "./line.js";
export { buildScatterClasses, CLASS_COLORS, scatterClasses, type ScatterClassesOptions } from "./scatter.js";
export { buildHeatmap, heatmap, type HeatmapOptions } from "./heatmap.js";
export { barChart, buildBarChart, type BarChartOptions } from "./bar.js";
export { buildDecisionBoundary, decisionBoundary, type Classifier, type DecisionBoundaryOptions } from "./decision.js";
export { trainingChart, type TrainingChart, type TrainingChartOptions } from "./live.js";
export { buildNetworkDiagram, networkDiagram, type NetworkDiagramOptions, type WeightedLayer } from "./network.js";
export { buildComputationGraph, computationGraph, type ComputationGraph, type ComputationGraphOptions, type GraphNode } from "./graph.js";
