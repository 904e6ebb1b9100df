/**
 * A document's source is the path it was read from on the server: the public pages and the API name its file
 * only, never the folders above it.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { importFiles } from "../library/import.ts";
import { ingestPaths } from "../library/ingest.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { NUMBERED_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { tempDir, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";
import { sourceFileName } from "./pages/components.tsx";

const FOLDER = "private-folder-of-the-server";
let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;
let pdfWork: number;
let recordWork: number;
const root = tempDir();

before(async () => {
  ({ store, cleanup } = tempStore());
  const dir = join(root, FOLDER, "papers");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "keller.pdf"), await paperPdf(NUMBERED_PAPER));
  const report = await ingestPaths(store, [dir], { jobs: 1 });
  assert.equal(report.added, 1, "the PDF is ingested");
  // A record without an id of its own: its page names it by its file.
  writeFileSync(join(dir, "refs.jsonl"), `${JSON.stringify({ title: "A record read from a file" })}\n`);
  await importFiles(store, [join(dir, "refs.jsonl")]);
  const works = (await store.leaders({ limit: 100 })).works;
  pdfWork = works.find((w) => w.hasFullText)!.id;
  recordWork = works.find((w) => w.title.startsWith("A record"))!.id;
  app = createApp(store);
});

after(async () => {
  await cleanup();
  rmSync(root, { recursive: true, force: true });
});

test("a work page names its PDF and its record file by the file's name, without the server's folders", async () => {
  for (const [id, file] of [
    [pdfWork, "keller.pdf"],
    [recordWork, "refs.jsonl"],
  ] as const) {
    const html = await (await app.request(`/works/${id}`)).text();
    assert.match(html, new RegExp(`from <bdi>${file.replace(".", "\\.")}</bdi>`), "the documents list");
    assert.doesNotMatch(html, new RegExp(FOLDER), "no folder on the page, the provenance table included");
    assert.doesNotMatch(html, /\/papers\//);
  }
  const pdfPage = await (await app.request(`/works/${pdfWork}`)).text();
  assert.match(pdfPage, /<bdi>PDF keller\.pdf<\/bdi>/, "the provenance table names the PDF");
});

test("the JSON API and the exports never name the server's folders", async () => {
  for (const path of [
    `/api/v1/works/${pdfWork}`,
    `/api/v1/works/${pdfWork}/references`,
    `/api/v1/search?q=`,
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
  ]) {
    const text = await (await app.request(path)).text();
    assert.doesNotMatch(text, new RegExp(FOLDER), path);
  }
  for (const accept of ["application/x-bibtex", "application/vnd.citationstyles.csl+json"]) {
    const text = await (await app.request(`/works/${pdfWork}`, { headers: { Accept: accept } })).text();
    assert.doesNotMatch(text, new RegExp(FOLDER), accept);
  }
});

test("sourceFileName keeps the last part of a POSIX or Windows path", () => {
  assert.equal(sourceFileName("/home/x/papers/a.pdf"), "a.pdf");
  assert.equal(sourceFileName("C:\\Users\\x\\a.pdf"), "a.pdf");
  assert.equal(sourceFileName("a.pdf"), "a.pdf");
});
