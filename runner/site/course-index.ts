/** The course map, `index.html`: every chapter with its summary, status and run time. */
import type { SiteChapter } from "./chapters.js";
import { escapeHtml } from "./escape.js";
import { htmlDocument } from "./layout.js";
import { renderInlineMarkdown } from "./markdown.js";
import { formatSeconds, statusBadge } from "./status.js";

/** Splits `01 · The neuron` into its number and its name (a title without a number keeps it whole). */
export function splitTitle(chapter: SiteChapter): { number: string; name: string } {
  const match = /^(\d+)\s*[·.:-]\s*(.+)$/.exec(chapter.title);
  return match ? { number: match[1], name: match[2] } : { number: chapter.name.match(/^\d+/)?.[0] ?? "", name: chapter.title };
}

/** One table row of the course map. */
export function indexRow(chapter: SiteChapter): string {
  const { number, name } = splitTitle(chapter);
  const summary = chapter.summary ? `<div class="summary">${renderInlineMarkdown(chapter.summary)}</div>` : "";
  return `<tr class="${chapter.status.replace(" ", "-")}">
<td class="num">${escapeHtml(number)}</td>
<td class="chapter"><a href="${escapeHtml(chapter.name)}.html">${renderInlineMarkdown(name)}</a>${summary}</td>
<td class="state">${statusBadge(chapter)}</td>
<td class="time">${formatSeconds(chapter.seconds)}</td>
</tr>`;
}

/** The whole index page. `builtAt` is shown as the build time. */
export function renderIndexPage(chapters: readonly SiteChapter[], courseTitle: string, builtAt: Date): string {
  const ran = chapters.filter((c) => c.status !== "not run");
  const failed = chapters.filter((c) => c.status === "failed").length;
  const total = formatSeconds(ran.reduce((sum, c) => sum + (c.seconds ?? 0), 0));
  const counts = `${chapters.length} chapters · ${ran.length - failed} ok · ${failed} failed · ${chapters.length - ran.length} not run · ${total} in all`;
  const main = `<h1>${escapeHtml(courseTitle)}</h1>
<p class="lead">Each chapter is a notebook run top to bottom with the tslab kernel; every number on these pages is one that its cells printed.</p>
<p class="counts">${counts} · built ${escapeHtml(builtAt.toISOString().slice(0, 16).replace("T", " "))} UTC</p>
<table class="chapters">
<thead><tr><th>#</th><th>Chapter</th><th>Status</th><th>Time</th></tr></thead>
<tbody>
${chapters.map(indexRow).join("\n")}
</tbody>
</table>
<p class="try">Try the trained network yourself: <a href="draw-a-digit.html">draw a digit</a> and watch it guess, live.</p>`;
  return htmlDocument({ title: courseTitle, courseTitle, main });
}
