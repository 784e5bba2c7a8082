/**
 * `npm run course [-- CHAPTER ...] [--bail] [--timeout SECONDS]`
 *
 * Runs the course's notebooks with the real tslab kernel and writes the executed copies to
 * build/course/notebooks/. Exits 1 if any chapter failed; no kernel outlives it.
 */
import { parseArgs } from "node:util";
import { killAllKernels } from "./kernel.js";
import { isAlive, runAncestors } from "./processes.js";
import { runCourse } from "./course.js";
import { consoleReporter } from "./reporter.js";
import { withSolutions } from "./solutions.js";
import { join } from "node:path";
import { renderCourseSite } from "./site/index.js"; // the rendered course (runner/site)
import { API_DIR } from "./site/api-placeholder.js";

const usage = `usage: npm run course -- [CHAPTER ...] [--bail] [--timeout SECONDS]

  CHAPTER          a chapter number or name (01, 01-the-neuron); default: all
  --bail           stop at the first failing chapter
  --timeout S      per-cell time limit in seconds (default 600)
  --out DIR        where executed notebooks and rendered pages go
                   (default build/course/notebooks, pages in build/course)
  --notebooks DIR  where the chapters are (default notebooks)
  --solutions      run each exercise cell's reference solution instead of the TODO`;

// Whatever ends the runner, no kernel is left behind.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.on(signal, () => {
    killAllKernels();
    process.stderr.write(`\n${signal}: stopped; all kernels shut down.\n`);
    process.exit(code);
  });
}
process.on("exit", () => killAllKernels());

// `timeout npm run course` or `kill <npm>` signals npm alone, which then exits without passing
// the signal on: the runner would be orphaned, its kernels with it. So the runner watches the
// processes above it that belong to the run (npm, its shell, tsx) and stops when one goes.
const ancestors = runAncestors();
const firstParent = process.ppid;
setInterval(() => {
  const gone = ancestors.find((pid) => !isAlive(pid));
  if (gone === undefined && process.ppid === firstParent) return;
  killAllKernels();
  process.stderr.write(`\nthe process that started this run (pid ${gone ?? firstParent}) ended: stopped; all kernels shut down.\n`);
  process.exit(143);
}, 500).unref();

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        bail: { type: "boolean", default: false },
        timeout: { type: "string" },
        out: { type: "string" },
        notebooks: { type: "string" },
        solutions: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const timeout = values.timeout === undefined ? 600 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    process.stderr.write(`--timeout: expected a positive number of seconds, got "${values.timeout}"\n`);
    return 2;
  }
  const result = await runCourse({
    chapters: positionals,
    bail: values.bail,
    cellTimeoutMs: timeout * 1000,
    outDir: values.out,
    notebooksDir: values.notebooks,
    transformSource: values.solutions ? withSolutions : undefined,
    reporter: consoleReporter(undefined, undefined, values.out ?? join("build", "course", "notebooks")),
  });
  // --- The rendered course (runner/site): index.html + one page per chapter, in build/course/
  // (or in --out DIR, beside the executed notebooks). Chapters not run now keep their last result.
  try {
    const site = renderCourseSite({
      runs: result.runs,
      notebooksDir: values.notebooks,
      outDir: values.out ?? join("build", "course"),
      executedDir: values.out ?? join("build", "course", "notebooks"),
    });
    for (const warning of site.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`\nRendered course: ${site.index}\n`);
  } catch (error) {
    process.stderr.write(`\nCould not render the course pages: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
  // The API reference (TypeDoc) the pages link: a problem there is a warning, never a failed course
  // (loaded here, not above, so that even a missing typedoc package only costs the reference).
  try {
    const { generateApiReference } = await import("./site/api-reference.js");
    const api = await generateApiReference({ outDir: join(values.out ?? join("build", "course"), API_DIR) });
    for (const warning of api.warnings) process.stderr.write(`API reference: ${warning}\n`);
    process.stdout.write(api.ok ? `API reference: ${api.index}\n` : "API reference: not generated (see above); the pages link a stand-in until `npm run docs` succeeds\n");
  } catch (error) {
    process.stderr.write(`warning: API reference not generated: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  // --- end of the rendered course
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    killAllKernels();
    process.exit(2);
  },
);
