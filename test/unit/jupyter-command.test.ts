import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
});
