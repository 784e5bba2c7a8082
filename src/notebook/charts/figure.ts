/**
 * The shape of a plotly figure, as the charts send it: `{ data, layout, config, frames }`.
 * The types name the attributes the course uses and leave every other plotly attribute open,
 * so later chapters can add decision boundaries and animations (`frames`) without new types.
 */

/** One plotly trace (`type` defaults to `"scatter"`); any plotly attribute is allowed. */
export interface Trace {
  type?: string;
  name?: string;
  mode?: string;
  x?: unknown;
  y?: unknown;
  z?: unknown;
  [attribute: string]: unknown;
}

/** A plotly title: plotly.js 3+ only understands the object form, `{ text }`. */
export interface Title {
  text?: string;
  [attribute: string]: unknown;
}

/** A plotly layout; `title` may be given as a plain string (it is turned into `{ text }`). */
export interface Layout {
  title?: string | Title;
  [attribute: string]: unknown;
}

/** plotly's `config` (e.g. `{ responsive: true, displaylogo: false }`). */
export interface Config {
  [option: string]: unknown;
}

/** One animation frame (plotly `frames`): traces and/or layout to animate to. */
export interface Frame {
  name?: string;
  group?: string;
  data?: Trace[];
  layout?: Layout;
  traces?: number[];
  [attribute: string]: unknown;
}

/** A complete plotly figure: what `application/vnd.plotly.v1+json` carries. */
export interface Figure {
  data: Trace[];
  layout?: Layout;
  config?: Config;
  frames?: Frame[];
}

/** A figure ready to show, with the one-line text that describes it (the `text/plain` output). */
export interface Chart {
  figure: Figure;
  /** e.g. `[line chart: ReLU(x), 200 points]` */
  description: string;
}

/** Options every chart helper accepts. */
export interface ChartOptions {
  /** The chart's title. */
  title?: string;
  /** Title of the horizontal axis. */
  xTitle?: string;
  /** Title of the vertical axis. */
  yTitle?: string;
  /** Fixed horizontal range `[from, to]` (default: fit the data). */
  xRange?: readonly [number, number];
  /** Fixed vertical range `[from, to]` (default: fit the data). */
  yRange?: readonly [number, number];
  /** Width in pixels (default: the width of the output area). */
  width?: number;
  /** Height in pixels (default 400). */
  height?: number;
  /** Extra plotly layout, merged over the chart's own (e.g. `{ showlegend: false }`). */
  layout?: Layout;
  /** Extra plotly config, merged over the default `{ responsive: true, displaylogo: false }`. */
  config?: Config;
}

/** A matrix-like object, such as the course's `Matrix`: anything with `toArray()` giving rows. */
export interface MatrixLike {
  toArray(): readonly ArrayLike<number>[];
}

/** Rows of numbers: `number[][]`, an array of typed arrays, or a {@link MatrixLike}. */
export type Rows = readonly ArrayLike<number>[] | MatrixLike;

/** The default plotly config of every chart. */
export const DEFAULT_CONFIG: Readonly<Config> = { responsive: true, displaylogo: false };
