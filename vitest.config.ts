import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

// Marks every process of this run, kernels included, so that test/setup/kernel-cleanup.ts can
// find the tslab kernels it left behind wherever they were started (see test/setup/kernels.ts).
process.env.NN_TEST_RUN ??= `${process.pid}-${randomBytes(6).toString("hex")}`;

/**
 * Three projects, in order (two cores):
 * 1. `unit`: fast tests, two files at a time.
 * 2. `kernels`: files that start kernels, Jupyter or Chromium themselves, one file at a time.
 * 3. `course`: files reading the course runs of test/setup/course-run.ts, one file at a time.
 *
 * Global setups run before any test file: the course is executed once (as written, then with
 * solutions) while nothing else runs, and the kernel clean-up covers the whole run.
 */
const heavy = { pool: "forks" as const, maxWorkers: 1, fileParallelism: false };
const courseFiles = ["test/course/**/*.test.ts", "test/jupyter/**/*.test.ts", "test/browser/site.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["test/setup/kernel-cleanup.ts"],
    // Kernel start-up and whole chapters take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/runner/**", "test/browser/**", ...courseFiles],
          testTimeout: 120_000,
          pool: "forks",
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "kernels",
          include: ["test/runner/**/*.test.ts", "test/browser/**/*.test.ts"],
          exclude: courseFiles,
          testTimeout: 120_000,
          hookTimeout: 600_000,
          ...heavy,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "course",
          include: courseFiles,
          globalSetup: ["test/setup/course-run.ts"],
          // test/jupyter/nbconvert.test.ts runs its chapters concurrently: two kernels for two cores.
          maxConcurrency: 2,
          testTimeout: 120_000,
          hookTimeout: 600_000,
          ...heavy,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
