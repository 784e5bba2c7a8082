/**
 * The README's library example is real code: it type-checks against the built declarations and
 * runs, and its training steps lower the loss.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { requireBuild } from "./require-build.js";

// The example imports the built package: without dist/ it could only fail confusingly.
requireBuild();

const readme = readFileSync("README.md", "utf8");
const section = readme.slice(readme.indexOf("## Using the library in your own code"));
const example = /```ts\n([\s\S]*?)```/.exec(section)![1];
// Inside the repository, so "nn-from-scratch" resolves as it does for a user of the package.
const file = resolve("test", `.readme-example-${process.pid}.mts`);
writeFileSync(file, example);
afterAll(() => rmSync(file, { force: true }));

it("type-checks", () => {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    types: ["node"],
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(errors).toEqual([]);
});

it("runs, and the loss goes down", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8" });
  const lines = out.trim().split("\n").filter((line) => /^\d+ \d/.test(line)); // the epoch lines ("100 0.8123 0.640"); then the summary
  const losses = lines.map((line) => Number(line.split(" ")[1]));
  expect(losses).toHaveLength(10); // epochs 100, 200, …, 1000
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(losses[9]).toBeLessThan(losses[0]);
  expect(out).toContain("trainable parameters");
});

it("the fast-kernels example runs: the switch works and the product equals the reference's to rounding", () => {
  const fastExample = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes("setBackend"))!;
  const fastFile = resolve("test", `.readme-example-fast-${process.pid}.mts`);
  writeFileSync(fastFile, fastExample);
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", fastFile], { encoding: "utf8" });
    expect(out).toBe("true\n{ backend: 'wasm', threads: 2 }\ntrue\n");
  } finally {
    rmSync(fastFile, { force: true });
  }
});
