/**
 * `citegraph ingest`: PDFs to library entries. Files are hashed first — a PDF whose sha1 the library already
 * holds is skipped (CiteSeerX's rule), which also makes a killed run resumable: each document is stored in its
 * own transaction as it finishes, so starting again loses nothing and duplicates nothing. Extraction runs in
 * worker threads; one bad file is recorded as failed, with the reason, and the batch goes on.
 */

import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { failureReason } from "../errors.ts";
import type { ExtractedDocument } from "../extract/pipeline.ts";
import type { ReferenceInput } from "../formats/record.ts";
import { standsForWork } from "../graph/record.ts";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../pdf/types.ts";
import type { DocumentInput, Store } from "../store/types.ts";
import { ExtractPool } from "./extract-pool.ts";
import type { PdfCopies } from "./pdf-copies.ts";
import { IngestError, listPdfFiles, readPdfFile } from "./pdf-files.ts";

export interface IngestOptions {
  /** Worker threads (default: one per core). */
  jobs?: number;
  limits?: Partial<PdfLimits>;
  /** Time one document may take, in milliseconds. */
  timeoutMs?: number;
  /** The library's PDF copies (pdf-copies.ts libraryPdfCopies); none are kept when undefined. */
  copies?: PdfCopies;
  onDocument?: (e: IngestEvent) => void;
}

export type IngestStatus = "added" | "updated" | "unchanged" | "skipped" | "failed";

export interface IngestEvent {
  path: string;
  status: IngestStatus;
  reason?: string;
  title?: string;
  references?: number;
  pages?: number;
  /** Documents finished so far, and in all. */
  done: number;
  total: number;
}

export interface IngestReport {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  pages: number;
  references: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/** What the store keeps of an extracted document. */
export function toDocumentInput(doc: ExtractedDocument, path: string, sha1: string): DocumentInput {
  const item = { ...doc.item };
  // The title page's affiliations, as CSL-JSON's place for what it has no field for (author pages read them).
  if (doc.affiliations.length) item.custom = { ...(item.custom as object), affiliations: doc.affiliations };
  // Read from the PDF's text rather than given by a catalogue: its year may be a guess (the matcher lets such a
  // year confirm a match, not refute one).
  item.custom = { ...(item.custom as object), extracted: true };
  // Every work has a title: a paper whose title was not found goes by its file name until corrected.
  if (!item.title) item.title = basename(path).replace(/\.pdf(\.gz)?$/i, "");
  const references: ReferenceInput[] = doc.references.map((r) =>
    standsForWork(r.item)
      ? { item: r.item, raw: r.raw, contexts: r.contexts }
      : { raw: r.raw, parsed: r.item, contexts: r.contexts },
  );
  return { sha1, kind: "pdf", source: path, item, references, body: doc.text };
}

/** Why a PDF could not be read from disk, as a failure reason (`code: detail`). Shared with `ingest --queue`. */
export function readFailureReason(e: unknown): string {
  return e instanceof IngestError
    ? failureReason(e.code, e.message)
    : failureReason("unreadable", (e as Error).message);
}

/**
 * Files one extracted PDF: keeps its copy among the library's copies (when given), upserts its document and clears
 * any failure recorded for its path. A document the store refuses comes back as failed (`not-stored`; the caller
 * records it or tries again) and its copy is removed again. Shared by `citegraph ingest` and the queue's workers (library/queue/), so that a PDF is
 * filed the same way whichever path it took.
 */
export async function fileDocument(
  store: Store,
  doc: ExtractedDocument,
  path: string,
  file: { bytes: Uint8Array; sha1: string },
  copies: PdfCopies | undefined,
): Promise<{ status: "added" | "updated" | "unchanged" } | { status: "failed"; reason: string }> {
  // A copy written for a document the library then could not store would be kept for nothing.
  let copied = false;
  try {
    copied = (await copies?.put(file.sha1, file.bytes)) ?? false;
    const r = await store.upsertDocuments([toDocumentInput(doc, path, file.sha1)]);
    await store.clearFailures([path]);
    return { status: r.added ? "added" : r.updated ? "updated" : "unchanged" };
  } catch (e) {
    if (copied) await copies?.remove(file.sha1).catch(() => {});
    return { status: "failed", reason: failureReason("not-stored", (e as Error).message) };
  }
}

export async function ingestPaths(
  store: Store,
  paths: string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const refused: { path: string; reason: string }[] = [];
  const files = await listPdfFiles(paths, { onRefused: (path, reason) => refused.push({ path, reason }) });
  await options.copies?.tidy();
  const limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const report: IngestReport = {
    files: files.length + refused.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    pages: 0,
    references: 0,
  };
  const pool = new ExtractPool(jobs);
  const seen = new Set<string>();
  let done = 0;
  // Writes go one at a time, in the order documents finish.
  let writes: Promise<void> = Promise.resolve();
  const emit = (e: Omit<IngestEvent, "done" | "total">) => {
    done++;
    if (e.status === "failed") report.failed++;
    else report[e.status]++;
    options.onDocument?.({ ...e, done, total: report.files });
  };
  const fail = (path: string, reason: string) => {
    writes = writes.then(async () => {
      await store.recordFailures([{ source: path, location: path, reason }]);
      emit({ path, status: "failed", reason });
    });
  };

  const processFile = async (path: string) => {
    let file: { bytes: Uint8Array; sha1: string };
    try {
      file = await readPdfFile(path, limits.maxBytes);
    } catch (e) {
      return fail(path, readFailureReason(e));
    }
    if (seen.has(file.sha1) || (await store.knownSha1s([file.sha1])).has(file.sha1)) {
      seen.add(file.sha1);
      writes = writes.then(() => emit({ path, status: "skipped", reason: "already in the library" }));
      return;
    }
    seen.add(file.sha1);
    const reply = await pool.extract(file.bytes, limits, timeoutMs);
    if (!reply.doc) return fail(path, failureReason(reply.error.code, reply.error.message));
    const doc = reply.doc;
    writes = writes.then(async () => {
      const filed = await fileDocument(store, doc, path, file, options.copies);
      if (filed.status === "failed") {
        // The store may refuse this too (still busy): the document is reported failed all the same.
        await store
          .recordFailures([{ source: path, location: path, reason: filed.reason }])
          .catch(() => undefined);
        return emit({ path, status: "failed", reason: filed.reason });
      }
      report.pages += doc.pages;
      report.references += doc.references.length;
      emit({
        path,
        status: filed.status,
        title: doc.item.title,
        references: doc.references.length,
        pages: doc.pages,
      });
    });
  };

  for (const r of refused) fail(r.path, r.reason);
  try {
    // As many files in flight as workers, and as many again read ahead: memory stays bounded.
    let next = 0;
    const lanes = Array.from({ length: jobs * 2 }, async () => {
      while (next < files.length) await processFile(files[next++]);
    });
    await Promise.all(lanes);
    await writes;
  } finally {
    await pool.close();
  }
  return report;
}
