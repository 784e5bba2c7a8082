/**
 * What went wrong in a cell, and how to say it: the error's name, message and traceback, and
 * the cell's source with the failing line marked. tslab reports errors on stderr (compile
 * diagnostics as `line:col - message`, runtime errors as Node prints them), so both are parsed;
 * kernels that send proper `error` messages are read directly.
 */
import type { IOutput } from "@jupyterlab/nbformat";
import { streamText } from "./outputs.js";

/** The error a cell raised. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
  /** 1-based line in the cell's source where it failed, when it can be told. */
  line?: number;
}

/** A failed cell, located in its notebook. */
export interface CellFailure extends CellError {
  notebook: string;
  /** 1-based position of the cell among all the notebook's cells; 0 when no cell ran (unreadable notebook, no kernel). */
  cell: number;
  executionCount: number | null;
  source: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Reads the error out of a failed cell's outputs. */
export function errorFromOutputs(outputs: readonly IOutput[], source: string): CellError {
  const errorOutput = outputs.find((o) => o.output_type === "error");
  if (errorOutput) {
    const traceback = ((errorOutput.traceback as string[]) ?? []).map((l) => l.replace(ANSI, ""));
    return { ename: String(errorOutput.ename), evalue: String(errorOutput.evalue), traceback };
  }
  const stderr = streamText(outputs, "stderr").replace(ANSI, "");
  const lines = stderr.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);

  // TypeScript diagnostics from tslab: "2:8 - Argument of type 'string' is not assignable ..."
  const diagnostics = lines.map((l) => /^(\d+):(\d+) - (.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  if (diagnostics.length > 0) {
    return {
      ename: "TypeScript error",
      evalue: diagnostics.map((m) => `line ${m[1]}, column ${m[2]}: ${m[3]}`).join("\n"),
      traceback: lines,
      line: Number(diagnostics[0][1]),
    };
  }

  const headline = lines.findIndex((l) => /^(?:Uncaught )?[A-Za-z_$][\w$]*(?: \[\w+\])?: /.test(l));
  let ename = "Error";
  let evalue = lines.find((l) => l.trim() !== "") ?? "the cell failed without a message";
  let traceback = lines;
  if (headline >= 0) {
    const m = /^(?:Uncaught )?([A-Za-z_$][\w$]*)(?: \[\w+\])?: (.*)$/.exec(lines[headline])!;
    ename = m[1];
    // The message runs until the first stack frame.
    const rest = lines.slice(headline + 1);
    const firstFrame = rest.findIndex((l) => /^\s+at /.test(l));
    evalue = [m[2], ...(firstFrame > 0 ? rest.slice(0, firstFrame) : [])].join("\n");
    traceback = lines.slice(headline);
  }
  return { ename, evalue, traceback, line: failingLine(stderr, source) };
}

/**
 * Node prints the offending line of compiled code above a runtime error
 * (`evalmachine.<anonymous>:9` then the line, then a caret); find that line in the cell.
 */
function failingLine(stderr: string, source: string): number | undefined {
  const lines = source.split("\n");
  const snippet = /evalmachine\.<anonymous>:\d+\n(.*)\n\s*\^/.exec(stderr);
  const code = snippet?.[1].trim();
  if (code) {
    const index = lines.findIndex((l) => l.trim() === code || (code.length > 8 && l.includes(code)));
    if (index >= 0) return index + 1;
  }
  // Thrown inside a library function: the frame above the cell's own frame names the function
  // the cell called ("at Proxy.check (...)", "at Dense.forward (...)"). tslab's compiled code
  // has two header lines and only ever adds lines, so the cell line is at most jsLine − 2.
  const frames = stderr.split("\n").filter((l) => /^\s+at /.test(l));
  // The cell's own code runs in an anonymous wrapper: `at evalmachine.<anonymous>:L:C`.
  const cellFrame = frames.findIndex((l) => /^\s+at evalmachine\.<anonymous>:\d+:\d+$/.test(l));
  if (cellFrame <= 0) return undefined;
  const jsLine = Number(/evalmachine\.<anonymous>:(\d+):/.exec(frames[cellFrame])?.[1] ?? NaN);
  const callee = /^\s+at (?:new )?(?:[\w$]+\.)*?([\w$]+) \(/.exec(frames[cellFrame - 1])?.[1];
  if (!callee) return undefined;
  const calls = lines.map((l, i) => ({ l, i })).filter(({ l }) => new RegExp(`\\b${callee}\\s*\\(`).test(l));
  if (calls.length === 0) return undefined;
  const limit = Number.isFinite(jsLine) ? jsLine - 2 : Infinity;
  const best = calls.filter(({ i }) => i + 1 <= limit).pop() ?? calls[0];
  return best.i + 1;
}

/** A readable report: where it failed, the source with the failing line marked, the error. */
export function formatFailure(f: CellFailure): string {
  if (f.cell === 0) return [`✗ ${f.notebook}: did not run`, `  ${f.ename}: ${f.evalue.replace(/\n/g, "\n    ")}`].join("\n");
  const where = `${f.notebook}: cell ${f.cell}${f.executionCount ? ` (In [${f.executionCount}])` : ""} failed`;
  const src = f.source.replace(/\n$/, "").split("\n");
  let from = 0;
  let to = src.length;
  if (src.length > 30 && f.line) {
    from = Math.max(0, f.line - 8);
    to = Math.min(src.length, f.line + 7);
  }
  const width = String(to).length;
  const listing = src.slice(from, to).map((text, i) => {
    const n = from + i + 1;
    return `${n === f.line ? ">" : " "} ${String(n).padStart(width)} | ${text}`;
  });
  const trace = f.traceback.filter((l) => !l.startsWith(`${f.ename}: `)).slice(0, 12);
  return [
    `✗ ${where}`,
    ...listing.map((l) => `    ${l}`),
    `  ${f.ename}: ${f.evalue.replace(/\n/g, "\n    ")}`,
    ...trace.map((l) => `    ${l}`),
  ].join("\n");
}
