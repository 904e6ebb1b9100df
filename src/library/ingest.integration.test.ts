/**
 * `citegraph ingest` end to end on a folder of PDFs the test makes: good papers in two styles, a paper citing
 * another, and the bad files a real folder has (corrupt, encrypted, image-only). Worker threads, a real SQLite
 * library, the file store.
 */

import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { plainContext } from "../extract/contexts/contexts.ts";
import { search } from "../search/search.ts";
import {
  AUTHOR_YEAR_PAPER,
  CITING_PAPER,
  corruptPdf,
  encryptedPdf,
  imageOnlyPdf,
  NUMBERED_PAPER,
  paperPdf,
} from "../testing/pdf-fixtures.ts";
import { tempDir, tempStore } from "../testing/temp-store.ts";
import { type IngestEvent, ingestPaths } from "./ingest.ts";
import { FolderPdfCopies } from "./pdf-copies.ts";
import { readPdfFile, storedPdfPath } from "./pdf-files.ts";

test("a folder of PDFs becomes a library; bad files are recorded and the batch goes on; a rerun skips", async () => {
  const dir = tempDir("citegraph-ingest-");
  const papers = join(dir, "papers");
  mkdirSync(join(papers, "sub"), { recursive: true });
  writeFileSync(join(papers, "numbered.pdf"), await paperPdf(NUMBERED_PAPER));
  writeFileSync(join(papers, "sub", "author-year.pdf"), await paperPdf(AUTHOR_YEAR_PAPER));
  writeFileSync(join(papers, "sub", "citing.pdf.gz"), gzipSync(await paperPdf(CITING_PAPER)));
  writeFileSync(join(papers, "corrupt.pdf"), await corruptPdf());
  writeFileSync(join(papers, "encrypted.pdf"), await encryptedPdf());
  writeFileSync(join(papers, "scanned.pdf"), await imageOnlyPdf());
  writeFileSync(join(papers, "notes.txt"), "not a PDF, not read");
  const files = join(dir, "files");
  const { store, cleanup } = tempStore();
  try {
    const events: IngestEvent[] = [];
    const report = await ingestPaths(store, [papers], {
      jobs: 2,
      copies: new FolderPdfCopies(files),
      onDocument: (e) => events.push(e),
    });
    assert.equal(report.files, 6);
    assert.equal(report.added, 3);
    assert.equal(report.failed, 3);
    assert.equal(events.length, 6);
    assert.deepEqual(
      events.map((e) => e.done).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6],
    );
    const reasons = Object.fromEntries(
      (await store.failures()).map((f) => [f.source.split("/").pop(), f.reason]),
    );
    assert.match(reasons["corrupt.pdf"], /^corrupt: /);
    assert.match(reasons["encrypted.pdf"], /^encrypted: .*password/);
    assert.match(reasons["scanned.pdf"], /^no-text: /);

    // Searchable by title, by author and by full text.
    const byTitle = await search(store, { q: "adaptive indexing" });
    assert.equal(byTitle.total, 1);
    const numbered = byTitle.hits[0];
    assert.equal(numbered.title, NUMBERED_PAPER.title);
    assert.equal((await search(store, { q: "author:Brandt" })).hits[0]?.title, AUTHOR_YEAR_PAPER.title);
    assert.equal((await search(store, { q: 'text:"panel survey of recent arrivals"' })).total, 1);

    // The citing paper's reference resolved to the numbered paper, with its context.
    assert.equal(numbered.citedBy, 1);
    const citing = await store.citedBy(numbered.id, { sort: "year", offset: 0, limit: 10 });
    assert.equal(citing.items[0].work.title, CITING_PAPER.title);
    assert.ok(plainContext(citing.items[0].contexts[0]).includes("(Keller and Lindqvist 2024)"));
    const work = await store.getWork(numbered.id);
    assert.equal(work?.references.length, 5);
    assert.equal(work?.documents[0].kind, "pdf");
    // The title page's one affiliation is both authors': their author pages say so.
    const keller = await store.getAuthor(numbered.authors[0].id);
    assert.deepEqual(keller?.affiliations, [{ name: NUMBERED_PAPER.affiliation, works: 1 }]);

    // The PDFs are kept, content-addressed (the .gz one unpacked).
    const { sha1 } = await readPdfFile(join(papers, "sub", "citing.pdf.gz"), 1e8);
    assert.ok(existsSync(storedPdfPath(files, sha1)));

    // Again: nothing new, nothing doubled; the bad files are tried again and fail again.
    const again = await ingestPaths(store, [papers], { jobs: 1, copies: new FolderPdfCopies(files) });
    assert.equal(again.skipped, 3);
    assert.equal(again.added, 0);
    assert.equal(again.failed, 3);
    const stats = await store.stats();
    assert.equal(stats.documents, 3);
    assert.equal(stats.failures, 3);
  } finally {
    await cleanup();
  }
});

test("a document past its time limit is recorded as timed out and the batch goes on", async () => {
  const dir = tempDir("citegraph-ingest-");
  writeFileSync(join(dir, "a.pdf"), await paperPdf(NUMBERED_PAPER));
  writeFileSync(join(dir, "b.pdf"), await paperPdf(AUTHOR_YEAR_PAPER));
  const { store, cleanup } = tempStore();
  try {
    // A limit no worker can meet (its start-up alone takes longer) times out every document.
    const report = await ingestPaths(store, [dir], { jobs: 1, timeoutMs: 1 });
    assert.equal(report.failed, 2);
    for (const f of await store.failures()) assert.match(f.reason, /^timeout: /);
    // With time enough, the same files go in.
    const retry = await ingestPaths(store, [dir], { jobs: 1 });
    assert.equal(retry.added, 2);
    assert.equal((await store.stats()).failures, 0, "a file read at last has its failure cleared");
  } finally {
    await cleanup();
  }
});

test("a missing path is a clear error before anything is read", async () => {
  const { store, cleanup } = tempStore();
  try {
    await assert.rejects(
      ingestPaths(store, ["/no/such/folder"]),
      /\/no\/such\/folder: no such file or folder/,
    );
  } finally {
    await cleanup();
  }
});
