/**
 * Global setup of every `npm test`: marks the run (see {@link TEST_RUN_VARIABLE}) and, when the
 * run ends — normally, after a failure, or on Ctrl-C / SIGTERM — kills every tslab kernel it
 * started that is still alive, in this process or in any worker or Jupyter below it.
 */
import { randomBytes } from "node:crypto";
import { killAllKernels } from "../../runner/kernel.js";
import { killKernelsOfRun, TEST_RUN_VARIABLE } from "./kernels.js";

export default function setup(): () => void {
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
  return () => {
    cleanUp();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", cleanUp);
  };
}
