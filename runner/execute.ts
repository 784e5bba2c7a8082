/**
 * Executes one notebook top to bottom in a fresh tslab kernel, as nbclient does: every code
 * cell in order, outputs captured as nbformat 4, execution counts set, and the run stopped at
 * the first failing cell. The source notebook is never modified: the result is a copy.
 */
import { basename, dirname, resolve } from "node:path";
import type { ICodeCell, INotebookContent, IOutput } from "@jupyterlab/nbformat";
import { Kernel } from "./kernel.js";
import { OutputCollector, toDiskFormat } from "./outputs.js";
import { errorFromOutputs, type CellFailure } from "./failure.js";
import { joinSource, NotebookFormatError, readNotebook, splitLines } from "./notebook.js";

export interface RunNotebookOptions {
  /** Per-cell limit in milliseconds before the cell is interrupted (default 10 minutes). */
  cellTimeoutMs?: number;
  /** After an interrupt, how long to wait before the kernel is killed (default 5 s). */
  interruptGraceMs?: number;
  /** Replaces a code cell's source before it runs (the tests use it to run exercise solutions). */
  transformSource?: (source: string, cellIndex: number, notebook: INotebookContent) => string;
  /** Progress: called before each code cell runs (`codeCell` counts from 1). */
  onCell?: (event: { codeCell: number; codeCells: number; cell: number }) => void;
}

/** The result of running one notebook. */
export interface NotebookRun {
  /** The notebook's path as given. */
  file: string;
  /** The file name without `.ipynb`, e.g. `01-the-neuron`. */
  name: string;
  status: "ok" | "failed";
  /** Number of code cells with source, and how many of them ran. */
  codeCells: number;
  executed: number;
  seconds: number;
  /** The executed copy, outputs in nbformat's on-disk form. */
  notebook: INotebookContent;
  failure?: CellFailure;
  /** The process id the notebook's kernel had (it has exited by the time the run returns). */
  kernelPid?: number;
}

export const DEFAULT_CELL_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Runs `file` in a fresh kernel whose working directory is the notebook's folder. A file that is
 * not a valid notebook, or a kernel that does not start, is a failed run (failure at "cell 0":
 * `NotebookFormatError`, `KernelStartError`), not a throw, so one chapter cannot stop the others.
 */
export async function runNotebook(file: string, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const started = performance.now();
  const name = basename(file).replace(/\.ipynb$/, "");
  let source: INotebookContent;
  try {
    source = readNotebook(file);
  } catch (error) {
    if (!(error instanceof NotebookFormatError)) throw error;
    return unreadable(file, name, error, (performance.now() - started) / 1000);
  }
  const notebook = structuredClone(source);
  const runnable = notebook.cells
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === "code" && joinSource(cell.source).trim() !== "");
  // Clear stale outputs first, like nbclient: no output in the copy comes from an earlier run.
  for (const cell of notebook.cells) {
    if (cell.cell_type === "code") {
      (cell as ICodeCell).outputs = [];
      (cell as ICodeCell).execution_count = null;
    }
  }
  const run: NotebookRun = { file, name, status: "ok", codeCells: runnable.length, executed: 0, seconds: 0, notebook };
  let kernel: Kernel;
  try {
    kernel = await Kernel.start({ cwd: dirname(resolve(file)) });
  } catch (error) {
    const evalue = error instanceof Error ? error.message : String(error);
    const failure = { notebook: basename(file), cell: 0, executionCount: null, source: "", ename: "KernelStartError", evalue, traceback: [] };
    return { ...run, status: "failed", failure, seconds: (performance.now() - started) / 1000 };
  }
  run.kernelPid = kernel.pid;
  try {
    if (kernel.languageInfo) notebook.metadata.language_info = kernel.languageInfo as INotebookContent["metadata"]["language_info"];
    const collector = new OutputCollector();
    for (const [i, { cell, index }] of runnable.entries()) {
      options.onCell?.({ codeCell: i + 1, codeCells: runnable.length, cell: index + 1 });
      const original = joinSource(cell.source);
      const code = options.transformSource ? options.transformSource(original, index, source) : original;
      const outputs: IOutput[] = collector.startCell();
      const outcome = await kernel.execute(code, {
        timeoutMs: options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS,
        interruptGraceMs: options.interruptGraceMs,
        onMessage: (m) => collector.add(m),
      });
      const codeCell = cell as ICodeCell;
      codeCell.outputs = outputs;
      const count = outcome.reply?.execution_count;
      codeCell.execution_count = typeof count === "number" ? count : null;
      run.executed++;
      if (outcome.status === "ok") continue;

      run.status = "failed";
      const base = { notebook: basename(file), cell: index + 1, executionCount: codeCell.execution_count, source: code };
      if (outcome.status === "timeout") {
        const seconds = (options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS) / 1000;
        run.failure = {
          ...base,
          ename: "CellTimeoutError",
          evalue: `the cell did not finish within ${seconds} s; it was ${outcome.interrupted ? "interrupted" : "interrupted, then the kernel was killed"}`,
          traceback: [],
        };
      } else if (outcome.status === "died") {
        run.failure = { ...base, ename: "KernelDied", evalue: outcome.detail ?? "the kernel stopped", traceback: [] };
      } else {
        run.failure = { ...base, ...errorFromOutputs(outputs, code) };
      }
      break;
    }
  } finally {
    await kernel.shutdown();
  }
  for (const cell of notebook.cells) {
    cell.source = splitLines(joinSource(cell.source));
    if (cell.cell_type === "code") (cell as ICodeCell).outputs = (cell as ICodeCell).outputs.map(toDiskFormat);
  }
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

/** The failed run of a file that could not be read as a notebook: no cells, nothing executed. */
function unreadable(file: string, name: string, error: NotebookFormatError, seconds: number): NotebookRun {
  const empty: INotebookContent = { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  return {
    file,
    name,
    status: "failed",
    codeCells: 0,
    executed: 0,
    seconds,
    notebook: empty,
    failure: { notebook: basename(file), cell: 0, executionCount: null, source: "", ename: "NotebookFormatError", evalue: error.message, traceback: [] },
  };
}
