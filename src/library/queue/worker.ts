/**
 * `citegraph worker`: takes PDFs from the queue, extracts them in worker threads (the ingest pool) and files them
 * through the Store (library/ingest.ts fileDocument: the same steps as `citegraph ingest`). Any number of
 * workers, on any number of machines, may run against one queue.
 *
 * - Once: a job is the PDF's sha1. A job whose sha1 the library holds completes without filing — checked when
 *   it is taken and again before filing, for a job taken anew after its worker seemed dead — and filing the
 *   same sha1 twice would change nothing anyway (the store's documents are keyed by it).
 * - Retries: a try that may go better next time (a time-out, a crashed reader, a store that refused) is failed
 *   and pg-boss tries again after a growing pause; a PDF that is plainly bad fails for good at once.
 * - Dead letters: a job failed for good lands in the dead-letter queue with its reason; workers take those too
 *   and record the failure in the library, so `citegraph failures` lists it. A job whose worker died on its
 *   last try reaches the same place through pg-boss's expiry, so this is the one path for every failure.
 * - Stopping: stop() takes no new job and lets the current ones finish; giveBack() returns them untried.
 */
import { failureReason } from "../../errors.ts";
import type { Store } from "../../store/types.ts";
import { ExtractPool } from "../extract-pool.ts";
import { fileDocument, type IngestStatus } from "../ingest.ts";
import type { PdfCopies } from "../pdf-copies.ts";
import type { IngestQueue } from "./ingest-queue.ts";
import { DEAD_LETTER_QUEUE, INGEST_QUEUE, type IngestJobData } from "./job.ts";
import { dropPdf, getPdf } from "./pdf-bytes.ts";
import { isIdle, queueStatus } from "./status.ts";
import { giveBack, makeLastTry } from "./tables.ts";
import { WorkerTime, type WorkerTimeSummary } from "./worker-time.ts";

export interface WorkerOptions {
  /** Extraction threads; the worker holds twice as many jobs, so that filing one never leaves a thread idle. */
  concurrency: number;
  /** Stop when nothing waits or runs in the queue (batch runs, tests); else wait for work until stopped. */
  exitWhenIdle?: boolean;
  /**
   * The library's PDF copies (pdf-copies.ts): a filed PDF's bytes move there from the queue's table, which only
   * stages them — one copy of each PDF, where the library keeps its own (its folder, or its database).
   */
  copies: PdfCopies;
  /** Pause between looks at an empty queue, in milliseconds. */
  pollMs?: number;
  onJob?: (e: WorkerEvent) => void;
}

/** `retrying`: failed this try, another follows; `failed`: for good (dead letter); `recorded`: a dead letter filed. */
export type WorkerStatus = Exclude<IngestStatus, "failed"> | "retrying" | "failed" | "recorded";

export interface WorkerEvent {
  name: string;
  sha1: string;
  status: WorkerStatus;
  reason?: string;
  title?: string;
  pages?: number;
  references?: number;
}

export type WorkerReport = Record<WorkerStatus, number>;

type Job = {
  id: string;
  data: IngestJobData;
  retryCount: number;
  retryLimit: number;
  expireInSeconds: number;
  output?: unknown;
};

/** Extraction failures that may not happen again on another try; every other code is the PDF's own. */
const TRANSIENT = new Set(["timeout", "crash"]);

/** Queue calls failing in a row (the database gone) before the worker gives up. */
const MAX_QUEUE_ERRORS = 10;
const MAX_PAUSE_MS = 30_000;
/**
 * How often a busy worker looks for dead letters: a look is a statement on the queue, and dead letters are rare,
 * so not before every job. A worker with nothing else to take looks every time; one that found a dead letter
 * looks again at once.
 */
const DEAD_LETTER_LOOK_MS = 5_000;

