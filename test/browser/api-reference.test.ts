/**
 * The API reference in a real browser (Debian's Chromium, headless): TypeDoc's pages, opened from
 * file:// inside a rendered course, request nothing but local files, log no error, draw their
 * navigation (built by TypeDoc's own script from a local file), and lead back to the course map.
 * Skipped with a reason without /usr/bin/chromium; a failure under CI=true.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiReference } from "../../runner/site/api-reference.js";
import { renderCourseSite } from "../../runner/site/index.js";
import { chromiumAvailable, launchChromium, watchPage } from "../fixtures/site/browser.js";
import { fixtureRuns, siteFixtures } from "../fixtures/site/runs.js";

const inCI = process.env.CI === "true";

describe.skipIf(!chromiumAvailable && !inCI)("the API reference in Chromium", () => {
  let browser: Browser | undefined;
  const site = mkdtempSync(join(tmpdir(), "nn-api-browser-"));

  beforeAll(async () => {
    expect(chromiumAvailable, "Debian's chromium must be installed at /usr/bin/chromium").toBe(true);
    renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir: site });
    const api = await generateApiReference({ outDir: join(site, "api") });
    expect(api.ok, api.warnings.join("\n")).toBe(true);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(site, { recursive: true, force: true });
  });

  it("goes from the course map to a class page and back, loading only local files", async () => {
    const page = await browser!.newPage();
    const problems = watchPage(page, (url) => url.startsWith("file://") || url.startsWith("data:"));
    try {
      await page.goto(pathToFileURL(join(site, "index.html")).href, { waitUntil: "load" });
      await page.click("header.topbar a.api");
      await page.waitForURL(/\/api\/index\.html$/);
      expect(await page.locator("h1").first().innerText()).toBe("nn-from-scratch");

      await page.goto(pathToFileURL(join(site, "api", "classes", "nn-from-scratch.Adam.html")).href, { waitUntil: "load" });
      expect(await page.locator("h1").first().innerText()).toBe("Class Adam");
      // The sidebar is filled by TypeDoc's main.js from assets/navigation.js: both local, both ran.
      await page.waitForFunction(() => document.querySelectorAll(".site-menu a[href*='nn-from-scratch.Model.html']").length > 0, null, { timeout: 20_000 });

      // Every icon is drawn from the sprite assets/icons.js put into the page.
      await page.waitForFunction(() => document.getElementById("icon-chevronDown") !== null, null, { timeout: 20_000 });
      const unresolved = await page.evaluate(() =>
        Array.from(document.querySelectorAll("use"))
          .map((u) => u.getAttribute("href") ?? "")
          .filter((href) => !href.startsWith("#") || document.getElementById(href.slice(1)) === null),
      );
      expect(unresolved).toEqual([]);

      await page.click("#tsd-toolbar-links a:text('Course map')");
      await page.waitForURL(pathToFileURL(join(site, "index.html")).href);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
