/** The HTML document every page shares: head with local stylesheets, a top bar, a pager. */
import { escapeHtml } from "./escape.js";
import { PLOTLY_ASSET } from "./chart.js";
import { renderInlineMarkdown } from "./markdown.js";
import { API_INDEX } from "./api-placeholder.js";

/** The stylesheets every page links, relative to the site root. */
export const STYLESHEETS = ["assets/katex/katex.min.css", "assets/highlight.css", "assets/site.css"];

/** What {@link htmlDocument} puts together. */
export interface DocumentParts {
  /** The `<title>` text. */
  title: string;
  /** The site's name, shown in the top bar (links to index.html). */
  courseTitle: string;
  /** Load plotly.js (only pages that draw charts do). */
  plotly?: boolean;
  /** HTML of the top bar's right-hand side (e.g. the pager), before the API reference link. */
  nav?: string;
  /** HTML of the page's main content. */
  main: string;
  /** HTML after the main content (e.g. the pager again). */
  footer?: string;
}

/**
 * A complete page. Only relative links and classic scripts, so it works from file://. Its top bar
 * links the course map and the API reference (`api/index.html`, see ./api-reference.ts).
 */
export function htmlDocument(parts: DocumentParts): string {
  const links = STYLESHEETS.map((href) => `<link rel="stylesheet" href="${href}">`).join("\n");
  const plotly = parts.plotly ? `\n<script src="${PLOTLY_ASSET}"></script>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
${links}${plotly}
</head>
<body>
<header class="topbar"><a class="home" href="index.html">${escapeHtml(parts.courseTitle)}</a><div class="links">${parts.nav ?? ""}<a class="api" href="${API_INDEX}">API reference</a></div></header>
<main>
${parts.main}
</main>
${parts.footer ? `<footer>${parts.footer}</footer>\n` : ""}</body>
</html>
`;
}

/** A link to a neighbouring chapter, or null. */
export interface PageLink {
  href: string;
  title: string;
}

/** Previous / course map / next links (`nav.pager`); titles may hold inline markdown. */
export function pager(prev: PageLink | null, next: PageLink | null): string {
  const link = (l: PageLink | null, rel: "prev" | "next", arrow: string) =>
    l
      ? `<a class="${rel}" rel="${rel}" href="${escapeHtml(l.href)}">${rel === "prev" ? `${arrow} ` : ""}${renderInlineMarkdown(l.title)}${rel === "next" ? ` ${arrow}` : ""}</a>`
      : `<span class="${rel} none"></span>`;
  return `<nav class="pager">${link(prev, "prev", "←")}<a class="up" href="index.html">Course map</a>${link(next, "next", "→")}</nav>`;
}
