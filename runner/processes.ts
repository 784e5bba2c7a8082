/**
 * Finding and ending every process a kernel started, however it tried to get away: a cell's
 * child may start its own session (`detached: true`), ignore SIGTERM, or outlive the kernel and
 * be re-parented. Each kernel gets an environment marker that all its descendants inherit, so
 * on Linux they are found through /proc even after re-parenting; elsewhere the process tree
 * (from `ps`) and the kernel's process group are what can be reached. Everything here is
 * synchronous so it can run in a signal handler.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** The environment variable that marks every process started by one kernel. */
export const KERNEL_MARKER_VAR = "NN_COURSE_KERNEL";

interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
}

const hasProc = existsSync("/proc/self/stat");

/** `/proc/PID/stat` fields after the command name: state, ppid, pgrp, session, ... */
function statFields(pid: number | "self"): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself contain ") ".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Every process this user can see, with its parent and group (empty if that cannot be told). */
export function processTable(): ProcessInfo[] {
  if (hasProc) {
    const table: ProcessInfo[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = statFields(Number(entry));
      if (!fields || fields[0] === "Z") continue; // a zombie has already exited
      table.push({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]) });
    }
    return table;
  }
  const ps = spawnSync("ps", ["-A", "-o", "pid=,ppid=,pgid="], { encoding: "utf8" });
  if (ps.status !== 0) return [];
  return ps.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((f) => f.length === 3 && f.every(Number.isInteger))
    .map(([pid, ppid, pgrp]) => ({ pid, ppid, pgrp }));
}

/** Process ids of every descendant of `root` (children, their children, ...). */
export function descendantsOf(root: number, table = processTable()): number[] {
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = table.filter((p) => frontier.includes(p.ppid) && !found.includes(p.pid)).map((p) => p.pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** Process ids whose environment has `name=value` (Linux only: elsewhere, none can be told). */
export function processesWithEnv(name: string, value: string): number[] {
  if (!hasProc) return [];
  const needle = `\0${name}=${value}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (`\0${readFileSync(`/proc/${entry}/environ`, "latin1")}`.includes(needle)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids.filter((pid) => statFields(pid)?.[0] !== "Z");
}

/** Sends `signal` and ignores a process that has already gone. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs a kernel (the leader of its own process group) and everything it started: its
 * group, its descendants (found before anything is killed, while they are still its
 * descendants) and every process carrying its environment marker.
 */
export function killProcessTree(options: { pid: number; exited?: boolean; marker?: string }): void {
  const { pid, marker } = options;
  // Once the kernel has been reaped its pid may be reused: then only its group (which lives on
  // while a member does) and its marker are safe to go by.
  const victims = new Set<number>(pid > 0 && !options.exited ? descendantsOf(pid) : []);
  if (marker) for (const p of processesWithEnv(KERNEL_MARKER_VAR, marker)) victims.add(p);
  if (pid > 0) {
    signal(-pid, "SIGKILL");
    if (!options.exited) signal(pid, "SIGKILL");
  }
  for (const p of victims) {
    if (p !== process.pid) signal(p, "SIGKILL");
  }
}

/**
 * The processes of this run above this one: ancestors in the same process group (npm, the
 * shell it started, tsx, ...), stopping at the group's leader. On Linux only; elsewhere just
 * the parent.
 */
export function runAncestors(): number[] {
  if (!hasProc) return [process.ppid];
  const own = statFields("self");
  const pgrp = Number(own?.[2]);
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1) {
    const fields = statFields(pid);
    if (!fields || Number(fields[2]) !== pgrp) break;
    chain.push(pid);
    if (pid === pgrp) break; // the group leader: what started the run
    pid = Number(fields[1]);
  }
  return chain.length > 0 ? chain : [process.ppid];
}

/** True while `pid` exists and has not exited (a zombie has). */
export function isAlive(pid: number): boolean {
  if (hasProc) {
    const fields = statFields(pid);
    return fields !== undefined && fields[0] !== "Z";
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
