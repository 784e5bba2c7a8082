/**
 * The API reference (runner/site/api-reference.ts): TypeDoc run on the library's two entry points
 * into a temporary site's `api/` folder, as `npm run course` and `npm run docs` do.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiReference, type ApiReference } from "../../runner/site/api-reference.js";

describe("generateApiReference", () => {
  const site = mkdtempSync(join(tmpdir(), "nn-api-unit-"));
  const outDir = join(site, "api");
  let api: ApiReference;
  const html = () => readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
  const read = (file: string) => readFileSync(join(outDir, file), "utf8");

  beforeAll(async () => {
    api = await generateApiReference({ outDir });
  }, 120_000);
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it("writes index.html, naming the two entry points as they are imported", () => {
    expect(api.ok, api.warnings.join("\n")).toBe(true);
    expect(api.index).toBe(join(outDir, "index.html"));
    const index = read("index.html");
    expect(index).toContain(">nn-from-scratch</a>");
    expect(index).toContain(">nn-from-scratch/notebook</a>");
    expect(existsSync(join(site, `api.typedoc-${process.pid}`)), "the staging folder is gone").toBe(false);
  });

  it("has a page for Model, Dense and Adam, and for the notebook helper check, with their TSDoc", () => {
    const pages = [
      ["classes/nn-from-scratch.Model.html", "Class Model"],
      ["classes/nn-from-scratch.Dense.html", "Class Dense"],
      ["classes/nn-from-scratch.Adam.html", "Class Adam"],
      ["functions/nn-from-scratch_notebook.check.html", "Function check"],
    ];
    for (const [file, heading] of pages) {
      expect(html(), file).toContain(file);
      expect(read(file), file).toMatch(new RegExp(`<h1>${heading}`));
    }
    // Members and their comments are there, not only the names.
    const adam = read("classes/nn-from-scratch.Adam.html");
    for (const member of ["learningrate", "epsilon", "step"]) expect(adam).toContain(`id="${member}"`);
    for (const member of ["fit", "evaluate", "predict"]) expect(read("classes/nn-from-scratch.Model.html")).toContain(`id="${member}"`);
  });

  it("loads nothing from the network: every script, stylesheet and image is a local file", () => {
    const pages = html();
    expect(pages.length).toBeGreaterThan(50);
    for (const file of pages) {
      const page = read(file);
      const loads = [...page.matchAll(/<(?:script|img|link|iframe)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(loads.filter((url) => /^(?:[a-z]+:)?\/\//i.test(url)), `${file}: remote loads`).toEqual([]);
      for (const url of loads) expect(existsSync(resolve(dirname(join(outDir, file)), url.replace(/[?#].*$/, ""))), `${file}: ${url}`).toBe(true);
      expect(page, `${file}: @import or url() of a remote file`).not.toMatch(/url\(\s*["']?https?:/);
    }
    for (const asset of readdirSync(join(outDir, "assets")).filter((f) => /\.(css|js)$/.test(f))) {
      const text = readFileSync(join(outDir, "assets", asset), "utf8");
      expect(text, asset).not.toMatch(/@import\s+(?:url\()?["']?https?:|url\(\s*["']?https?:|fetch\(\s*["']https?:/);
    }
  });

  it("links the course map from every page, at the right depth", () => {
    for (const file of html()) {
      const hrefs = [...read(file).matchAll(/<a href="([^"]+)"[^>]*>Course map</g)].map((m) => m[1]);
      expect(hrefs.length, file).toBeGreaterThan(0);
      for (const href of hrefs) expect(resolve(dirname(join(outDir, file)), href), `${file}: ${href}`).toBe(join(site, "index.html"));
    }
  });

  it("replaces an earlier reference whole: a page of a name no longer exported does not linger", async () => {
    writeFileSync(join(outDir, "classes", "nn-from-scratch.Removed.html"), "stale");
    const again = await generateApiReference({ outDir });
    expect(again.ok, again.warnings.join("\n")).toBe(true);
    expect(existsSync(join(outDir, "classes", "nn-from-scratch.Removed.html"))).toBe(false);
    expect(existsSync(join(outDir, "classes", "nn-from-scratch.Model.html"))).toBe(true);
    expect(readdirSync(site)).toEqual(["api"]); // no staging folder left beside it
  }, 120_000);

  it("reports a failure instead of throwing it (the course run only warns)", async () => {
    const file = join(site, "not-a-folder");
    writeFileSync(file, "");
    try {
      const failed = await generateApiReference({ outDir: join(file, "api") });
      expect(failed.ok).toBe(false);
      expect(failed.warnings.at(-1)).toMatch(/^error: TypeDoc failed: .*not-a-folder/);
    } finally {
      rmSync(file);
    }
  }, 120_000);
});
