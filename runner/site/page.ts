/** One chapter's page: its cells (markdown, highlighted code with execution counts, outputs). */
import type { ICell, ICodeCell } from "@jupyterlab/nbformat";
import type { SiteChapter } from "./chapters.js";
import { escapeHtml } from "./escape.js";
import { codeBlock } from "./highlight.js";
import { htmlDocument, pager, type PageLink } from "./layout.js";
import { renderMarkdown, type MarkdownEnv } from "./markdown.js";
import { renderOutputs, type OutputContext } from "./outputs.js";
import { runSentence, statusBadge } from "./status.js";

/** Everything a chapter page needs besides the chapter itself. */
export interface ChapterPageOptions {
  courseTitle: string;
  prev: PageLink | null;
  next: PageLink | null;
  /** Relative link to the executed `.ipynb`, if it is part of the site. */
  notebookHref?: string;
  /** The chapters that have pages: links to other notebooks are kept only if they are among them. */
  chapters?: ReadonlySet<string>;
  /** Receives a line for every link to a chapter that does not exist. */
  warnings?: string[];
}

const source = (cell: ICell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

/** A code cell: `In [n]:` prompt, highlighted source, then its outputs. */
export function renderCodeCell(cell: ICodeCell, language: string, ctx: OutputContext): string {
  const count = typeof cell.execution_count === "number" ? cell.execution_count : " ";
  return `<div class="cell code">
<div class="input"><div class="prompt in">In [${count}]:</div>${codeBlock(source(cell), language)}</div>
${renderOutputs(cell.outputs ?? [], ctx)}
</div>`;
}

/** The HTML of every cell; empty code cells and raw cells are left out. */
export function renderCells(cells: readonly ICell[], language: string, ctx: OutputContext, env: MarkdownEnv = {}): string {
  return cells
    .map((cell) => {
      if (cell.cell_type === "markdown") return `<div class="cell markdown">\n${renderMarkdown(source(cell), env)}</div>`;
      if (cell.cell_type === "code" && source(cell).trim() !== "") return renderCodeCell(cell as ICodeCell, language, ctx);
      return "";
    })
    .filter((html) => html !== "")
    .join("\n");
}

/** The complete chapter page. Chart ids are `chart-1`, `chart-2`, … in page order. */
export function renderChapterPage(chapter: SiteChapter, options: ChapterPageOptions): string {
  let charts = 0;
  const ctx: OutputContext = { nextChartId: () => `chart-${++charts}`, hasCharts: false };
  const language = String(chapter.notebook.metadata?.language_info?.name ?? "typescript");
  const warnings: string[] = [];
  const cells = renderCells(chapter.notebook.cells, language, ctx, { chapters: options.chapters, warnings });
  options.warnings?.push(...warnings.map((w) => `${chapter.name}: ${w}`));
  const download = options.notebookHref ? ` · <a href="${escapeHtml(options.notebookHref)}" download>executed notebook</a>` : "";
  const nav = pager(options.prev, options.next);
  return htmlDocument({
    title: `${chapter.title} — ${options.courseTitle}`,
    courseTitle: options.courseTitle,
    plotly: ctx.hasCharts,
    nav,
    main: `<p class="run ${chapter.status.replace(" ", "-")}">${statusBadge(chapter)} ${runSentence(chapter)}${download}</p>\n${cells}`,
    footer: nav,
  });
}
