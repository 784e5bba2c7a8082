/** A chapter's title and one-line summary, read from its notebook's markdown. */
import type { INotebookContent } from "@jupyterlab/nbformat";

const markdownTexts = (nb: INotebookContent): string[] =>
  nb.cells.filter((c) => c.cell_type === "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));

/** The first `# ` heading of the notebook (e.g. `01 · The neuron`), else a title made from `name`. */
export function chapterTitle(nb: INotebookContent, name: string): string {
  for (const md of markdownTexts(nb)) {
    const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(md);
    if (heading) return heading[1];
  }
  return name.replace(/^(\d+)-/, "$1 · ").replace(/-/g, " ");
}

/** The first sentence of a paragraph, on one line. */
export function firstSentence(paragraph: string): string {
  const flat = paragraph.replace(/\s+/g, " ").trim();
  const end = /[.!?](?=\s|$)/.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat;
}

/**
 * The chapter's one-line summary, as markdown: the first sentence of its **Why.** paragraph
 * (the anatomy every chapter follows), else of its first paragraph of prose, else "".
 */
export function chapterSummary(nb: INotebookContent): string {
  const paragraphs = markdownTexts(nb).flatMap((md) => md.split(/\n\s*\n/)).map((p) => p.trim());
  const why = paragraphs.find((p) => /^\*\*Why\.?\*\*\.?/.test(p));
  if (why) return firstSentence(why.replace(/^\*\*Why\.?\*\*\.?\s*/, ""));
  const prose = paragraphs.find((p) => p !== "" && !/^(#|<|```|\$\$|[-*] |\d+\. |\|)/.test(p));
  return prose ? firstSentence(prose) : "";
}
