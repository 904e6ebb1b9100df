/** Messages between `citegraph ingest` and its worker threads. */
import type { ExtractedDocument } from "../extract/pipeline.ts";
import type { PdfLimits } from "../pdf/types.ts";

export interface WorkerTask {
  id: number;
  /** The PDF, transferred (not copied) to the worker. */
  bytes: Uint8Array;
  limits: Partial<PdfLimits>;
}

export type WorkerReply =
  | { id: number; doc: ExtractedDocument; error?: undefined }
  | { id: number; error: { code: string; message: string }; doc?: undefined };
