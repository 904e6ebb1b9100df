/**
 * Uploads through the ingest queue: when the server has a queue (`serve --queue`, CITEGRAPH_QUEUE, a PostgreSQL
 * library), an uploaded PDF is read, checked and queued as `citegraph ingest --queue` queues a file — its bytes
 * in the queue's database, one job per sha1 — and any `citegraph worker` files it. Nothing waits in the server's
 * memory or on its disk, so any number of server processes can take uploads.
 *
 * The progress page is shared as well: each upload is a row of `citegraph_queue.uploads` (the last UPLOADS_KEPT),
 * naming its PDF's sha1 and so its job, whose state pg-boss keeps; an upload refused at once (not a PDF, already
 * in the library) has its outcome in the row.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../../pdf/types.ts";
import type { Store } from "../../store/types.ts";
import { DEFAULT_TIMEOUT_MS, readFailureReason } from "../ingest.ts";
import { readPdfFile } from "../pdf-files.ts";
import {
  firstKilobyte,
  notPdf,
  safeUploadName,
  type UploadJob,
  type UploadState,
  type Uploads,
} from "../upload-queue.ts";
import { enqueueFile } from "./enqueue.ts";
import type { IngestQueue } from "./ingest-queue.ts";
import { DEFAULT_RETRY, INGEST_QUEUE, jobId, type RetryPolicy } from "./job.ts";
import { type Db, jobStates } from "./tables.ts";

/** Uploads remembered for the progress page (older rows are dropped as new ones come). */
export const UPLOADS_KEPT = 500;
/** Uploads the progress page shows. */
const UPLOADS_SHOWN = 100;

/** Creates the uploads table when missing (under an advisory lock: several processes may start at once). */
export async function createUploadTable(db: Db, schema: string): Promise<void> {
  await db.executeSql(`
    BEGIN;
    SELECT pg_advisory_xact_lock(hashtext('${schema}.uploads'));
    CREATE TABLE IF NOT EXISTS ${schema}.uploads (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      bytes bigint NOT NULL,
      sha1 text,
      outcome text,
      reason text,
      queued_at bigint NOT NULL
    );
    COMMIT;`);
}

interface UploadRow {
  id: number;
  name: string;
  bytes: number;
  sha1: string | null;
  outcome: string | null;
  reason: string | null;
  queued_at: number;
}

