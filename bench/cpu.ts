/**
 * CPU time, for benches on a machine shared with other work: wall time there drifts with the neighbours' load,
 * while the CPU seconds a run takes (this process, and the PostgreSQL server's processes serving it) move much
 * less. Linux only (/proc); undefined where it cannot be read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

/** Clock ticks a second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** CPU seconds this process has used (user and system). */
export function processCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** utime + stime (and, with `children`, the reaped children's cutime + cstime) of a process, in ticks. */
function ticks(pid: number, children: boolean): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name.
  const own = Number(fields[11]) + Number(fields[12]);
  return children ? own + Number(fields[13]) + Number(fields[14]) : own;
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
    return total / TICKS;
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
  return (ticks(process.pid, true) - ticks(process.pid, false)) / TICKS;
}
