/**
 * The prose check: every number a chapter's text quotes as a result is one its cells print,
 * tied to the output it describes. The rules (and why):
 *
 * - **What is a claim.** A backticked number (`0.1612`, `6.6e-9`, `-0`, `3`, `5.856…`) or a
 *   backticked list of numbers (`[4.8, 1.21, 2.385]`: each element); in math (`$…$`, `$$…$$`),
 *   the number after the last `=` or `≈`/`\approx` when it stands alone (`$\sigma(0) = 0.5$`),
 *   unless the left side is a lone variable (`$x = 1$`, `$h = 0.1$`: an input, not a result).
 *   Code spans that are code (`new Random(0)`, `Dense(2, 3)`, `tolerance: 0`) are not claims,
 *   nor is anything in fenced code, in `<details>` (the exercises' solutions) or in an exercise's
 *   statement (from a `### Exercise` heading to the end of its cell: the task's inputs).
 *   Numbers that are inputs the prose names (a default step size, say) go in a short, commented
 *   allow-list per chapter ({@link PROSE_INPUTS}).
 * - **Where it must be printed: the window.** The outputs of the two code cells that print
 *   something before the markdown cell and of the one after it. A chapter's summary (the cells
 *   from its `## Summary` heading on) looks back at the whole chapter: its window is every cell.
 *   So may a number quoted to full precision (12 or more significant digits, like
 *   `0.38506088005216804`): it cannot match a different result by accident.
 * - **Inputs are not results.** A quoted number written literally in the source of the code cells
 *   around it (two before, two after) is that code's input (`[0.7, 0.1, 0.2]`, an exercise's
 *   `0.25`), not a printed result; it needs no output.
 * - **Arithmetic is worked, not printed.** In math whose left side is plain arithmetic
 *   (`$1 \cdot 0.2 + 2 \cdot 0.8 + 2 = 3.8$`, `$2 \times 64 = 128$`) the result is checked by
 *   doing the arithmetic, to the quoted digits; other math results must be printed.
 * - **As printed.** Same digits as a printed number, or that number rounded to the quoted digits
 *   (`0.1612` for 0.16118…, `1.2e-4` for 1.23e-4, `0.25` for 0.24999999999608666); a quoted
 *   integer must be printed as that integer; `5.856…` (cut off) must be the start of one.
 * - **Tied to its line** (for backticked decimal numbers, the claims a neighbour's output could
 *   easily satisfy by accident): a decimal number quoted twice in one paragraph must be printed
 *   twice, and within one sentence the decimals quoted from one cell's output follow the order
 *   in which that cell printed them ("the loss went from `1.0985` to `1.0494`, accuracy
 *   `0.410`"). A sentence that compares in the other order ("`0.490` → `0.333`") is fine as
 *   long as a printed order exists that fits.
 */
import type { INotebookContent } from "@jupyterlab/nbformat";

/**
 * Numbers quoted in a chapter's prose that are inputs the text names, not results it reports.
 * Keyed by chapter number; keep each list short and say why.
 */
export const PROSE_INPUTS: Record<string, string[]> = {
  // "Below `1e-6` (its default tolerance) the check passes": gradientCheck's default, an input.
  "08": ["1e-6"],
};

/** Significant digits of a quoted number (`0.38506088005216804` has 17). */
const significantDigits = (quote: string) => quote.split("e")[0].replace(/\D/g, "").replace(/^0+/, "").length;

/** One quoted number and where it was found. */
export interface Claim {
  /** The number as quoted (minus signs normalised to `-`). */
  quote: string;
  /** The markdown as written around it, for messages. */
  context: string;
  kind: "backticks" | "list" | "math";
  /** The paragraph it belongs to, and its sentence (counted within the markdown cell). */
  paragraph: number;
  sentence: number;
  /** For math: the sides before the result (`1 \cdot 2 + 3` of `$1 \cdot 2 + 3 = 5$`). */
  sides?: string[];
}

/** A number printed by a code cell. */
export interface Printed {
  value: string;
  /** Index of the code cell among all cells, and the line of its outputs. */
  cell: number;
  line: number;
}

/** A quoted number the check could not tie to a printed one. */
export interface ProseProblem {
  /** Index of the markdown cell among all cells (0-based). */
  cell: number;
  quote: string;
  context: string;
  reason: string;
}

const text = (t: unknown) => (Array.isArray(t) ? t.join("") : String(t ?? ""));
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
const IS_NUMBER = new RegExp(`^${NUMBER}…?$`);
const IS_LIST = new RegExp(String.raw`^\[\s*${NUMBER}(?:\s*,\s*${NUMBER})*\s*,?\s*\]$`);
/** A lone variable, maybe with a subscript or a prime-less Greek letter: `x`, `h`, `b_j`, `\alpha`. */
const LONE_VARIABLE = /^\s*(?:[A-Za-z]|\\[a-zA-Z]+)(?:_\{?[\w,]+\}?)?\s*$/;

/** Decimal numbers (a point or an exponent) are the precise claims that are tied to their line. */
export const isDecimal = (quote: string) => /[.e]/.test(quote.replace(/…$/, ""));

