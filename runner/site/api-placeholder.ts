/**
 * Where the API reference sits in the rendered course, and the page that stands in for it until
 * TypeDoc has written it (./api-reference.ts): every course page links `api/index.html`, and the
 * link must resolve whether or not the reference was generated. No TypeDoc here: the site's
 * pages need only these, and TypeDoc takes a while to load.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { escapeHtml } from "./escape.js";

/** The reference's folder inside the site. */
export const API_DIR = "api";
/** The page every course page links, relative to the site root. */
export const API_INDEX = `${API_DIR}/index.html`;

/**
 * Writes `<siteDir>/api/index.html` saying how to generate the reference, unless the reference is
 * there already: the link every course page has to it always resolves, generated or not.
 */
export function ensureApiPlaceholder(siteDir: string, courseTitle: string): string {
  const file = join(siteDir, API_INDEX);
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · ${escapeHtml(courseTitle)}</title>
<link rel="stylesheet" href="../assets/site.css">
</head>
<body>
<header class="topbar"><a class="home" href="../index.html">${escapeHtml(courseTitle)}</a></header>
<main>
<h1>API reference</h1>
<p class="notice">The API reference of <code>nn-from-scratch</code> has not been generated here: run <code>npm run docs</code> (or <code>npm run course</code>, which generates it too), then reload this page.</p>
</main>
</body>
</html>
`,
  );
  return file;
}
