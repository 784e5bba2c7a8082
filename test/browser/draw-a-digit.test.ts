/**
 * draw-a-digit.html in a real browser (Debian's Chromium, headless, via playwright-core): a small
 * digits model is trained here and saved where chapter 16 saves its own (`<site>/models/digits.json`),
 * the site is rendered, and the page is opened from file://. A mouse stroke gets a prediction and
 * ten probabilities that sum to 1; the drawing reaches the network prepared as MNIST prepared its
 * digits (20×20 box, centre of mass in the middle); test digits classified in the page match
 * Node's `model.predict`; without a model the page says to run chapter 16. No console error and no
 * request beyond file:// anywhere. Skipped with a reason without /usr/bin/chromium; a failure under CI=true.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_BUILD } from "../../runner/site/draw-a-digit.js";
import { renderCourseSite, type CourseSite } from "../../runner/site/index.js";
import { Adam, CategoricalCrossentropy, Dense, loadMnist, Matrix, Model, Random, ReLU, Softmax, type MnistData } from "../../src/index.js";
import { chromiumAvailable, launchChromium, watchPage } from "../fixtures/site/browser.js";
import { fixtureRuns, siteFixtures } from "../fixtures/site/runs.js";

const inCI = process.env.CI === "true";
if (!chromiumAvailable) {
  console.warn(inCI ? "/usr/bin/chromium is missing under CI=true: .ci/run should install Debian's chromium" : "SKIPPED: the browser tests need Debian's chromium (apt-get install chromium)");
}

const SIDE = 28;

/** The stroke of a 7 on the 280×280 pad: corner points, in pad pixels. */
const SEVEN: [number, number][] = [[70, 60], [210, 60], [150, 230]];

/** Bounding box and centre of mass of a 28×28 picture (row-major), computed here, not by the page. */
function geometry(pixels: readonly number[]) {
  let top = SIDE, bottom = -1, left = SIDE, right = -1, mass = 0, cx = 0, cy = 0;
  pixels.forEach((v, k) => {
    if (v <= 0) return;
    const y = Math.floor(k / SIDE), x = k % SIDE;
    top = Math.min(top, y); bottom = Math.max(bottom, y); left = Math.min(left, x); right = Math.max(right, x);
    mass += v; cx += x * v; cy += y * v;
  });
  return { height: bottom - top + 1, width: right - left + 1, cx: cx / mass, cy: cy / mass };
}

describe.skipIf(!chromiumAvailable && !inCI)("draw-a-digit.html in Chromium", () => {
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  let model: Model;
  let digits: MnistData;
  let site: CourseSite;
  let bare: CourseSite;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    expect(chromiumAvailable, "Debian's chromium must be installed at /usr/bin/chromium").toBe(true);
    expect(existsSync(BROWSER_BUILD), `${BROWSER_BUILD} is missing: run npm run build`).toBe(true);
    // A small model, trained as chapter 16 trains its own: good enough to read a clear 7.
    const rng = new Random(1);
    digits = loadMnist({ train: 2000, test: 20 });
    model = new Model({
      layers: [new Dense(784, 64, { rng }), new ReLU(), new Dense(64, 10, { rng }), new Softmax()],
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.002 }),
    });
    model.fit(digits.train.X, digits.train.y, { epochs: 3, batchSize: 32, shuffle: true, rng, verbose: false });

    const siteDir = mkdtempSync(join(tmpdir(), "nn-draw-digit-"));
    const bareDir = mkdtempSync(join(tmpdir(), "nn-draw-digit-bare-"));
    tempDirs.push(siteDir, bareDir);
    await model.save(join(siteDir, "models", "digits.json"));
    site = renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir: siteDir });
    bare = renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir: bareDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a site's draw-a-digit page from disk, watching for errors and non-file requests. */
  async function open(which: CourseSite): Promise<void> {
    page = await browser!.newPage({ viewport: { width: 1000, height: 800 } });
    problems = watchPage(page, (url) => url.startsWith("file://"));
    await page.goto(pathToFileURL(which.drawADigit).href, { waitUntil: "load" });
  }

  async function draw(points: [number, number][]): Promise<void> {
    const box = (await page.locator("#pad").boundingBox())!;
    await page.mouse.move(box.x + points[0][0], box.y + points[0][1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 12 });
    await page.mouse.up();
  }

  it("is linked from the course index", () => {
    expect(readFileSync(site.index, "utf8")).toContain('<a href="draw-a-digit.html">draw a digit</a>');
  });

  it("without a saved model, says to run chapter 16 and still renders cleanly", async () => {
    expect(existsSync(join(bare.drawADigit, "..", "models", "digits.js"))).toBe(false);
    await open(bare);
    try {
      expect(await page.locator(".notice").innerText()).toContain("run chapter 16 first");
      expect(await page.locator("#pad").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("classifies a mouse-drawn 7 live: ten probabilities summing to 1, the input prepared as MNIST's digits", async () => {
    await open(site);
    try {
      await expect.poll(() => page.locator("#verdict").innerText()).toContain("Draw a digit");
      await draw(SEVEN);
      await expect.poll(() => page.locator("#verdict").innerText()).toMatch(/^It looks like a \d \(probability 0\.\d{3}\)\.$/);
      const verdict = await page.locator("#verdict").innerText();
      const shown = await page.locator("#bars li").evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.p)));
      expect(shown).toHaveLength(10);
      expect(shown.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const best = shown.indexOf(Math.max(...shown));
      expect(verdict).toBe(`It looks like a ${best} (probability ${shown[best].toFixed(3)}).`);
      expect(best, "a clear 7, drawn the right way up").toBe(7);

      // What the network saw: 784 pixels in [0, 1], the ink's longer side 20 pixels, its centre of mass within half a pixel of the middle.
      const input = (await page.evaluate(() => (window as unknown as { digitInput(): number[] | null }).digitInput()))!;
      expect(input).toHaveLength(SIDE * SIDE);
      expect(Math.min(...input)).toBe(0);
      expect(Math.max(...input)).toBe(1);
      const g = geometry(input);
      expect(Math.max(g.width, g.height)).toBe(20);
      expect(g.height, "a 7 is taller than wide").toBeGreaterThan(g.width);
      expect(Math.abs(g.cx - 13.5)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(g.cy - 13.5)).toBeLessThanOrEqual(0.5);
      // … and the bars are what Node's model says for that input.
      const node = model.predict(Matrix.from([input])).row(0);
      for (let d = 0; d < 10; d++) expect(shown[d]).toBeCloseTo(node[d], 12);

      await page.click("#clear");
      await expect.poll(() => page.locator("#verdict").innerText()).toContain("Draw a digit");
      expect(await page.evaluate(() => (window as unknown as { digitInput(): number[] | null }).digitInput())).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("classifies test digits exactly as Node's model.predict does", async () => {
    await open(site);
    try {
      const X = digits.test.X.sliceRows(0, 6);
      const expected = model.predict(X);
      for (let i = 0; i < X.rows; i++) {
        const inPage = await page.evaluate((pixels) => (window as unknown as { classifyPixels(p: number[]): number[] }).classifyPixels(pixels), X.row(i));
        expect(inPage).toHaveLength(10);
        expect(inPage.indexOf(Math.max(...inPage)), `test digit ${i}`).toBe(expected.rowArgmax()[i]);
        for (let d = 0; d < 10; d++) expect(inPage[d]).toBeCloseTo(expected.get(i, d), 12);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
