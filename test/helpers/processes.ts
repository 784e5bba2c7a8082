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
