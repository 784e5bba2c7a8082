import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { jupyterCommand, jupyterDataDir } from "../../runner/jupyter.js";

describe("npm run jupyter", () => {
  it("registers a tslab kernelspec that starts this project's tslab by absolute path", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "nn-jupyter-"));
    const lines: string[] = [];
    expect(jupyterCommand(["--register-only"], { dataDir, log: (l) => lines.push(l) })).toBe("registered");
    const spec = JSON.parse(readFileSync(join(dataDir, "kernels", "tslab", "kernel.json"), "utf8"));
    expect(spec.argv).toEqual([process.execPath, resolve("node_modules/tslab/bin/tslab"), "kernel", "--config-path", "{connection_file}"]);
    expect(spec).toMatchObject({ display_name: "TypeScript (nn-from-scratch)", language: "typescript", interrupt_mode: "signal" });
    expect(lines[0]).toContain(join(dataDir, "kernels", "tslab", "kernel.json"));
  });

  it("without Jupyter says so, how to install one, and points to npm run course", () => {
    const lines: string[] = [];
    const result = jupyterCommand([], { dataDir: mkdtempSync(join(tmpdir(), "nn-jupyter-")), find: () => null, log: (l) => lines.push(l) });
    expect(result).toBe("no-jupyter");
    const text = lines.join("\n");
    expect(text).toContain("No Jupyter front end (JupyterLab or Jupyter Notebook) is installed");
    expect(text).toContain("pip install jupyterlab");
    expect(text).toContain("npm run course");
  });

  it("starts the front end it finds in notebooks/, passing arguments through", () => {
    const started: unknown[] = [];
    const result = jupyterCommand(["--port=9999"], {
      dataDir: mkdtempSync(join(tmpdir(), "nn-jupyter-")),
      find: () => ({ command: "jupyter", app: "lab" }),
      start: (...args) => started.push(args),
      log: () => {},
    });
    expect(result).toBe("started");
    expect(started).toEqual([["jupyter", ["lab", "--port=9999"], resolve("notebooks")]]);
  });

  it("uses JUPYTER_DATA_DIR, else the platform's per-user folder", () => {
    expect(jupyterDataDir({ JUPYTER_DATA_DIR: "/x/y" })).toBe("/x/y");
    if (process.platform === "linux") expect(jupyterDataDir({ XDG_DATA_HOME: "/data" })).toBe("/data/jupyter");
  });

  it.runIf(process.platform === "linux")("ignores an empty or relative XDG_DATA_HOME, as the XDG spec says", () => {
    const standard = join(homedir(), ".local", "share", "jupyter");
    expect(jupyterDataDir({ XDG_DATA_HOME: "" })).toBe(standard);
    expect(jupyterDataDir({ XDG_DATA_HOME: "relative/data" })).toBe(standard);
    expect(jupyterDataDir({})).toBe(standard);
  });

  it("reports an unwritable data folder in one line, and registers nothing", () => {
    // running as root, chmod would not stop the write: a path below a regular file cannot be created by anyone
    const file = join(mkdtempSync(join(tmpdir(), "nn-jupyter-")), "a-file");
    writeFileSync(file, "");
    const lines: string[] = [];
    const errors: string[] = [];
    const result = jupyterCommand(["--register-only"], { dataDir: join(file, "data"), log: (l) => lines.push(l), error: (l) => errors.push(l) });
    expect(result).toBe("failed");
    expect(lines).toEqual([]);
    expect(errors).toEqual([
      `npm run jupyter: cannot register the kernel in ${join(file, "data", "kernels", "tslab")}: part of that path is a file, not a folder (ENOTDIR). ` +
        "Choose a writable Jupyter data folder with JUPYTER_DATA_DIR, e.g. JUPYTER_DATA_DIR=~/jupyter-data npm run jupyter",
    ]);
  });
});

describe("npm run jupyter -- --register-only, as a command", () => {
  /** Runs runner/jupyter.ts in a scratch folder with the given environment. */
  function run(env: Record<string, string>) {
    const cwd = mkdtempSync(join(tmpdir(), "nn-jupyter-cwd-"));
    const { PATH } = process.env;
    const result = spawnSync(resolve("node_modules/.bin/tsx"), [resolve("runner/jupyter.ts"), "--register-only"], {
      cwd,
      env: { PATH, ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { ...result, cwd };
  }

  it("with a HOME it cannot write to, prints one line naming the folder and JUPYTER_DATA_DIR, and exits 1", () => {
    const file = join(mkdtempSync(join(tmpdir(), "nn-jupyter-")), "a-file");
    writeFileSync(file, "");
    const home = join(file, "home"); // below a regular file: unwritable even for root
    const { status, stdout, stderr } = run({ HOME: home });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1); // no stack trace
    expect(stderr).toContain(`cannot register the kernel in ${join(home, ".local", "share", "jupyter", "kernels", "tslab")}`);
    expect(stderr).toContain("JUPYTER_DATA_DIR");
  });

  it("with XDG_DATA_HOME empty, uses ~/.local/share and writes nothing relative to the current folder", () => {
    const home = mkdtempSync(join(tmpdir(), "nn-jupyter-home-"));
    const { status, stdout, cwd } = run({ HOME: home, XDG_DATA_HOME: "" });
    expect(status).toBe(0);
    const spec = join(home, ".local", "share", "jupyter", "kernels", "tslab", "kernel.json");
    expect(stdout).toContain(`Registered the kernel "TypeScript (nn-from-scratch)" in ${spec}`);
    expect(JSON.parse(readFileSync(spec, "utf8")).display_name).toBe("TypeScript (nn-from-scratch)");
    expect(existsSync(join(cwd, "jupyter")), "no ./jupyter folder").toBe(false);
  });
});
