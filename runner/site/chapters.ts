/**
 * The chapters of the rendered course: every notebook in the notebooks folder, each with the
 * result of this invocation's run, else its last result from the manifest (and the executed copy
 * of that run), else its source notebook marked "not run".
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";
import type { NotebookRun } from "../execute.js";
import { listChapters } from "../course.js";
import { NotebookFormatError, readNotebook } from "../notebook.js";
import type { Manifest } from "./manifest.js";
import { chapterSummary, chapterTitle } from "./summary.js";

/** A chapter's status in the course map. */
export type ChapterStatus = "ok" | "failed" | "not run";

/** One chapter, ready to render. */
export interface SiteChapter {
  /** File name without `.ipynb`, e.g. `01-the-neuron`; its page is `<name>.html`. */
  name: string;
  /** The notebook's first heading, e.g. `01 · The neuron`. */
  title: string;
  /** One sentence of markdown (may hold inline math). */
  summary: string;
  status: ChapterStatus;
  /** True when status and outputs come from an earlier `npm run course`, not this one. */
  earlier: boolean;
  /** When that run finished (ISO 8601), if it ran. */
  finishedAt?: string;
  seconds?: number;
  executed?: number;
  codeCells: number;
  failure?: { cell: number; ename: string; evalue: string };
  /** The notebook to show: the executed copy when it ran, else the source. */
  notebook: INotebookContent;
  /** The executed `.ipynb` on disk, when there is one. */
  executedFile?: string;
}

/** Options of {@link collectChapters}. */
export interface CollectOptions {
  runs: readonly NotebookRun[];
  notebooksDir: string;
  executedDir: string;
  manifest: Manifest;
  now: Date;
}

const codeCellCount = (nb: INotebookContent): number =>
  nb.cells.filter((c) => c.cell_type === "code" && (Array.isArray(c.source) ? c.source.join("") : c.source).trim() !== "").length;

function describe(name: string, notebook: INotebookContent): Pick<SiteChapter, "name" | "title" | "summary" | "notebook"> {
  return { name, title: chapterTitle(notebook, name), summary: chapterSummary(notebook), notebook };
}

/** Every chapter of the course, in order (file name order), each with its latest known result. */
export function collectChapters(options: CollectOptions): SiteChapter[] {
  const byName = new Map(options.runs.map((run) => [run.name, run]));
  const names = listChapters(options.notebooksDir).map((f) => basename(f, ".ipynb"));
  for (const run of options.runs) if (!names.includes(run.name)) names.push(run.name);
  names.sort();
  return names.map((name): SiteChapter => {
    const executedFile = join(options.executedDir, `${name}.ipynb`);
    const hasExecuted = existsSync(executedFile);
    const run = byName.get(name);
    if (run) {
      const failure = run.failure && { cell: run.failure.cell, ename: run.failure.ename, evalue: run.failure.evalue };
      return {
        ...describe(name, run.notebook),
        status: run.status,
        earlier: false,
        finishedAt: options.now.toISOString(),
        seconds: run.seconds,
        executed: run.executed,
        codeCells: run.codeCells,
        failure,
        executedFile: hasExecuted ? executedFile : undefined,
      };
    }
    const last = options.manifest.chapters[name];
    if (last && hasExecuted) {
      return { ...describe(name, readNotebook(executedFile)), ...last, earlier: true, executedFile };
    }
    let source: INotebookContent;
    try {
      source = readNotebook(join(options.notebooksDir, `${name}.ipynb`));
    } catch (error) {
      if (!(error instanceof NotebookFormatError)) throw error;
      // A broken notebook is a failed chapter on its page, not the end of the whole site.
      const empty: INotebookContent = { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 };
      const failure = { cell: 0, ename: error.name, evalue: error.message };
      return { ...describe(name, empty), status: "failed", earlier: false, codeCells: 0, executed: 0, failure };
    }
    return { ...describe(name, source), status: "not run", earlier: false, codeCells: codeCellCount(source) };
  });
}
