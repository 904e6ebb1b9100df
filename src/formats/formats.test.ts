import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readAclAnthology } from "./acl-anthology.ts";
import { readBibtex } from "./bibtex.ts";
import { readCslJson } from "./csl-json.ts";
import { readerFor } from "./index.ts";
import { readJsonl } from "./jsonl.ts";
import type { ReadItem } from "./record.ts";
import { parseNameString } from "./record.ts";
import { readRis } from "./ris.ts";
import { toRis } from "./ris-writer.ts";

const dir = mkdtempSync(join(tmpdir(), "citegraph-formats-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function all(it: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test("BibTeX: entries, macros, LaTeX accents, arXiv; a broken entry is reported with its line and the rest is read", async () => {
  const p = file(
    "a.bib",
    `% comment with an @ sign
@string{cacm = {Communications of the ACM}}
@article{k1, title={Caf\\'e {GPU}s}, journal=cacm, author={M{\\"u}ller, J. and Smith, Anne},
  eprint={2101.00001}, archivePrefix={arXiv}, year=2004, doi={https://doi.org/10.1145/ABC.1}, abstract={An abstract.}}
@article{k2, title={Broken ,
  year=2004
@inproceedings(k3, title="Third {One}", booktitle={Proc}, year=1999)
@article{k4, author={Nobody}}
`,
  );
  const items = await all(readBibtex(p));
  assert.equal(items.length, 4);
  const k1 = items[0].record!;
  assert.equal(k1.id, "k1");
  assert.equal(k1.item.title, "Café GPUs");
  assert.equal(k1.item["container-title"], "Communications of the ACM");
  assert.deepEqual(k1.item.author?.[0], { family: "Müller", given: "J." });
  assert.equal(k1.item.arxiv, "2101.00001");
  assert.equal(k1.item.DOI, "10.1145/abc.1");
  assert.equal(k1.item.abstract, "An abstract.");
  assert.equal(items[1].error?.location.line, 5);
  assert.match(items[1].error!.reason, /not closed/);
  assert.equal(items[2].record?.item.title, "Third One");
  assert.equal(items[3].error?.location.line, 8);
  assert.match(items[3].error!.reason, /title/);
});

test("BibTeX: printed references in a cited-references field (Web of Science), one a line, come as raw strings", async () => {
  const p = file(
    "wos.bib",
    `@article{w1, title={Citing paper}, author={Lee, Ann}, year=2010,
  Cited-References = {{Smith}, J. (2001). A study of things. Nature, 1, 2-3.
Jones K, 1999, J COMPUT, V12, P45, DOI 10.1000/182.},
  note={A note}}
@article{w2, title={No references}, author={Lee, Ann}, year=2011}
`,
  );
  const [w1, w2] = await all(readBibtex(p));
  assert.deepEqual(w1.record?.references, [
    { raw: "Smith, J. (2001). A study of things. Nature, 1, 2-3." },
    { raw: "Jones K, 1999, J COMPUT, V12, P45, DOI 10.1000/182." },
  ]);
  assert.equal(w1.record?.item.title, "Citing paper");
  assert.deepEqual(w2.record?.references, []);
});

test("RIS: records between TY and ER; a record without title is reported", async () => {
  const p = file(
    "a.ris",
    "TY  - JOUR\nID  - r1\nT1  - Hi there\nAU  - Smith, J\nPY  - 2001\nDO  - 10.1000/xyz\nER  - \n\nTY  - BOOK\nAU  - X\nER  - \n",
  );
  const items = await all(readRis(p));
  assert.equal(items[0].record?.id, "r1");
  assert.equal(items[0].record?.item.title, "Hi there");
  assert.equal(items[0].record?.item.DOI, "10.1000/xyz");
  assert.equal(items[1].error?.location.line, 9);
});

