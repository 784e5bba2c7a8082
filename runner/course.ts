/**
 * The course runner: every notebook in `notebooks/` (or the chapters asked for), in order, each
 * in a fresh kernel; executed copies go to `build/course/notebooks/`. This is the API that
 * `npm run course` and the tests share.
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNotebook, type NotebookRun, type RunNotebookOptions } from "./execute.js";
import { stringifyNotebook } from "./notebook.js";
import { formatFailure } from "./failure.js";

export interface Reporter {
  notebookStart(name: string, codeCells: number): void;
  cellStart(name: string, codeCell: number, codeCells: number): void;
  notebookEnd(run: NotebookRun): void;
  /** Called once with every run (and the chapters skipped after `--bail`). */
  finish(runs: NotebookRun[], skipped: string[]): void;
}

export interface CourseOptions extends Omit<RunNotebookOptions, "onCell"> {
  /** Folder of the source notebooks (default `notebooks`). */
  notebooksDir?: string;
  /** Where the executed notebooks go (default `build/course/notebooks`). */
  outDir?: string;
  /** Chapter selectors: `01`, `01-the-neuron` or a file name; empty means all. */
  chapters?: string[];
  /** Stop at the first failing chapter. */
  bail?: boolean;
  reporter?: Reporter;
}

export interface CourseRun {
  ok: boolean;
  runs: NotebookRun[];
  skipped: string[];
}

/** The notebooks of the course, sorted by file name (chapter number first). */
export function listChapters(notebooksDir = "notebooks"): string[] {
  return readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(notebooksDir, f));
}

/** Picks the chapters that `selectors` name; an unknown selector is an error listing the choices. */
export function selectChapters(all: string[], selectors: string[]): string[] {
  if (selectors.length === 0) return all;
  const chosen = new Set<string>();
  for (const sel of selectors) {
    const wanted = sel.replace(/\.ipynb$/, "");
    const hits = all.filter((file) => {
      const name = file.split("/").pop()!.replace(/\.ipynb$/, "");
      return name === wanted || name.startsWith(`${wanted}-`) || file === sel;
    });
    if (hits.length === 0) {
      const names = all.map((f) => f.split("/").pop()!.replace(/\.ipynb$/, ""));
      throw new Error(`no chapter matches "${sel}"; the chapters are: ${names.join(", ")}`);
    }
    hits.forEach((h) => chosen.add(h));
  }
  return all.filter((f) => chosen.has(f));
}

/** Runs the course and writes each executed notebook; never throws for a failing cell. */
export async function runCourse(options: CourseOptions = {}): Promise<CourseRun> {
  const notebooksDir = options.notebooksDir ?? "notebooks";
  const outDir = options.outDir ?? join("build", "course", "notebooks");
  const files = selectChapters(listChapters(notebooksDir), options.chapters ?? []);
  mkdirSync(outDir, { recursive: true });
  const runs: NotebookRun[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const name = file.split("/").pop()!.replace(/\.ipynb$/, "");
    if (options.bail && runs.some((r) => r.status === "failed")) {
      skipped.push(name);
      continue;
    }
    let announced = false;
    const run = await runNotebook(file, {
      ...options,
      onCell: ({ codeCell, codeCells }) => {
        if (!announced) {
          options.reporter?.notebookStart(name, codeCells);
          announced = true;
        }
        options.reporter?.cellStart(name, codeCell, codeCells);
      },
    });
    if (!announced) options.reporter?.notebookStart(name, run.codeCells);
    // Write to a temporary name first so a crash never leaves half a notebook behind.
    const target = join(outDir, `${name}.ipynb`);
    writeFileSync(`${target}.tmp`, stringifyNotebook(run.notebook));
    renameSync(`${target}.tmp`, target);
    runs.push(run);
    options.reporter?.notebookEnd(run);
  }
  options.reporter?.finish(runs, skipped);
  return { ok: runs.every((r) => r.status === "ok"), runs, skipped };
}

export { formatFailure };
