/** Messages between `citegraph ingest` and its worker threads. */
import type { FailureCode } from "../errors.ts";
import type { ExtractedDocument } from "../extract/pipeline.ts";
import type { PdfLimits } from "../pdf/types.ts";

export interface WorkerTask {
  id: number;
  /** The PDF, transferred (not copied) to the worker. */
  bytes: Uint8Array;
  limits: Partial<PdfLimits>;
}

export type WorkerReply = (
  | { id: number; doc: ExtractedDocument; error?: undefined }
  | { id: number; error: { code: FailureCode; message: string }; doc?: undefined }
) & {
  /**
   * The thread should be replaced: its engine aborted (it cannot be used again), or its WebAssembly memory grew
   * past what a thread may keep (that memory is never given back while the thread lives).
   */
  recycle?: boolean;
};
