/**
 * Every chapter of the course, executed with the real tslab kernel exactly as `npm run course`
 * does: no error, every `check` passes, every exercise says "not solved yet" while it holds
 * TODO, every exercise's reference solution is "correct", the prose quotes only numbers its
 * cells print (test/course/prose.ts) and says of each gradient check what its report shows
 * (test/course/verdicts.ts). The runs are the shared ones of test/setup/course-run.ts;
 * COURSE_CHAPTERS="02 03" limits them to some chapters while writing.
 */
import { describe, expect, it } from "vitest";
import { readNotebook, type INotebookContent } from "../../runner/notebook.js";
import { solutionsOf } from "../../runner/solutions.js";
import { formatFailure } from "../../runner/failure.js";
import type { NotebookRun } from "../../runner/execute.js";
import { PLOTLY_EMBED_MARKER } from "../../src/notebook/index.js";
import { notebookRuns, sharedCourse } from "../setup/shared-course.js";
import { formatProseProblem, proseProblems, PROSE_INPUTS } from "./prose.js";
import { formatVerdictProblem, verdictProblems } from "./verdicts.js";

const course = sharedCourse();
const only = course.only;
const chapters = course.chapters.map((name) => ({ name, file: `notebooks/${name}.ipynb` }));
const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t ?? ""));

interface Runs {
  runs: NotebookRun[];
}
const asWritten: Runs = { runs: notebookRuns(course.asWritten) };
const solved: Runs = { runs: notebookRuns(course.solved) };

function outputsOf(run: Runs, name: string) {
  const r = run.runs.find((x) => x.name === name)!;
  return r.notebook.cells.filter((c) => c.cell_type === "code").flatMap((c) => (c as any).outputs as any[]);
}
const stdoutOf = (run: Runs, name: string) =>
  outputsOf(run, name)
    .filter((o) => o.output_type === "stream" && o.name === "stdout")
    .map((o) => text(o.text))
    .join("");
const executed = (name: string) => asWritten.runs.find((r) => r.name === name)!.notebook;
const chapterNumber = (name: string) => name.slice(0, 2);

/** A copy of `notebook` whose markdown has every `` `from` `` replaced by `` `to` ``. */
function withProse(notebook: INotebookContent, from: string, to: string): INotebookContent {
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) if (cell.cell_type === "markdown") cell.source = text(cell.source).split(`\`${from}\``).join(`\`${to}\``);
  return copy;
}

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

  it("prints every number its prose quotes, next to the prose that quotes it (rules: test/course/prose.ts)", () => {
    const problems = proseProblems(executed(name), PROSE_INPUTS[chapterNumber(name)]);
    expect(problems.map(formatProseProblem).join("\n")).toBe("");
  });

  it("says of each gradient check what its report shows (rules: test/course/verdicts.ts)", () => {
    expect(verdictProblems(executed(name)).map(formatVerdictProblem).join("\n")).toBe("");
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

// The checks above catch what they claim: the same chapters with a wrong number in the prose, or a
// report whose verdict was flipped, fail them.
describe("the prose and verdict checks catch wrong prose", () => {
  const has = (prefix: string) => course.chapters.some((c) => c.startsWith(prefix));

  it.runIf(has("07-"))("chapter 07 with a number from the wrong line of the right cell", () => {
    const notebook = executed(course.chapters.find((c) => c.startsWith("07-"))!);
    expect(proseProblems(notebook)).toEqual([]);
    // "at the end it is `0.1612`" → the loss after 500 tries, printed one line above
    const early = proseProblems(withProse(notebook, "0.1612", "0.2568"));
    expect(early.map((p) => p.quote)).toContain("0.2568");
    // "the accuracy `0.410`" (after 2000 tries) → the accuracy before the first try
    const first = proseProblems(withProse(notebook, "0.410", "0.333"));
    expect(first.map((p) => p.quote)).toContain("0.333");
    // a number printed nowhere near
    expect(proseProblems(withProse(notebook, "6.6e-9", "6.7e-9")).map((p) => p.quote)).toEqual(["6.7e-9"]);
  });

  it.runIf(has("09-"))("chapter 09 with a gradient check that passes under prose saying it fails", () => {
    const notebook = structuredClone(executed(course.chapters.find((c) => c.startsWith("09-"))!));
    let flipped = 0;
    for (const cell of notebook.cells as any[]) {
      for (const o of cell.outputs ?? []) {
        if (o.output_type !== "stream") continue;
        const before = text(o.text);
        o.text = before.replace(/^(.*worst relative error \S+ at \[\d+, \d+\]) ✗.*$/gm, "$1 ✓");
        if (o.text !== before) flipped++;
      }
    }
    expect(flipped).toBeGreaterThan(0);
    expect(verdictProblems(notebook).map((p) => p.reason)).toContain("the prose says the check fails, but every report shows ✓");
  });
});
