/**
 * CPU time, for benches on a machine shared with other work: wall time there drifts with the neighbours' load,
 * while the CPU seconds a run takes (this process, and the PostgreSQL server's processes serving it) move much
 * less. Linux only (/proc); undefined where it cannot be read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { PROC_TICKS, procStatTicks } from "../src/library/queue/worker-time.ts";

/** CPU seconds this process has used (user and system). */
export function processCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** utime + stime (and, with `children`, the reaped children's cutime + cstime) of a process, in ticks. */
function ticks(pid: number, children: boolean): number {
  const t = procStatTicks(`/proc/${pid}/stat`);
  return children ? t.own + t.children : t.own;
}

/**
 * A local PostgreSQL server's CPU seconds so far: its postmaster and its live processes, and every process of it
 * that ended (reaped by the postmaster: its children's times). Undefined for a server on another machine or
 * one whose data directory cannot be read.
 */
export async function serverCpuSeconds(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('data_directory') AS dir");
    const postmaster = Number(readFileSync(join(rows[0].dir, "postmaster.pid"), "utf8").split("\n")[0]);
    let total = ticks(postmaster, true);
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) {
      try {
        total += ticks(Number(child), false);
      } catch {
        // Ended meanwhile: counted in the postmaster's children's times once reaped.
      }
    }
    return total / PROC_TICKS;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * CPU seconds of this process's children that have ended and been waited for (cutime + cstime): the CLI
 * processes a bench ran, threads included, counted once they exit.
 */
export function endedChildrenCpuSeconds(): number {
  return (ticks(process.pid, true) - ticks(process.pid, false)) / PROC_TICKS;
}
