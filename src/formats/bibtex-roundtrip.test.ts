/**
 * BibTeX read and written back, at the format level: the corner cases users met (a publisher with "and",
 * G\'{\i}sli, their own keys, @phdthesis and @incollection, url and keywords, fields citegraph does not know,
 * @string macros) come back with the same keys, entry types and fields.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertSameEntries } from "../testing/same-records.ts";
import { parseBibtexText, readBibtex } from "./bibtex.ts";
import { BibtexKeys, toBibtex } from "./bibtex-writer.ts";
import type { CslItem } from "./csl.ts";
import type { SourceRecord } from "./record.ts";

/** One entry for each corner case users met. */
const CORNER_CASES_BIB = readFileSync(
  fileURLToPath(new URL("fixtures/corner-cases.bib", import.meta.url)),
  "utf8",
);

const dir = mkdtempSync(join(tmpdir(), "citegraph-bibtex-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function records(path: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readBibtex(path)) {
    assert.equal(r.error, undefined, r.error?.reason);
    out.push(r.record!);
  }
  return out;
}

test("the corner cases read as they should", async () => {
  const items = new Map((await records(file("corners.bib", CORNER_CASES_BIB))).map((r) => [r.id, r.item]));
  assert.equal(items.size, 8, "no entry lost");
  const book = items.get("Yujian2007")!;
  assert.equal(book["citation-key"], "Yujian2007");
  assert.equal(book.publisher, "Chapman and Hall/CRC", "'and' splits names only");
  assert.equal(book.URL, "https://example.org/a_b%20c?x=1&y=2");
  assert.equal(book.keyword, "edit distance, metrics");
  assert.deepEqual(book.issued, { "date-parts": [[2007, 5]] });
  assert.equal(items.get("wiley")?.publisher, "John Wiley and Sons");
  const thesis = items.get("gisli2001")!;
  assert.deepEqual(thesis.author, [{ family: "Sigurðsson", given: "Gísli" }]);
  assert.equal(thesis.type, "thesis");
  assert.equal(thesis.genre, "PhD thesis");
  assert.equal(thesis.publisher, "University of Iceland");
  assert.equal(items.get("ms")?.genre, "Diploma thesis");
  const chapter = items.get("chap1")!;
  assert.equal(chapter.type, "chapter");
  assert.equal(chapter["container-title"], "The Book");
  assert.equal(
    chapter.publisher,
    "Cambridge University Press (Digital)",
    "@string macro and # concatenation",
  );
  assert.equal(chapter.page, "1–20");
  assert.deepEqual((chapter.custom as { bibtex: { fields: object } }).bibtex.fields, {
    mysterious: "kept {as} is",
    "x-custom": String.raw`\foo{bar} \& more`,
  });
  const wp = items.get("wp")!;
  assert.equal(wp.type, "report");
  assert.equal(wp.genre, "Working Paper");
  assert.equal(wp.number, "11806");
  assert.equal(wp.author?.[1].family, "Galí");
  const article = items.get("doi")!;
  assert.equal(article.DOI, "10.1000/abc.def");
  assert.equal(article.arxiv, "2101.00001");
  assert.equal(article.issue, "2");
  assert.deepEqual(items.get("web")?.author, [{ literal: "Internet Engineering Task Force" }]);
  assert.deepEqual(items.get("web")?.accessed, { "date-parts": [[2020, 1, 2]] });
});

test("written back, every entry has its key, type and fields as given", async () => {
  const keys = new BibtexKeys();
  const out = (await records(file("again.bib", CORNER_CASES_BIB)))
    .map((r) => toBibtex(r.item, keys))
    .join("\n");
  assert.match(out, /^@phdthesis\{gisli2001,$/m, "@phdthesis stays, not @misc");
  assert.match(out, /^ {2}school = \{University of Iceland\}/m, "school stays school");
  assert.doesNotMatch(
    out.split("@phdthesis")[1].split("@")[0],
    /type = /,
    "no type field the entry did not have",
  );
  assert.match(out, /^@incollection\{chap1,$/m, "@incollection stays, not @inbook");
  assert.ok(out.includes(String.raw`author = {G\'{\i}sli Sigur{\dh}sson}`), "the name as the user wrote it");
  assert.match(out, /^ {2}month = may,$/m, "a month macro stays a macro");
  assertSameEntries(await parseBibtexText(CORNER_CASES_BIB), await parseBibtexText(out), "corner cases");
  // And the text written reads back the same, again.
  const path = file("third.bib", out);
  const third = (await records(path)).map((r) => toBibtex(r.item, new BibtexKeys())).join("\n");
  assert.equal(third, out);
});

test("a field corrected in the library is written from the corrected value; unchanged ones as given", async () => {
  const [record] = await records(file("one.bib", CORNER_CASES_BIB.split("@phdthesis")[0]));
  const corrected: CslItem = {
    ...record.item,
    publisher: "CRC Press",
    title: "A Normalized Levenshtein Distance Metric",
  };
  const out = toBibtex(corrected, new BibtexKeys());
  assert.match(out, /publisher = \{CRC Press\}/);
  assert.match(out, /title = \{A Normalized \{Levenshtein\} Distance Metric\}/);
  assert.match(out, /url = \{https:\/\/example.org\/a_b%20c\?x=1&y=2\}/);
});

test("keys: the record's own, else made from it, unique in the file either way", () => {
  const keys = new BibtexKeys();
  const item = (key?: string): CslItem => ({
    type: "article-journal",
    title: "Normalized distance",
    author: [{ family: "Bo", given: "Liu" }],
    issued: { "date-parts": [[2007]] },
    ...(key ? { "citation-key": key } : {}),
  });
  const key = (i: CslItem) => /^@\w+\{([^,]+),/.exec(toBibtex(i, keys))?.[1];
  assert.equal(key(item("Yujian2007")), "Yujian2007");
  assert.equal(key(item("Yujian2007")), "Yujian2007b", "a second record with the key gets another");
  assert.equal(key(item()), "Bo2007Normalized");
  assert.equal(key(item()), "Bo2007Normalizedb");
  assert.equal(key(item("has space")), "Bo2007Normalizedc", "a key bibtex cannot read is replaced");
});
