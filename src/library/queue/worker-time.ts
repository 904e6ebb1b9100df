/**
 * Where a queue worker's time goes, so that an operator (and bench/workers.bench.ts) can see why a worker is not
 * faster: the wall time of its lanes by phase (talking to the queue, extracting, filing, idle), how busy its
 * extraction threads and its main thread were, and the CPU the process used. Counting costs two clock reads a
 * phase; nothing here changes what the worker does.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/**
 * A lane's phases: `queue` takes, completes and fails jobs and reads their PDFs (round trips to the queue's
 * database); `extract` waits for a thread's extraction (a free thread included); `file` writes the library
 * (waiting for the writers' lock included); `idle` is a lane with nothing to take, pausing.
 */
export type Phase = "queue" | "extract" | "file" | "idle";

export interface WorkerTimeSummary {
  seconds: number;
  /** Jobs taken (finished, failed or skipped). */
  jobs: number;
  /** Lane milliseconds a job, by phase (lanes run side by side, so these add up to lanes × wall a job). */
  perJobMs: Record<Phase, number>;
  /** Share of the wall time the extraction threads spent extracting (1: always busy). */
  threadsBusy: number;
  /** Share of the wall time the main thread's event loop was running code (filing, queue, copies). */
  mainBusy: number;
  /** CPU seconds of the whole process (every thread) a job. */
  cpuPerJobSeconds: number;
  /** Of those, the main thread's (Linux only: undefined where /proc cannot be read). */
  mainCpuPerJobSeconds?: number;
}

/** Clock ticks a second of /proc's times (USER_HZ: 100 on Linux). */
export const PROC_TICKS = 100;

/**
 * A process's or thread's CPU in clock ticks from its /proc stat file (`path`): `own` is utime + stime, `children`
 * the reaped children's cutime + cstime. Linux only; throws where the file cannot be read.
 */
export function procStatTicks(path: string): { own: number; children: number } {
  const stat = readFileSync(path, "utf8");
  // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name, which may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
}

/**
 * The CPU seconds the main thread has used (its utime + stime in /proc: the main thread's task id is the
 * process id), or undefined where there is no /proc. process.cpuUsage() counts every thread of the process.
 */
function mainThreadCpuSeconds(): number | undefined {
  try {
    return procStatTicks(`/proc/self/task/${process.pid}/stat`).own / PROC_TICKS;
  } catch {
    return undefined;
  }
}

export class WorkerTime {
  private readonly ms: Record<Phase, number> = { queue: 0, extract: 0, file: 0, idle: 0 };
  private readonly started = performance.now();
  private readonly loop = performance.eventLoopUtilization();
  private readonly cpu = process.cpuUsage();
  private readonly mainCpu = mainThreadCpuSeconds();
  jobs = 0;

  /** Runs `fn`, counting its wall time to `phase`. */
  async time<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[phase] += performance.now() - t0;
    }
  }

  /** `threadBusyMs`: the extraction threads' time spent extracting, of `threads` threads. */
  summary(threadBusyMs: number, threads: number): WorkerTimeSummary {
    const wallMs = performance.now() - this.started;
    const cpu = process.cpuUsage(this.cpu);
    const per = (x: number) => Math.round(x / Math.max(1, this.jobs));
    const mainCpu = mainThreadCpuSeconds();
    return {
      seconds: wallMs / 1000,
      jobs: this.jobs,
      perJobMs: {
        queue: per(this.ms.queue),
        extract: per(this.ms.extract),
        file: per(this.ms.file),
        idle: per(this.ms.idle),
      },
      threadsBusy: threadBusyMs / Math.max(1, wallMs * threads),
      mainBusy: performance.eventLoopUtilization(this.loop).utilization,
      cpuPerJobSeconds: (cpu.user + cpu.system) / 1e6 / Math.max(1, this.jobs),
      mainCpuPerJobSeconds:
        mainCpu === undefined || this.mainCpu === undefined
          ? undefined
          : (mainCpu - this.mainCpu) / Math.max(1, this.jobs),
    };
  }
}

/** The summary as one line, for `citegraph worker`'s output. */
export function formatWorkerTime(s: WorkerTimeSummary): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const p = s.perJobMs;
  return (
    `Worker time: ${s.jobs} jobs in ${s.seconds.toFixed(1)} s; extraction threads busy ${pct(s.threadsBusy)}, ` +
    `main thread ${pct(s.mainBusy)}; CPU ${s.cpuPerJobSeconds.toFixed(3)} s a job` +
    (s.mainCpuPerJobSeconds === undefined ? "" : ` (main thread ${s.mainCpuPerJobSeconds.toFixed(3)})`) +
    "; lane ms a job: " +
    `queue ${p.queue}, extract ${p.extract}, file ${p.file}, idle ${p.idle}`
  );
}
