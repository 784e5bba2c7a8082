/**
 * The same chapters executed by Jupyter's own tools (nbconvert + nbclient) with this project's
 * kernelspec print the same outputs as `npm run course` (the shared run of
 * test/setup/course-run.ts), one chapter per test, each with its own time limit, two at a time. Needs Debian's jupyter-notebook and
 * python3-nbconvert: skipped with a reason when they are missing, a failure under CI=true.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFailure } from "../../runner/failure.js";
import { installKernelSpec } from "../../runner/jupyter.js";
import { sharedCourse } from "../setup/shared-course.js";

const hasNbconvert = spawnSync("jupyter", ["nbconvert", "--version"]).status === 0;
const inCI = process.env.CI === "true";
if (!hasNbconvert) {
  console.warn(
    inCI
      ? "jupyter nbconvert is missing under CI=true: .ci/run should have installed jupyter-notebook and python3-nbconvert"
      : "SKIPPED: jupyter nbconvert is not installed (apt-get install jupyter-notebook python3-nbconvert)",
  );
}

/**
 * Each code cell's outputs with multiline strings joined, so both writers' layouts compare equal.
 * Cells tagged "timing" print how long something took on this machine: they cannot match.
 */
function normalised(file: string) {
  const nb = JSON.parse(readFileSync(file, "utf8"));
  const join = (v: unknown) => (Array.isArray(v) ? v.join("") : v);
  return nb.cells
    .filter((c: any) => c.cell_type === "code" && !(c.metadata?.tags ?? []).includes("timing"))
    // Outputs only: nbclient takes execution counts from `execute_input` messages, which tslab
    // does not send, so Jupyter's copy has none; the course runner reads them from the reply.
    .map((c: any) => ({
      outputs: c.outputs.map((o: any) => {
        const out: Record<string, unknown> = { output_type: o.output_type };
        if (o.name) out.name = o.name;
        if (o.text !== undefined) out.text = join(o.text);
        if (o.data) out.data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, join(v)]));
        if (o.ename) Object.assign(out, { ename: o.ename, evalue: o.evalue });
        return out;
      }),
    }));
}

/** One chapter may take this long under nbconvert before its own test fails (not the file's). */
const CHAPTER_LIMIT_MS = 3 * 60 * 1000;

describe.runIf(hasNbconvert || inCI)("Jupyter's nbconvert with this kernel", () => {
  // Every chapter: two independent executions (Jupyter's, here, and ours, shared by the course
  // tests) must print the same thing, which also proves that the chapters are reproducible.
  const course = sharedCourse();
  const jupyterOut = mkdtempSync(join(tmpdir(), "nn-nbconvert-"));
  const dataDir = mkdtempSync(join(tmpdir(), "nn-jupyter-data-"));
  const env = { ...process.env, JUPYTER_DATA_DIR: dataDir, JUPYTER_PLATFORM_DIRS: "1" };
  beforeAll(() => {
    if (hasNbconvert) installKernelSpec(dataDir);
  });
  afterAll(() => {
    rmSync(jupyterOut, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("finds this project's kernelspec", () => {
    expect(hasNbconvert, "jupyter nbconvert must be installed in CI").toBe(true);
    const kernels = execFileSync(
      "/usr/bin/python3",
      ["-c", "from jupyter_client.kernelspec import KernelSpecManager as K; print(K().find_kernel_specs())"],
      { env, encoding: "utf8" },
    );
    expect(kernels).toContain(join(dataDir, "kernels", "tslab"));
  });

  // Two chapters at a time (the course project's maxConcurrency), one per core: the comparison
  // leaves out timing cells, so the two kernels sharing the machine change nothing it checks.
  it.concurrent.each(course.chapters)("%s prints the same outputs as npm run course", async (name) => {
    const ours = course.asWritten.chapters.find((c) => c.name === name)!;
    expect(ours.failure ? formatFailure(ours.failure) : "", "our run of the chapter failed").toBe("");
    // Each chapter's kernel carries its own marker, so a chapter that overruns leaves nothing behind.
    const marker = `${name}-${randomBytes(4).toString("hex")}`;
    const started = performance.now();
    const result = await new Promise<{ error: (Error & { killed?: boolean }) | null; stderr: string }>((done) =>
      execFile(
        "jupyter",
        ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.timeout=${CHAPTER_LIMIT_MS / 1000}`, "--output-dir", jupyterOut, `notebooks/${name}.ipynb`],
        { env: { ...env, NN_NBCONVERT_CHAPTER: marker }, timeout: CHAPTER_LIMIT_MS - 10_000, killSignal: "SIGKILL" },
        (error, _stdout, stderr) => done({ error, stderr }),
      ),
    );
    if (result.error?.killed) {
      for (const pid of kernelsMarked(marker)) process.kill(pid, "SIGKILL");
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      expect.fail(`${name}: jupyter nbconvert did not finish within ${seconds} s (our run took ${ours.seconds.toFixed(1)} s); killed it and its kernel`);
    }
    expect(result.error ? `${result.error.message}\n${result.stderr.slice(-2000)}` : "", `${name}: jupyter nbconvert failed`).toBe("");
    expect(normalised(join(course.asWritten.dir, `${name}.ipynb`)), name).toEqual(normalised(join(jupyterOut, `${name}.ipynb`)));
  }, CHAPTER_LIMIT_MS);
});

/** Running tslab kernels whose environment carries NN_NBCONVERT_CHAPTER=`marker`. */
function kernelsMarked(marker: string): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/environ`, "utf8").split("\0").includes(`NN_NBCONVERT_CHAPTER=${marker}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
