/**
 * An ingest worker thread: runs the extraction pipeline on one PDF at a time, its bytes handed over by the
 * main thread. Each thread has its own PDFium and models, loaded on the first document.
 */
import { parentPort } from "node:worker_threads";
import { extractPdf } from "../extract/pipeline.ts";
import { PdfiumReader } from "../pdf/pdfium.ts";
import { PdfError } from "../pdf/types.ts";
import type { WorkerReply, WorkerTask } from "./ingest-protocol.ts";

const reader = new PdfiumReader();

async function run(task: WorkerTask): Promise<WorkerReply> {
  try {
    const doc = await extractPdf(task.bytes, reader, task.limits);
    return { id: task.id, doc };
  } catch (e) {
    const code = e instanceof PdfError ? e.code : "error";
    return { id: task.id, error: { code, message: (e as Error).message } };
  }
}

parentPort?.on("message", async (task: WorkerTask) => {
  parentPort?.postMessage(await run(task));
});
