/**
 * PDFs uploaded through the web, queued for ingest. The web writes each uploaded file to the queue's incoming
 * folder as it arrives (never whole in memory) and hands it over by path; the queue moves it into a folder of
 * its own (`LIBRARY.uploads/<job>/<name>.pdf`) before the request returns, so a server stopped mid-queue finds
 * the files again when it starts and ingests them then. The ingest itself is `ingestPaths`, the same steps as
 * `citegraph ingest`, one worker thread, one batch at a time. Jobs report their state for the progress page.
 *
 * A file is deleted only once its document is stored or has failed for a reason of its own (corrupt, not a
 * PDF, …). When the library could not be written — busy ("database is locked"), or the ingest stopped as a
 * whole — the job stays queued with its file and is tried again later, waiting longer each time.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { failureReason } from "../errors.ts";
import type { PdfLimits } from "../pdf/types.ts";
import type { Store } from "../store/types.ts";
import { type IngestStatus, ingestPaths } from "./ingest.ts";
import type { PdfCopies } from "./pdf-copies.ts";

export type UploadState = "queued" | "running" | IngestStatus;

export interface UploadJob {
  id: number;
  /** The file's name as uploaded (made safe). */
  name: string;
  bytes: number;
  state: UploadState;
  reason?: string;
  title?: string;
  queuedAt: number;
  finishedAt?: number;
  /** Tries that failed for a passing reason (the library busy), and when the next may start. */
  attempts?: number;
  retryAt?: number;
}

/**
 * Where the web hands uploaded PDFs: ingested in the server's own process (UploadQueue, a SQLite library on one
 * machine), or sent to the ingest queue for any worker (queue/upload-jobs.ts QueuedUploads). The web writes a file
 * to `incomingPath()` as it arrives, then gives it over with `addFiles`; `list()` is the progress page.
 */
export interface Uploads {
  incomingPath(): string;
  addFiles(files: { name: string; path: string }[]): Promise<UploadJob[]>;
  /** The uploads remembered, newest first. */
  list(): UploadJob[] | Promise<UploadJob[]>;
  close(): Promise<void>;
}

export interface UploadQueueOptions {
  /** Folder the uploads wait in. */
  dir: string;
  /** The library's PDF copies. */
  copies?: PdfCopies;
  limits?: Partial<PdfLimits>;
  timeoutMs?: number;
  /** The wait before the first retry after a passing failure; it doubles with each (1 s). */
  retryDelayMs?: number;
}

/** Finished jobs remembered for the progress page. */
const HISTORY = 500;
/** The longest wait between two tries of a job. */
const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;
/** The folder uploads are written to while they arrive (not yet jobs; emptied when the queue starts). */
const INCOMING = "incoming";

/** A file name that cannot leave its folder or surprise a shell, ending in .pdf (or .pdf.gz). */
export function safeUploadName(name: string): string {
  const base = basename(name.replace(/\\/g, "/"))
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/^[._]+/, "")
    .slice(0, 100);
  if (/\.pdf(\.gz)?$/i.test(base)) return base;
  return `${base || "upload"}.pdf`;
}

/** Why these bytes (a file's first KB) are not a PDF, or undefined: uploads are checked before they are queued. */
export function notPdf(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (head.includes("%PDF-")) return undefined;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return undefined; // gzip: a .pdf.gz, checked when read
  return failureReason("not-pdf", "not a PDF (no %PDF- header)");
}

/**
 * Whether an ingest failure says the library could not be written for now (another writer holds it: SQLite's
 * own words, or the store's once its own retries gave up), not that the document is bad: such a job is tried
 * again.
 */
export function isPassingFailure(reason: string | undefined): boolean {
  return (
    !!reason &&
    /database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED|the library is busy/i.test(reason)
  );
}

