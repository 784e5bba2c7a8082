/**
 * Checks a figure before it is sent: plain JSON data only, finite numbers, matching x and y
 * lengths. It returns a clean copy: typed arrays and matrices become arrays, dates ISO strings,
 * and string titles plotly.js 3+ would ignore become `{ text }`.
 */
import { describeValue, isMatrixLike } from "./data.js";
import { fail } from "./errors.js";
import type { Figure, Frame, Layout, Trace } from "./figure.js";
import { isPlainObject } from "./layout.js";

/** Trace types whose `x` and `y` are paired point by point. */
const PAIRED_TYPES = new Set(["scatter", "scattergl", "bar"]);

function traceLabel(trace: Record<string, unknown>, index: number): string {
  return typeof trace.name === "string" && trace.name !== "" ? `trace ${JSON.stringify(trace.name)}` : `trace ${index}`;
}

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
}

function at(label: string, path: string): string {
  return path === "" ? label : `${label} ${path}`;
}

function clean(where: string, label: string, path: string, value: unknown, seen: Set<object>): unknown {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) fail(where, `${at(label, path)} is ${value}, expected a finite number (use null for a gap)`);
      return value;
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return undefined;
    case "object":
      break;
    default:
      fail(where, `${at(label, path)} is ${describeValue(value)}; a figure holds only plain data (numbers, strings, arrays, objects)`);
  }
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v, i) => clean(where, label, join(path, i), v, seen));
  }
  if (seen.has(value)) fail(where, `${at(label, path)} refers back to itself; a figure must be a tree of plain data`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        if (v === undefined) fail(where, `${at(label, join(path, i))} is undefined (use null for a gap)`);
        return clean(where, label, join(path, i), v, seen);
      });
    }
    if (isMatrixLike(value)) return clean(where, label, path, value.toArray(), seen);
    if (!isPlainObject(value)) {
      fail(where, `${at(label, path)} is a ${value.constructor?.name ?? "non-plain"} object; a figure holds only plain data (numbers, strings, arrays, objects)`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const cleaned = clean(where, label, join(path, key), v, seen);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function cleanTrace(where: string, trace: unknown, index: number, owner: string): Trace {
  if (!isPlainObject(trace)) fail(where, `${owner}trace ${index} must be a trace object like { x, y, type }, got ${describeValue(trace)}`);
  const label = owner + traceLabel(trace, index);
  const out = clean(where, label, "", trace, new Set()) as Trace;
  const type = out.type ?? "scatter";
  if (typeof type === "string" && PAIRED_TYPES.has(type) && Array.isArray(out.x) && Array.isArray(out.y) && out.x.length !== out.y.length) {
    fail(where, `${label} has ${out.x.length} x values but ${out.y.length} y values`);
  }
  return out;
}

function titled(value: unknown): unknown {
  return typeof value === "string" ? { text: value } : value;
}

function cleanLayout(where: string, layout: unknown, label: string): Layout {
  if (!isPlainObject(layout)) fail(where, `${label} must be an object, got ${describeValue(layout)}`);
  const out = clean(where, label, "", layout, new Set()) as Layout;
  if ("title" in out) out.title = titled(out.title) as Layout["title"];
  for (const [key, axis] of Object.entries(out)) {
    if (/^[xyz]axis\d*$/.test(key) && isPlainObject(axis) && "title" in axis) axis.title = titled(axis.title);
  }
  return out;
}

/** Validates `figure` and returns a clean copy; `where` starts every error message. */
export function normalizeFigure(where: string, figure: unknown): Figure {
  if (!isPlainObject(figure)) fail(where, `expected a figure { data, layout?, config?, frames? }, got ${describeValue(figure)}`);
  const { data, layout, config, frames, ...rest } = figure;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(where, `unexpected figure field ${JSON.stringify(unknown[0])} (a figure has data, layout, config and frames)`);
  if (!Array.isArray(data)) fail(where, `figure.data must be an array of traces, got ${describeValue(data)}`);
  if (data.length === 0) fail(where, "nothing to draw: the figure has no traces");
  const out: Figure = { data: data.map((t, i) => cleanTrace(where, t, i, "")) };
  if (layout !== undefined) out.layout = cleanLayout(where, layout, "layout");
  if (config !== undefined) {
    if (!isPlainObject(config)) fail(where, `config must be an object, got ${describeValue(config)}`);
    out.config = clean(where, "config", "", config, new Set()) as Figure["config"];
  }
  if (frames !== undefined) {
    if (!Array.isArray(frames)) fail(where, `frames must be an array, got ${describeValue(frames)}`);
    out.frames = frames.map((frame: unknown, f): Frame => {
      if (!isPlainObject(frame)) fail(where, `frame ${f} must be an object like { name, data }, got ${describeValue(frame)}`);
      const { data: frameData, layout: frameLayout, ...other } = frame;
      const cleaned = clean(where, `frame ${f}`, "", other, new Set()) as Frame;
      if (frameData !== undefined) {
        if (!Array.isArray(frameData)) fail(where, `frame ${f} data must be an array of traces, got ${describeValue(frameData)}`);
        cleaned.data = frameData.map((t, i) => cleanTrace(where, t, i, `frame ${f} `));
      }
      if (frameLayout !== undefined) cleaned.layout = cleanLayout(where, frameLayout, `frame ${f} layout`);
      return cleaned;
    });
  }
  return out;
}
