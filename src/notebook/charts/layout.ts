/** The layout every course chart starts from, built from {@link ChartOptions}. */
import { fail } from "./errors.js";
import { DEFAULT_CONFIG, type ChartOptions, type Config, type Layout } from "./figure.js";

/** True for `{}`-style objects (not arrays, class instances or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `base` with `extra` merged over it: plain objects merge key by key, anything else replaces. */
export function mergeDeep<T extends Record<string, unknown>>(base: T, extra: Record<string, unknown> | undefined): T {
  if (!extra) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return out as T;
}

/** Drops keys whose value is `undefined` (so a figure survives a JSON round trip unchanged). */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function range(where: string, name: string, r: readonly [number, number] | undefined): number[] | undefined {
  if (r === undefined) return undefined;
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === "number" && Number.isFinite(v)) || !(r[0] < r[1])) {
    fail(where, `${name} must be [from, to] with finite from < to, got ${JSON.stringify(r)}`);
  }
  return [r[0], r[1]];
}

function size(where: string, name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 10) fail(where, `${name} must be a number of pixels (≥ 10), got ${value}`);
  return value;
}

/** The layout for `options`, with `extra` (the chart's own settings) and then `options.layout` merged over it. */
export function chartLayout(where: string, options: ChartOptions, extra: Layout = {}): Layout {
  const title = options.title;
  const base: Layout = compact({
    title: title ? { text: title } : undefined,
    xaxis: compact({ title: options.xTitle ? { text: options.xTitle } : undefined, range: range(where, "xRange", options.xRange) }),
    yaxis: compact({ title: options.yTitle ? { text: options.yTitle } : undefined, range: range(where, "yRange", options.yRange) }),
    width: size(where, "width", options.width),
    height: size(where, "height", options.height) ?? 400,
    margin: { l: 60, r: 30, t: title ? 50 : 30, b: 50 },
  });
  return mergeDeep(mergeDeep(base, extra), options.layout);
}

/** The default config with `options.config` merged over it. */
export function chartConfig(options: { config?: Config }): Config {
  return mergeDeep({ ...DEFAULT_CONFIG }, options.config);
}
