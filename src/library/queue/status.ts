/**
 * A queue's progress, as `citegraph queue` and the admin page show it: jobs waiting (new, or waiting to be
 * retried), active, done, failed for good; the pace over the last minutes and the time left at that pace.
 */
import { DEAD_LETTER_QUEUE, INGEST_QUEUE } from "./job.ts";
import { countStates, type Db, installed, recentlyFinished } from "./tables.ts";

export interface QueueStatus {
  waiting: number;
  /** Of `waiting`, those that failed a try and wait for the next. */
  retrying: number;
  active: number;
  done: number;
  failed: number;
  /** Jobs finished a minute, over the last RATE_WINDOW_MINUTES (or since the first of them started). */
  ratePerMinute: number;
  /** Seconds until waiting and active jobs are done at that pace; undefined while nothing finishes. */
  etaSeconds?: number;
  /** Failed jobs whose failure workers have not yet recorded in the library (`citegraph failures`). */
  deadLettersPending: number;
}

export const RATE_WINDOW_MINUTES = 5;

/** The numbers of the queue in `schema`; all zero when no queue was ever made there. */
export async function queueStatus(db: Db, schema: string): Promise<QueueStatus> {
  const status: QueueStatus = {
    waiting: 0,
    retrying: 0,
    active: 0,
    done: 0,
    failed: 0,
    ratePerMinute: 0,
    deadLettersPending: 0,
  };
  if (!(await installed(db, schema))) return status;
  for (const { queue, state, n } of await countStates(db, schema, [INGEST_QUEUE, DEAD_LETTER_QUEUE])) {
    if (queue === DEAD_LETTER_QUEUE) {
      if (state === "created" || state === "retry" || state === "active") status.deadLettersPending += n;
      continue;
    }
    if (state === "created") status.waiting += n;
    else if (state === "retry") {
      status.waiting += n;
      status.retrying += n;
    } else if (state === "active") status.active += n;
    else if (state === "completed") status.done += n;
    else if (state === "failed") status.failed += n;
  }
  const recent = await recentlyFinished(db, schema, INGEST_QUEUE, RATE_WINDOW_MINUTES * 60);
  // A pace needs some time behind it: less than a few seconds would make one job look like hundreds a minute.
  if (recent.n > 0) status.ratePerMinute = (recent.n * 60) / Math.max(recent.seconds, 10);
  const left = status.waiting + status.active;
  if (status.ratePerMinute > 0) status.etaSeconds = Math.round((left * 60) / status.ratePerMinute);
  return status;
}

/** Whether a worker waiting with `--exit-when-idle` may stop: nothing waits, runs, or waits to be recorded. */
export function isIdle(s: QueueStatus): boolean {
  return s.waiting === 0 && s.active === 0 && s.deadLettersPending === 0;
}

/** The status as `citegraph queue --json` prints it. */
export function statusJson(s: QueueStatus) {
  return {
    waiting: s.waiting,
    retrying: s.retrying,
    active: s.active,
    done: s.done,
    failed: s.failed,
    rate_per_minute: Math.round(s.ratePerMinute * 10) / 10,
    eta_seconds: s.etaSeconds ?? null,
    dead_letters_pending: s.deadLettersPending,
  };
}
