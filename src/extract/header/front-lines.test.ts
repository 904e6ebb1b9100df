import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { layoutDocument } from "../../layout/layout.ts";
import { readPdfFile } from "../../library/pdf-files.ts";
import { PdfiumReader } from "../../pdf/pdfium.ts";
import { textLine } from "../../testing/lines.ts";
import { datasetsDir } from "../reference/training/corpus.ts";
import { segmentDocument } from "../segmentation/segment.ts";
import { frontLines, lineFacts } from "./front-lines.ts";
import { headerLineFeatures, type LineFacts } from "./line-features.ts";
import { alignFrontLines, readFrontLineGold } from "./training/front-lines-gold.ts";

function facts(text: string, o: Parameters<typeof textLine>[1], more: Partial<LineFacts> = {}): LineFacts {
  return { ...lineFacts(textLine(text, o)), tokenShare: {}, ruleTitle: false, zone: "header", ...more };
}

test("a line's features: its type against the text's, its neighbours, what it says in outline", () => {
  const lines = [
    facts("A Study of Things", { size: 18, top: 60, x: 200 }, { ruleTitle: true, tokenShare: { title: 1 } }),
    facts("Ann Smith and Bob Jones", { size: 11, top: 90, x: 190 }),
    facts("University of Somewhere, ann@x.org", { size: 10, top: 104, x: 50 }),
    facts("Abstract", { size: 10, top: 140, x: 50, bold: true }),
  ];
  const [title, names, address, heading] = headerLineFeatures(lines, 10);
  for (const f of [
    "largest",
    "size=1.6",
    "tok=title",
    "tokTitle",
    "ruleTitle",
    "line=0",
    "p:none",
    "n:names",
  ])
    assert.ok(title.includes(f), `title: ${f} in ${title.join(" ")}`);
  for (const f of ["names", "and", "p:largest", "gapBefore=para"])
    assert.ok(names.includes(f), `names: ${f}`);
  for (const f of ["affiliation", "contact"]) assert.ok(address.includes(f), `address: ${f}`);
  for (const f of ["abstractCue", "bold", "gapBefore=wide"]) assert.ok(heading.includes(f), `heading: ${f}`);
  assert.ok(!heading.includes("largest"));
});

test("labels align only with the lines they were given for", () => {
  const gold = {
    split: "dev" as const,
    lines: [
      { text: "A Study", label: "title" as const },
      { text: "Ann Smith", label: "author" as const },
    ],
  };
  assert.deepEqual(alignFrontLines(["A Study", "Ann Smith"], gold), ["title", "author"]);
  assert.equal(alignFrontLines(["A Study", "Ann  Smith"], gold), undefined);
  assert.equal(alignFrontLines(["A Study"], gold), undefined);
});

const GOLD = fileURLToPath(new URL("../../../eval/header-lines", import.meta.url));
const PDFS = join(datasetsDir(), "pdfs");

test("the hand-labelled lines still align with what the layout reads (a sample of the papers)", {
  skip: !existsSync(PDFS) && "no ../shared datasets",
}, async () => {
  const gold = [...readFrontLineGold(GOLD)].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  assert.ok(gold.length >= 150, `${gold.length} labelled papers`);
  const reader = new PdfiumReader();
  for (const [path, paper] of gold.filter((_, i) => i % 16 === 0)) {
    const { bytes } = await readPdfFile(join(PDFS, path), 200 * 1024 * 1024);
    const doc = layoutDocument(await reader.read(bytes));
    const front = frontLines(doc, segmentDocument(doc).zones);
    assert.ok(
      alignFrontLines(
        front.facts.map((f) => f.text),
        paper,
      ),
      `${path}: the layout reads other lines than were labelled (label them again, or fix the layout)`,
    );
  }
});