test("CSL-JSON arrays stream element by element; a bad element costs only itself", async () => {
  const p = file(
    "a.json",
    `[
 {"id":"a","title":"A [b] \\"x\\" {y}","author":[{"family":"X"}]},
 {"id":"b","title":"B", "references":["a", "10.1000/xyz", {"title":"C","author":"Smith, J."}, "Smith, J. (2001). A printed reference. Journal."]},
 {"id":"c"},
 not json,
 {"id":"d","title":"D","issued":{"date-parts":[["2004"]]}}
]`,
  );
  const items = await all(readCslJson(p));
  assert.equal(items.length, 5);
  assert.equal(items[0].record?.item.title, 'A [b] "x" {y}');
  assert.deepEqual(items[1].record?.references, [
    { id: "a" },
    { doi: "10.1000/xyz" },
    { item: { title: "C", type: "article", author: [{ family: "Smith", given: "J." }] } },
    { raw: "Smith, J. (2001). A printed reference. Journal." },
  ]);
  assert.equal(items[2].error?.location.line, 4);
  assert.equal(items[3].error?.location.line, 5);
  assert.deepEqual(items[4].record?.item.issued, { "date-parts": [[2004]] });
});

test("a CSL-JSON file cut short is reported, after the elements that were whole", async () => {
  const items = await all(readCslJson(file("cut.json", '[{"title":"One"},\n{"title":"Tw')));
  assert.equal(items[0].record?.item.title, "One");
  assert.ok(items.at(-1)?.error);
});

test("JSON Lines: records, S2ORC lines recognised by their fields, malformed lines with their number", async () => {
  const p = file(
    "a.jsonl",
    [
      JSON.stringify({ id: "x1", title: "First", author: ["Lee, Ann"], year: 2001, references: ["x2"] }),
      "",
      "{broken",
      JSON.stringify({
        paper_id: "123",
        title: "S2 paper",
        authors: [{ first: "Ann", middle: ["B."], last: "Lee", suffix: "" }],
        year: 2010,
        journal: "J. Stuff",
        doi: null,
        arxiv_id: "1001.0001",
        abstract: null,
        outbound_citations: ["456"],
        inbound_citations: [],
      }),
      JSON.stringify({ id: "x3", title: 42 }),
    ].join("\n"),
  );
  const items = await all(readJsonl(p));
  assert.equal(items.length, 4);
  assert.equal(items[0].record?.item.issued?.["date-parts"]?.[0]?.[0], 2001);
  assert.equal(items[1].error?.location.line, 3);
  const s2 = items[2].record!;
  assert.equal(s2.id, "s2:123");
  assert.deepEqual(s2.item.author, [{ family: "Lee", given: "Ann B." }]);
  assert.equal(s2.item.arxiv, "1001.0001");
  assert.deepEqual(s2.references, [{ id: "s2:456" }]);
  // A number where a title should be is refused, naming the field (it is recorded, not stored as "42").
  assert.match(items[3].error?.reason ?? "", /^invalid-field: field "title" must be a string, not a number/);
});

test("ACL Anthology XML: papers with volume metadata, ids, markup flattened", async () => {
  const p = file(
    "P99.xml",
    `<?xml version='1.0' encoding='UTF-8'?>
<collection id="P99">
  <volume id="1">
    <meta><booktitle>Proceedings of the 37th Annual Meeting</booktitle><publisher>ACL</publisher><address>College Park</address><year>1999</year></meta>
    <paper id="1">
      <title><fixed-case>B</fixed-case>ayesian Parsing &amp; More</title>
      <author><first>Ann</first><last>Lee</last></author>
      <author><first>Bo</first><last>Chen</last></author>
      <pages>1–8</pages>
      <url>P99-1001</url>
      <doi>10.3115/1034678.1034680</doi>
      <abstract>We parse.</abstract>
    </paper>
    <paper id="2"><author><first>No</first><last>Title</last></author><url>P99-1002</url></paper>
  </volume>
</collection>`,
  );
  const items = await all(readAclAnthology(p));
  assert.equal(items.length, 2);
  const r = items[0].record!;
  assert.equal(r.id, "acl:P99-1001");
  assert.equal(r.item.title, "Bayesian Parsing & More");
  assert.equal(r.item["container-title"], "Proceedings of the 37th Annual Meeting");
  assert.equal(r.item.page, "1-8");
  assert.equal(r.item.issued?.["date-parts"]?.[0]?.[0], 1999);
  assert.equal(r.item.abstract, "We parse.");
  assert.equal(items[1].error?.location.record, 2);
});

