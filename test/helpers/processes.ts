import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Process ids of running `tslab kernel` processes whose working directory is `cwd` (Linux /proc). */
export function tslabKernelsIn(cwd: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!cmdline.some((a) => a.endsWith("tslab")) || !cmdline.includes("kernel")) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.split(") ")[1]?.startsWith("Z")) continue; // a zombie has already exited
      if (readlinkSync(`/proc/${entry}/cwd`) === cwd) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** True while a process with this id exists (and is not a zombie). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.split(") ")[1]?.startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * Process ids of running processes whose environment has `name=value` (Linux /proc). A variable
 * the test sets is inherited by every process of the run it starts — npm, tsx, the runner, the
 * kernels and whatever their cells spawn, detached or not — so this finds all of them.
 */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `\0${name}=${value}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!`\0${readFileSync(`/proc/${entry}/environ`, "latin1")}`.includes(needle)) continue;
      if (isRunning(Number(entry))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Polls `check` every 200 ms until it returns true or `ms` have passed; returns its last answer. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}
