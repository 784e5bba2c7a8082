/**
 * Global setup of the `course` test project: executes the course once as written and once with
 * every exercise's reference solution, side by side, before any test file runs, and hands
 * the executed notebooks' folders and each chapter's result to the test files
 * (`inject("course")`, read with test/setup/shared-course.ts). The course test, the nbconvert
 * comparison and the rendered-site test all read these runs instead of running the course again.
 *
 * COURSE_CHAPTERS="02 03" limits the runs (and so every test reading them) to some chapters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { TestProject } from "vitest/node";
import { listChapters, runCourse, selectChapters, type CourseRun, type Reporter } from "../../runner/course.js";
import { withSolutions } from "../../runner/solutions.js";
import { installKernelCleanup } from "./kernel-cleanup.js";
import type { ChapterResult, SharedCourse, SharedRun } from "./shared-course.js";

/** A cell running longer than this is interrupted and fails its chapter (and only its chapter). */
const CELL_TIMEOUT_MS = 3 * 60 * 1000;

function progress(label: string): Reporter {
  return {
    notebookStart() {},
    cellStart() {},
    notebookEnd(run) {
      console.log(`course setup (${label}): ${run.name} ${run.status} in ${run.seconds.toFixed(1)} s`);
    },
    finish() {},
  };
}

function summarise(run: CourseRun, dir: string): SharedRun {
  const chapters: ChapterResult[] = run.runs.map((r) => ({
    name: r.name,
    file: r.file,
    status: r.status,
    codeCells: r.codeCells,
    executed: r.executed,
    seconds: r.seconds,
    failure: r.failure,
  }));
  return { dir, chapters };
}

export default async function setup(project: TestProject): Promise<() => void> {
  // This setup runs before the root's kernel clean-up is installed: a Ctrl-C now must not leak.
  installKernelCleanup();
  const only = (process.env.COURSE_CHAPTERS ?? "").split(/[\s,]+/).filter(Boolean);
  const files = selectChapters(listChapters("notebooks"), only).map((f) => basename(f));
  const root = mkdtempSync(join(tmpdir(), "nn-test-course-"));
  const options = { chapters: files, cellTimeoutMs: CELL_TIMEOUT_MS };
  // The two passes side by side, one kernel each: a kernel runs on one core, and this machine has
  // two; nothing else runs during the global setup.
  const [asWritten, solved] = await Promise.all([
    runCourse({ ...options, outDir: join(root, "as-written"), reporter: progress("as written") }),
    runCourse({
      ...options,
      outDir: join(root, "solved"),
      transformSource: withSolutions,
      reporter: progress("with solutions"),
    }),
  ]);
  const shared: SharedCourse = {
    only,
    chapters: files.map((f) => f.replace(/\.ipynb$/, "")),
    asWritten: summarise(asWritten, join(root, "as-written")),
    solved: summarise(solved, join(root, "solved")),
  };
  project.provide("course", shared);
  return () => rmSync(root, { recursive: true, force: true });
}
