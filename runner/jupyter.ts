/**
 * `npm run jupyter [-- --register-only] [-- JUPYTER ARGS]`
 *
 * Registers a "tslab" kernelspec that starts THIS project's tslab by absolute path (so tslab
 * need not be on PATH), then starts JupyterLab or Jupyter Notebook on notebooks/ if one is
 * installed. The same kernelspec is what VS Code lists as "TypeScript (nn-from-scratch)".
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tslabBin } from "./kernel.js";

/** The kernel.json for this project's tslab. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [process.execPath, tslabBin(), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (nn-from-scratch)",
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/**
 * Jupyter's per-user data folder, as `jupyter --data-dir` reports it, without needing Python.
 * On Linux an empty or relative `XDG_DATA_HOME` is ignored, as the XDG Base Directory spec
 * says (and as Jupyter does): it would name a folder relative to wherever the command runs.
 */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return join(env.APPDATA || join(homedir(), "AppData", "Roaming"), "jupyter");
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".local", "share"), "jupyter");
}

/** Thrown by {@link installKernelSpec} when the kernelspec cannot be written; the message is one line. */
export class KernelSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KernelSpecError";
  }
}

/**
 * Writes `<dataDir>/kernels/tslab/kernel.json` and returns its path.
 *
 * @throws KernelSpecError naming the folder, why it failed, and how to choose another
 */
export function installKernelSpec(dataDir = jupyterDataDir()): string {
  const dir = join(dataDir, "kernels", "tslab");
  const file = join(dir, "kernel.json");
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(kernelSpec(), null, 1) + "\n");
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "it is not writable" : code === "ENOTDIR" ? "part of that path is a file, not a folder" : message;
    throw new KernelSpecError(
      `cannot register the kernel in ${dir}: ${why} (${code ?? "error"}). ` +
        `Choose a writable Jupyter data folder with JUPYTER_DATA_DIR, e.g. JUPYTER_DATA_DIR=~/jupyter-data npm run jupyter`,
    );
  }
  return file;
}

/** The installed Jupyter front end to start, preferring JupyterLab; null when there is none. */
export function findJupyter(): { command: string; app: "lab" | "notebook" } | null {
  for (const command of ["jupyter", "/usr/bin/jupyter"]) {
    for (const app of ["lab", "notebook"] as const) {
      const probe = spawnSync(command, [app, "--version"], { encoding: "utf8" });
      if (probe.status === 0) return { command, app };
    }
  }
  return null;
}

/** What `npm run jupyter` needs from the outside world (replaceable in tests). */
export interface JupyterCommandDeps {
  dataDir?: string;
  find?: typeof findJupyter;
  start?: (command: string, args: string[], cwd: string) => void;
  log?: (line: string) => void;
  /** Where errors go (default: stderr). */
  error?: (line: string) => void;
}

/**
 * `npm run jupyter`: registers the kernelspec, then starts a front end or explains how to get one.
 * Returns `"failed"` (after one line on stderr) when the kernelspec cannot be written.
 */
export function jupyterCommand(args: string[], deps: JupyterCommandDeps = {}): "registered" | "started" | "no-jupyter" | "failed" {
  const log = deps.log ?? ((line: string) => console.log(line));
  const registerOnly = args.includes("--register-only");
  const passThrough = args.filter((a) => a !== "--register-only");
  let specFile: string;
  try {
    specFile = installKernelSpec(deps.dataDir);
  } catch (error) {
    if (!(error instanceof KernelSpecError)) throw error;
    (deps.error ?? ((line: string) => console.error(line)))(`npm run jupyter: ${error.message}`);
    return "failed";
  }
  log(`Registered the kernel "TypeScript (nn-from-scratch)" in ${specFile}`);
  log(`  it starts ${tslabBin()} with ${process.execPath}`);
  if (registerOnly) return "registered";
  const jupyter = (deps.find ?? findJupyter)();
  const notebooks = resolve(fileURLToPath(new URL("../notebooks", import.meta.url)));
  if (!jupyter) {
    log(`
No Jupyter front end (JupyterLab or Jupyter Notebook) is installed, so none was started.
To use one, install it and run "npm run jupyter" again:
    pip install jupyterlab                          # any OS, with Python
    sudo apt-get install jupyter-notebook           # Debian / Ubuntu
VS Code needs no Jupyter server: open a notebook in notebooks/ and pick the kernel
"TypeScript (nn-from-scratch)" (just registered).
Without any front end, "npm run course" runs every chapter and writes the executed course.`);
    return "no-jupyter";
  }
  log(`Starting: ${jupyter.command} ${jupyter.app} in ${notebooks}`);
  (deps.start ?? startFrontEnd)(jupyter.command, [jupyter.app, ...passThrough], notebooks);
  return "started";
}

function startFrontEnd(command: string, args: string[], cwd: string): void {
  const child = spawn(command, args, { cwd, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (jupyterCommand(process.argv.slice(2)) === "failed") process.exitCode = 1;
}
