/**
 * The course runner: every notebook in `notebooks/` (or the chapters asked for), in order, each
 * in a fresh kernel; executed copies go to `build/course/notebooks/`. This is the API that
 * `npm run course` and the tests share.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
  checkWritable(outDir);
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
    // A notebook that could not be read has no executed copy (an empty one would mislead).
    if (run.failure?.ename !== "NotebookFormatError") writeAtomically(join(outDir, `${name}.ipynb`), stringifyNotebook(run.notebook));
    runs.push(run);
    options.reporter?.notebookEnd(run);
  }
  options.reporter?.finish(runs, skipped);
  return { ok: runs.every((r) => r.status === "ok"), runs, skipped };
}

/** A temporary name no other run (another process, or this one) can be using at the same time. */
function temporaryName(target: string): string {
  return `${target}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}

/** Writes through a unique temporary file and a rename, so a reader never sees half a notebook. */
function writeAtomically(target: string, text: string): void {
  const temporary = temporaryName(target);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates `outDir` and proves it writable before any chapter runs: finding out after a
 * ten-minute chapter would waste it.
 */
function checkWritable(outDir: string): void {
  const probe = temporaryName(join(outDir, ".write-check"));
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`runCourse: cannot write executed notebooks to the output folder "${outDir}" (${reason}); choose another with --out`);
  }
}

export { formatFailure };
