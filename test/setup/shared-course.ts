/**
 * The course runs that test/setup/course-run.ts made once for the whole `npm test`, as the test
 * files of the `course` project read them: each chapter's result and its executed notebook.
 */
import { join } from "node:path";
import { inject } from "vitest";
import type { CellFailure } from "../../runner/failure.js";
import type { NotebookRun } from "../../runner/execute.js";
import { readNotebook } from "../../runner/notebook.js";

/** One chapter's result (a NotebookRun without its notebook, which is on disk). */
export interface ChapterResult {
  name: string;
  file: string;
  status: "ok" | "failed";
  codeCells: number;
  executed: number;
  seconds: number;
  failure?: CellFailure;
}

/** One execution of the course: where the executed notebooks are, and each chapter's result. */
export interface SharedRun {
  dir: string;
  chapters: ChapterResult[];
}

/** What the global setup provides as `course`. */
export interface SharedCourse {
  /** The COURSE_CHAPTERS selectors (empty: the whole course). */
  only: string[];
  /** The chapters that ran, e.g. `05-activation-functions`, in course order. */
  chapters: string[];
  asWritten: SharedRun;
  solved: SharedRun;
}

declare module "vitest" {
  export interface ProvidedContext {
    course: SharedCourse;
  }
}

/** The shared runs; a clear error when the file runs outside the `course` project. */
export function sharedCourse(): SharedCourse {
  const course = inject("course");
  if (!course) throw new Error("sharedCourse: no course runs were provided; run this file in the vitest project \"course\" (npx vitest run --project course …)");
  return course;
}

/** `run`'s chapters as NotebookRun objects, each with its executed notebook read from disk. */
export function notebookRuns(run: SharedRun): NotebookRun[] {
  return run.chapters.map((c) => ({ ...c, notebook: readNotebook(join(run.dir, `${c.name}.ipynb`)) }));
}
