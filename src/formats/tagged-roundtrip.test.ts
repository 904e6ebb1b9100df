/**
 * RIS, EndNote and CSL-JSON read and written back at the format level: every tag (repeated AU and KW, unknown
 * tags, the record's own type) and every CSL-JSON field comes back as given.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { taggedRecords } from "../testing/same-records.ts";
import { readCslJson } from "./csl-json.ts";
import { ENDNOTE_TAG, readEndnote } from "./endnote.ts";
import { toEndnote } from "./endnote-writer.ts";
import type { ReadItem, SourceRecord } from "./record.ts";
import { RIS_TAG, readRis } from "./ris.ts";
import { toRis } from "./ris-writer.ts";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), "utf8");

const RIS_SAMPLE = fixture("corner-cases.ris");

const ENDNOTE_SAMPLE = fixture("corner-cases.enw");

const dir = mkdtempSync(join(tmpdir(), "citegraph-tagged-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function records(items: AsyncIterable<ReadItem>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of items) {
    assert.equal(r.error, undefined, r.error?.reason);
    out.push(r.record!);
  }
  return out;
}

test("RIS: repeated authors, keywords and URLs, unknown tags, the record's type and id come back as given", async () => {
  const read = await records(readRis(file("a.ris", RIS_SAMPLE)));
  assert.equal(read.length, 4);
  const [journal, , thesis, series] = read;
  assert.equal(journal.id, "smith2001");
  assert.equal(journal.item.type, "article-journal");
  assert.equal(journal.item.author?.length, 3);
  assert.equal(journal.item.keyword, "virtual machines, interpreters, compilers");
  assert.equal(journal.item.page, "31-37");
  assert.deepEqual(journal.item.issued, { "date-parts": [[2001, 5, 12]] });
  assert.equal(thesis.item.type, "thesis");
  assert.equal(thesis.item.genre, "PhD thesis");
  assert.equal(series.item.type, "book");
  const written = read.map((r) => toRis(r.item)).join("");
  assert.match(written, /^TY {2}- SER\r$/m, "its own type, not BOOK");
  assert.deepEqual(taggedRecords(written, RIS_TAG, "TY"), taggedRecords(RIS_SAMPLE, RIS_TAG, "TY"));
});

test("EndNote: tags both ways, the label as the key, unknown tags kept", async () => {
  const read = await records(readEndnote(file("a.enw", ENDNOTE_SAMPLE)));
  assert.equal(read.length, 3);
  assert.equal(read[0].id, "smith2001");
  assert.equal(read[0].item["citation-key"], "smith2001");
  assert.equal(read[0].item["container-title"], "Journal of Things");
  assert.equal(read[1].item.type, "chapter");
  assert.equal(read[1].item.ISBN, "978-3-16-148410-0");
  assert.equal(read[2].item.genre, "PhD thesis");
  const written = read.map((r) => toEndnote(r.item)).join("");
  assert.deepEqual(taggedRecords(written, ENDNOTE_TAG, "0"), taggedRecords(ENDNOTE_SAMPLE, ENDNOTE_TAG, "0"));
});

const CSL_SAMPLE = JSON.parse(fixture("corner-cases.json")) as Record<string, unknown>[];

test("CSL-JSON: every field of every item kept as given, its type too", async () => {
  const read = await records(readCslJson(file("a.json", JSON.stringify(CSL_SAMPLE))));
  assert.deepEqual(
    read.map((r) => ({ id: r.id, ...r.item })),
    CSL_SAMPLE,
  );
});