/** Markdown split into paragraphs (blank lines, list items), each into sentences. */
function paragraphs(markdown: string): string[][] {
  return markdown
    .split(/\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )/)
    .map((p) => p.split(/(?<=[.!?;:])\s+(?=[^a-z\d])/));
}

/** The claims of one markdown cell's source, in reading order. */
export function claimsOf(markdown: string): Claim[] {
  const prose = markdown
    .replace(/<details>[\s\S]*?<\/details>/g, "") // solutions are code, not claims
    .replace(/```[\s\S]*?```/g, "")
    .replace(/^### Exercise[\s\S]*/m, "")
    .replace(/−/g, "-");
  const claims: Claim[] = [];
  let index = -1;
  paragraphs(prose).forEach((sentences, paragraph) => sentences.forEach((sentence) => {
    index++;
    for (const m of sentence.matchAll(/`([^`\n]+)`|\$\$([^$]+)\$\$|\$([^$\n]+)\$/g)) {
      const context = m[0];
      if (m[1] !== undefined) {
        const span = m[1].trim();
        if (IS_NUMBER.test(span)) claims.push({ quote: span, context, kind: "backticks", paragraph, sentence: index });
        else if (IS_LIST.test(span)) {
          for (const n of span.match(new RegExp(NUMBER, "g"))!) claims.push({ quote: n, context, kind: "list", paragraph, sentence: index });
        }
        continue;
      }
      const math = (m[2] ?? m[3]).replace(/\\approx|≈/g, "=");
      const sides = math.split("=");
      if (sides.length < 2 || LONE_VARIABLE.test(sides[0])) continue;
      const result = sides[sides.length - 1].replace(/(\\[,;!]|\\quad|\\qquad|[.,;\s])+$/, "").trim();
      if (new RegExp(`^${NUMBER}$`).test(result)) claims.push({ quote: result, context, kind: "math", paragraph, sentence: index, sides: sides.slice(0, -1) });
    }
  }));
  return claims;
}

/** Every number a code cell's outputs print (stream text and the plain-text form of results). */
export function printedNumbers(notebook: INotebookContent, cell: number): Printed[] {
  const outputs = ((notebook.cells[cell] as { outputs?: any[] }).outputs ?? []) as any[];
  const lines = outputs.map((o) => text(o.text) + text(o.data?.["text/plain"]) + (o.evalue ? `${o.evalue}` : "")).join("\n").split("\n");
  const printed: Printed[] = [];
  lines.forEach((line, index) => {
    for (const m of line.replace(/−/g, "-").matchAll(new RegExp(`(?<![\\w.])${NUMBER}`, "g"))) printed.push({ value: m[0], cell, line: index });
  });
  return printed;
}

/** True when `quote` is `printed` as printed, or `printed` rounded to the quoted digits. */
export function matches(quote: string, printed: string): boolean {
  if (quote === printed) return true;
  if (quote.endsWith("…")) return printed.startsWith(quote.slice(0, -1));
  const q = Number(quote);
  const p = Number(printed);
  if (!Number.isFinite(q) || !Number.isFinite(p) || Math.sign(q) !== Math.sign(p) && q !== 0) return false;
  const exponent = /e([-+]?\d+)$/.exec(quote);
  if (exponent) {
    // 1.2e-4: the printed number in the same exponent form, rounded to the quoted mantissa digits.
    const digits = (quote.split("e")[0].split(".")[1] ?? "").length;
    return Number(p.toExponential(digits)) === q;
  }
  const decimals = (quote.split(".")[1] ?? "").length;
  if (decimals === 0) return false; // a quoted integer must be printed as that integer
  const printedDecimals = /e/.test(printed) ? Infinity : (printed.split(".")[1] ?? "").length;
  if (printedDecimals <= decimals) return false; // a rounding has fewer digits than what it rounds
  return Math.abs(p - q) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

/** The value of a math side that is plain arithmetic (`2 \cdot 0.8 + 3 \cdot (-0.5)`), else undefined. */
export function arithmetic(latex: string): number | undefined {
  const js = latex
    .replace(/\\[,;!]|\\quad|\\qquad|\\left|\\right/g, " ")
    .replace(/\\t?frac\{([^{}]+)\}\{([^{}]+)\}/g, "(($1)/($2))")
    .replace(/\\t?frac(\d)(\d)/g, "($1/$2)")
    .replace(/\\cdot|\\times|·|×/g, "*")
    .replace(/\^\{?(\d+)\}?/g, "**$1")
    .replace(/−/g, "-");
  if (!/^[\d\s.+\-*/()]+$/.test(js) || !/\d/.test(js)) return undefined;
  try {
    const value = Function(`"use strict"; return (${js});`)() as unknown;
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True when `value` (worked out) rounds to `quote` at the quoted digits. */
function agrees(quote: string, value: number): boolean {
  const decimals = (quote.split(".")[1] ?? "").length;
  return Math.abs(value - Number(quote)) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

/** Number literals written in a code cell's source (inputs of that code). */
function writtenNumbers(notebook: INotebookContent, cell: number): string[] {
  return [...text(notebook.cells[cell].source).matchAll(new RegExp(`(?<![\\w.])${NUMBER}`, "g"))].map((m) => m[0]);
}

/** The code cells around a markdown cell whose source counts as its inputs: two before, two after. */
function codeAround(notebook: INotebookContent, markdownCell: number): number[] {
  const code = notebook.cells.map((c, i) => (c.cell_type === "code" ? i : -1)).filter((i) => i >= 0);
  return [...code.filter((i) => i < markdownCell).slice(-2), ...code.filter((i) => i > markdownCell).slice(0, 2)];
}

/** Index of the markdown cell with the `## Summary` heading, or Infinity. */
function summaryStart(notebook: INotebookContent): number {
  const i = notebook.cells.findIndex((c) => c.cell_type === "markdown" && /^## Summary\b/m.test(text(c.source)));
  return i < 0 ? Infinity : i;
}

/** Indices of the code cells whose outputs a markdown cell may quote (see the module's rules). */
export function windowOf(notebook: INotebookContent, markdownCell: number): number[] {
  const prints = (i: number) => notebook.cells[i].cell_type === "code" && ((notebook.cells[i] as any).outputs ?? []).length > 0;
  const before: number[] = [];
  for (let i = markdownCell - 1; i >= 0 && before.length < 2; i--) if (prints(i)) before.unshift(i);
  let after: number | undefined;
  for (let i = markdownCell + 1; i < notebook.cells.length && after === undefined; i++) if (prints(i)) after = i;
  return after === undefined ? before : [...before, after];
}

/**
 * Ties the decimal claims of one markdown cell to distinct printed numbers, in printed order per
 * sentence and cell; returns the claims left over when no such tie exists (empty when it does).
 */
function tieDecimals(claims: Claim[], printed: Printed[]): Claim[] {
  const used = new Set<Printed>();
  let deepest = 0;
  const search = (i: number, last: Map<string, number>): boolean => {
    deepest = Math.max(deepest, i);
    if (i === claims.length) return true;
    const claim = claims[i];
    for (const p of printed) {
      const key = `${claim.sentence}/${p.cell}`;
      if (used.has(p) || p.line < (last.get(key) ?? -1) || !matches(claim.quote, p.value)) continue;
      used.add(p);
      if (search(i + 1, new Map(last).set(key, p.line))) return true;
      used.delete(p);
    }
    return false;
  };
  return search(0, new Map()) ? [] : [claims[deepest]];
}

/** Every quoted number of `notebook` (an executed chapter) not printed as its rules require. */
export function proseProblems(notebook: INotebookContent, inputs: readonly string[] = []): ProseProblem[] {
  const problems: ProseProblem[] = [];
  const summary = summaryStart(notebook);
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "markdown") return;
    const written = codeAround(notebook, index).flatMap((c) => writtenNumbers(notebook, c));
    let claims = claimsOf(text(cell.source)).filter((c) => !inputs.includes(c.quote) && !written.includes(c.quote));
    // Worked arithmetic is checked here and now; math with symbols must be printed like the rest.
    claims = claims.filter((claim) => {
      const values = (claim.sides ?? []).map(arithmetic).filter((v): v is number => v !== undefined);
      const wrong = values.find((v) => !agrees(claim.quote, v));
      if (wrong !== undefined) problems.push({ cell: index, quote: claim.quote, context: claim.context, reason: `the arithmetic gives ${wrong}` });
      return values.length === 0;
    });
    if (claims.length === 0) return;
    const window = index >= summary
      ? notebook.cells.map((_, i) => i).filter((i) => notebook.cells[i].cell_type === "code")
      : windowOf(notebook, index);
    const printed = window.flatMap((c) => printedNumbers(notebook, c));
    const cells = index >= summary ? "of the chapter" : window.map((c) => c + 1).join(", ");
    const anywhere = notebook.cells.flatMap((c, i) => (c.cell_type === "code" ? printedNumbers(notebook, i) : []));
    for (const claim of claims) {
      const candidates = significantDigits(claim.quote) >= 12 ? anywhere : printed;
      if (!candidates.some((p) => matches(claim.quote, p.value))) {
        const where = candidates === anywhere ? "printed by no cell of the chapter" : `not printed by the nearby cells ${cells}`;
        problems.push({ cell: index, quote: claim.quote, context: claim.context, reason: where });
      }
    }
    if (problems.some((p) => p.cell === index)) return;
    const decimals = claims.filter((c) => c.kind === "backticks" && isDecimal(c.quote) && significantDigits(c.quote) < 12);
    for (const paragraph of new Set(decimals.map((c) => c.paragraph))) {
      for (const claim of tieDecimals(decimals.filter((c) => c.paragraph === paragraph), printed)) {
        problems.push({
          cell: index,
          quote: claim.quote,
          context: claim.context,
          reason: `quoted in its paragraph more often than cells ${cells} print it, or out of the order they print it in within its sentence`,
        });
      }
    }
  });
  return problems;
}

/** One line per problem, e.g. `cell 9: \`0.333\` — not printed by the nearby cells 8, 10, 12`. */
export const formatProseProblem = (p: ProseProblem) => `cell ${p.cell + 1}: ${p.context} — ${p.reason}`;
