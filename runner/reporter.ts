/**
 * Progress while the course runs — a live bar on a terminal (chapter, cell i/n, elapsed),
 * plain lines otherwise (CI logs) — and a summary table at the end.
 */
import cliProgress from "cli-progress";
import Table from "cli-table3";
import type { NotebookRun } from "./execute.js";
import type { Reporter } from "./course.js";
import { formatFailure } from "./failure.js";

type Write = (text: string) => void;

/** A reporter for `npm run course`; `tty` chooses the live bar. */
export function consoleReporter(
  tty = Boolean(process.stderr.isTTY),
  write: Write = (t) => process.stderr.write(t),
  outDir = "build/course/notebooks",
): Reporter {
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let ticker: NodeJS.Timeout | undefined;
  const stopBar = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    bar?.stop();
    bar = undefined;
  };
  return {
    notebookStart(name, codeCells) {
      started = performance.now();
      if (tty) {
        bar = new cliProgress.SingleBar(
          {
            format: "{chapter} |{bar}| cell {value}/{total} | {elapsed}s",
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(codeCells, 0, { chapter: name.padEnd(28), elapsed: "0.0" });
        ticker = setInterval(() => bar?.update({ elapsed: ((performance.now() - started) / 1000).toFixed(1) }), 200);
      } else {
        write(`▶ ${name}: ${codeCells} code cells\n`);
      }
    },
    cellStart(_name, codeCell) {
      bar?.update(codeCell - 1, { elapsed: ((performance.now() - started) / 1000).toFixed(1) });
    },
    notebookEnd(run) {
      bar?.update(run.executed);
      stopBar();
      const mark = run.status === "ok" ? "✓" : "✗";
      write(`${mark} ${run.name}: ${run.executed}/${run.codeCells} cells in ${run.seconds.toFixed(1)} s\n`);
      if (run.failure) write(`\n${formatFailure(run.failure)}\n\n`);
    },
    finish(runs, skipped) {
      stopBar();
      write(`\n${summaryTable(runs, skipped)}\n`);
      const failed = runs.filter((r) => r.status === "failed").length;
      write(
        failed === 0
          ? `All ${runs.length} chapters ran. Executed notebooks are in ${outDir}/.\n`
          : `${failed} of ${runs.length} chapters failed${skipped.length ? `, ${skipped.length} skipped (--bail)` : ""}.\n`,
      );
    },
  };
}

/** The summary: chapter, cells, seconds, status. */
export function summaryTable(runs: NotebookRun[], skipped: string[] = []): string {
  const table = new Table({ head: ["chapter", "cells", "seconds", "status"], style: { head: [], border: [] } });
  for (const r of runs) {
    const status = r.status === "ok" ? "ok" : r.failure?.cell === 0 ? `FAILED: ${r.failure.ename}` : `FAILED at cell ${r.failure?.cell ?? "?"}`;
    table.push([r.name, `${r.executed}/${r.codeCells}`, r.seconds.toFixed(1), status]);
  }
  for (const s of skipped) table.push([s, "-", "-", "skipped"]);
  return table.toString();
}
