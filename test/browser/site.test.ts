/**
 * The rendered course in a real browser (Debian's Chromium, headless, via playwright-core):
 * the course (the shared run of test/setup/course-run.ts) is rendered into a temporary folder, and so is the fixture course (charts,
 * ANSI, HTML outputs); then every page is opened from file:// and must show no console error, no
 * failed or non-file request, every chart drawn, no unrendered TeX, and only links that resolve.
 * Skipped with a reason without /usr/bin/chromium; a failure under CI=true.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCourseSite, type CourseSite } from "../../runner/site/index.js";
import { chromiumAvailable, launchChromium, watchPage } from "../fixtures/site/browser.js";
import { fixtureRuns, siteFixtures } from "../fixtures/site/runs.js";
import { notebookRuns, sharedCourse } from "../setup/shared-course.js";

const inCI = process.env.CI === "true";
if (!chromiumAvailable) {
  console.warn(inCI ? "/usr/bin/chromium is missing under CI=true: .ci/run should install Debian's chromium" : "SKIPPED: the browser tests need Debian's chromium (apt-get install chromium)");
}

/** Raw TeX that KaTeX should have turned into math: `$$…$$`, or `$…$` as Pandoc reads it. */
const RAW_MATH = /\$\$[\s\S]+?\$\$|(?<![\\\w])\$(?=\S)[^$\n]*?\S\$(?!\d)/;

interface PageReport {
  problems: string[];
  charts: number;
  drawn: number;
  text: string;
  hrefs: string[];
  katexErrors: number;
}

/** Opens `file` from disk, waits for its charts, and reports what the tests look at. */
async function inspect(browser: Browser, file: string): Promise<PageReport> {
  const page: Page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = watchPage(page, (url) => url.startsWith("file://") || url.startsWith("data:"));
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const charts = await page.locator(".chart").count();
    if (charts > 0) {
      await page
        .waitForFunction(() => Array.from(document.querySelectorAll(".chart")).every((c) => c.querySelector("svg.main-svg")), null, { timeout: 20_000 })
        .catch(() => undefined); // counted below
    }
    const report = await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.querySelectorAll("pre, code, .outputs, .katex").forEach((e) => e.remove());
      document.body.append(body); // innerText needs a rendered element
      body.style.position = "absolute";
      const text = body.innerText;
      body.remove();
      return {
        charts: document.querySelectorAll(".chart").length,
        drawn: Array.from(document.querySelectorAll(".chart")).filter((c) => c.querySelector("svg.main-svg")).length,
        text,
        hrefs: Array.from(document.querySelectorAll("a[href]")).map((a) => (a as HTMLAnchorElement).href),
        katexErrors: document.querySelectorAll(".katex-error").length,
      };
    });
    return { problems, ...report };
  } finally {
    await page.close();
  }
}

/** Local links that do not resolve to a file (fragments and queries ignored). */
function brokenLinks(hrefs: string[]): string[] {
  return hrefs.filter((href) => href.startsWith("file://") && !existsSync(fileURLToPath(href.replace(/[?#].*$/, ""))));
}

describe.skipIf(!chromiumAvailable && !inCI)("the rendered course in Chromium", () => {
  let browser: Browser | undefined;
  let course: CourseSite;
  let fixtures: CourseSite;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    expect(chromiumAvailable, "Debian's chromium must be installed at /usr/bin/chromium").toBe(true);
    const courseDir = mkdtempSync(join(tmpdir(), "nn-site-course-"));
    const fixturesDir = mkdtempSync(join(tmpdir(), "nn-site-fixtures-"));
    tempDirs.push(courseDir, fixturesDir);
    // The executed notebooks go next to the pages, as `npm run course` puts them (pages link to them).
    const shared = sharedCourse();
    const executedDir = join(courseDir, "notebooks");
    mkdirSync(executedDir);
    for (const name of shared.chapters) copyFileSync(join(shared.asWritten.dir, `${name}.ipynb`), join(executedDir, `${name}.ipynb`));
    course = renderCourseSite({ runs: notebookRuns(shared.asWritten), outDir: courseDir, executedDir });
    fixtures = renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir: fixturesDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  const check = async (site: CourseSite) => {
    for (const file of [site.index, ...site.pages]) {
      const report = await inspect(browser!, file);
      const name = file.split("/").pop();
      expect(report.problems, `${name}: console errors and requests`).toEqual([]);
      expect(report.drawn, `${name}: charts drawn (svg.main-svg) of ${report.charts}`).toBe(report.charts);
      expect(report.text.match(RAW_MATH)?.[0], `${name}: TeX left unrendered`).toBeUndefined();
      expect(report.katexErrors, `${name}: KaTeX parse errors`).toBe(0);
      expect(brokenLinks(report.hrefs), `${name}: links to missing files`).toEqual([]);
    }
  };

  it("every chapter of the course renders cleanly from file://", async () => {
    expect(course.pages.length).toBeGreaterThan(0);
    await check(course);
  });

  it("the fixture course: charts drawn offline, outputs escaped and coloured", async () => {
    await check(fixtures);
    const page = await browser!.newPage();
    try {
      await page.goto(pathToFileURL(join(fixtures.index, "..", "01-charts.html")).href);
      await page.waitForFunction(() => Array.from(document.querySelectorAll(".chart")).filter((c) => c.querySelector("svg.main-svg")).length === 2, null, { timeout: 20_000 });
      expect(await page.locator(".chart .gtitle").first().textContent()).toBe("ReLU </script> & more");
      expect(await page.locator("body").innerText()).not.toContain("HTML-TWIN-MUST-BE-IGNORED");
      expect(await page.locator(".output.html b.fixture-html").count()).toBe(1);
      expect(await page.locator("pre.output.error span[style*='color']").count()).toBeGreaterThan(0);
      await page.goto(pathToFileURL(join(fixtures.index, "..", "00-intro.html")).href);
      expect(await page.locator("pre.output.stdout").first().innerText()).toBe("<script>alert('x')</script> & done\n");
      expect(await page.locator("pre.output.stderr span[style*='color']").innerText()).toBe("red warning");
      expect(await page.locator("details .katex").count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
