/**
 * The runner survives what learners' cells do to a kernel: thousands of lines of output, a
 * kernel that dies mid-cell or ignores SIGINT, a notebook that is not a notebook, processes
 * that try to outlive the run, and output folders shared or unwritable. Fixtures are in
 * test/fixtures/runner/robust/ (its own folder: kernels there are counted by working directory).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runNotebook, type NotebookRun } from "../../runner/execute.js";
import { runCourse, type Reporter } from "../../runner/course.js";
import { formatFailure } from "../../runner/failure.js";
import { summaryTable } from "../../runner/reporter.js";
import { liveKernelPids } from "../../runner/kernel.js";
import { renderCourseSite } from "../../runner/site/index.js";
import { eventually, isRunning, processesWithEnv, tslabKernelsIn } from "../helpers/processes.js";

const robust = resolve("test/fixtures/runner/robust");
const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t));
const stdout = (cell: any) => cell.outputs.filter((o: any) => o.name === "stdout").map((o: any) => text(o.text)).join("");

/** A reporter that remembers what it was told. */
function recorder() {
  const events: string[] = [];
  let finished: { runs: NotebookRun[]; skipped: string[] } | undefined;
  const reporter: Reporter = {
    notebookStart: (name) => events.push(`start ${name}`),
    cellStart: () => {},
    notebookEnd: (run) => events.push(`end ${run.name} ${run.status}`),
    finish: (runs, skipped) => (finished = { runs, skipped }),
  };
  return { reporter, events, finished: () => finished };
}

