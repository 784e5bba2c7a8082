/**
 * The rendered course: `index.html` (the course map) and one page per chapter, written next to
 * the executed notebooks. Static HTML with local assets, readable straight from disk (file://).
 *
 * ```ts
 * const { runs } = await runCourse();
 * const site = renderCourseSite({ runs });   // build/course/index.html, build/course/NN-title.html
 * ```
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { NotebookRun } from "../execute.js";
import { ensureApiPlaceholder } from "./api-placeholder.js";
import { writeAssets } from "./assets.js";
import { collectChapters, type SiteChapter } from "./chapters.js";
import { renderIndexPage } from "./course-index.js";
import { writeDrawADigit } from "./draw-a-digit.js";
import { manifestEntry, readManifest, writeManifest } from "./manifest.js";
import { renderChapterPage } from "./page.js";

export type { SiteChapter } from "./chapters.js";
export { renderChapterPage } from "./page.js";
export { renderIndexPage } from "./course-index.js";
export { renderDrawADigitPage, DRAW_A_DIGIT_PAGE } from "./draw-a-digit.js";

/** The default course title. */
export const COURSE_TITLE = "Neural Networks from Scratch in TypeScript";

/** Options of {@link renderCourseSite}. */
export interface CourseSiteOptions {
  /** This invocation's runs (`runCourse(...).runs`); chapters not among them keep their last result. */
  runs: readonly NotebookRun[];
  /** The source notebooks (default `notebooks`): every chapter there gets a page. */
  notebooksDir?: string;
  /** Where the site goes (default `build/course`). */
  outDir?: string;
  /** Where `runCourse` wrote the executed notebooks (default `<outDir>/notebooks`). */
  executedDir?: string;
  /** Shown in the top bar and the index (default {@link COURSE_TITLE}). */
  title?: string;
  /** The build time (default: now). */
  now?: Date;
}

/** What {@link renderCourseSite} wrote. */
export interface CourseSite {
  /** Path of `index.html`. */
  index: string;
  /** Path of each chapter page, in course order. */
  pages: string[];
  chapters: SiteChapter[];
  /** Path of `draw-a-digit.html` (classifies the reader's drawings with chapter 16's saved model). */
  drawADigit: string;
  /** Path of `api/index.html`, which every page links: the TypeDoc reference, or a page saying how to generate it. */
  api: string;
  /** Problems worth telling the author, e.g. `02-x: link to 03-y.ipynb: there is no such chapter (yet)…`. */
  warnings: string[];
}

/**
 * Writes the whole site: assets, one page per chapter, the index, the draw-a-digit page, and the
 * manifest of results; and `api/index.html`, a stand-in page, unless the API reference is there.
 */
export function renderCourseSite(options: CourseSiteOptions): CourseSite {
  const outDir = options.outDir ?? join("build", "course");
  const executedDir = options.executedDir ?? join(outDir, "notebooks");
  const now = options.now ?? new Date();
  const title = options.title ?? COURSE_TITLE;
  const manifestFile = join(outDir, "manifest.json");
  const manifest = readManifest(manifestFile);
  const chapters = collectChapters({ runs: options.runs, notebooksDir: options.notebooksDir ?? "notebooks", executedDir, manifest, now });

  mkdirSync(outDir, { recursive: true });
  writeAssets(outDir);
  const names = new Set(chapters.map((c) => c.name));
  const warnings: string[] = [];
  const link = (c: SiteChapter | undefined) => (c ? { href: `${c.name}.html`, title: c.title } : null);
  const pages = chapters.map((chapter, i) => {
    const rel = chapter.executedFile ? relative(outDir, chapter.executedFile) : undefined;
    const notebookHref = rel && !rel.startsWith("..") ? rel.split(sep).join("/") : undefined;
    const html = renderChapterPage(chapter, { courseTitle: title, prev: link(chapters[i - 1]), next: link(chapters[i + 1]), notebookHref, chapters: names, warnings });
    const file = join(outDir, `${chapter.name}.html`);
    writeFileSync(file, html);
    return file;
  });
  const index = join(outDir, "index.html");
  writeFileSync(index, renderIndexPage(chapters, title, now));
  const drawADigit = writeDrawADigit(outDir, title);
  warnings.push(...drawADigit.warnings);
  const api = ensureApiPlaceholder(outDir, title); // the reference itself: generateApiReference (./api-reference.ts)

  for (const run of options.runs) manifest.chapters[run.name] = manifestEntry(run, now);
  writeManifest(manifestFile, manifest);
  return { index, pages, chapters, drawADigit: drawADigit.file, api, warnings };
}