export async function firstKilobyte(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export class UploadQueue implements Uploads {
  private readonly jobs: UploadJob[] = [];
  private readonly paths = new Map<number, string>();
  private nextId = 1;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: UploadQueueOptions,
  ) {
    mkdirSync(options.dir, { recursive: true });
    // Uploads cut off by a stop never became jobs: nothing there is anyone's.
    rmSync(join(options.dir, INCOMING), { recursive: true, force: true });
    mkdirSync(join(options.dir, INCOMING));
    this.resume();
  }

  /** Files left by a server that stopped before ingesting them are queued again. */
  private resume(): void {
    const left = readdirSync(this.options.dir)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(a) - Number(b));
    for (const d of left) {
      const folder = join(this.options.dir, d);
      const name = readdirSync(folder)[0];
      if (!name) {
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      this.nextId = Math.max(this.nextId, Number(d) + 1);
      this.enqueue(Number(d), name, join(folder, name), statSync(join(folder, name)).size);
    }
    if (this.jobs.length) this.kick();
  }

  private enqueue(id: number, name: string, path: string, bytes: number): UploadJob {
    const job: UploadJob = { id, name, bytes, state: "queued", queuedAt: Date.now() };
    this.jobs.push(job);
    this.paths.set(id, path);
    return job;
  }

  /** A new path in the incoming folder, for a file being received (then given to addFiles). */
  incomingPath(): string {
    return join(this.options.dir, INCOMING, randomUUID());
  }

  /**
   * Queues files for ingest, taking them over: each is moved into its job's folder (from the incoming folder:
   * the same disk, so nothing is copied). A file that is not a PDF fails at once, with the reason, recorded as
   * a failure like any other, and is deleted. Returns their jobs.
   */
  async addFiles(files: { name: string; path: string }[]): Promise<UploadJob[]> {
    const added: UploadJob[] = [];
    for (const f of files) {
      const id = this.nextId++;
      const name = safeUploadName(f.name);
      const bytes = (await stat(f.path)).size;
      const problem = notPdf(await firstKilobyte(f.path));
      if (problem) {
        await rm(f.path, { force: true });
        const now = Date.now();
        const job: UploadJob = {
          id,
          name,
          bytes,
          state: "failed",
          reason: problem,
          queuedAt: now,
          finishedAt: now,
        };
        this.jobs.push(job);
        await this.store.recordFailures([{ source: `upload:${name}`, reason: problem }]);
        added.push(job);
        continue;
      }
      const folder = join(this.options.dir, String(id));
      mkdirSync(folder, { recursive: true });
      const path = join(folder, name);
      await rename(f.path, path);
      added.push(this.enqueue(id, name, path, bytes));
    }
    this.trim();
    this.kick();
    return added;
  }

  /** Every job remembered, newest first. */
  list(): UploadJob[] {
    return [...this.jobs].reverse().map((j) => ({ ...j }));
  }

  /** True while a job waits or runs. */
  busy(): boolean {
    return this.jobs.some((j) => j.state === "queued" || j.state === "running");
  }

  /** Resolves when every queued job has finished, retries included (tests), or once the queue is closed. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      const wait = this.nextStart();
      if (wait === undefined || this.closed) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait)));
    }
  }

  /**
   * Stops: no new batch starts, the one running (if any) is waited for. Jobs still queued keep their files,
   * which the next queue over the same folder takes up (shutdown).
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
  }

  /** Milliseconds until the first queued job may start (≤ 0: now), or undefined when none is queued. */
  private nextStart(): number | undefined {
    const queued = this.jobs.filter((j) => j.state === "queued");
    if (!queued.length) return undefined;
    return Math.min(...queued.map((j) => j.retryAt ?? 0)) - Date.now();
  }

  private kick(): void {
    if (this.running || this.closed) return;
    const wait = this.nextStart();
    if (wait === undefined) return;
    if (wait > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, wait);
      // A retry alone keeps no process alive: a stopped one leaves the file, which the next start takes up.
      this.timer.unref();
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  /** Puts a job back in the queue after a passing failure, to be tried again after a longer wait each time. */
  private retryLater(job: UploadJob, reason: string): void {
    job.attempts = (job.attempts ?? 0) + 1;
    const delay = Math.min(MAX_RETRY_DELAY_MS, (this.options.retryDelayMs ?? 1000) * 2 ** (job.attempts - 1));
    job.retryAt = Date.now() + delay;
    job.state = "queued";
    job.reason = `will try again (${reason})`;
  }

  /**
   * Ingests the jobs due, as one batch. A job's file is deleted once its document is stored or has failed for
   * a reason of its own; a passing failure of the library, or of the ingest as a whole, leaves it queued.
   */
  private async drain(): Promise<void> {
    const now = Date.now();
    const batch = this.jobs.filter((j) => j.state === "queued" && (j.retryAt ?? 0) <= now);
    const byPath = new Map(batch.map((j) => [this.paths.get(j.id)!, j]));
    for (const j of batch) j.state = "running";
    try {
      await ingestPaths(this.store, [...byPath.keys()], {
        jobs: 1,
        copies: this.options.copies,
        limits: this.options.limits,
        timeoutMs: this.options.timeoutMs,
        onDocument: (e) => {
          const job = byPath.get(e.path);
          if (job?.state !== "running") return;
          if (e.status === "failed" && isPassingFailure(e.reason)) return this.retryLater(job, e.reason!);
          job.state = e.status;
          job.reason = e.reason;
          job.title = e.title;
          job.finishedAt = Date.now();
        },
      });
    } catch (e) {
      for (const j of batch)
        if (j.state === "running") this.retryLater(j, `the ingest stopped: ${(e as Error).message}`);
    }
    for (const j of batch) {
      if (j.state === "queued") continue;
      if (j.state === "running") {
        j.state = "failed";
        j.reason = "the ingest did not report this file";
        j.finishedAt = Date.now();
      }
      rmSync(join(this.options.dir, String(j.id)), { recursive: true, force: true });
      this.paths.delete(j.id);
    }
  }

  private trim(): void {
    while (this.jobs.length > HISTORY) {
      const i = this.jobs.findIndex((j) => j.state !== "queued" && j.state !== "running");
      if (i < 0) break;
      this.jobs.splice(i, 1);
    }
  }
}
