/** `citegraph ingest --queue`, `citegraph worker` and `citegraph queue`: the command-line shells over library/queue/. */
import { availableParallelism } from "node:os";
import { libraryPdfCopies } from "../library/pdf-copies.ts";
import { enqueuePaths } from "../library/queue/enqueue.ts";
import { IngestQueue } from "../library/queue/ingest-queue.ts";
import { DEFAULT_RETRY, type RetryPolicy } from "../library/queue/job.ts";
import { QueueMonitor } from "../library/queue/monitor.ts";
import { type QueueStatus, statusJson } from "../library/queue/status.ts";
import { QueueWorker, type WorkerEvent } from "../library/queue/worker.ts";
import { formatWorkerTime } from "../library/queue/worker-time.ts";
import type { Store } from "../store/types.ts";
import { oneLine } from "./format.ts";
import type { IngestCliOptions } from "./ingest.ts";
import { formatEta } from "./progress.ts";

export interface EnqueueCliOptions extends IngestCliOptions {
  retries?: number;
  retryDelay?: number;
  jobExpiry?: number;
}

function openQueue(url: string, maintain = false) {
  return IngestQueue.open(url, {
    maintain,
    maintenanceSeconds: 10,
    onError: (e) => process.stderr.write(`citegraph: the queue: ${oneLine(e.message)}\n`),
  });
}

export async function runEnqueue(
  store: Store,
  queueUrl: string,
  paths: string[],
  opts: EnqueueCliOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream = process.stderr,
): Promise<void> {
  const retry: RetryPolicy = {
    retries: opts.retries ?? DEFAULT_RETRY.retries,
    retryDelaySeconds: opts.retryDelay ?? DEFAULT_RETRY.retryDelaySeconds,
    expirySeconds: opts.jobExpiry,
  };
  const queue = await openQueue(queueUrl);
  try {
    const started = Date.now();
    const r = await enqueuePaths(store, queue, paths, {
      limits: { maxPages: opts.maxPages, maxBytes: opts.maxMb * 1024 * 1024 },
      timeoutMs: opts.timeout * 1000,
      retry,
      onFile: (e) =>
        err.write(
          `[${e.done}/${e.total}] ${oneLine(e.path)}: ${e.status}${e.reason ? ` — ${oneLine(e.reason)}` : ""}\n`,
        ),
    });
    out.write(
      `Queued ${r.queued + r.requeued} of ${r.files} PDF(s) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.queued} queued, ${r.requeued} queued again, ${r["already queued"]} already queued, ${r["in library"]} already in the library, ${r.failed} failed\n`,
    );
  } finally {
    await queue.close();
  }
}

export interface WorkerCliOptions {
  concurrency?: number;
  exitWhenIdle?: boolean;
}

function workerLine(e: WorkerEvent): string {
  const what =
    e.status === "added" || e.status === "updated" || e.status === "unchanged"
      ? `${JSON.stringify(e.title ?? "")}, ${e.pages} pages, ${e.references} references`
      : e.status === "skipped"
        ? "already in the library"
        : oneLine(e.reason ?? "");
  return `${oneLine(e.name)}: ${e.status === "recorded" ? "failed, recorded" : e.status} — ${what}\n`;
}

/**
 * Runs a worker until it is stopped (or, with --exit-when-idle, the queue is empty). The first SIGINT or SIGTERM
 * lets the current jobs finish; a second gives them back to the queue and exits at once.
 */
export async function runWorker(
  store: Store,
  library: string,
  queueUrl: string,
  opts: WorkerCliOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream = process.stderr,
): Promise<void> {
  const queue = await openQueue(queueUrl, true);
  const copies = libraryPdfCopies(library);
  const worker = new QueueWorker(store, queue, {
    concurrency: opts.concurrency ?? availableParallelism(),
    exitWhenIdle: opts.exitWhenIdle,
    // Where the library keeps its PDFs: a SQLite library's folder, a PostgreSQL library's own table.
    copies,
    onJob: (e) => err.write(workerLine(e)),
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals === 1) {
      err.write(
        `citegraph worker: ${signal}: finishing the job(s) in hand (${signal} again: give them back and stop now)\n`,
      );
      worker.stop();
      return;
    }
    void worker
      .giveBack()
      .then((n) => err.write(`citegraph worker: gave ${n} job(s) back to the queue\n`))
      .finally(() => process.exit(128 + (signal === "SIGINT" ? 2 : 15)));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const started = Date.now();
  try {
    const r = await worker.run();
    out.write(
      `Worker done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped (already in the library), ${r.retrying} to be tried again, ${r.failed} failed (${r.recorded} failures recorded)\n`,
    );
    out.write(`${formatWorkerTime(worker.timeSummary())}\n`);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await queue.close();
    await copies.close();
  }
}

export function formatStatus(s: QueueStatus): string {
  const rate = s.ratePerMinute > 0 ? `${s.ratePerMinute.toFixed(1)} PDFs/min` : "-";
  return [
    `Waiting:  ${s.waiting}${s.retrying ? ` (${s.retrying} to be tried again)` : ""}`,
    `Active:   ${s.active}`,
    `Done:     ${s.done}`,
    `Failed:   ${s.failed}${s.deadLettersPending ? ` (${s.deadLettersPending} not yet recorded)` : ""}`,
    `Rate:     ${rate}`,
    `ETA:      ${s.etaSeconds === undefined ? "-" : formatEta(s.etaSeconds)}`,
  ].join("\n");
}

export async function runQueueStatus(
  queueUrl: string,
  json: boolean,
  out: NodeJS.WritableStream,
): Promise<void> {
  const monitor = new QueueMonitor(queueUrl);
  try {
    const s = await monitor.status();
    out.write(json ? `${JSON.stringify(statusJson(s))}\n` : `${formatStatus(s)}\n`);
  } finally {
    await monitor.close();
  }
}
