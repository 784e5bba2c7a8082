/**
 * The course in a live Jupyter: Debian's Jupyter Notebook 6 (classic UI) serves a temporary copy
 * of chapter 01 with this project's kernelspec; Chromium opens it, runs all cells through the
 * page, and every code cell must run with no error or stderr output, its chart (a plotly output)
 * must be drawn (svg.main-svg), and nothing may be loaded from anywhere but the local server. The copy lives in test/.live-*, inside the repository so
 * that tslab resolves node_modules (Jupyter autosaves into it), and is removed afterwards.
 * Needs chromium and `jupyter notebook`: skipped with a reason without them, a failure under CI=true.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installKernelSpec } from "../../runner/jupyter.js";
import { chromiumAvailable, launchChromium } from "../fixtures/site/browser.js";
import { tslabKernelsIn } from "../helpers/processes.js";

const repo = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const hasJupyter = spawnSync("jupyter", ["notebook", "--version"], { encoding: "utf8" }).status === 0;
const available = chromiumAvailable && hasJupyter;
const inCI = process.env.CI === "true";
if (!available) {
  const missing = [!chromiumAvailable && "chromium (/usr/bin/chromium)", !hasJupyter && "Jupyter Notebook (`jupyter notebook`)"].filter(Boolean).join(" and ");
  console.warn(inCI ? `${missing} missing under CI=true: .ci/run should install them` : `SKIPPED: the live Jupyter test needs ${missing} (apt-get install chromium jupyter-notebook)`);
}

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!available && !inCI)("a live Jupyter Notebook with this kernel, in Chromium", () => {
  const token = randomBytes(16).toString("hex");
  let port = 0;
  let liveDir = "";
  let scratch = "";
  let server: ChildProcess | undefined;
  let serverLog = "";
  let browser: Browser | undefined;
  const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { Authorization: `token ${token}` } });

  beforeAll(async () => {
    expect(chromiumAvailable, "Debian's chromium must be installed at /usr/bin/chromium").toBe(true);
    expect(hasJupyter, "`jupyter notebook` (Debian's jupyter-notebook) must be installed").toBe(true);
    scratch = mkdtempSync(join(tmpdir(), "nn-jupyter-live-"));
    installKernelSpec(join(scratch, "data"));
    liveDir = mkdtempSync(join(repo, "test", ".live-"));
    const chapter01 = readdirSync(join(repo, "notebooks")).find((f) => /^01-.*\.ipynb$/.test(f));
    if (chapter01) copyFileSync(join(repo, "notebooks", chapter01), join(liveDir, chapter01));
    port = await getPort({ host: "127.0.0.1" });
    const env = {
      ...process.env,
      JUPYTER_DATA_DIR: join(scratch, "data"),
      JUPYTER_CONFIG_DIR: join(scratch, "config"),
      JUPYTER_RUNTIME_DIR: join(scratch, "runtime"),
      JUPYTER_PLATFORM_DIRS: "1",
      IPYTHONDIR: join(scratch, "ipython"),
    };
    server = spawn(
      "jupyter",
      ["notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${liveDir}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])],
      { env, cwd: liveDir, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout!.on("data", (d) => (serverLog += d));
    server.stderr!.on("data", (d) => (serverLog += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`jupyter notebook exited (${server.exitCode}):\n${serverLog}`);
      const ok = await api("/api/status").then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`jupyter notebook did not answer within 60 s:\n${serverLog}`);
      await sleep(250);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server && server.exitCode === null && port) {
      // Shut the kernels down through Jupyter first: they run in their own sessions.
      const kernels = (await api("/api/kernels").then((r) => r.json(), () => [])) as { id: string }[];
      await Promise.all(kernels.map((k) => api(`/api/kernels/${k.id}`, { method: "DELETE" }).catch(() => undefined)));
    }
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      if (!(await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]))) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    if (liveDir) {
      for (const pid of tslabKernelsIn(liveDir)) process.kill(pid, "SIGKILL");
      rmSync(liveDir, { recursive: true, force: true });
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Opens `file` in the classic UI, runs all cells, waits for the end; returns what the page shows. */
  async function runInJupyter(file: string) {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const offsite: string[] = [];
    page.on("request", (r) => {
      if (!/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:|about:)/.test(r.url())) offsite.push(r.url());
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    try {
      await page.goto(`http://127.0.0.1:${port}/notebooks/${encodeURIComponent(file)}?token=${token}`);
      await page.waitForFunction(() => {
        const nb = (window as any).Jupyter?.notebook;
        return Boolean(nb?._fully_loaded && nb.kernel?.is_connected());
      }, null, { timeout: 60_000, polling: 200 });
      await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
      // The kernel is idle again and every code cell has a number (none shows "*") — or a cell
      // failed, which stops the rest (the assertions below then show its error).
      await page.waitForFunction(() => {
        const nb = (window as any).Jupyter.notebook;
        const cells = nb.get_cells().filter((c: any) => c.cell_type === "code" && c.get_text().trim() !== "");
        const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
        const failed = document.querySelector(".output_error, .output_stderr") !== null;
        return idle && (failed || cells.every((c: any) => typeof c.input_prompt_number === "number"));
      }, null, { timeout: 120_000, polling: 250 });
      // Charts draw right after their output arrives; give the last one a moment.
      await page
        .waitForFunction(() => {
          const cells = (window as any).Jupyter.notebook.get_cells();
          return cells.every((c: any) => !(c.output_area?.outputs ?? []).some((o: any) => o.data?.["application/vnd.plotly.v1+json"]) || c.element[0].querySelector(".output_area svg.main-svg"));
        }, null, { timeout: 30_000, polling: 200 })
        .catch(() => undefined); // reported below
      return await page.evaluate((mime) => {
        const cells = (window as any).Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code");
        const withChart = cells.filter((c: any) => (c.output_area?.outputs ?? []).some((o: any) => o.data?.[mime]));
        return {
          codeCells: cells.length,
          prompts: cells.map((c: any) => c.input_prompt_number) as unknown[],
          charts: withChart.length,
          drawn: withChart.filter((c: any) => c.element[0].querySelector(".output_area svg.main-svg")).length,
          errors: Array.from(document.querySelectorAll(".output_error, .output_stderr")).map((e) => (e as HTMLElement).innerText.slice(0, 500)),
        };
      }, PLOTLY_MIME).then((r) => ({ ...r, offsite, pageErrors }));
    } finally {
      await page.close();
    }
  }

  it("runs chapter 01 with every cell and chart", async () => {
    const chapter01 = readdirSync(liveDir).find((f) => /^01-.*\.ipynb$/.test(f));
    expect(chapter01, "notebooks/01-*.ipynb").toBeDefined();
    const result = await runInJupyter(chapter01!);
    expect(result.codeCells).toBeGreaterThan(0);
    expect(result.errors, "error or stderr outputs").toEqual([]);
    expect(result.prompts.every((p) => typeof p === "number"), `execution counts ${JSON.stringify(result.prompts)}`).toBe(true);
    expect(result.charts, "chapter 01 draws its chart (a plotly output)").toBeGreaterThan(0);
    expect(result.drawn, `charts drawn as svg.main-svg (of ${result.charts})`).toBe(result.charts);
    expect(result.offsite, "requests that left the local server").toEqual([]);
    expect(result.pageErrors, "uncaught errors on the page").toEqual([]);
  }, 240_000);
});
