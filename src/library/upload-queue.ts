/**
 * PDFs uploaded through the web, queued for ingest. Each upload is written to the library's upload folder
 * (`LIBRARY.uploads/<job>/<name>.pdf`) before the request returns, so a server stopped mid-queue finds the files
 * again when it starts and ingests them then; the ingest itself is `ingestPaths`, the same steps as
 * `citegraph ingest`, one worker thread, one batch at a time. Jobs report their state for the progress page.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { PdfLimits } from "../pdf/types.ts";
import type { Store } from "../store/types.ts";
import { type IngestStatus, ingestPaths } from "./ingest.ts";

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
}

export interface UploadQueueOptions {
  /** Folder the uploads wait in. */
  dir: string;
  /** Folder of the library's PDF copies. */
  fileStore?: string;
  limits?: Partial<PdfLimits>;
  timeoutMs?: number;
}

/** Finished jobs remembered for the progress page. */
const HISTORY = 500;

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

/** Why these bytes are not a PDF, or undefined: uploads are checked before they are queued. */
export function notPdf(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (head.includes("%PDF-")) return undefined;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return undefined; // gzip: a .pdf.gz, checked when read
  return "not a PDF (no %PDF- header)";
}

export class UploadQueue {
  private readonly jobs: UploadJob[] = [];
  private readonly paths = new Map<number, string>();
  private nextId = 1;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: UploadQueueOptions,
  ) {
    mkdirSync(options.dir, { recursive: true });
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

  /**
   * Queues uploaded files for ingest (a file that is not a PDF fails at once, with the reason, and is recorded
   * as a failure like any other). Returns their jobs.
   */
  async add(files: { name: string; bytes: Uint8Array }[]): Promise<UploadJob[]> {
    const added: UploadJob[] = [];
    for (const f of files) {
      const id = this.nextId++;
      const name = safeUploadName(f.name);
      const problem = notPdf(f.bytes);
      if (problem) {
        const job: UploadJob = {
          id,
          name,
          bytes: f.bytes.length,
          state: "failed",
          reason: problem,
          queuedAt: Date.now(),
          finishedAt: Date.now(),
        };
        this.jobs.push(job);
        await this.store.recordFailures([{ source: `upload:${name}`, reason: problem }]);
        added.push(job);
        continue;
      }
      const folder = join(this.options.dir, String(id));
      mkdirSync(folder, { recursive: true });
      const path = join(folder, name);
      await writeFile(path, f.bytes);
      added.push(this.enqueue(id, name, path, f.bytes.length));
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

  /** Resolves when every queued job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running || !this.jobs.some((j) => j.state === "queued")) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  /** Ingests what is queued, as one batch; files are deleted once their document is stored or has failed. */
  private async drain(): Promise<void> {
    const batch = this.jobs.filter((j) => j.state === "queued");
    const byPath = new Map(batch.map((j) => [this.paths.get(j.id)!, j]));
    for (const j of batch) j.state = "running";
    try {
      await ingestPaths(this.store, [...byPath.keys()], {
        jobs: 1,
        fileStore: this.options.fileStore,
        limits: this.options.limits,
        timeoutMs: this.options.timeoutMs,
        onDocument: (e) => {
          const job = byPath.get(e.path);
          if (!job) return;
          job.state = e.status;
          job.reason = e.reason;
          job.title = e.title;
          job.finishedAt = Date.now();
        },
      });
    } catch (e) {
      for (const j of batch)
        if (j.state === "running") {
          j.state = "failed";
          j.reason = `ingest stopped: ${(e as Error).message}`;
          j.finishedAt = Date.now();
        }
    }
    for (const j of batch) {
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
