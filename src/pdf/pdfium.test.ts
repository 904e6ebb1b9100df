import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  corruptPdf,
  croppedPdf,
  encryptedPdf,
  imageOnlyPdf,
  largePdf,
  NUMBERED_PAPER,
  paperPdf,
} from "../testing/pdf-fixtures.ts";
import { PdfiumReader, pdfiumMemoryBytes } from "./pdfium.ts";
import { PdfError } from "./types.ts";

const reader = new PdfiumReader();

async function rejectsWith(p: Promise<unknown>, code: PdfError["code"]) {
  await assert.rejects(p, (e: unknown) => e instanceof PdfError && e.code === code);
}

test("words come with their boxes, sizes and fonts, top-left origin", async () => {
  const doc = await reader.read(await paperPdf(NUMBERED_PAPER));
  assert.equal(doc.pageCount, 1);
  const page = doc.pages[0];
  assert.ok(page.width > 590 && page.width < 600, "A4 width");
  const title = page.words.find((w) => w.text === "Adaptive");
  assert.ok(title);
  assert.equal(Math.round(title.fontSize), 18);
  assert.ok(title.bold, "Times-Bold is bold");
  assert.ok(title.top < 120, "the title is at the top");
  const body = page.words.find((w) => w.text === "Garfield");
  assert.ok(body && Math.round(body.fontSize) === 10 && !body.bold);
  assert.ok(body.top > title.top);
  // Words read in order with their spaces.
  const text = page.words.map((w) => w.text + (w.spaceAfter ? " " : "")).join("");
  assert.ok(text.includes("Adaptive Indexing of Scholarly Citation Graphs"));
});

test("the title the document information declares is read as written; none when the file sets none", async () => {
  const declared = "Rußland im Übergang – “Transformation” 1991–2000";
  const withTitle = await reader.read(await paperPdf(NUMBERED_PAPER, { Title: declared }));
  assert.equal(withTitle.declaredTitle, declared);
  const without = await reader.read(await paperPdf(NUMBERED_PAPER));
  assert.equal(without.declaredTitle, undefined);
});

test("bad files fail with a code and a reason: corrupt, encrypted, image-only", async () => {
  await rejectsWith(reader.read(await corruptPdf()), "corrupt");
  await rejectsWith(reader.read(await encryptedPdf()), "encrypted");
  await rejectsWith(reader.read(await imageOnlyPdf()), "no-text");
  await rejectsWith(reader.read(new TextEncoder().encode("not a pdf at all")), "corrupt");
  await rejectsWith(reader.read(new Uint8Array(0)), "corrupt");
});

test("limits: bytes and pages", async () => {
  const pdf = await paperPdf(NUMBERED_PAPER);
  await rejectsWith(reader.read(pdf, { maxBytes: 100 }), "too-large");
  const doc = await reader.read(pdf, { maxPages: 1 });
  assert.equal(doc.pages.length, 1);
});

test("reading many documents does not grow the engine's memory", async () => {
  const pdf = await largePdf();
  assert.ok(pdf.length > 1_000_000);
  for (let i = 0; i < 3; i++) await reader.read(pdf);
  const before = await pdfiumMemoryBytes();
  for (let i = 0; i < 40; i++) await reader.read(pdf);
  const after = await pdfiumMemoryBytes();
  // WebAssembly memory only grows: a document not freed would add its megabyte each time.
  assert.ok(after - before < 4 * 1024 * 1024, `grew by ${after - before} bytes`);
});

test("a page box cropped through the text keeps the lines beyond its edge; a slug clear of the text is not", async () => {
  const doc = await reader.read(await croppedPdf());
  const text = (n: number) => doc.pages[n].words.map((w) => w.text).join(" ");
  for (const line of ["cut off above", "A second line", "cuts through", "wholly on the page"])
    assert.ok(text(0).includes(line), `page 1 keeps "${line}": ${text(0)}`);
  const above = doc.pages[0].words.find((w) => w.text === "cut");
  assert.ok(above && above.bottom < 0, "the kept line stands above the page, as printed");
  assert.ok(text(1).includes("The text of the second page"));
  assert.ok(!text(1).includes("Healy"), `the slug above the second page is not its text: ${text(1)}`);
  assert.ok(text(2).includes("A title cut off above the page"), text(2));
});

/** A shared paper (../shared/datasets, or CITEGRAPH_DATASETS) whose figures are set in bitmap fonts. */
const BITMAP_FONTS = `${
  process.env.CITEGRAPH_DATASETS ?? fileURLToPath(new URL("../../../shared/datasets", import.meta.url))
}/pdfs/science-parse/mooney05.pdf`;

test("glyphs of bitmap (Type 3) fonts, which PDFium sizes at 0.1 point, are given the size the page shows", {
  skip: !existsSync(BITMAP_FONTS) && "no ../shared datasets",
}, async () => {
  const doc = await new PdfiumReader().read(new Uint8Array(readFileSync(BITMAP_FONTS)));
  const words = doc.pages.flatMap((p) => p.words);
  // 111 words of this paper's figures and formulas were set in such fonts, 0.12 point and 120 points high.
  assert.deepEqual(
    words.filter((w) => w.fontSize < 1 || w.bottom - w.top > 3 * w.fontSize).map((w) => w.text),
    [],
  );
  const sizes = new Set(words.map((w) => w.fontSize));
  assert.ok(
    [...sizes].every((s) => s >= 1 && s <= 40),
    [...sizes].join(", "),
  );
});

/** A shared paper set in Computer Modern: its title in CMBX10, its text in CMR9. */
const TEX_FONTS = BITMAP_FONTS.replace("mooney05.pdf", "superscripttest.pdf");

test("bold is read from the font's name, not PDFium's weight (760 for Computer Modern's regular CMR9)", {
  skip: !existsSync(TEX_FONTS) && "no ../shared datasets",
}, async () => {
  const doc = await new PdfiumReader().read(new Uint8Array(readFileSync(TEX_FONTS)));
  const words = doc.pages[0].words;
  const title = words.filter((w) => w.top < 125);
  assert.ok(title.length >= 6 && title.every((w) => w.bold), "the title, in CMBX10");
  const abstract = words.filter((w) => w.top > 185 && w.top < 270);
  assert.ok(abstract.length > 50);
  assert.deepEqual(
    abstract.filter((w) => w.bold).map((w) => w.text),
    [],
  );
});
