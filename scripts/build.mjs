// Compiles the WebAssembly kernels, then builds src/ three times — as ES modules (dist/esm) and as CommonJS (dist/cjs), each with .d.ts
// declarations, so the module loads from `import`, from `require` and from tslab cells; and as one
// browser script (dist/browser/nn-from-scratch.js) that sets `globalThis.nn`.
//
// Each build goes to a fresh folder first and replaces dist/ only when it succeeded: a kernel or a
// test reading dist/ meanwhile never sees it half-built, and a failed build leaves the last good one.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSync } from "esbuild";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
// First the WebAssembly kernels (assembly/ → src/kernels/wasm/module-bytes.generated.ts), which src/ embeds.
execFileSync(process.execPath, ["scripts/build-wasm.mjs"], { stdio: "inherit" });
const staging = `dist.building-${process.pid}`;
try {
  for (const [project, flavour] of [["tsconfig.build.json", "esm"], ["tsconfig.cjs.json", "cjs"]]) {
    execFileSync(process.execPath, [tsc, "-p", project, "--outDir", join(staging, flavour)], { stdio: "inherit" });
  }
  // The package is "type": "module"; this marks the CommonJS build as CommonJS.
  mkdirSync(join(staging, "cjs"), { recursive: true });
  writeFileSync(join(staging, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }) + "\n");
  // The browser build: the core in one classic script, for <script src> from file:// pages.
  // platform "browser" makes any Node built-in imported at load time a build error; the core reaches
  // Node only inside save/load/loadMnist, through process.getBuiltinModule, when they are called.
  buildSync({
    entryPoints: ["src/index.ts"],
    outfile: join(staging, "browser", "nn-from-scratch.js"),
    bundle: true,
    format: "iife",
    globalName: "nn",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
  });
  // Swap each flavour in with a rename (no stale files from renamed sources survive).
  mkdirSync("dist", { recursive: true });
  for (const flavour of ["esm", "cjs", "browser"]) {
    const old = join("dist", `${flavour}.old-${process.pid}`);
    if (existsSync(join("dist", flavour))) renameSync(join("dist", flavour), old);
    renameSync(join(staging, flavour), join("dist", flavour));
    rmSync(old, { recursive: true, force: true });
  }
} finally {
  rmSync(staging, { recursive: true, force: true });
}
