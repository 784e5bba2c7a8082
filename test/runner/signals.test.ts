/**
 * Ending a run from outside leaves nothing behind: SIGTERM to the npm process alone (what
 * `timeout npm run course` or `kill <npm>` does) and Ctrl-C to the runner itself both end the
 * runner, its kernel and what the kernel's cells started — a detached grandchild in its own
 * session and a child that ignores SIGTERM. Every process of a run inherits the test's
 * NN_TEST_PID_FILE, which is how the test finds them all (Linux /proc).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { eventually, isRunning, processesWithEnv, tslabKernelsIn } from "../helpers/processes.js";

const robust = resolve("test/fixtures/runner/robust");

function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return new Promise((done) => child.on("exit", (code) => done({ code, output })));
}

/** Starts a run of the chapter whose cell spawns two processes and then waits for a minute. */
function startRun(command: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "nn-signals-"));
  const pidFile = join(dir, "pids");
  const env = { ...process.env, NN_TEST_PID_FILE: pidFile, NN_TEST_HOLD_MS: "60000" };
  const child = spawn(command, [...args, "--notebooks", robust, "--out", join(dir, "out"), "60-children"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ofRun = () => processesWithEnv("NN_TEST_PID_FILE", pidFile);
  const spawned = () => (existsSync(pidFile) ? readFileSync(pidFile, "utf8").trim().split("\n").map(Number) : []);
  return { child, result: exited(child), ofRun, spawned };
}

it("SIGTERM to the npm process alone ends the runner, its kernel and the kernel's children", async () => {
  const run = startRun("npm", ["run", "course", "--"]);
  // Wait until the cell has started its two processes and is holding.
  expect(await eventually(() => run.spawned().length === 2, 60_000)).toBe(true);
  const [detached, stubborn] = run.spawned();
  expect(tslabKernelsIn(robust)).toHaveLength(1);
  expect(run.ofRun().length).toBeGreaterThanOrEqual(6); // npm, sh, tsx, the runner, the kernel, its children
  run.child.kill("SIGTERM"); // npm alone, not its process group
  await run.result;
  expect(await eventually(() => run.ofRun().length === 0, 10_000), `left: ${run.ofRun()}`).toBe(true);
  expect([detached, stubborn].filter(isRunning)).toEqual([]);
  expect(tslabKernelsIn(robust)).toEqual([]);
}, 90_000);

it("Ctrl-C (SIGINT) to the runner ends its kernel and the kernel's children too", async () => {
  const run = startRun(process.execPath, ["--import", "tsx", "runner/cli.ts"]);
  expect(await eventually(() => run.spawned().length === 2, 60_000)).toBe(true);
  run.child.kill("SIGINT");
  const { code, output } = await run.result;
  expect(code).toBe(130);
  expect(output).toContain("SIGINT: stopped; all kernels shut down.");
  expect(await eventually(() => run.ofRun().length === 0, 10_000), `left: ${run.ofRun()}`).toBe(true);
  expect(tslabKernelsIn(robust)).toEqual([]);
}, 90_000);