export class QueueWorker {
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private readonly current = new Set<string>();
  private readonly pool: ExtractPool;
  private readonly time = new WorkerTime();
  /** When a look at the dead-letter queue last found it empty. */
  private deadLettersEmptyAt = Number.NEGATIVE_INFINITY;
  readonly report: WorkerReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    retrying: 0,
    failed: 0,
    recorded: 0,
  };

  constructor(
    private readonly store: Store,
    private readonly queue: IngestQueue,
    private readonly opts: WorkerOptions,
  ) {
    this.pool = new ExtractPool(Math.max(1, opts.concurrency));
  }

  /** Works until stopped, or (exitWhenIdle) until the queue is empty; the counts of what it did. */
  async run(): Promise<WorkerReport> {
    await this.opts.copies.tidy();
    try {
      // Two lanes a thread, as ingest reads ahead: while one lane files its document and talks to the queue
      // (round trips, the writers' lock), the other keeps the thread extracting.
      const lanes = 2 * Math.max(1, this.opts.concurrency);
      await Promise.all(Array.from({ length: lanes }, () => this.lane()));
    } finally {
      await this.pool.close();
    }
    return this.report;
  }

  /** Where this worker's time went so far (worker-time.ts). */
  timeSummary(): WorkerTimeSummary {
    return this.time.summary(this.pool.busyMs, this.pool.size);
  }

  /** Takes no new job; the current ones finish, then run() returns. */
  stop(): void {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
  }

  /** Returns the jobs in hand to the queue, untried (before the process exits without finishing them). */
  async giveBack(): Promise<number> {
    this.stop();
    return giveBack(this.queue.db, this.queue.schema, INGEST_QUEUE, [...this.current]);
  }

  private async lane(): Promise<void> {
    let errors = 0;
    while (!this.stopping) {
      let worked: boolean;
      try {
        worked =
          (this.deadLetterLookDue() && (await this.takeDeadLetter())) ||
          (await this.takeJob()) ||
          (await this.takeDeadLetter());
        errors = 0;
      } catch (e) {
        // The queue's database unreachable: a few tries with growing pauses, then the worker fails.
        if (++errors >= MAX_QUEUE_ERRORS) throw e;
        await this.pause(Math.min(MAX_PAUSE_MS, (this.opts.pollMs ?? 1000) * 2 ** errors));
        continue;
      }
      if (worked) continue;
      if (
        this.opts.exitWhenIdle &&
        isIdle(await this.time.time("queue", () => queueStatus(this.queue.db, this.queue.schema)))
      )
        return;
      await this.time.time("idle", () => this.pause(this.opts.pollMs ?? 1000));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private emit(e: WorkerEvent): void {
    this.report[e.status]++;
    this.opts.onJob?.(e);
  }

  private async fetch(queue: string): Promise<Job | undefined> {
    const [job] = await this.time.time("queue", () =>
      this.queue.boss.fetch<IngestJobData>(queue, { batchSize: 1, includeMetadata: true }),
    );
    return job as Job | undefined;
  }

  private async held(sha1: string): Promise<boolean> {
    return (await this.store.knownSha1s([sha1])).has(sha1);
  }

  private async takeJob(): Promise<boolean> {
    const job = await this.fetch(INGEST_QUEUE);
    if (!job) return false;
    this.time.jobs++;
    this.current.add(job.id);
    try {
      await this.ingest(job);
    } catch (e) {
      // Anything unforeseen (the library's database gone mid-way): this try failed, another follows.
      await this.fail(job, failureReason("not-stored", (e as Error).message), true);
    } finally {
      this.current.delete(job.id);
    }
    return true;
  }

  private async ingest(job: Job): Promise<void> {
    const { sha1, name } = job.data;
    if (await this.time.time("queue", () => this.held(sha1)))
      return this.complete(job, { name, sha1, status: "skipped" });
    const bytes = await this.time.time("queue", () => getPdf(this.queue.db, this.queue.schema, sha1));
    if (!bytes)
      return this.fail(
        job,
        failureReason("unreadable", "its copy is gone from the queue's database (queue the file again)"),
        false,
      );
    const reply = await this.time.time("extract", () =>
      this.pool.extract(bytes, job.data.limits, job.data.timeoutMs),
    );
    if (!reply.doc)
      return this.fail(
        job,
        failureReason(reply.error.code, reply.error.message),
        TRANSIENT.has(reply.error.code),
      );
    // Filed meanwhile by a worker that took this job when it seemed dead (it was slow, not dead).
    if (await this.time.time("file", () => this.held(sha1)))
      return this.complete(job, { name, sha1, status: "skipped" });
    const doc = reply.doc;
    const filed = await this.time.time("file", () =>
      fileDocument(this.store, doc, name, { bytes, sha1 }, this.opts.copies),
    );
    if (filed.status === "failed") return this.fail(job, filed.reason, true);
    await this.complete(job, {
      name,
      sha1,
      status: filed.status,
      title: doc.item.title,
      pages: doc.pages,
      references: doc.references.length,
    });
  }

  /**
   * The job is done: its staged bytes go, the library keeping its own copy (dropped before completing: a kill in
   * between leaves a job that completes as held).
   */
  private async complete(job: Job, e: WorkerEvent): Promise<void> {
    await this.time.time("queue", async () => {
      await dropPdf(this.queue.db, this.queue.schema, e.sha1);
      await this.queue.boss.complete(INGEST_QUEUE, job.id, { status: e.status, title: e.title });
    });
    this.emit(e);
  }

  /** This try failed: tried again later when `again` and tries are left, else failed for good (dead letter). */
  private async fail(job: Job, reason: string, again: boolean): Promise<void> {
    if (!again) await makeLastTry(this.queue.db, this.queue.schema, INGEST_QUEUE, job.id);
    await this.queue.boss.fail(INGEST_QUEUE, job.id, { reason });
    const last = !again || job.retryCount >= job.retryLimit;
    this.emit({ name: job.data.name, sha1: job.data.sha1, status: last ? "failed" : "retrying", reason });
  }

  private deadLetterLookDue(): boolean {
    return performance.now() - this.deadLettersEmptyAt >= DEAD_LETTER_LOOK_MS;
  }

  /** A job failed for good: its failure recorded in the library, its queued bytes dropped. */
  private async takeDeadLetter(): Promise<boolean> {
    const dead = await this.fetch(DEAD_LETTER_QUEUE);
    if (!dead) {
      this.deadLettersEmptyAt = performance.now();
      return false;
    }
    const { sha1, name } = dead.data;
    const reason = deadLetterReason(dead);
    await this.store.recordFailures([{ source: name, location: name, reason }]);
    await dropPdf(this.queue.db, this.queue.schema, sha1);
    await this.queue.boss.complete(DEAD_LETTER_QUEUE, dead.id);
    this.emit({ name, sha1, status: "recorded", reason });
    return true;
  }
}

/**
 * Why a job failed for good: the reason its worker gave, or — when pg-boss failed it because no worker finished
 * it in time (killed, or stuck) on its last try — that.
 */
export function deadLetterReason(dead: Pick<Job, "output" | "retryLimit">): string {
  const output = dead.output as { reason?: unknown } | null | undefined;
  if (typeof output?.reason === "string") return output.reason;
  return failureReason(
    "timeout",
    `no worker finished it in the time a job is given, ${dead.retryLimit + 1} times (a worker killed, or stuck)`,
  );
}
