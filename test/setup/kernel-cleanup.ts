/**
 * Global setup of every `npm test`: marks the run (see {@link TEST_RUN_VARIABLE}) and, when the
 * run ends — normally, after a failure, or on Ctrl-C / SIGTERM — kills every tslab kernel it
 * started that is still alive, in this process or in any worker or Jupyter below it.
 *
 * Vitest runs the projects' global setups before the root's, so test/setup/course-run.ts calls
 * {@link installKernelCleanup} itself before it starts kernels; installing twice is harmless.
 */
import { randomBytes } from "node:crypto";
import { killAllKernels } from "../../runner/kernel.js";
import { killKernelsOfRun, TEST_RUN_VARIABLE } from "./kernels.js";

// Each project loads its global setups in its own module runner: the guard lives on process.
const INSTALLED = Symbol.for("nn-from-scratch.test.kernel-cleanup");
type Marked = typeof process & { [INSTALLED]?: () => void };

/** Installs the clean-up once per process; returns the function that uninstalls it (and cleans up). */
export function installKernelCleanup(): () => void {
  const proc = process as Marked;
  const installed = proc[INSTALLED];
  if (installed) return installed;
  // vitest.config.ts sets the marker before any worker exists; set it here too if it did not.
  const marker = (process.env[TEST_RUN_VARIABLE] ??= `${process.pid}-${randomBytes(6).toString("hex")}`);
  const cleanUp = () => {
    killAllKernels();
    const left = killKernelsOfRun(marker);
    if (left.length > 0) console.warn(`test run: killed ${left.length} tslab kernel(s) left running: ${left.join(", ")}`);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    // Only we listen: exit as the signal would have. Otherwise vitest's own handler ends the run.
    if (process.listenerCount(signal) === 1) process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", cleanUp);
  const uninstall = () => {
    cleanUp();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", cleanUp);
    delete proc[INSTALLED];
  };
  proc[INSTALLED] = uninstall;
  return uninstall;
}

export default function setup(): () => void {
  return installKernelCleanup();
}
