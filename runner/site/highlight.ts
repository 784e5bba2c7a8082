/** Syntax highlighting for code cells and fenced code in markdown, done once at build time. */
import hljs from "highlight.js";
import { escapeHtml } from "./escape.js";

/** Short names the chapters use for fenced code, mapped to highlight.js languages. */
const ALIASES: Record<string, string> = { ts: "typescript", js: "javascript", sh: "bash", shell: "bash" };

/**
 * Highlights `code` as `language` (e.g. `typescript`, `ts`, `json`) and returns the inner HTML of
 * a `<code>` element: highlight.js spans (`hljs-keyword`, …), all text escaped. An unknown or
 * empty language gives the escaped code unchanged.
 */
export function highlightCode(code: string, language: string | undefined): string {
  const name = ALIASES[language?.toLowerCase() ?? ""] ?? language?.toLowerCase() ?? "";
  if (!name || !hljs.getLanguage(name)) return escapeHtml(code);
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}

/** A complete highlighted block: `<pre class="code"><code class="hljs language-…">…</code></pre>`. */
export function codeBlock(code: string, language: string | undefined): string {
  const lang = language ? ` language-${escapeHtml(ALIASES[language] ?? language)}` : "";
  return `<pre class="code"><code class="hljs${lang}">${highlightCode(code, language)}</code></pre>`;
}
