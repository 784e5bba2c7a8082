/**
 * `build/course/manifest.json`: each chapter's last result, so a chapter that was not run in this
 * invocation (`npm run course -- 01`) still shows its last status and time in the course map.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { NotebookRun } from "../execute.js";

/** One chapter's last result. */
export interface ManifestEntry {
  status: "ok" | "failed";
  seconds: number;
  executed: number;
  codeCells: number;
  /** When the run finished (ISO 8601). */
  finishedAt: string;
  failure?: { cell: number; ename: string; evalue: string };
}

/** The manifest: the last result of every chapter that has run. */
export interface Manifest {
  version: 1;
  chapters: Record<string, ManifestEntry>;
}

/** Reads the manifest; a missing or unreadable file is an empty manifest. */
export function readManifest(file: string): Manifest {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    if (data?.version === 1 && data.chapters && typeof data.chapters === "object") return data;
  } catch {
    // no manifest yet, or a broken one: start over
  }
  return { version: 1, chapters: {} };
}

/** The manifest entry for a run that finished at `now`. */
export function manifestEntry(run: NotebookRun, now: Date): ManifestEntry {
  const entry: ManifestEntry = {
    status: run.status,
    seconds: run.seconds,
    executed: run.executed,
    codeCells: run.codeCells,
    finishedAt: now.toISOString(),
  };
  if (run.failure) entry.failure = { cell: run.failure.cell, ename: run.failure.ename, evalue: run.failure.evalue };
  return entry;
}

/** Writes the manifest atomically (temporary file, then rename). */
export function writeManifest(file: string, manifest: Manifest): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(manifest, null, 1) + "\n");
  renameSync(`${file}.tmp`, file);
}
