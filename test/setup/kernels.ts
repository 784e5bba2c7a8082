/**
 * Finds and kills the `tslab kernel` processes one `npm test` started, wherever they were started:
 * in the main vitest process (the shared course run), in a test worker (runner tests), or by
 * Jupyter (nbconvert, the live notebook). A kernel belongs to this run when its environment holds
 * this run's {@link TEST_RUN_VARIABLE} (every child inherits it, even after its parent died and
 * it was re-parented), or when its parent chain leads to the vitest process.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The environment variable that marks every process of one test run. */
export const TEST_RUN_VARIABLE = "NN_TEST_RUN";

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // gone, or not ours to read
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readProc(pid, "stat");
  const fields = stat?.split(") ")[1]?.split(" "); // after "pid (comm) ": state, ppid, …
  return fields ? Number(fields[1]) : undefined;
}

function isTslabKernel(pid: number): boolean {
  const args = (readProc(pid, "cmdline") ?? "").split("\0");
  const stat = readProc(pid, "stat");
  if (!stat || stat.split(") ")[1]?.startsWith("Z")) return false; // a zombie has already exited
  return args.some((a) => /(^|\/)tslab$/.test(a)) && args.includes("kernel");
}

/** True when `pid` descends from `ancestor` (following parent ids in /proc). */
export function descendsFrom(pid: number, ancestor: number): boolean {
  let current: number | undefined = pid;
  for (let hops = 0; current && current > 1 && hops < 64; hops++) {
    current = parentOf(current);
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Process ids of running tslab kernels that this test run started: marked with `marker` in
 * their environment, or descendants of `rootPid`.
 */
export function kernelsOfRun(marker: string, rootPid = process.pid): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids; // no /proc (not Linux): nothing to scan
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || !isTslabKernel(pid)) continue;
    const environ = (readProc(pid, "environ") ?? "").split("\0");
    if (environ.includes(`${TEST_RUN_VARIABLE}=${marker}`) || descendsFrom(pid, rootPid)) pids.push(pid);
  }
  return pids;
}

/** Sends SIGKILL to each kernel of this run (and its process group); returns the pids it killed. */
export function killKernelsOfRun(marker: string, rootPid = process.pid): number[] {
  const pids = kernelsOfRun(marker, rootPid);
  for (const pid of pids) {
    try {
      process.kill(-pid, "SIGKILL"); // the runner starts each kernel in its own process group
    } catch {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // it exited meanwhile
      }
    }
  }
  return pids;
}

