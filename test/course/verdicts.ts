/**
 * A gradient check's verdict and the prose about it must agree. A printed gradient-check report
 * is a line `<name>: worst relative error <e> at [i, j] ✓` (or `✗ (analytic …)`), see
 * src/gradients.ts. The prose about a cell's reports is the first paragraph of the next markdown
 * cell. The rule, kept simple:
 *
 * - it says the check **fails** when it says "fail(s/ed)", "does not pass", "catches"/"caught",
 *   "disagree(s)" — or "passes"/"agrees" negated by "not", "n't", "never" or "no" just before;
 * - it says the check **passes** when it says "pass(es/ed)" or "agree(s)" (not negated, and not
 *   "forward/backward pass", a noun);
 * - saying it fails needs a ✗ among the cell's reports; saying it passes needs a ✓;
 * - about a mixed result (one report ✓, another ✗) the prose must say both, which is which.
 */
import type { INotebookContent } from "@jupyterlab/nbformat";

/** A cell's gradient-check reports and the prose right after them that contradicts one. */
export interface VerdictProblem {
  /** 0-based index of the code cell that printed the reports. */
  cell: number;
  reports: string[];
  prose: string;
  reason: string;
}

const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t ?? ""));
const REPORT = /^.+: worst relative error \S+ at \[\d+, \d+\] (✓|✗)/;
const NEGATION = String.raw`(?:\bnot|n't|\bnever|\bno)\b(?:\s+\S+){0,2}\s+`;

/** The claims one paragraph makes about a check: does it say it passes, or fails? */
export function verdictClaims(paragraph: string): { passes: boolean; fails: boolean } {
  const prose = paragraph.replace(/\b(?:forward|backward)\s+pass(?:es)?\b/gi, "");
  const negatedPass = new RegExp(`${NEGATION}(?:pass|agree)`, "i").test(prose);
  const negatedFail = new RegExp(`${NEGATION}(?:fail|catch|disagree)`, "i").test(prose);
  const fails = /\b(?:fail(?:s|ed)?|catch(?:es)?|caught|disagrees?)\b/i.test(prose.replace(new RegExp(`${NEGATION}(?:fail|catch|disagree)\\w*`, "gi"), "")) || negatedPass;
  const passes = /\b(?:pass(?:es|ed)?|agrees?)\b/i.test(prose.replace(new RegExp(`${NEGATION}(?:pass|agree)\\w*`, "gi"), "")) || negatedFail;
  return { passes, fails };
}

/** Every printed gradient-check report whose verdict the prose after it contradicts. */
export function verdictProblems(notebook: INotebookContent): VerdictProblem[] {
  const problems: VerdictProblem[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const lines = (((cell as { outputs?: any[] }).outputs ?? []) as any[])
      .filter((o) => o.output_type === "stream")
      .flatMap((o) => text(o.text).split("\n"));
    const reports = lines.filter((l) => REPORT.test(l));
    if (reports.length === 0) return;
    const next = notebook.cells.slice(index + 1).find((c) => c.cell_type === "markdown" || c.cell_type === "code");
    if (next?.cell_type !== "markdown") return;
    const prose = text(next.source).trim().split(/\n\s*\n/)[0];
    const verdicts = new Set(reports.map((l) => REPORT.exec(l)![1]));
    const { passes, fails } = verdictClaims(prose);
    const reason =
      fails && !verdicts.has("✗") ? "the prose says the check fails, but every report shows ✓"
      : passes && !verdicts.has("✓") ? "the prose says the check passes, but every report shows ✗"
      : verdicts.size === 2 && !(passes && fails) ? "some reports show ✓ and some ✗, but the prose does not say which passes and which fails"
      : undefined;
    if (reason) problems.push({ cell: index, reports, prose, reason });
  });
  return problems;
}

/** The problem as a paragraph: the reports, the prose and why they disagree. */
export const formatVerdictProblem = (p: VerdictProblem) =>
  `cell ${p.cell + 1}: ${p.reason}\n  printed: ${p.reports.join("\n           ")}\n  prose:   ${p.prose.replace(/\n/g, " ")}`;