describe("output", () => {
  it("a cell printing 10,000 lines completes promptly with every line in the executed notebook, in order", async () => {
    const started = Date.now();
    const run = await runNotebook(join(robust, "10-many-lines.ipynb"), { cellTimeoutMs: 60_000 });
    expect((Date.now() - started) / 1000).toBeLessThan(60); // liveness: it used to wait for the whole cell timeout
    expect(run.failure).toBeUndefined();
    expect(run.status).toBe("ok");
    const [lines, after] = run.notebook.cells;
    const expected = Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`).join("");
    expect(stdout(lines)).toBe(expected);
    expect(stdout(after)).toBe("after the lines\n");
    expect(isRunning(run.kernelPid!)).toBe(false);
  }, 90_000);
});

describe("a course whose kernels die, ignore SIGINT, or cannot start from a broken notebook", () => {
  it("reports each chapter's failure clearly, runs the next chapter, writes the notebooks and the summary, leaves no kernel", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-robust-"));
    const { reporter, events, finished } = recorder();
    const started = Date.now();
    const course = await runCourse({
      notebooksDir: robust,
      outDir: out,
      chapters: ["20", "30", "40", "50"],
      cellTimeoutMs: 3000,
      interruptGraceMs: 1000,
      reporter,
    });
    // Nothing waits past the cell timeout plus the grace: 4 kernels at most, 4 s of timeout.
    expect((Date.now() - started) / 1000).toBeLessThan(60);
    const byName = Object.fromEntries(course.runs.map((r) => [r.name, r]));
    expect(course.runs.map((r) => [r.name, r.status])).toEqual([
      ["20-dies", "failed"],
      ["30-deaf", "failed"],
      ["40-broken", "failed"],
      ["50-after", "ok"],
    ]);
    expect(course.ok).toBe(false);

    // The kernel killed itself in cell 2: its exit is the reason.
    expect(byName["20-dies"].failure).toMatchObject({ cell: 2, ename: "KernelDied" });
    expect(byName["20-dies"].failure!.evalue).toContain("the kernel was killed by SIGKILL");
    expect(formatFailure(byName["20-dies"].failure!)).toContain("20-dies.ipynb: cell 2 failed"); // no reply, so no execution count
    // SIGINT did not end cell 2: interrupted, then killed.
    expect(byName["30-deaf"].failure).toMatchObject({ cell: 2, ename: "CellTimeoutError" });
    expect(byName["30-deaf"].failure!.evalue).toBe("the cell did not finish within 3 s; it was interrupted, then the kernel was killed");
    // The broken file: named, with what is wrong.
    expect(byName["40-broken"].failure).toMatchObject({ cell: 0, ename: "NotebookFormatError" });
    expect(byName["40-broken"].failure!.evalue).toMatch(/40-broken\.ipynb: not a valid Jupyter notebook — its JSON does not parse/);
    expect(formatFailure(byName["40-broken"].failure!)).toMatch(/^✗ 40-broken\.ipynb: did not run\n {2}NotebookFormatError: .*40-broken\.ipynb/);

    // The executed notebooks are written (not for the file that is not a notebook).
    const executed = (name: string) => JSON.parse(readFileSync(join(out, `${name}.ipynb`), "utf8"));
    expect(stdout(executed("20-dies").cells[0])).toBe("before dying\n");
    expect(stdout(executed("30-deaf").cells[0])).toBe("before the deaf cell\n");
    expect(stdout(executed("50-after").cells[0])).toBe("the next chapter runs\n");
    expect(existsSync(join(out, "40-broken.ipynb"))).toBe(false);

    // Every chapter was reported, and the summary was asked for with all four.
    expect(events).toEqual([
      "start 20-dies", "end 20-dies failed",
      "start 30-deaf", "end 30-deaf failed",
      "start 40-broken", "end 40-broken failed",
      "start 50-after", "end 50-after ok",
    ]);
    expect(finished()!.runs).toHaveLength(4);
    expect(summaryTable(finished()!.runs)).toMatch(/40-broken\s*│\s*0\/0\s*│[^│]*│\s*FAILED: NotebookFormatError/);

    // No kernel is left: not the one that died, not the one that ignored SIGINT (nor its `sleep`).
    expect(liveKernelPids()).toEqual([]);
    expect(await eventually(() => tslabKernelsIn(robust).length === 0, 5000)).toBe(true);
    for (const run of course.runs) if (run.kernelPid) expect(isRunning(run.kernelPid)).toBe(false);
  }, 120_000);
});

describe("the rendered course with a broken notebook", () => {
  it("shows it as a failed chapter, whether or not it was among the chapters run", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-site-"));
    const course = await runCourse({ notebooksDir: robust, outDir: join(out, "notebooks"), chapters: ["40"] });
    expect(liveKernelPids()).toEqual([]); // nothing to run, so no kernel
    for (const runs of [course.runs, []]) {
      const site = renderCourseSite({ runs, notebooksDir: robust, outDir: out });
      const broken = site.chapters.find((c) => c.name === "40-broken")!;
      expect(broken.status).toBe("failed");
      expect(broken.failure).toMatchObject({ cell: 0, ename: "NotebookFormatError" });
      const page = readFileSync(join(out, "40-broken.html"), "utf8");
      expect(page).toContain("The chapter did not run: <code>NotebookFormatError:");
      expect(page).toContain("its JSON does not parse");
      expect(readFileSync(site.index, "utf8")).toContain("40-broken");
    }
  }, 60_000);
});

describe("processes a cell starts", () => {
  it("do not outlive a run that ends normally: a detached grandchild and a child that ignores SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-children-"));
    const pidFile = join(dir, "pids");
    process.env.NN_TEST_PID_FILE = pidFile; // the kernel inherits it, and so does everything it starts
    try {
      const run = await runNotebook(join(robust, "60-children.ipynb"), { cellTimeoutMs: 30_000 });
      expect(run.status).toBe("ok");
      const pids = readFileSync(pidFile, "utf8").trim().split("\n").map(Number);
      expect(pids).toHaveLength(2);
      expect(await eventually(() => pids.every((p) => !isRunning(p)), 5000)).toBe(true);
      // Nothing at all that the kernel started (a `sleep` below the stubborn shell, say) is left.
      expect(processesWithEnv("NN_TEST_PID_FILE", pidFile)).toEqual([]);
    } finally {
      delete process.env.NN_TEST_PID_FILE;
    }
  }, 60_000);
});

describe("the output folder", () => {
  it("two runs writing to the same folder at once both succeed and leave valid notebooks", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-concurrent-"));
    const runs = await Promise.all([1, 2].map(() => runCourse({ notebooksDir: robust, outDir: out, chapters: ["50"] })));
    expect(runs.map((r) => r.ok)).toEqual([true, true]);
    expect(stdout(JSON.parse(readFileSync(join(out, "50-after.ipynb"), "utf8")).cells[0])).toBe("the next chapter runs\n");
  }, 60_000);

  it("a temporary file another run is writing is never taken over", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-concurrent-"));
    // What a run that writes through the fixed name `<chapter>.ipynb.tmp` would have half written.
    const theirs = join(out, "50-after.ipynb.tmp");
    writeFileSync(theirs, "another run's half-written notebook");
    const course = await runCourse({ notebooksDir: robust, outDir: out, chapters: ["50"] });
    expect(course.ok).toBe(true);
    expect(readFileSync(theirs, "utf8")).toBe("another run's half-written notebook");
    expect(stdout(JSON.parse(readFileSync(join(out, "50-after.ipynb"), "utf8")).cells[0])).toBe("the next chapter runs\n");
  }, 60_000);

  it.each([
    // A folder below a regular file cannot be created, even by root.
    ["cannot be created", () => join(writeTemp(), "sub")],
    // /proc exists but takes no new files, even from root (chmod 0o555 would not stop root).
    ["exists but takes no files", () => "/proc"],
  ])("that %s fails at once, naming the folder, before any kernel starts", async (_what, folder) => {
    const outDir = folder();
    const { reporter, events } = recorder();
    await expect(runCourse({ notebooksDir: robust, outDir, chapters: ["50"], reporter })).rejects.toThrow(
      `runCourse: cannot write executed notebooks to the output folder "${outDir}"`,
    );
    expect(events).toEqual([]); // no chapter started
    expect(liveKernelPids()).toEqual([]);
    expect(tslabKernelsIn(robust)).toEqual([]);
  });
});

function writeTemp(): string {
  const dir = mkdtempSync(join(tmpdir(), "nn-file-"));
  const file = join(dir, "a-file");
  writeFileSync(file, "");
  return file;
}
