/**
 * The charts' text/html outputs drawn for real, offline, in headless Chromium — the way a saved
 * notebook shows them (all outputs in one page), the way JupyterLab / Notebook 7 insert them
 * (innerHTML, then each script re-created in place, later outputs possibly first), and the way
 * classic Jupyter Notebook does (jQuery runs scripts in <head>, with RequireJS's define around).
 *
 * Needs /usr/bin/chromium: without it the tests are skipped (and say so), unless CI=true,
 * where a missing Chromium is a failure.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buildFunctionPlot, buildScatterClasses, chartBundle, resetPlotlyEmbedding } from "../../src/notebook/index.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const onCI = process.env.CI === "true";
if (!available && !onCI) console.warn(`test/browser/charts-html.test.ts: skipped — ${CHROMIUM} not found (with CI=true this fails)`);

/** Two charts of one kernel session: the first carries plotly.js, the second does not. */
function sessionOutputs(): { html: string; id: string }[] {
  resetPlotlyEmbedding();
  const relu = buildFunctionPlot({ name: "ReLU(x)", f: (x) => Math.max(0, x) }, { from: -2, to: 2, points: 200 });
  const points = Array.from({ length: 60 }, (_, i) => [Math.cos(i / 3) * (i / 60), Math.sin(i / 3) * (i / 60)]);
  const scatter = buildScatterClasses(points, points.map((_, i) => i % 3));
  return [relu, scatter].map((chart) => {
    const html = chartBundle(chart.figure, chart.description)["text/html"];
    return { html, id: /<div id="([^"]+)" class="nnfs-chart">/.exec(html)![1] };
  });
}

it.runIf(!available && onCI)(`needs ${CHROMIUM} on CI (CI=true)`, () => {
  throw new Error(`${CHROMIUM} is missing: the charts' html cannot be checked in a browser`);
});

describe.skipIf(!available)(`chart html in headless Chromium${available ? "" : ` (skipped: ${CHROMIUM} not found)`}`, () => {
  let browser: Browser;
  const outputs = sessionOutputs();

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page with no network at all: every request is refused and recorded. */
  async function offlinePage(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    page.on("pageerror", (error) => errors.push(error.message));
    return { page, requests, errors };
  }

  async function expectDrawn(page: Page, ids: string[]): Promise<void> {
    for (const id of ids) {
      await page.waitForFunction((divId) => !!document.getElementById(divId)?.querySelector("svg.main-svg"), id, { timeout: 30_000 });
      const svgs = await page.evaluate((divId) => document.getElementById(divId)!.querySelectorAll("svg.main-svg").length, id);
      expect(svgs, `#${id} holds plotly's svg`).toBeGreaterThan(0);
    }
  }

  it("draws both charts of a saved notebook page, offline", async () => {
    const { page, requests, errors } = await offlinePage();
    await page.setContent(`<!doctype html><html><body>${outputs.map((o) => `<div class="output">${o.html}</div>`).join("\n")}</body></html>`);
    await expectDrawn(page, outputs.map((o) => o.id));
    const traces = await page.evaluate((ids) => ids.map((id) => (document.getElementById(id) as unknown as { data: unknown[] }).data.length), outputs.map((o) => o.id));
    expect(traces).toEqual([1, 3]);
    const heights = await page.evaluate((ids) => ids.map((id) => document.getElementById(id)!.getBoundingClientRect().height), outputs.map((o) => o.id));
    expect(heights).toEqual([400, 400]); // the layout's height, nothing stretched
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("draws them as JupyterLab inserts outputs: scripts re-created in place, the later chart first", async () => {
    const { page, requests, errors } = await offlinePage();
    await page.setContent(`<!doctype html><html><body><div id="cell1"></div><div id="cell2"></div></body></html>`);
    await page.evaluate((htmls) => {
      // as @jupyterlab/rendermime's renderHTML: set innerHTML, then re-create each <script>
      const render = (host: HTMLElement, html: string) => {
        host.innerHTML = html;
        for (const script of Array.from(host.getElementsByTagName("script"))) {
          const clone = document.createElement("script");
          for (const { name, value } of Array.from(script.attributes)) clone.setAttribute(name, value);
          clone.textContent = script.textContent;
          script.parentNode!.replaceChild(clone, script);
        }
      };
      render(document.getElementById("cell2")!, htmls[1]); // windowed notebook: the later output renders first
      setTimeout(() => render(document.getElementById("cell1")!, htmls[0]), 300);
    }, outputs.map((o) => o.html));
    await expectDrawn(page, outputs.map((o) => o.id));
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("draws them as classic Notebook inserts outputs: jQuery-style scripts in <head>, RequireJS define present", async () => {
    const { page, requests, errors } = await offlinePage();
    await page.setContent(`<!doctype html><html><head><script>
      window.defineCalls = 0;
      window.define = function () { window.defineCalls++; }; window.define.amd = { jQuery: true };
      window.require = function () {};
    </script></head><body><div id="cell1"></div><div id="cell2"></div></body></html>`);
    await page.evaluate((htmls) => {
      // as jQuery's .append(html): insert the nodes, then run each script's text from a new <head> script
      const append = (host: HTMLElement, html: string) => {
        const parsed = document.createElement("div");
        parsed.innerHTML = html; // scripts parsed this way do not run
        const scripts = Array.from(parsed.getElementsByTagName("script"));
        host.append(...Array.from(parsed.childNodes));
        for (const script of scripts) {
          const run = document.createElement("script");
          run.text = script.textContent ?? "";
          document.head.appendChild(run).parentNode!.removeChild(run);
        }
      };
      append(document.getElementById("cell1")!, htmls[0]);
      append(document.getElementById("cell2")!, htmls[1]);
    }, outputs.map((o) => o.html));
    await expectDrawn(page, outputs.map((o) => o.id));
    expect(await page.evaluate(() => (window as unknown as { defineCalls: number }).defineCalls)).toBe(0);
    expect(await page.evaluate(() => typeof (window as unknown as { Plotly?: { newPlot?: unknown } }).Plotly?.newPlot)).toBe("function");
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("says what it waits for when the output carrying plotly.js is missing", async () => {
    const { page, errors } = await offlinePage();
    await page.setContent(`<!doctype html><html><body>${outputs[1].html}</body></html>`);
    await page.waitForFunction((id) => /waiting for plotly\.js/.test(document.getElementById(id)?.textContent ?? ""), outputs[1].id, { timeout: 15_000 });
    expect(await page.evaluate((id) => document.getElementById(id)!.querySelector("svg"), outputs[1].id)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
