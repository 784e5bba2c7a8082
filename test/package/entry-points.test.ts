/**
 * The module as its users load it: both entry points from Node ESM `import`, from CommonJS
 * `require` and with types from TypeScript 5.0 — the compiler inside tslab — resolving the
 * package the way tslab does. And the core stays free of runtime dependencies.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBuild } from "./require-build.js";

// Without dist/ the walk below would find no files and register no tests: fail loudly instead.
requireBuild();

const require = createRequire(import.meta.url);
const node = (args: string[], cwd = process.cwd()) => execFileSync(process.execPath, args, { cwd, encoding: "utf8" });

describe("loading nn-from-scratch", () => {
  it("works from an ES module import", () => {
    const out = node([
      "--input-type=module",
      "-e",
      `import { neuron } from "nn-from-scratch";
       import { check } from "nn-from-scratch/notebook";
       check("esm", neuron([1, 2, 3], [0.2, 0.8, -0.5], 2), 2.3);`,
    ]);
    expect(out).toBe("✓ esm: 2.3000000000000003\n");
  });

  it("works from a CommonJS require", () => {
    const out = node([
      "--input-type=commonjs",
      "-e",
      `const { neuron } = require("nn-from-scratch");
       const { check } = require("nn-from-scratch/notebook");
       check("cjs", neuron([1, 2, 3], [0.2, 0.8, -0.5], 2), 2.3);`,
    ]);
    expect(out).toBe("✓ cjs: 2.3000000000000003\n");
  });

  it("resolves to the built files of this repository", () => {
    expect(require.resolve("nn-from-scratch")).toBe(resolve("dist/cjs/index.js"));
    expect(require.resolve("nn-from-scratch/notebook")).toBe(resolve("dist/cjs/notebook/index.js"));
  });
});

describe("the core has no runtime dependencies", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) {
        if (f !== "notebook") walk(p);
      } else if (p.endsWith(".js")) files.push(p);
    }
  };
  walk("dist/esm");
  walk("dist/cjs");

  it.each(files)("%s imports only the core's own files", (file) => {
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const s of specifiers) {
      expect(s, `${file} imports ${s}`).toMatch(/^\.\.?\//);
      expect(resolve(file, "..", s).startsWith(resolve(file.split("/").slice(0, 2).join("/"), "notebook"))).toBe(false);
    }
  });
});

describe("types under TypeScript 5.0 (tslab's compiler)", () => {
  const ts50 = require("@tslab/typescript-for-tslab") as typeof import("typescript");
  // tslab compiles cells in the notebook's folder: write the probe files there.
  const dir = mkdtempSync(join(resolve("notebooks"), ".types-probe-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function diagnostics(code: string): string[] {
    const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, code);
    // The options tslab uses for cells (node_modules/tslab/dist/converter.js).
    const program = ts50.createProgram([file], {
      module: ts50.ModuleKind.ESNext,
      moduleResolution: ts50.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      target: ts50.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      strict: false,
      skipLibCheck: false, // read every declaration file of the package
      noEmit: true,
      types: [],
      rootDir: dir,
    });
    return ts50
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? relative(process.cwd(), d.file.fileName) : ""} ${ts50.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }

  it("is TypeScript 5.0", () => {
    expect(ts50.version).toMatch(/^5\.0\./);
  });

  it("reads both entry points' declarations without an error", () => {
    expect(
      diagnostics(`import { neuron } from "nn-from-scratch";
import { check, exercise, TODO } from "nn-from-scratch/notebook";
const y: number = neuron([1, 2, 3], [0.2, 0.8, -0.5], 2);
check("y", y, 2.3);
const answer: number = TODO;
exercise("e", answer, 1);
`),
    ).toEqual([]);
  });

  it("rejects a string where a number is expected", () => {
    const errors = diagnostics(`import { neuron } from "nn-from-scratch";\nneuron([1, 2, 3], [0.2, 0.8, -0.5], "2");\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Argument of type 'string' is not assignable to parameter of type 'number'.");
  });
});
