import assert from "node:assert/strict";
import { test } from "node:test";
import type { PdfWord } from "../pdf/types.ts";
import { pdfWords } from "../testing/glyphs.ts";
import { layoutDocument } from "./layout.ts";
import { joinStrayHyphens } from "./stray-hyphens.ts";

/** Words of a line of 11-point text at (x, top). */
const line = (text: string, x: number, top: number): PdfWord[] => pdfWords(text, x, top, 11);

/** A paragraph whose end-of-line hyphens the PDF draws after all its words, as InDesign's exports do. */
function paragraph(): PdfWord[] {
  const first = line("Ein menschenrechtlicher Aktionsplan ist ein strate", 71, 406);
  const second = line("gisch ausgerichtetes Handlungsprogramm, um dafür", 71, 420);
  const end = first[first.length - 1];
  const hyphen = line("-", end.x1, 406)[0];
  return [...first, ...second, { ...hyphen, spaceAfter: false }];
}

test("a hyphen drawn apart from its word is put back on its end; the lines read as printed", () => {
  const words = joinStrayHyphens(paragraph());
  assert.equal(words.length, paragraph().length - 1);
  assert.ok(words.some((w) => w.text === "strate-"));
  const doc = layoutDocument({
    pages: [{ number: 1, width: 595, height: 842, words: paragraph() }],
    pageCount: 1,
  });
  assert.deepEqual(
    doc.lines.map((l) => l.text),
    [
      "Ein menschenrechtlicher Aktionsplan ist ein strate-",
      "gisch ausgerichtetes Handlungsprogramm, um dafür",
    ],
  );
});

test("a dash apart from the words, or in a table's empty cell, stays where it is", () => {
  const dash = line("Kosten - Nutzen", 71, 100);
  assert.deepEqual(
    joinStrayHyphens(dash).map((w) => w.text),
    ["Kosten", "-", "Nutzen"],
  );
  const cell = [...line("Baotou", 415, 239), line("-", 363, 274)[0]];
  assert.deepEqual(
    joinStrayHyphens(cell).map((w) => w.text),
    ["Baotou", "-"],
  );
});
