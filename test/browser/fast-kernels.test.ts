/**
 * The browser build's fast kernels in a real browser (Debian's Chromium, headless): a page opened
 * from file://, with nothing but `dist/browser/nn-from-scratch.js`, switches to WebAssembly SIMD —
 * the module is inside the script, nothing is fetched — and its products equal the reference
 * kernels' to rounding. A file:// page has no cross-origin isolation, so no SharedArrayBuffer: the
 * kernels run on one thread in a plain memory, Adam keeps its state (and its loop) in JavaScript —
 * state arrays can only live in a shared memory — and asking for two threads says so in one line.
 * Skipped with a reason without /usr/bin/chromium; a failure under CI=true.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium, watchPage } from "../fixtures/site/browser.js";

const inCI = process.env.CI === "true";
const BROWSER_BUILD = resolve("dist/browser/nn-from-scratch.js");

describe.skipIf(!chromiumAvailable && !inCI)("the fast kernels in Chromium, from file://", () => {
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), "nn-fast-browser-"));

  beforeAll(async () => {
    expect(chromiumAvailable, "Debian's chromium must be installed at /usr/bin/chromium").toBe(true);
    expect(existsSync(BROWSER_BUILD), `${BROWSER_BUILD} is missing: run npm run build`).toBe(true);
    writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><script src="${pathToFileURL(BROWSER_BUILD).href}"></script>`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("switches to WebAssembly without fetching anything; products equal the reference's, Adam still trains bit for bit", async () => {
    const page = await browser!.newPage();
    const problems = watchPage(page, (url) => url.startsWith("file://"));
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    const result = await page.evaluate(async () => {
      const nn = (globalThis as any).nn;
      const rng = new nn.Random(3);
      const a = nn.randn(300, 200, rng);
      const b = nn.randn(200, 150, rng);
      const reference = a.dot(b);
      // Adam on a 130×90 parameter, 5 steps from the same start, under both backends.
      const adamRun = () => {
        const r = new nn.Random(5);
        const value = nn.randn(130, 90, r);
        const param = { name: "w", value, grad: nn.randn(130, 90, r) };
        const adam = new nn.Adam({ learningRate: 0.01 });
        for (let s = 0; s < 5; s++) adam.step([param]);
        return Array.from(value.data as Float64Array);
      };
      const adamReference = adamRun();
      const switched = await nn.setBackend("wasm");
      const info = nn.getBackendInfo();
      const fast = a.dot(b);
      let worst = 0;
      for (let i = 0; i < fast.data.length; i++) worst = Math.max(worst, Math.abs(fast.data[i] - reference.data[i]));
      const identical = fast.data.every((x: number, i: number) => x === reference.data[i]);
      const adamFast = adamRun();
      const adamSame = adamFast.every((x, i) => x === adamReference[i]);
      const twoThreads = await nn.setBackend("wasm", { threads: 2 });
      const infoTwo = nn.getBackendInfo();
      await nn.setBackend("js");
      return { switched, info, worst, identical, adamSame, twoThreads, infoTwo, sab: typeof SharedArrayBuffer };
    });
    expect(result.switched).toBe(true);
    expect(result.info).toEqual({ backend: "wasm", threads: 1 });
    expect(result.worst).toBeLessThan(1e-11); // entries of size ~15: rounding only
    expect(result.identical).toBe(false); // the product really ran in WebAssembly (another order of additions)
    expect(result.adamSame).toBe(true); // bit for bit
    expect(result.twoThreads).toBe(true);
    expect(result.infoTwo).toEqual({ backend: "wasm", threads: 1 });
    expect(warnings).toEqual([
      result.sab === "undefined"
        ? "nn-from-scratch: threads need a shared WebAssembly memory, which this runtime does not offer; the WebAssembly kernels run on one thread"
        : "nn-from-scratch: threads need Node.js's worker_threads; the WebAssembly kernels run on one thread",
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
