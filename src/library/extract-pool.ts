/**
 * A pool of worker threads running the extraction pipeline, one document each at a time. A document that runs
 * past its time limit, or crashes its thread (PDFium aborting on a hostile file), costs only that thread: it is
 * terminated, replaced, and the document reported failed.
 */
import type { Worker } from "node:worker_threads";
import type { PdfLimits } from "../pdf/types.ts";
import type { WorkerReply, WorkerTask } from "./ingest-protocol.ts";
import { siblingModule, startModuleWorker } from "./module-worker.ts";

/** The worker's module in this module's own form: compiled JavaScript from dist/, TypeScript under tsx. */
const WORKER_URL = siblingModule("ingest-worker", import.meta.url);

/**
 * A thread's JavaScript heap is bounded here; its PDFium heap (WebAssembly, up to 2 GiB) is bounded by the
 * inflate check before a file is read, and given back by replacing a thread whose heap grew large.
 */
function startWorker(): Worker {
  return startModuleWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
}

export class ExtractPool {
  private idle: Worker[] = [];
  private all = new Set<Worker>();
  private waiting: Array<(w: Worker) => void> = [];
  private nextId = 1;
  private busy = 0;

  constructor(readonly size: number) {}

  /** Milliseconds the threads have spent extracting so far (summed over threads): how busy the pool was. */
  get busyMs(): number {
    return this.busy;
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.all.size < this.size) {
      const fresh = startWorker();
      this.all.add(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  /** A worker that must go (timed out, crashed): its place is given to a new one. */
  private replace(w: Worker): void {
    this.all.delete(w);
    void w.terminate();
    if (this.waiting.length > 0) {
      const fresh = startWorker();
      this.all.add(fresh);
      this.release(fresh);
    }
  }

  async extract(bytes: Uint8Array, limits: Partial<PdfLimits>, timeoutMs: number): Promise<WorkerReply> {
    const w = await this.acquire();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (reply: WorkerReply, healthy: boolean) => {
        if (settled) return;
        settled = true;
        this.busy += performance.now() - started;
        clearTimeout(timer);
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
        if (healthy) this.release(w);
        else this.replace(w);
        resolve(reply);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id === id) finish(reply, !reply.recycle);
      };
      const onError = (e: Error) =>
        finish({ id, error: { code: "crash", message: `the reader crashed: ${e.message}` } }, false);
      const onExit = () => finish({ id, error: { code: "crash", message: "the reader exited" } }, false);
      const timer = setTimeout(
        () =>
          finish({ id, error: { code: "timeout", message: `not read within ${timeoutMs / 1000} s` } }, false),
        timeoutMs,
      );
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
      const task: WorkerTask = { id, bytes, limits };
      w.postMessage(task);
    });
  }

  async close(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
