/**
 * `citegraph ingest --queue`: PDFs onto the queue. Each file is read as `citegraph ingest` reads it (the same
 * limits), its bytes stored in the queue's database under its sha1, and one job sent for it, its id made from
 * the sha1 — so the same PDF queued twice (or from two paths, or by two commands at once) is one job. A PDF the
 * library already holds is not queued; a file that cannot be read is recorded as failed, as ingest records it.
 */
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../../pdf/types.ts";
import type { Store } from "../../store/types.ts";
import { DEFAULT_TIMEOUT_MS, readFailureReason } from "../ingest.ts";
import { listPdfFiles, readPdfFile } from "../pdf-files.ts";
import type { IngestQueue } from "./ingest-queue.ts";
import {
  DEFAULT_RETRY,
  INGEST_QUEUE,
  type IngestJobData,
  jobId,
  jobOptions,
  type RetryPolicy,
} from "./job.ts";
import { putPdf } from "./pdf-bytes.ts";

export interface EnqueueOptions {
  limits?: Partial<PdfLimits>;
  timeoutMs?: number;
  retry?: RetryPolicy;
  onFile?: (e: EnqueueEvent) => void;
}

/**
 * What became of a file: `queued`; `requeued` (its job had failed for good: it gets one more try); `already
 * queued` (its job waits or runs); `in library` (its sha1 is held: not queued); `failed` (not readable).
 */
export type EnqueueStatus = "queued" | "requeued" | "already queued" | "in library" | "failed";

export interface EnqueueEvent {
  path: string;
  status: EnqueueStatus;
  sha1?: string;
  reason?: string;
  done: number;
  total: number;
}

export type EnqueueReport = Record<EnqueueStatus, number> & { files: number };

export async function enqueuePaths(
  store: Store,
  queue: IngestQueue,
  paths: string[],
  options: EnqueueOptions = {},
): Promise<EnqueueReport> {
  const refused: { path: string; reason: string }[] = [];
  const files = await listPdfFiles(paths, { onRefused: (path, reason) => refused.push({ path, reason }) });
  const limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const report: EnqueueReport = {
    files: files.length + refused.length,
    queued: 0,
    requeued: 0,
    "already queued": 0,
    "in library": 0,
    failed: 0,
  };
  let done = 0;
  const emit = (e: Omit<EnqueueEvent, "done" | "total">) => {
    report[e.status]++;
    options.onFile?.({ ...e, done: ++done, total: report.files });
  };
  const fail = async (path: string, reason: string) => {
    await store.recordFailures([{ source: path, location: path, reason }]);
    emit({ path, status: "failed", reason });
  };

  for (const r of refused) await fail(r.path, r.reason);
  const seen = new Set<string>();
  // One file at a time: a PDF of up to maxBytes is in memory at once, and the database takes it in one statement.
  for (const path of files) {
    let file: { bytes: Uint8Array; sha1: string };
    try {
      file = await readPdfFile(path, limits.maxBytes);
    } catch (e) {
      await fail(path, readFailureReason(e));
      continue;
    }
    const { sha1 } = file;
    if (seen.has(sha1)) {
      emit({ path, sha1, status: "already queued", reason: "the same PDF as another file of this run" });
      continue;
    }
    seen.add(sha1);
    emit({ path, sha1, status: await enqueueFile(store, queue, path, file, { limits, timeoutMs, retry }) });
  }
  return report;
}

/**
 * Queues one PDF read already (its bytes within `how.limits`), under `name` — its document's source: stored and
 * sent, unless the library holds its sha1. Also the way of the web's uploads when the server has a queue.
 */
export async function enqueueFile(
  store: Store,
  queue: IngestQueue,
  name: string,
  file: { bytes: Uint8Array; sha1: string },
  how: { limits: PdfLimits; timeoutMs: number; retry: RetryPolicy },
): Promise<EnqueueStatus> {
  if ((await store.knownSha1s([file.sha1])).has(file.sha1)) return "in library";
  return send(queue, name, file, how);
}

/** Stores the PDF's bytes and sends its job; what became of it. */
async function send(
  queue: IngestQueue,
  path: string,
  file: { bytes: Uint8Array; sha1: string },
  how: { limits: PdfLimits; timeoutMs: number; retry: RetryPolicy },
): Promise<EnqueueStatus> {
  // The bytes first: a job is never there without its PDF (bytes without a job are taken up by the next send).
  await putPdf(queue.db, queue.schema, file.sha1, path, file.bytes);
  const data: IngestJobData = {
    sha1: file.sha1,
    name: path,
    bytes: file.bytes.byteLength,
    limits: { maxPages: how.limits.maxPages, maxBytes: how.limits.maxBytes },
    timeoutMs: how.timeoutMs,
  };
  if (await queue.boss.send(INGEST_QUEUE, data, jobOptions(data, how.retry))) return "queued";
  // Its id is taken: the job is there already. One that failed for good gets one more try; one that finished
  // while the library does not hold the PDF (the library was replaced, or the document removed) is sent anew.
  const existing = await queue.boss.getJobById(INGEST_QUEUE, jobId(file.sha1));
  if (existing?.state === "failed") {
    await queue.boss.retry(INGEST_QUEUE, existing.id);
    return "requeued";
  }
  if (existing?.state === "completed" || existing?.state === "cancelled") {
    await queue.boss.deleteJob(INGEST_QUEUE, existing.id);
    if (await queue.boss.send(INGEST_QUEUE, data, jobOptions(data, how.retry))) return "requeued";
  }
  return "already queued";
}
