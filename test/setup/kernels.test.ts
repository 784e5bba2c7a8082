/**
 * The clean-up finds the kernels of this test run — by the run's marker in their environment,
 * or by descent from the run's process — and nothing else. Stand-in processes whose command
 * line looks like `… tslab kernel` play the kernels.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { isRunning } from "../helpers/processes.js";
import { descendsFrom, kernelsOfRun, killKernelsOfRun, TEST_RUN_VARIABLE } from "./kernels.js";

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
});

/** A process whose command line ends in `/fake/tslab kernel`, detached like the runner's kernels. */
function fakeKernel(env: NodeJS.ProcessEnv): number {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "--", "/fake/tslab", "kernel"], { env, detached: true, stdio: "ignore" });
  started.push(child);
  return child.pid!;
}

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
};

it("finds a kernel by the run's marker even when it is no descendant, and kills it", async () => {
  const pid = fakeKernel({ ...process.env, [TEST_RUN_VARIABLE]: "run-a" });
  await waitFor(() => kernelsOfRun("run-a", -1).includes(pid));
  expect(kernelsOfRun("run-a", -1)).toEqual([pid]);
  expect(kernelsOfRun("run-b", -1)).toEqual([]); // another run's marker, and no ancestry asked
  expect(killKernelsOfRun("run-a", -1)).toEqual([pid]);
  await waitFor(() => !isRunning(pid));
  expect(isRunning(pid)).toBe(false);
});

it("finds a kernel without the marker by its parent chain", async () => {
  const env = { ...process.env };
  delete env[TEST_RUN_VARIABLE];
  const pid = fakeKernel(env);
  await waitFor(() => kernelsOfRun("no-such-run").includes(pid));
  expect(descendsFrom(pid, process.pid)).toBe(true);
  expect(kernelsOfRun("no-such-run", process.pid)).toContain(pid);
  expect(kernelsOfRun("no-such-run", -1)).not.toContain(pid);
});
