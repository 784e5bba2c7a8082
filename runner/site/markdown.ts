/**
 * Markdown cells to HTML: markdown-it with raw HTML allowed (for `<details>` solution blocks),
 * TeX math rendered offline by KaTeX (`$…$` inline, `$$…$$` display), fenced code highlighted,
 * and links to other chapters' `.ipynb` files pointed at their rendered `.html` pages.
 */
import katex from "katex";
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from "markdown-it";
import texmath from "markdown-it-texmath";
import { escapeHtml } from "./escape.js";
import { codeBlock } from "./highlight.js";

/** KaTeX settings: a formula it cannot parse is shown in red in place, never an exception. */
const KATEX_OPTIONS = { throwOnError: false, strict: "ignore", output: "htmlAndMathml" } as const;

/** Renders one formula; `display` formulas get their own centred block. */
export function renderMath(tex: string, display: boolean): string {
  const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
  return display ? `<div class="math display">${html}</div>` : `<span class="math inline">${html}</span>`;
}

/** A relative link to a notebook (`01-the-neuron.ipynb#x`) pointed at its page (`01-the-neuron.html#x`). */
export function rewriteNotebookLink(href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/") || href.startsWith("#")) return href;
  return href.replace(/\.ipynb(?=$|[#?])/, ".html");
}

function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, highlight: (code, lang) => codeBlock(code, lang || undefined) });
  md.use(texmath, { engine: katex, delimiters: "dollars", katexOptions: { ...KATEX_OPTIONS } });
  // texmath parses the delimiters; the HTML is ours (its templates use String.replace, which
  // mangles formulas containing "$&" or "$'", and custom <eq>/<eqn> tags).
  for (const rule of Object.keys(md.renderer.rules).filter((name) => name.startsWith("math_"))) {
    md.renderer.rules[rule] = (tokens, idx) => {
      const token = tokens[idx];
      const html = renderMath(token.content, rule !== "math_inline");
      return rule.endsWith("_eqno") ? html.replace(/<\/div>$/, `<span class="eqno">(${escapeHtml(token.info)})</span></div>`) : html;
    };
  }
  const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
  const linkOpen = md.renderer.rules.link_open ?? renderToken;
  const linkClose = md.renderer.rules.link_close ?? renderToken;
  md.renderer.rules.link_open = (tokens, idx, options, env: MarkdownEnv | undefined, self) => {
    const href = String(tokens[idx].attrGet("href") ?? "");
    const rewritten = rewriteNotebookLink(href);
    const target = /^([^/#?]+)\.html(?:$|[#?])/.exec(rewritten)?.[1];
    if (rewritten !== href && target && env?.chapters && !env.chapters.has(target)) {
      env.warnings?.push(`link to ${href}: there is no such chapter (yet); shown as plain text`);
      env.openDeadLink = true;
      return `<span class="dead-link" title="${escapeHtml(href)}: not written yet">`;
    }
    tokens[idx].attrSet("href", rewritten);
    return linkOpen(tokens, idx, options, env, self);
  };
  md.renderer.rules.link_close = (tokens, idx, options, env: MarkdownEnv | undefined, self) => {
    if (env?.openDeadLink) {
      env.openDeadLink = false;
      return "</span>";
    }
    return linkClose(tokens, idx, options, env, self);
  };
  return md;
}

const md = createMarkdown();

/** What links may point to: with `chapters` given, a link to another chapter's notebook that
 * is not among them is shown as plain text (a dead link helps no reader) and noted in `warnings`. */
export interface MarkdownEnv {
  /** The chapters that have pages (file names without `.ipynb`). */
  chapters?: ReadonlySet<string>;
  /** Receives one line per link dropped. */
  warnings?: string[];
  /** Internal: a dropped link is open. */
  openDeadLink?: boolean;
  /** markdown-it keeps its own entries (e.g. references) here too. */
  [key: string | symbol]: unknown;
}

/** Renders a markdown cell's text (block level: paragraphs, lists, display math, …). */
export function renderMarkdown(text: string, env: MarkdownEnv = {}): string {
  return md.render(text, env);
}

/** Renders one line of markdown without a surrounding paragraph (for summaries and titles). */
export function renderInlineMarkdown(text: string): string {
  return md.renderInline(text);
}
