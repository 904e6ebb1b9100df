/**
 * An ingest worker thread: runs the extraction pipeline on one PDF at a time, its bytes handed over by the
 * main thread. Each thread has its own PDFium and models, loaded on the first document.
 */
import { parentPort } from "node:worker_threads";
import { extractPdf } from "../extract/pipeline.ts";
import { PdfiumReader, pdfiumMemoryBytes } from "../pdf/pdfium.ts";
import { PdfError } from "../pdf/types.ts";
import type { WorkerReply, WorkerTask } from "./ingest-protocol.ts";

const reader = new PdfiumReader();

/** Engine memory a thread may keep between documents; above it the thread is replaced to give it back. */
const RECYCLE_HEAP_BYTES = 768 * 1024 * 1024;

async function run(task: WorkerTask): Promise<WorkerReply> {
  try {
    const doc = await extractPdf(task.bytes, reader, task.limits);
    return { id: task.id, doc, recycle: (await pdfiumMemoryBytes()) > RECYCLE_HEAP_BYTES };
  } catch (e) {
    if (e instanceof PdfError) return { id: task.id, error: { code: e.code, message: e.message } };
    const message = (e as Error).message;
    // Emscripten's abort(): the engine is dead. Out of memory is the usual cause (the heap failed to double
    // past its 2 GiB cap); it is said so when the heap had grown far beyond what a paper needs.
    if (/^Aborted\(/.test(message)) {
      const heap = await pdfiumMemoryBytes().catch(() => 0);
      const outOfMemory = heap > RECYCLE_HEAP_BYTES || /OOM|memory/i.test(message);
      return {
        id: task.id,
        error: outOfMemory
          ? { code: "too-large", message: `the PDF engine ran out of memory reading it (${message})` }
          : { code: "crash", message: `the PDF engine failed: ${message}` },
        recycle: true,
      };
    }
    return { id: task.id, error: { code: "crash", message } };
  }
}

parentPort?.on("message", async (task: WorkerTask) => {
  parentPort?.postMessage(await run(task));
});
