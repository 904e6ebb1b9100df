/** `citegraph ingest` and `citegraph extract`: the command-line shells over the ingest pipeline. */
import { availableParallelism } from "node:os";
import { plainContext } from "../extract/contexts/contexts.ts";
import { extractPdf } from "../extract/pipeline.ts";
import { type IngestEvent, ingestPaths } from "../library/ingest.ts";
import { libraryPdfCopies } from "../library/pdf-copies.ts";
import { IngestError, readPdfFile } from "../library/pdf-files.ts";
import { PdfiumReader } from "../pdf/pdfium.ts";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../pdf/types.ts";
import type { Store } from "../store/types.ts";
import { oneLine } from "./format.ts";
import { EtaEstimator, formatEta } from "./progress.ts";

export interface IngestCliOptions {
  jobs?: number;
  maxPages: number;
  maxMb: number;
  timeout: number;
}

function limitsOf(opts: IngestCliOptions): Partial<PdfLimits> {
  return { maxPages: opts.maxPages, maxBytes: opts.maxMb * 1024 * 1024 };
}

export async function runIngest(
  store: Store,
  libraryFile: string,
  paths: string[],
  opts: IngestCliOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WriteStream = process.stderr,
): Promise<void> {
  const started = Date.now();
  let failed = 0;
  let processed = 0;
  const tty = !!err.isTTY;
  const eta = new EtaEstimator();
  const onDocument = (e: IngestEvent) => {
    if (e.status === "failed") failed++;
    const secs = (Date.now() - started) / 1000;
    // A skipped PDF (already in the library) takes no time: it would make the pace look faster than it is.
    if (e.status !== "skipped") eta.observe(secs, ++processed);
    if (tty) {
      const rate = eta.rate();
      if (e.status === "failed")
        err.write(`\r\x1b[K${oneLine(e.path)}: failed — ${oneLine(e.reason ?? "")}\n`);
      err.write(
        `\r\x1b[K${e.done}/${e.total} documents, ${rate === undefined ? "-" : rate.toFixed(1)}/s, ${failed} failed, ETA ${formatEta(eta.secondsLeft(e.total - e.done))}`,
      );
    } else {
      const what =
        e.status === "failed" || e.status === "skipped"
          ? `${e.status} — ${oneLine(e.reason ?? "")}`
          : `${e.status} — ${JSON.stringify(e.title ?? "")}, ${e.pages} pages, ${e.references} references`;
      err.write(`[${e.done}/${e.total}] ${oneLine(e.path)}: ${what}\n`);
    }
  };
  const limits = limitsOf(opts);
  // Kept where the library keeps them: beside a SQLite file, in a PostgreSQL library's own database.
  const copies = libraryPdfCopies(libraryFile, { maxBytes: limits.maxBytes });
  const report = await ingestPaths(store, paths, {
    jobs: opts.jobs ?? availableParallelism(),
    limits,
    timeoutMs: opts.timeout * 1000,
    copies,
    onDocument,
  }).finally(() => copies.close());
  if (tty) err.write("\r\x1b[K");
  const secs = (Date.now() - started) / 1000;
  out.write(
    `Ingested ${report.files} PDF(s) in ${secs.toFixed(1)} s: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped (already in the library), ${report.failed} failed; ${report.pages} pages, ${report.references} references\n`,
  );
}

/** `citegraph extract FILE.pdf`: what ingest would store, as JSON, without storing it. */
export async function runExtract(
  file: string,
  opts: IngestCliOptions,
  out: NodeJS.WritableStream,
): Promise<void> {
  const limits = limitsOf(opts);
  let bytes: Uint8Array;
  try {
    ({ bytes } = await readPdfFile(file, limits.maxBytes ?? DEFAULT_PDF_LIMITS.maxBytes));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new IngestError(`${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  let doc: Awaited<ReturnType<typeof extractPdf>>;
  try {
    doc = await extractPdf(bytes, new PdfiumReader(), limits);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const { item, affiliations, emails, references, timings, pages } = doc;
  out.write(
    `${JSON.stringify(
      {
        ...item,
        affiliations,
        emails,
        pages,
        references: references.map((r) => ({
          raw: r.raw,
          ...r.item,
          contexts: r.contexts.map(plainContext),
        })),
        timings,
      },
      null,
      2,
    )}\n`,
  );
}
