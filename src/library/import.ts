/**
 * `citegraph import`: streams metadata files into the library in batches. A malformed record is reported
 * with its file, line and reason and recorded as a failure; the rest of the file goes on. Importing the same
 * file again changes nothing (each record is filed under its id, or its content hash when it has none).
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { failureReason } from "../errors.ts";
import { parseReference } from "../extract/reference/parse.ts";
import { IMPORT_EXTENSIONS, readerFor } from "../formats/index.ts";
import {
  formatLocation,
  type ReadItem,
  type RecordError,
  RecordFormatError,
  type ReferenceInput,
  recordError,
  type SourceRecord,
} from "../formats/record.ts";
import { standsForWork } from "../graph/record.ts";
import type { DocumentInput, Store } from "../store/types.ts";

export interface ImportProgress {
  file: string;
  records: number;
  failed: number;
  /** True once the file is finished. */
  done: boolean;
}

export interface ImportReport {
  files: number;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RecordError[];
}

export interface ImportOptions {
  /** Records filed per transaction. */
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called for each malformed record as it is found. */
  onError?: (e: RecordError) => void;
  /** How many errors the report keeps (all are counted and recorded). */
  keepErrors?: number;
}

/** The content hash that makes re-importing an unchanged record a no-op. */
export function recordSha1(r: SourceRecord): string {
  return createHash("sha1")
    .update(JSON.stringify([r.id ?? null, r.item, r.references]))
    .digest("hex");
}

export function toDocumentInput(r: SourceRecord): DocumentInput {
  return {
    sourceId: r.id,
    sha1: recordSha1(r),
    kind: "record",
    source: r.location.file,
    item: r.item,
    references: r.references.map(parseRawReference),
  };
}

/**
 * A reference given as printed, parsed into fields. It stands for a work (matched, or created as cited only)
 * when the parse says enough (graph/record.ts `standsForWork`); otherwise the parse is kept beside the string
 * and nothing is created from it.
 */
export function parseRawReference(ref: ReferenceInput): ReferenceInput {
  if (!("raw" in ref) || "item" in ref || ref.parsed) return ref;
  const { raw: _raw, ...item } = parseReference(ref.raw).item;
  return standsForWork(item) ? { item, raw: ref.raw } : { raw: ref.raw, parsed: item };
}

export class ImportError extends Error {}

/** Checks every file before anything is written: a missing file or unknown format stops the command at once. */
export async function checkImportFiles(files: string[]): Promise<void> {
  for (const file of files) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch {
      throw new ImportError(`${file}: no such file`);
    }
    if (!info.isFile()) throw new ImportError(`${file}: not a file`);
    if (!readerFor(file))
      throw new ImportError(`${file}: unknown format (expected one of ${IMPORT_EXTENSIONS.join(", ")})`);
  }
}

export async function importFiles(
  store: Store,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  await checkImportFiles(files);
  const report = emptyReport();
  for (const file of files) {
    const reader = readerFor(file)!;
    await importStream(store, nonEmpty(reader.read(file), file, reader.name), file, report, options);
    report.files++;
  }
  return report;
}

/** A file that yields no record and no error is said to be empty (or not of its format), never passed over. */
async function* nonEmpty(
  items: AsyncIterable<ReadItem>,
  file: string,
  format: string,
): AsyncGenerator<ReadItem> {
  let any = false;
  for await (const item of items) {
    any = true;
    yield item;
  }
  if (any) return;
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const detail =
    size === 0
      ? "the file is empty"
      : `no ${format} record in the file (${size} bytes of text, none a record)`;
  yield { error: { location: { file, record: 1 }, reason: failureReason("empty", detail) } };
}

/**
 * The records of a source, with a failure to read it (a file that vanished, a permission, an I/O error) turned
 * into one last error item: the records read before it are kept, and the next file goes on.
 */
async function* guarded(
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  name: string,
): AsyncGenerator<ReadItem> {
  let record = 0;
  try {
    for await (const item of items) {
      record++;
      yield item;
    }
  } catch (e) {
    const location = { file: name, record: record + 1 };
    if (e instanceof RecordFormatError) {
      yield recordError(e, location);
      return;
    }
    if (!(e as NodeJS.ErrnoException).code) throw e;
    yield { error: { location, reason: failureReason("unreadable", (e as Error).message) } };
  }
}

export function emptyReport(): ImportReport {
  return { files: 0, records: 0, added: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
}

/** Files the records of one source (a file, or records made in code) in batches, adding to `report`. */
export async function importStream(
  store: Store,
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  name: string,
  report: ImportReport,
  options: ImportOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 2000;
  const keep = options.keepErrors ?? 100;
  let batch: DocumentInput[] = [];
  let failures: RecordError[] = [];
  let records = 0;
  let failed = 0;
  const flush = async () => {
    if (batch.length) {
      const r = await store.upsertDocuments(batch);
      report.added += r.added;
      report.updated += r.updated;
      report.unchanged += r.unchanged;
      batch = [];
    }
    if (failures.length) {
      await store.recordFailures(
        failures.map((f) => ({
          source: f.location.file,
          location: formatLocation(f.location),
          reason: f.reason,
        })),
      );
      failures = [];
    }
    options.onProgress?.({ file: name, records, failed, done: false });
  };
  for await (const item of guarded(items, name)) {
    if (item.error) {
      failed++;
      report.failed++;
      failures.push(item.error);
      if (report.errors.length < keep) report.errors.push(item.error);
      options.onError?.(item.error);
    } else {
      records++;
      report.records++;
      batch.push(toDocumentInput(item.record));
    }
    if (batch.length >= batchSize || failures.length >= batchSize) await flush();
  }
  await flush();
  options.onProgress?.({ file: name, records, failed, done: true });
}