export interface QueuedUploadsOptions {
  limits?: Partial<PdfLimits>;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export class QueuedUploads implements Uploads {
  /** Files being received, on this machine until they are read (then deleted). */
  private readonly incoming = mkdtempSync(join(tmpdir(), "citegraph-uploads-"));
  private readonly limits: PdfLimits;

  constructor(
    private readonly store: Store,
    private readonly queue: IngestQueue,
    private readonly options: QueuedUploadsOptions & {
      /** Close the queue with the uploads (a queue opened for them: `citegraph serve`). */
      ownsQueue?: boolean;
    } = {},
  ) {
    this.limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
  }

  /** Uploads onto the queue at `url`, opened for them and closed with them. */
  static async open(store: Store, url: string, options: QueuedUploadsOptions = {}): Promise<QueuedUploads> {
    const { IngestQueue } = await import("./ingest-queue.ts");
    return new QueuedUploads(store, await IngestQueue.open(url), { ...options, ownsQueue: true });
  }

  incomingPath(): string {
    return join(this.incoming, randomUUID());
  }

  /** Queues each file (read, checked, its bytes into the queue) and deletes it; their uploads. */
  async addFiles(files: { name: string; path: string }[]): Promise<UploadJob[]> {
    const added: UploadJob[] = [];
    for (const f of files) {
      try {
        added.push(await this.add(safeUploadName(f.name), f.path));
      } finally {
        await rm(f.path, { force: true });
      }
    }
    return added;
  }

  private async add(name: string, path: string): Promise<UploadJob> {
    const bytes = (await stat(path)).size;
    const source = `upload:${name}`;
    const refuse = async (outcome: "failed" | "skipped", reason: string) => {
      if (outcome === "failed") await this.store.recordFailures([{ source, reason }]);
      return this.remember({ name, bytes, sha1: null, outcome, reason });
    };
    const problem = notPdf(await firstKilobyte(path));
    if (problem) return refuse("failed", problem);
    // Read as ingest reads a file: a .pdf.gz is unpacked (its name says so), within the same limit.
    const named = `${path}.${name.toLowerCase().endsWith(".gz") ? "pdf.gz" : "pdf"}`;
    await rename(path, named);
    let file: { bytes: Uint8Array; sha1: string };
    try {
      file = await readPdfFile(named, this.limits.maxBytes);
    } catch (e) {
      return refuse("failed", readFailureReason(e));
    } finally {
      await rm(named, { force: true });
    }
    const status = await enqueueFile(this.store, this.queue, source, file, {
      limits: this.limits,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: this.options.retry ?? DEFAULT_RETRY,
    });
    if (status === "in library") return refuse("skipped", "already in the library");
    return this.remember({ name, bytes, sha1: file.sha1, outcome: null, reason: null });
  }

  private async remember(row: Omit<UploadRow, "id" | "queued_at">): Promise<UploadJob> {
    const { db, schema } = this.queue;
    const { rows } = await db.executeSql(
      `INSERT INTO ${schema}.uploads (name, bytes, sha1, outcome, reason, queued_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, queued_at`,
      [row.name, row.bytes, row.sha1, row.outcome, row.reason, Date.now()],
    );
    const id = Number(rows[0].id);
    await db.executeSql(`DELETE FROM ${schema}.uploads WHERE id <= $1`, [id - UPLOADS_KEPT]);
    const [job] = await this.describe([{ ...row, id, queued_at: Number(rows[0].queued_at) }]);
    return job;
  }

  async list(): Promise<UploadJob[]> {
    const { db, schema } = this.queue;
    const { rows } = await db.executeSql(
      `SELECT id, name, bytes, sha1, outcome, reason, queued_at FROM ${schema}.uploads ORDER BY id DESC LIMIT $1`,
      [UPLOADS_SHOWN],
    );
    return this.describe(
      rows.map((r) => ({
        ...(r as unknown as UploadRow),
        id: Number(r.id),
        bytes: Number(r.bytes),
        queued_at: Number(r.queued_at),
      })),
    );
  }

  /** Uploads as the progress page shows them: a queued one in its job's state. */
  private async describe(rows: UploadRow[]): Promise<UploadJob[]> {
    const ids = rows.flatMap((r) => (r.sha1 && !r.outcome ? [jobId(r.sha1)] : []));
    const states = await jobStates(this.queue.db, this.queue.schema, INGEST_QUEUE, ids);
    return rows.map((r) => {
      const job: UploadJob = {
        id: r.id,
        name: r.name,
        bytes: r.bytes,
        state: "queued",
        queuedAt: r.queued_at,
      };
      if (r.outcome) return { ...job, state: r.outcome as UploadState, reason: r.reason ?? undefined };
      const s = states.get(jobId(r.sha1!));
      if (!s) return { ...job, state: "skipped", reason: "its job is no longer in the queue" };
      const out = (s.output ?? {}) as { status?: unknown; title?: unknown; reason?: unknown };
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      switch (s.state) {
        case "created":
          return job;
        case "retry":
          return { ...job, reason: `will try again (${text(out.reason) ?? "a try failed"})` };
        case "active":
          return { ...job, state: "running" };
        case "completed":
          return {
            ...job,
            state: (text(out.status) ?? "added") as UploadState,
            title: text(out.title),
            finishedAt: s.completedOn,
          };
        default:
          return { ...job, state: "failed", reason: text(out.reason) ?? s.state, finishedAt: s.completedOn };
      }
    });
  }

  /** Files still arriving are dropped; what was queued stays queued (it is the workers'). */
  async close(): Promise<void> {
    rmSync(this.incoming, { recursive: true, force: true });
    if (this.options.ownsQueue) await this.queue.close();
  }
}
