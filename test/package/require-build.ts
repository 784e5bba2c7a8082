import { existsSync } from "node:fs";

/** The built files the package tests load: both module formats, both entry points. */
export const BUILD_FILES = ["dist/esm/index.js", "dist/esm/notebook/index.js", "dist/cjs/index.js", "dist/cjs/notebook/index.js"];

/**
 * Throws, naming what is missing, when `npm run build` has not produced dist/: a test file that
 * walks dist/ would otherwise register no tests and pass without testing anything.
 */
export function requireBuild(root = "."): void {
  const missing = BUILD_FILES.filter((f) => !existsSync(`${root}/${f}`));
  if (missing.length > 0) throw new Error(`dist/ is missing or incomplete (no ${missing.join(", ")}): run npm run build`);
}
