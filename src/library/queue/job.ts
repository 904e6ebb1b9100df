/**
 * One ingest job: a PDF, named by its sha1, with the limits it is read under. The enqueuer decides the limits
 * and the job carries them, so every worker, on whichever machine, reads a PDF exactly as `citegraph ingest`
 * with the same options would — and the job's expiry can be set from its own time limit.
 */
import type { PdfLimits } from "../../pdf/types.ts";

/** The PostgreSQL schema of the queue: pg-boss's tables and the queued PDFs (queue/ingest-queue.ts). */
export const QUEUE_SCHEMA = "citegraph_queue";

/** The queue of PDFs to ingest, and the dead-letter queue a job lands in after its last try, with the reason. */
export const INGEST_QUEUE = "ingest";
export const DEAD_LETTER_QUEUE = "ingest-dead";

export interface IngestJobData {
  sha1: string;
  /** The path the PDF was queued from: the document's source, and where failures are listed. */
  name: string;
  /** The PDF's size (jobs queued before it was recorded have none). */
  bytes?: number;
  limits: Pick<PdfLimits, "maxPages" | "maxBytes">;
  /** Time extraction may take, in milliseconds. */
  timeoutMs: number;
}

export interface RetryPolicy {
  /** Tries after the first. */
  retries: number;
  /** Seconds before the first retry; each later one waits about twice as long (pg-boss's retryBackoff). */
  retryDelaySeconds: number;
  /** Seconds a job may stay with one worker before another gets it (default: expirySeconds of its time limit). */
  expirySeconds?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, retryDelaySeconds: 10 };

/** A job waits this long to be taken before pg-boss archives it unprocessed: a long backlog must not vanish. */
const RETENTION_DAYS = 90;

/** pg-boss refuses an expiry of a day or more. */
const MAX_EXPIRY_SECONDS = 23 * 3600;

/**
 * How long a job may stay active before it is taken from its worker and tried again: the extraction limit plus
 * as much again for reading the PDF from the queue and filing it (at least a minute: a SQLite library's writer may
 * wait for another's lock). Only a dead or stuck worker reaches it; an expiry that comes too early costs a
 * second extraction, never a second document (a job whose sha1 the library holds completes without filing).
 */
export function expirySeconds(timeoutMs: number): number {
  const timeout = Math.ceil(timeoutMs / 1000);
  return Math.min(MAX_EXPIRY_SECONDS, timeout + Math.max(60, timeout));
}

/**
 * The job's id, made from the PDF's sha1 (its first 128 bits as a UUID): pg-boss inserts a job whose id exists
 * as nothing, so the same PDF queued twice — by two commands at once too — is one job, by the primary key.
 */
export function jobId(sha1: string): string {
  if (!/^[0-9a-f]{40}$/.test(sha1)) throw new Error(`not a sha1: ${sha1}`);
  return `${sha1.slice(0, 8)}-${sha1.slice(8, 12)}-${sha1.slice(12, 16)}-${sha1.slice(16, 20)}-${sha1.slice(20, 32)}`;
}

/**
 * A job's priority (pg-boss takes the highest first): larger PDFs first, as their size in KiB. A batch ends when
 * its slowest job ends, and the large PDFs are the slow ones: taken first, the last jobs of a batch are short
 * ones, and no worker waits long, idle, for another's last PDF (longest first, as schedulers do).
 */
export function jobPriority(data: Pick<IngestJobData, "bytes">): number {
  return Math.min(2 ** 31 - 1, Math.floor((data.bytes ?? 0) / 1024));
}

/** pg-boss's send options for a job. */
export function jobOptions(data: IngestJobData, retry: RetryPolicy) {
  return {
    id: jobId(data.sha1),
    priority: jobPriority(data),
    retryLimit: retry.retries,
    retryDelay: retry.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: Math.min(MAX_EXPIRY_SECONDS, retry.expirySeconds ?? expirySeconds(data.timeoutMs)),
    deadLetter: DEAD_LETTER_QUEUE,
    retentionDays: RETENTION_DAYS,
  };
}
