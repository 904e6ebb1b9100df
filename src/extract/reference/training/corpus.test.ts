import assert from "node:assert/strict";
import { test } from "node:test";
import { readAnystyle } from "./anystyle.ts";
import { datasetsDir, hasReferenceCorpus, readReferenceCorpus } from "./corpus.ts";
import { readGrobidTei } from "./grobid-tei.ts";
import { readLinkedbooks } from "./linkedbooks.ts";
import { readParscitLine } from "./parscit.ts";
import { tokenLabels } from "./sequences.ts";

const DATASETS = datasetsDir();

const fields = (r: { text: string; spans: { label: string; start: number; end: number }[] } | undefined) =>
  r?.spans.map((s) => [s.label, r.text.slice(s.start, s.end)]);

test("GROBID TEI: tags become fields, text between them separators; a monograph title is the container", () => {
  const [a, b] = readGrobidTei(
    `<TEI><listBibl>
      <bibl><author>A. Cau</author>. <title level="a">Formalising</title>. In <editor>C. B. Jones</editor>,
        <title level="m">Proc. Refinement</title>, <date>1992</date>.</bibl>
      <bibl><author>Knuth, D.</author> <title level="m">The Art<lb/>of Programming</title>, <pubPlace>Reading</pubPlace>:
        <publisher>Addison &amp; Wesley</publisher>, <idno type="DOI">10.1/x</idno></bibl>
    </listBibl></TEI>`,
    "t",
  );
  assert.equal(a.text, "A. Cau. Formalising. In C. B. Jones, Proc. Refinement, 1992.");
  assert.deepEqual(fields(a), [
    ["author", "A. Cau"],
    ["title", "Formalising"],
    ["editor", "C. B. Jones"],
    ["container-title", "Proc. Refinement"],
    ["date", "1992"],
  ]);
  assert.deepEqual(fields(b), [
    ["author", "Knuth, D."],
    ["title", "The Art of Programming"],
    ["location", "Reading"],
    ["publisher", "Addison & Wesley"],
    ["doi", "10.1/x"],
  ]);
});

test("AnyStyle XML, ParsCit lines and LinkedBooks CoNLL read into the same spans", () => {
  const [any] = readAnystyle(
    "<dataset><sequence>\n  <author>Solon, G.</author>\n  <date>(1999).</date>\n  <journal>Econ. J.</journal>\n</sequence></dataset>",
    "a",
  );
  assert.deepEqual(fields(any), [
    ["author", "Solon, G."],
    ["date", "(1999)."],
    ["container-title", "Econ. J."],
  ]);
  const cora = readParscitLine(
    "<author> M. Kitsuregawa. </author> <journal> New &amp; Generation, </journal> <br>",
    "p",
  );
  assert.deepEqual(fields(cora), [
    ["author", "M. Kitsuregawa."],
    ["container-title", "New & Generation,"],
  ]);
  const [lb] = readLinkedbooks(
    "-DOCSTART- -X- -X- o\r\rAgazzi author b-x b-r\rM author i-x i-r\r, o i-x i-r\rVenezia publicationplace i-x i-r\r2000 year e-x e-r\r",
    "l",
  );
  assert.equal(lb.text, "Agazzi M , Venezia 2000");
  assert.deepEqual(fields(lb), [
    ["author", "Agazzi M"],
    ["location", "Venezia"],
    ["date", "2000"],
  ]);
  assert.deepEqual(tokenLabels(lb, [0, 7, 9, 11, 19]), ["author", "author", "other", "location", "date"]);
});

test("the shared reference corpora read whole, with spans inside their texts", {
  skip: !hasReferenceCorpus(DATASETS),
}, () => {
  const c = readReferenceCorpus(DATASETS);
  assert.ok(c.anystyle.length > 12_000, `anystyle: ${c.anystyle.length}`);
  assert.ok(c.grobid.length > 8_000, `grobid: ${c.grobid.length}`);
  assert.equal(c.cora.length, 500);
  assert.ok(c.parscit.length > 600);
  assert.ok(c.linkedbooks.length > 30_000);
  for (const refs of Object.values(c)) {
    for (const r of refs) {
      let end = 0;
      for (const s of r.spans) {
        assert.ok(s.start >= end && s.end > s.start && s.end <= r.text.length, `${r.source}: ${r.text}`);
        end = s.end;
      }
    }
  }
  const withTitle = c.grobid.filter((r) => r.spans.some((s) => s.label === "title")).length;
  assert.ok(withTitle / c.grobid.length > 0.6, "most GROBID references have a title");
});
