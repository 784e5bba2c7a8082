/**
 * Reading, checking and writing Jupyter notebooks (nbformat 4) — just the parts the course needs.
 */
import { readFileSync } from "node:fs";
import type { ICell, ICodeCell, INotebookContent, IOutput, MultilineString } from "@jupyterlab/nbformat";

export type { ICell, ICodeCell, INotebookContent, IOutput };

/** Thrown for a file that is not a readable nbformat 4 notebook; the message names the file. */
export class NotebookFormatError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: not a valid Jupyter notebook — ${problem}`);
    this.name = "NotebookFormatError";
  }
}

/** Joins nbformat's "multiline string" (a string or a list of lines) into one string. */
export function joinSource(source: MultilineString | undefined): string {
  return Array.isArray(source) ? source.join("") : (source ?? "");
}

/** Splits text into lines that keep their "\n", as nbformat writes multiline strings. */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line.length > 0);
}

/** Reads `file` and checks that it is an nbformat 4 notebook, with a clear error if not. */
export function readNotebook(file: string): INotebookContent {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new NotebookFormatError(file, `cannot read it (${(error as Error).message})`);
  }
  return parseNotebook(text, file);
}

/** Parses notebook JSON text, checking the structure the runner relies on. */
export function parseNotebook(text: string, file = "<notebook>"): INotebookContent {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError(file, `its JSON does not parse (${(error as Error).message})`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new NotebookFormatError(file, `expected a JSON object at the top level, got ${Array.isArray(data) ? "an array" : typeof data}`);
  }
  const nb = data as Record<string, unknown>;
  if (nb.nbformat !== 4) {
    throw new NotebookFormatError(file, `expected "nbformat": 4, got ${JSON.stringify(nb.nbformat)}`);
  }
  if (!Array.isArray(nb.cells)) {
    throw new NotebookFormatError(file, `expected "cells" to be an array, got ${JSON.stringify(nb.cells)?.slice(0, 40)}`);
  }
  nb.cells.forEach((cell: unknown, i: number) => {
    const where = `cell ${i + 1}`;
    if (cell === null || typeof cell !== "object") throw new NotebookFormatError(file, `${where} is not an object`);
    const c = cell as Record<string, unknown>;
    if (!["code", "markdown", "raw"].includes(c.cell_type as string)) {
      throw new NotebookFormatError(file, `${where}: expected "cell_type" code, markdown or raw, got ${JSON.stringify(c.cell_type)}`);
    }
    const src = c.source;
    if (!(typeof src === "string" || (Array.isArray(src) && src.every((s) => typeof s === "string")))) {
      throw new NotebookFormatError(file, `${where}: expected "source" to be a string or a list of strings`);
    }
  });
  if (nb.metadata === undefined) nb.metadata = {};
  return nb as unknown as INotebookContent;
}

/** Serialises a notebook the way Jupyter does: one-space indent, sorted keys, trailing newline. */
export function stringifyNotebook(nb: INotebookContent): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
