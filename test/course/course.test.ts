/**
 * Every chapter of the course, executed with the real tslab kernel exactly as `npm run course`
 * does: no error, every `check` passes, every exercise says "not solved yet" while it holds
 * TODO, and every exercise's reference solution is "correct".
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listChapters, runCourse, selectChapters, type CourseRun } from "../../runner/course.js";
import { readNotebook } from "../../runner/notebook.js";
import { solutionsOf, withSolutions } from "../../runner/solutions.js";
import { formatFailure } from "../../runner/failure.js";
import { PLOTLY_EMBED_MARKER } from "../../src/notebook/index.js";

// COURSE_CHAPTERS="02 03" limits the run to some chapters while writing them.
const only = (process.env.COURSE_CHAPTERS ?? "").split(/[\s,]+/).filter(Boolean);
const chapters = selectChapters(listChapters("notebooks"), only).map((file) => ({
  file,
  name: file.split("/").pop()!.replace(".ipynb", ""),
}));
const chapterNames = chapters.map((c) => `${c.name}.ipynb`);
const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t ?? ""));

function outputsOf(run: CourseRun, name: string) {
  const r = run.runs.find((x) => x.name === name)!;
  return r.notebook.cells.filter((c) => c.cell_type === "code").flatMap((c) => (c as any).outputs as any[]);
}
const stdoutOf = (run: CourseRun, name: string) =>
  outputsOf(run, name)
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => text(o.text))
    .join("");

let asWritten: CourseRun;
let solved: CourseRun;

beforeAll(async () => {
  asWritten = await runCourse({ outDir: mkdtempSync(join(tmpdir(), "nn-course-")), chapters: chapterNames });
  solved = await runCourse({
    outDir: mkdtempSync(join(tmpdir(), "nn-solved-")),
    chapters: chapterNames,
    transformSource: withSolutions,
  });
});

it.skipIf(only.length > 0)("has chapters", () => {
  expect(chapters.map((c) => c.name)).toContain("00-welcome");
  expect(chapters.map((c) => c.name)).toContain("01-the-neuron");
});

describe.each(chapters)("$name", ({ file, name }) => {
  it("draws every random number from a seeded generator; clock readings only in cells tagged timing", () => {
    const cells = readNotebook(file).cells.filter((c) => c.cell_type === "code");
    for (const cell of cells) {
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      expect(source, "use new Random(seed) instead of Math.random").not.toMatch(/Math\.random/);
      const tags = ((cell.metadata as { tags?: string[] }).tags ?? []);
      if (/performance\.now|Date\.now|new Date\(/.test(source)) expect(tags, source.slice(0, 80)).toContain("timing");
    }
  });

  it("is committed without outputs", () => {
    const cells = readNotebook(file).cells.filter((c) => c.cell_type === "code") as any[];
    expect(cells.filter((c) => c.outputs.length > 0 || c.execution_count !== null).length).toBe(0);
  });

  it("runs top to bottom with no error output and nothing on stderr", () => {
    const run = asWritten.runs.find((r) => r.name === name)!;
    expect(run.failure ? formatFailure(run.failure) : "").toBe("");
    expect(run.status).toBe("ok");
    expect(run.executed).toBe(run.codeCells);
    const outputs = outputsOf(asWritten, name);
    expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
    expect(outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => text(o.text))).toEqual([]);
  });

  it("prints every number its prose quotes (in backticks, 4 or more digits)", () => {
    const printed = outputsOf(asWritten, name)
      .map((o) => text(o.text) + text(o.data?.["text/plain"]))
      .join("\n");
    const prose = readNotebook(file)
      .cells.filter((c) => c.cell_type === "markdown")
      .map((c) => text(c.source).replace(/<details>[\s\S]*?<\/details>/g, "")) // solutions are code, not claims
      .join("\n");
    const quoted = [...prose.matchAll(/`(-?\d[\d.e+-]*)`/g)].map((m) => m[1]).filter((t) => t.replace(/\D/g, "").length >= 4);
    expect(quoted.filter((number) => !printed.includes(number))).toEqual([]);
  });

  it("embeds plotly.js once, in its first chart, and no chart repeats it", () => {
    const charts = outputsOf(asWritten, name).filter((o) => o.data?.["application/vnd.plotly.v1+json"]);
    const embedding = charts.filter((o) => text(o.data["text/html"]).includes(PLOTLY_EMBED_MARKER));
    expect(embedding.length).toBe(charts.length > 0 ? 1 : 0);
    if (charts.length > 0) expect(embedding[0]).toBe(charts[0]);
    for (const chart of charts) expect(Object.keys(chart.data).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  });

  it("passes every check, and every exercise waits for its TODO", () => {
    const out = stdoutOf(asWritten, name);
    expect(out).not.toMatch(/^✗/m);
    const exercises = [...out.matchAll(/^(?:○|✓|✗) (Exercise [\d.]+): (.*)$/gm)];
    for (const [, label, verdict] of exercises) expect(`${label}: ${verdict}`).toMatch(/not solved yet/);
    expect(exercises.length).toBe(solutionsOf(readNotebook(file)).size);
  });

  it("has a reference solution for every exercise, and each is correct", () => {
    const solutions = solutionsOf(readNotebook(file));
    const run = solved.runs.find((r) => r.name === name)!;
    expect(run.failure ? formatFailure(run.failure) : "").toBe("");
    const out = stdoutOf(solved, name);
    const verdicts = [...out.matchAll(/^(?:○|✓|✗) (Exercise [\d.]+): (.*)$/gm)].map((m) => `${m[1]}: ${m[2].split(" — ")[0]}`);
    expect(verdicts.length).toBe(solutions.size);
    for (const v of verdicts) expect(v).toMatch(/: correct$/);
  });
});
