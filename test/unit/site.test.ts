/**
 * The rendered course (runner/site), without a browser: math becomes KaTeX markup, code is
 * highlighted, ANSI becomes spans, plotly JSON becomes a chart container drawn with the local
 * plotly.js, outputs are escaped, and every page links its neighbours and the course map.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { IOutput } from "@jupyterlab/nbformat";
import { ansiToHtml } from "../../runner/site/ansi.js";
import { renderChart } from "../../runner/site/chart.js";
import { jsonForScript } from "../../runner/site/escape.js";
import { highlightCode } from "../../runner/site/highlight.js";
import { renderCourseSite } from "../../runner/site/index.js";
import { renderMarkdown, rewriteNotebookLink } from "../../runner/site/markdown.js";
import { renderOutput, type OutputContext } from "../../runner/site/outputs.js";
import { chapterSummary, chapterTitle } from "../../runner/site/summary.js";
import { readNotebook } from "../../runner/notebook.js";
import { fixtureRuns, siteFixtures } from "../fixtures/site/runs.js";

const context = (): OutputContext => {
  let n = 0;
  return { nextChartId: () => `chart-${++n}`, hasCharts: false };
};

describe("markdown", () => {
  it("renders inline and display math with KaTeX", () => {
    const html = renderMarkdown("For $n$ inputs:\n\n$$z = \\sum_{i=1}^{n} x_i w_i + b$$\n");
    expect(html).toMatch(/<span class="math inline"><span class="katex">/);
    expect(html).toMatch(/<div class="math display"><span class="katex-display">/);
    expect(html).toContain('<annotation encoding="application/x-tex">z = \\sum_{i=1}^{n} x_i w_i + b</annotation>');
    expect(html).not.toMatch(/\$/);
  });

  it("keeps formulas whose HTML contains $& or $' intact", () => {
    // KaTeX escapes ' as &#x27;, so its HTML holds "$&#x27;": a "$&" pattern for String.replace
    const html = renderMarkdown("$x_{\\text{\\$'}}$");
    expect(html).not.toContain("katex-error");
    expect(html).toContain('<annotation encoding="application/x-tex">x_{\\text{\\$&#x27;}}</annotation>');
  });

  it("renders markdown and highlighted code inside <details> solution blocks", () => {
    const html = renderMarkdown("<details><summary>Solution</summary>\n\nThe **answer**:\n\n```ts\nconst a = 1;\n```\n</details>\n");
    expect(html).toContain("<details><summary>Solution</summary>");
    expect(html).toContain("<strong>answer</strong>");
    expect(html).toContain('<pre class="code"><code class="hljs language-typescript"><span class="hljs-keyword">const</span>');
  });

  it("points links to other chapters' notebooks at their pages", () => {
    expect(rewriteNotebookLink("01-the-neuron.ipynb")).toBe("01-the-neuron.html");
    expect(rewriteNotebookLink("01-the-neuron.ipynb#exercises")).toBe("01-the-neuron.html#exercises");
    expect(rewriteNotebookLink("https://example.org/x.ipynb")).toBe("https://example.org/x.ipynb");
    expect(renderMarkdown("[next](01-the-neuron.ipynb)")).toContain('href="01-the-neuron.html"');
  });

  it("shows a link to a chapter that does not exist as plain text, with a warning", () => {
    const env = { chapters: new Set(["01-the-neuron"]), warnings: [] as string[] };
    const html = renderMarkdown("[one](01-the-neuron.ipynb) and [three](03-later.ipynb)", env);
    expect(html).toContain('<a href="01-the-neuron.html">one</a>');
    expect(html).toContain('<span class="dead-link" title="03-later.ipynb: not written yet">three</span>');
    expect(env.warnings).toEqual(["link to 03-later.ipynb: there is no such chapter (yet); shown as plain text"]);
  });

  it("reads a chapter's title and the first sentence of its Why paragraph", () => {
    const nb = readNotebook(join(siteFixtures, "00-intro.ipynb"));
    expect(chapterTitle(nb, "00-intro")).toBe("00 · Intro");
    expect(chapterSummary(nb)).toBe("A fixture for the rendered course: $a = b^2$ inline.");
  });
});

describe("code and outputs", () => {
  it("highlights TypeScript and escapes it", () => {
    const html = highlightCode("const s: string = a < b ? \"<b>\" : \"\";", "typescript");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain("&lt;");
    expect(html).not.toContain("<b>");
    expect(highlightCode("<x>", "no-such-language")).toBe("&lt;x&gt;");
  });

  it("turns ANSI colours into spans and escapes the text", () => {
    const html = ansiToHtml("\u001b[31mred\u001b[0m <b>&");
    expect(html).toMatch(/<span style="color:rgb\(\d+,\d+,\d+\)">red<\/span>/);
    expect(html).toContain("&lt;b&gt;&amp;");
    expect(html).not.toContain("\u001b");
  });

  it("escapes stream text and marks stderr", () => {
    const out = { output_type: "stream", name: "stdout", text: ["<script>alert(1)</script>\n", "a & b\n"] } as IOutput;
    expect(renderOutput(out, context())).toBe('<pre class="output stream stdout">&lt;script&gt;alert(1)&lt;/script&gt;\na &amp; b\n</pre>');
    const err = { output_type: "stream", name: "stderr", text: "\u001b[31mbad\u001b[0m\n" } as IOutput;
    expect(renderOutput(err, context())).toMatch(/^<pre class="output stream stderr"><span style="color:rgb/);
  });

  it("shows error tracebacks with their colours and execute results with Out[n]", () => {
    const error = { output_type: "error", ename: "RangeError", evalue: "boom", traceback: ["\u001b[0;31mRangeError\u001b[0m: boom"] } as IOutput;
    expect(renderOutput(error, context())).toMatch(/^<pre class="output error"><span style="color:rgb\(\d+,\d+,\d+\)">RangeError<\/span>: boom<\/pre>$/);
    const result = { output_type: "execute_result", execution_count: 3, data: { "text/plain": ["3"] }, metadata: {} } as IOutput;
    expect(renderOutput(result, context())).toContain('<div class="prompt out">Out[3]:</div><pre class="output text">3</pre>');
  });

  it("draws plotly JSON as a chart container plus a script using the local plotly.js, ignoring the HTML twin", () => {
    const ctx = context();
    const figure = { data: [{ x: [1, 2], y: [3, 4] }], layout: { title: { text: "</script><b>t</b>" } } };
    const out = { output_type: "display_data", data: { "application/vnd.plotly.v1+json": figure, "text/html": "<div>TWIN</div>", "text/plain": "[chart]" }, metadata: {} } as IOutput;
    const html = renderOutput(out, ctx);
    expect(ctx.hasCharts).toBe(true);
    expect(html).toContain('<div class="chart" id="chart-1"></div>');
    expect(html).toContain('<script>Plotly.newPlot("chart-1", {"data":[{"x":[1,2],"y":[3,4]}]');
    expect(html).not.toContain("TWIN");
    // nothing in the figure can close the script early
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(jsonForScript("</script>")).toBe('"\\u003c/script\\u003e"');
    expect(renderChart({ data: [] }, "c")).toContain('"config":{"responsive":true,"displaylogo":false}');
  });

  it("shows plain HTML outputs as HTML when there is no chart", () => {
    const out = { output_type: "display_data", data: { "text/html": ["<b>bold</b>"], "text/plain": "bold" }, metadata: {} } as IOutput;
    expect(renderOutput(out, context())).toBe('<div class="output html"><b>bold</b></div>');
  });
});

describe("renderCourseSite", () => {
  const outDir = mkdtempSync(join(tmpdir(), "nn-site-unit-"));
  const site = renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir, now: new Date("2026-01-02T03:04:05Z") });
  const page = (name: string) => readFileSync(join(outDir, `${name}.html`), "utf8");
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("reports links to chapters that do not exist", () => {
    expect(site.warnings).toEqual(["02-later: link to 03-missing.ipynb: there is no such chapter (yet); shown as plain text"]);
  });

  it("writes the index, one page per chapter, and the local assets", () => {
    expect(site.index).toBe(join(outDir, "index.html"));
    expect(site.pages.map((p) => p.split("/").pop())).toEqual(["00-intro.html", "01-charts.html", "02-later.html"]);
    for (const asset of ["plotly.min.js", "site.css", "highlight.css", "katex/katex.min.css", "katex/fonts/KaTeX_Main-Regular.woff2"]) {
      expect(existsSync(join(outDir, "assets", asset)), asset).toBe(true);
    }
  });

  it("lists every chapter in the index with its summary, status and time", () => {
    const index = readFileSync(site.index, "utf8");
    expect(index).toMatch(/<a href="00-intro.html">Intro<\/a><div class="summary">A fixture for the rendered course: <span class="math inline">/);
    expect(index).toMatch(/00-intro[\s\S]*status ok[\s\S]*1\.3 s[\s\S]*01-charts[\s\S]*status failed[\s\S]*2\.5 s[\s\S]*02-later[\s\S]*status not-run/);
  });

  it("links each page to its neighbours and the index", () => {
    const links = (html: string) => [...html.matchAll(/<a class="(prev|next|up)" [^>]*href="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(links(page("00-intro"))).toEqual(["up:index.html", "next:01-charts.html", "up:index.html", "next:01-charts.html"]);
    expect(links(page("01-charts"))).toEqual(["prev:00-intro.html", "up:index.html", "next:02-later.html", "prev:00-intro.html", "up:index.html", "next:02-later.html"]);
    expect(links(page("02-later"))).toEqual(["prev:01-charts.html", "up:index.html", "prev:01-charts.html", "up:index.html"]);
    for (const name of ["00-intro", "01-charts", "02-later"]) expect(page(name)).toContain('<a class="home" href="index.html">');
  });

  it("links the API reference from the top bar of every page, and writes a stand-in there until it is generated", () => {
    const topbar = (html: string) => /<header class="topbar">([\s\S]*?)<\/header>/.exec(html)?.[1] ?? "";
    for (const file of [site.index, ...site.pages, site.drawADigit]) {
      expect(topbar(readFileSync(file, "utf8")), file).toContain('<a class="api" href="api/index.html">API reference</a>');
    }
    expect(site.api).toBe(join(outDir, "api", "index.html"));
    const standIn = readFileSync(site.api, "utf8");
    expect(standIn).toContain("npm run docs");
    // its own links lead back up, out of api/
    expect([...standIn.matchAll(/(?:href)="([^"]+)"/g)].map((m) => m[1])).toEqual(["../assets/site.css", "../index.html"]);
    for (const href of ["../assets/site.css", "../index.html"]) expect(existsSync(join(outDir, "api", href)), href).toBe(true);
  });

  it("never replaces a generated API reference with the stand-in", () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-site-api-"));
    try {
      mkdirSync(join(dir, "api"));
      writeFileSync(join(dir, "api", "index.html"), "<p>the TypeDoc reference</p>");
      const again = renderCourseSite({ runs: fixtureRuns(), notebooksDir: siteFixtures, outDir: dir });
      expect(readFileSync(again.api, "utf8")).toBe("<p>the TypeDoc reference</p>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads plotly.js only on pages with charts, once", () => {
    expect(page("01-charts").match(/<script src="assets\/plotly.min.js"><\/script>/g)).toHaveLength(1);
    expect(page("01-charts").match(/<div class="chart" id="chart-\d"><\/div>/g)).toHaveLength(2);
    expect(page("00-intro")).not.toContain("plotly");
  });

  it("shows execution counts, a failed chapter's error and a not-run chapter", () => {
    expect(page("00-intro")).toContain('<div class="prompt in">In [1]:</div>');
    expect(page("01-charts")).toContain("stopped at cell 5: <code>RangeError: boom</code>");
    expect(page("02-later")).toContain('<div class="prompt in">In [ ]:</div>');
    expect(page("02-later")).toContain("Not run in this build");
  });

  it("keeps a chapter's last result when a later build does not run it", () => {
    // runCourse writes the executed copies; the manifest remembers the results
    mkdirSync(join(outDir, "notebooks"), { recursive: true });
    copyFileSync(join(siteFixtures, "00-intro.ipynb"), join(outDir, "notebooks", "00-intro.ipynb"));
    const again = renderCourseSite({ runs: [], notebooksDir: siteFixtures, outDir });
    const [intro, charts] = again.chapters;
    expect(intro).toMatchObject({ status: "ok", earlier: true, seconds: 1.25, finishedAt: "2026-01-02T03:04:05.000Z" });
    expect(charts).toMatchObject({ status: "not run" }); // no executed copy on disk
    expect(page("00-intro")).toContain("(earlier run)");
    expect(page("00-intro")).toContain('<a href="notebooks/00-intro.ipynb" download>executed notebook</a>');
  });
});
