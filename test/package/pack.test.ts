/**
 * The package a user installs: `npm pack` gives a tarball that installs into an empty folder as ONE
 * package (no runtime dependencies: tslab and plotly.js are optional peers that only the notebook
 * helpers use), and works there from ESM, CommonJS and TypeScript (compiled with tsc, with types).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuild } from "./require-build.js";

requireBuild();
const require = createRequire(import.meta.url);
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the packed library", () => {
  let app: string;
  const dirs: string[] = [];
  beforeAll(() => {
    const packDir = mkdtempSync(join(tmpdir(), "nn-pack-"));
    app = mkdtempSync(join(tmpdir(), "nn-app-"));
    dirs.push(packDir, app);
    // --ignore-scripts: dist/ is already built (pretest); packing must not rebuild it under other tests.
    const tarball = npm(["pack", "--ignore-scripts", "--pack-destination", packDir, "--silent"], process.cwd()).trim().split("\n").at(-1)!;
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    npm(["install", "--offline", "--no-audit", "--no-fund", join(packDir, tarball)], app);
  }, 120_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("installs as exactly one package", () => {
    const installed = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed).toEqual(["nn-from-scratch"]);
  });

  const trains = `const rng = new Random(0);
const { X, y } = spiralData(20, 3, rng);
const model = new Model({ layers: [new Dense(2, 8, { rng }), new ReLU(), new Dense(8, 3, { rng }), new Softmax()], loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }) });
const history = model.fit(X, y, { epochs: 50, verbose: false });
const again = Model.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
console.log(history.loss[49] < history.loss[0], again.predict(X).toArray()[0].length);`;
  const names = "Adam, CategoricalCrossentropy, Dense, Model, Random, ReLU, Softmax, spiralData";

  it("works from an ES module", () => {
    writeFileSync(join(app, "esm.mjs"), `import { ${names} } from "nn-from-scratch";\n${trains}`);
    expect(execFileSync(process.execPath, ["esm.mjs"], { cwd: app, encoding: "utf8" })).toBe("true 3\n");
  });

  it("works from CommonJS", () => {
    writeFileSync(join(app, "cjs.cjs"), `const { ${names} } = require("nn-from-scratch");\n${trains}`);
    expect(execFileSync(process.execPath, ["cjs.cjs"], { cwd: app, encoding: "utf8" })).toBe("true 3\n");
  });

  it("carries its WebAssembly kernels inside (nothing to fetch): setBackend('wasm') works, one thread and two", () => {
    const script = `const { Matrix, Random, randn, setBackend, getBackendInfo } = require("nn-from-scratch");
(async () => {
  const rng = new Random(1);
  const a = randn(200, 150, rng), b = randn(150, 120, rng);
  const reference = a.dot(b);
  const results = [];
  for (const threads of [1, 2]) {
    results.push(await setBackend("wasm", { threads }), getBackendInfo().threads, a.dot(b).equals(reference, 1e-12));
  }
  await setBackend("js");
  console.log(results.join(" "));
})();`;
    writeFileSync(join(app, "fast.cjs"), script);
    expect(execFileSync(process.execPath, ["fast.cjs"], { cwd: app, encoding: "utf8" })).toBe("true 1 true true 2 true\n");
  });

  it("works from TypeScript compiled with tsc, with its types (a type error is caught)", () => {
    writeFileSync(join(app, "main.ts"), `import { ${names} } from "nn-from-scratch";\n${trains}\nconst n: number = model.evaluate(X, y).accuracy;\nconsole.log(typeof n);`);
    writeFileSync(join(app, "bad.ts"), `import { Dense, Random } from "nn-from-scratch";\nnew Dense("2", 3, { rng: new Random(0) });`);
    const tsc = require.resolve("typescript/bin/tsc");
    const options = ["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--strict", "--skipLibCheck", "false"];
    execFileSync(process.execPath, [tsc, ...options, "--outDir", "out", "main.ts"], { cwd: app, encoding: "utf8" });
    expect(execFileSync(process.execPath, [join("out", "main.js")], { cwd: app, encoding: "utf8" })).toBe("true 3\nnumber\n");
    let errors = "";
    try {
      execFileSync(process.execPath, [tsc, ...options, "--noEmit", "bad.ts"], { cwd: app, encoding: "utf8" });
    } catch (error) {
      errors = String((error as { stdout?: string }).stdout);
    }
    expect(errors).toMatch(/bad\.ts\(2,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
  });
});