test("readers are chosen by extension", () => {
  assert.equal(readerFor("x.BIB")?.name, "bibtex");
  assert.equal(readerFor("x.jsonl")?.name, "jsonl");
  assert.equal(readerFor("x.pdf"), undefined);
});

test("names written as one string", () => {
  assert.deepEqual(parseNameString("van der Aalst, W. M. P."), {
    family: "van der Aalst",
    given: "W. M. P.",
  });
  assert.deepEqual(parseNameString("Ludwig van Beethoven"), { given: "Ludwig", family: "van Beethoven" });
  assert.deepEqual(parseNameString("Plato"), { family: "Plato" });
});

test("RIS output never wraps a line, whatever its length", () => {
  const abstract = "word ".repeat(200).trim();
  const ris = toRis({
    type: "article-journal",
    title: "T",
    abstract,
    author: [{ family: "Lee", given: "Ann" }],
    page: "10-20",
  });
  const lines = ris.split("\r\n").filter(Boolean);
  assert.ok(
    lines.every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l)),
    "every line starts with a tag",
  );
  assert.ok(lines.includes(`AB  - ${abstract}`));
  assert.ok(lines.includes("SP  - 10") && lines.includes("EP  - 20"));
  assert.equal(lines.at(-1), "ER  - ");
});

test("EndNote tagged output: one field a line, never wrapped, a blank line after each record", async () => {
  const { toEndnote } = await import("./endnote-writer.ts");
  const long = "A very long title ".repeat(10).trim();
  const enw = toEndnote({
    type: "article-journal",
    title: long,
    author: [{ family: "Aalst", "non-dropping-particle": "van der", given: "Wil" }, { literal: "ACM Press" }],
    issued: { "date-parts": [[2004]] },
    "container-title": "Communications\nof the ACM",
    volume: "47",
    page: "31-37",
    DOI: "10.1145/1",
  });
  const lines = enw.split("\n");
  assert.equal(lines[0], "%0 Journal Article");
  assert.ok(lines.includes(`%T ${long}`));
  assert.ok(lines.includes("%A van der Aalst, Wil"));
  assert.ok(lines.includes("%A ACM Press"));
  assert.ok(
    lines.includes("%J Communications of the ACM"),
    "a newline inside a value never starts a new field",
  );
  assert.ok(lines.includes("%P 31-37"));
  assert.ok(lines.includes("%R 10.1145/1"));
  assert.ok(enw.endsWith("\n\n"));
});

test("BibTeX keeps text in scripts without LaTeX commands, keys stay ASCII, journal-less articles are @misc", async () => {
  const { BibtexKeys, toBibtex } = await import("./bibtex-writer.ts");
  const keys = new BibtexKeys();
  const out = toBibtex(
    {
      type: "article",
      title: "Москва & 中文: Über αβ",
      author: [
        { family: "Иванов", given: "Иван" },
        { family: "Müller", given: "Jürgen" },
      ],
      issued: { "date-parts": [[2015]] },
    },
    keys,
  );
  assert.match(out, /^@misc\{Ivanov2015Moskva,$/m);
  assert.ok(out.includes('author = {{Иванов}, {Иван} and M{\\"u}ller, J{\\"u}rgen}'), out);
  assert.ok(out.includes('title = {{Москва} \\& {中文}: {\\"U}ber {αβ}}'), out);
  const journal = toBibtex({ type: "article", title: "T", "container-title": "J" }, keys);
  assert.match(journal, /^@article\{/);
});
