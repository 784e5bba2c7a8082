/**
 * The course runner on fixture notebooks, with the real tslab kernel: failing cells are
 * reported with their cell number, display bundles are captured whole, endless cells are
 * timed out, malformed notebooks are named, and no kernel process outlives a run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runNotebook } from "../../runner/execute.js";
import { runCourse } from "../../runner/course.js";
import { formatFailure } from "../../runner/failure.js";
import { NotebookFormatError, readNotebook } from "../../runner/notebook.js";
import { liveKernelPids } from "../../runner/kernel.js";
import { isRunning, tslabKernelsIn } from "../helpers/processes.js";

const fixtures = resolve("test/fixtures/runner");
const fixture = (name: string) => join(fixtures, name);
const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t));

function codeOutputs(nb: { cells: any[] }) {
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => ({ count: c.execution_count, outputs: c.outputs }));
}

describe("runNotebook", () => {
  it("stops at a failing cell and reports its number, source line and error", async () => {
    const run = await runNotebook(fixture("error-cell.ipynb"));
    expect(run.status).toBe("failed");
    expect(run.executed).toBe(3); // the fourth code cell never ran
    const f = run.failure!;
    expect(f.cell).toBe(4); // position among all cells: 1 markdown + 3 code cells
    expect(f.executionCount).toBe(3);
    expect(f.ename).toBe("RangeError");
    expect(f.evalue).toBe("cannot divide by zero");
    expect(f.line).toBe(2); // `const c = divide(b, 0);`
    expect(f.traceback.join("\n")).toMatch(/at (Proxy\.)?divide /);
    const report = formatFailure(f);
    expect(report).toContain("error-cell.ipynb: cell 4 (In [3]) failed");
    expect(report).toMatch(/> 2 \| const c = divide\(b, 0\);/);
    expect(report).toContain("RangeError: cannot divide by zero");
    const cells = codeOutputs(run.notebook);
    expect(text(cells[0].outputs[0].text)).toBe("first cell ran\n");
    expect(cells[3].count).toBeNull();
    expect(cells[3].outputs).toEqual([]);
    expect(isRunning(run.kernelPid!)).toBe(false);
  });

  it("reports a type error in a cell as a compile error at its line", async () => {
    const run = await runNotebook(fixture("type-error.ipynb"));
    expect(run.failure).toMatchObject({
      cell: 2,
      ename: "TypeScript error",
      line: 1,
      evalue: "line 1, column 8: Argument of type 'string' is not assignable to parameter of type 'number'.",
    });
  });

  it("captures a multi-MIME display bundle whole, display updates and merged streams", async () => {
    const run = await runNotebook(fixture("multi-mime.ipynb"));
    expect(run.status).toBe("ok");
    const [bundle, update, streams] = codeOutputs(run.notebook);
    expect(bundle.outputs).toHaveLength(1);
    const display = bundle.outputs[0];
    expect(display.output_type).toBe("display_data");
    expect(Object.keys(display.data).sort()).toEqual(["application/json", "text/html", "text/plain"]);
    expect(text(display.data["text/html"])).toBe("<b>bold</b>");
    expect(display.data["application/json"]).toEqual({ answer: 42, list: [1, 2] }); // JSON stays JSON
    expect(display.metadata).toEqual({ "text/html": { isolated: false } });
    // update_display_data rewrites the earlier output in place
    expect(update.outputs.map((o: any) => o.output_type)).toEqual(["display_data", "stream"]);
    expect(text(update.outputs[0].data["text/plain"])).toBe("second version");
    // consecutive stdout writes are one output; stderr is its own
    expect(streams.outputs.map((o: any) => [o.name, text(o.text)])).toEqual([
      ["stdout", "line 1\nline 2\n"],
      ["stderr", "to stderr\n"],
      ["stdout", "line 3\n"],
    ]);
    expect(streams.count).toBe(3);
  });

  it("interrupts a cell that never ends, reports it, and leaves no kernel behind", async () => {
    const run = await runNotebook(fixture("endless.ipynb"), { cellTimeoutMs: 3000 });
    expect(run.status).toBe("failed");
    expect(run.failure).toMatchObject({ cell: 2, ename: "CellTimeoutError" });
    expect(run.failure!.evalue).toContain("did not finish within 3 s");
    expect(formatFailure(run.failure!)).toContain("while (true) {");
    expect(run.executed).toBe(2);
    expect(isRunning(run.kernelPid!)).toBe(false);
    expect(liveKernelPids()).toEqual([]);
    expect(tslabKernelsIn(fixtures)).toEqual([]);
  });

  it("never modifies the source notebook", async () => {
    const before = readFileSync(fixture("multi-mime.ipynb"), "utf8");
    await runNotebook(fixture("multi-mime.ipynb"));
    expect(readFileSync(fixture("multi-mime.ipynb"), "utf8")).toBe(before);
  });
});

describe("malformed notebooks", () => {
  it.each([
    ["truncated.ipynb", /truncated\.ipynb: not a valid Jupyter notebook — its JSON does not parse/],
    ["old-format.ipynb", /old-format\.ipynb: not a valid Jupyter notebook — expected "nbformat": 4, got 3/],
    ["bad-cell.ipynb", /bad-cell\.ipynb: not a valid Jupyter notebook — cell 1: expected "source" to be a string/],
  ])("%s gets a clear error naming the file", (name, message) => {
    const file = join(fixtures, "malformed", name);
    expect(() => readNotebook(file)).toThrow(NotebookFormatError);
    expect(() => readNotebook(file)).toThrow(message);
  });

  it("are each a failed chapter of runCourse, named with what is wrong, and no kernel starts", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-course-"));
    const course = await runCourse({ notebooksDir: join(fixtures, "malformed"), outDir: out });
    expect(course.ok).toBe(false);
    expect(course.runs.map((r) => [r.name, r.status, r.failure?.ename, r.kernelPid])).toEqual([
      ["bad-cell", "failed", "NotebookFormatError", undefined],
      ["old-format", "failed", "NotebookFormatError", undefined],
      ["truncated", "failed", "NotebookFormatError", undefined],
    ]);
    expect(course.runs[0].failure!.evalue).toMatch(/bad-cell\.ipynb: not a valid Jupyter notebook — cell 1: expected "source"/);
    expect(liveKernelPids()).toEqual([]);
  });
});

describe("npm run course (the CLI)", () => {
  const cli = (args: string[]) =>
    spawn(process.execPath, ["--import", "tsx", "runner/cli.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const collect = (child: ReturnType<typeof cli>) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) => {
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("exit", (code, signal) => done({ code, signal, output }));
    });

  it("exits non-zero naming the notebook, the cell and the error, with a summary", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-course-"));
    const { code, output } = await collect(cli(["--notebooks", fixtures, "--out", out, "error-cell", "multi-mime"]));
    expect(code).toBe(1);
    expect(output).toContain("error-cell.ipynb: cell 4 (In [3]) failed");
    expect(output).toContain("RangeError: cannot divide by zero");
    expect(output).toMatch(/error-cell\s*│\s*3\/4\s*│[^│]*│\s*FAILED at cell 4/);
    expect(output).toMatch(/multi-mime\s*│\s*3\/3\s*│[^│]*│\s*ok/);
    const executed = JSON.parse(readFileSync(join(out, "multi-mime.ipynb"), "utf8"));
    expect(executed.cells[0].execution_count).toBe(1);
    expect(tslabKernelsIn(fixtures)).toEqual([]);
  });

  it("--bail stops after the first failing chapter", async () => {
    const out = mkdtempSync(join(tmpdir(), "nn-course-"));
    const { code, output } = await collect(cli(["--notebooks", fixtures, "--out", out, "--bail", "error-cell", "multi-mime"]));
    expect(code).toBe(1);
    expect(output).toMatch(/multi-mime\s*│\s*-\s*│\s*-\s*│\s*skipped/);
  });

  it("rejects an unknown chapter with the list of chapters", async () => {
    const { code, output } = await collect(cli(["--notebooks", fixtures, "99"]));
    expect(code).toBe(2);
    expect(output).toContain('no chapter matches "99"; the chapters are: endless, error-cell, multi-mime, type-error');
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130], // Ctrl-C
  ] as const)("on %s shuts its kernel down and exits %i", async (signal, exitCode) => {
    const out = mkdtempSync(join(tmpdir(), "nn-course-"));
    const child = cli(["--notebooks", fixtures, "--out", out, "endless"]);
    const result = collect(child);
    // wait until the endless cell is running in a kernel
    const deadline = Date.now() + 60_000;
    while (tslabKernelsIn(fixtures).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const kernels = tslabKernelsIn(fixtures);
    expect(kernels.length).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill(signal);
    const { code, output } = await result;
    expect(code).toBe(exitCode);
    expect(output).toContain(`${signal}: stopped; all kernels shut down.`);
    await new Promise((r) => setTimeout(r, 200));
    expect(kernels.filter(isRunning)).toEqual([]);
  });
});
