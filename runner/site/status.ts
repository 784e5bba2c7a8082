/** How a chapter's result reads on the pages: a status badge and a run time. */
import { escapeHtml } from "./escape.js";
import type { SiteChapter } from "./chapters.js";

/** `0.8 s`, `12.3 s`, `2 min 05 s`; "" when the chapter has no run time. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

/** The status badge: `<span class="status ok">✓ ran</span>`, with "earlier run" when it is not from this build. */
export function statusBadge(chapter: SiteChapter): string {
  const label = { ok: "✓ ok", failed: "✗ failed", "not run": "not run" }[chapter.status];
  const kind = chapter.status === "not run" ? "not-run" : chapter.status;
  const when = chapter.earlier && chapter.finishedAt ? ` title="earlier run, ${escapeHtml(chapter.finishedAt)}"` : "";
  const earlier = chapter.earlier ? ` <span class="earlier">(earlier run)</span>` : "";
  return `<span class="status ${kind}"${when}>${label}</span>${earlier}`;
}

/** One sentence about the run for the top of a chapter page. */
export function runSentence(chapter: SiteChapter): string {
  if (chapter.status === "not run") {
    const selector = escapeHtml(chapter.name.split("-")[0]);
    return `Not run in this build — outputs appear after <code>npm run course -- ${selector}</code>.`;
  }
  const cells = `${chapter.executed ?? 0} of ${chapter.codeCells} code cells ran`;
  const when = chapter.earlier && chapter.finishedAt ? `, in an earlier run (${escapeHtml(chapter.finishedAt.slice(0, 16).replace("T", " "))} UTC)` : "";
  if (chapter.failure?.cell === 0) {
    return `The chapter did not run: <code>${escapeHtml(`${chapter.failure.ename}: ${chapter.failure.evalue}`)}</code>.`;
  }
  const failure = chapter.failure
    ? ` — stopped at cell ${chapter.failure.cell}: <code>${escapeHtml(`${chapter.failure.ename}: ${chapter.failure.evalue}`)}</code>`
    : "";
  return `${cells} in ${formatSeconds(chapter.seconds)}${when}${failure}.`;
}
