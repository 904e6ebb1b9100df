/**
 * npm run bench:ingest — ingest speed on the real papers of ../shared/datasets/pdfs, beside poppler's
 * pdftotext on the same files in the same run:
 * - pdftotext, one process after another (text only: the floor any PDF-to-text step stands on);
 * - our pipeline on one core (PDF, layout, segmentation, header, references, contexts), time per stage;
 * - our pipeline with one worker thread per core;
 * - `ingest` into a fresh SQLite library with every core (extraction, file store, writes).
 * Peak resident memory (the whole process: main thread and workers) is sampled every 50 ms, and after each
 * document on one core. Models and PDFium load once per thread, before timing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { extractPdf } from "../src/extract/pipeline.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { ExtractPool } from "../src/library/extract-pool.ts";
import { ingestPaths } from "../src/library/ingest.ts";
import { FolderPdfCopies } from "../src/library/pdf-copies.ts";
import { listPdfFiles } from "../src/library/pdf-files.ts";
import { PdfiumReader } from "../src/pdf/pdfium.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

const root = join(datasetsDir(), "pdfs");
const files = await listPdfFiles([root]);
const bytes = files.map((f) => readFileSync(f));
const totalMb = bytes.reduce((a, b) => a + b.length, 0) / 1024 / 1024;
const cores = availableParallelism();
const rows: string[] = [];
const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(1);

// pdftotext.
let popplerMs: number | undefined;
if (spawnSync("pdftotext", ["-v"]).status !== null) {
  const t0 = performance.now();
  for (const f of files) spawnSync("pdftotext", ["-q", f, "-"], { maxBuffer: 64 * 1024 * 1024 });
  popplerMs = performance.now() - t0;
}

// One core, in this thread.
const reader = new PdfiumReader();
await extractPdf(bytes[0], reader); // loads PDFium and the models
const stages = new Map<string, number>();
let pages = 0;
let references = 0;
let failed = 0;
peakRss = 0;
let t0 = performance.now();
for (const b of bytes) {
  try {
    const doc = await extractPdf(b, reader);
    pages += doc.pages;
    references += doc.references.length;
    for (const [k, v] of Object.entries(doc.timings)) stages.set(k, (stages.get(k) ?? 0) + v);
  } catch {
    failed++;
  }
  // This loop never yields to timers: sample here.
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const oneMs = performance.now() - t0;
const onePeak = peakRss;

// All cores, worker threads.
const pool = new ExtractPool(cores);
await Promise.all(Array.from({ length: cores }, () => pool.extract(bytes[0], {}, 600_000)));
peakRss = 0;
t0 = performance.now();
await Promise.all(bytes.map((b) => pool.extract(b, {}, 600_000)));
const allMs = performance.now() - t0;
const allPeak = peakRss;
await pool.close();

// Ingest into a fresh library.
const dir = mkdtempSync(join(tmpdir(), "citegraph-bench-"));
const store = new SqliteStore(join(dir, "bench.db"));
peakRss = 0;
t0 = performance.now();
const report = await ingestPaths(store, [root], {
  jobs: cores,
  copies: new FolderPdfCopies(join(dir, "files")),
});
const ingestMs = performance.now() - t0;
const dbMb = statSync(join(dir, "bench.db")).size / 1024 / 1024;
await store.close();
rmSync(dir, { recursive: true, force: true });
clearInterval(sampler);

const cpu = execFileSync("sh", ["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).toString().trim();
rows.push(
  `### PDF ingestion (${files.length} PDFs, ${pages.toLocaleString("en")} pages, ${totalMb.toFixed(0)} MB; ${cores} cores, ${cpu})`,
  "",
  "| | PDFs/s | pages/s | time | peak memory (process) |",
  "|---|---|---|---|---|",
);
if (popplerMs !== undefined)
  rows.push(
    `| pdftotext (poppler), one process after another | ${rate(files.length, popplerMs)} | ${rate(pages, popplerMs)} | ${(popplerMs / 1000).toFixed(1)} s | |`,
  );
rows.push(
  `| citegraph extraction, one core | ${rate(files.length, oneMs)} | ${rate(pages, oneMs)} | ${(oneMs / 1000).toFixed(1)} s | ${mb(onePeak)} |`,
  `| citegraph extraction, ${cores} worker threads | ${rate(files.length, allMs)} | ${rate(pages, allMs)} | ${(allMs / 1000).toFixed(1)} s | ${mb(allPeak)} |`,
  `| citegraph ingest into SQLite, ${cores} workers (extraction, PDF copies, writes) | ${rate(files.length, ingestMs)} | ${rate(pages, ingestMs)} | ${(ingestMs / 1000).toFixed(1)} s | ${mb(peakRss)} |`,
  "",
);
if (popplerMs !== undefined)
  rows.push(
    `One core, citegraph takes ${(oneMs / popplerMs).toFixed(2)}× pdftotext's time on the same files.`,
    "",
  );
rows.push(
  `Time per stage on one core (ms per PDF): ${[...stages].map(([k, v]) => `${k} ${(v / files.length).toFixed(1)}`).join(", ")}.`,
  `${references.toLocaleString("en")} references found; ${failed} PDFs failed; ingest: ${report.added} added, ${report.failed} failed; library ${dbMb.toFixed(1)} MB.`,
);
console.log(rows.join("\n"));
