import assert from "node:assert/strict";
import { test } from "node:test";
import type { PdfPage, PdfWord } from "../pdf/types.ts";
import { pdfWords } from "../testing/glyphs.ts";
import { layoutDocument } from "./layout.ts";
import { findLineNumbering, withoutLineNumbers } from "./line-numbers.ts";

/** A line number in 5-point type, right-aligned at x 44 (a review copy's left margin). */
function lineNumber(n: number, top: number, x1 = 44): PdfWord {
  const text = String(n);
  const [w] = pdfWords(text, x1 - text.length * 2.5, top, 5);
  return w;
}

/** A column of `count` lines of 8-point text at x 54, each with its entry's label touching it, and every fifth line numbered. */
function reviewPage(count: number, first = 300): PdfPage {
  const words: PdfWord[] = [];
  for (let i = 0; i < count; i++) {
    const top = 100 + i * 24;
    words.push(...pdfWords(`${i + 1}`, 54, top - 2, 6));
    words.push(...pdfWords("Smith, J. Surface chemistry of silicon, Phys. Rev. 94, 262 (1954).", 58, top, 8));
    words.push(lineNumber(first + 5 * i, top + 1));
  }
  return { number: 1, width: 612, height: 792, words };
}

test("a review copy's line numbers in the margin are dropped; the entries' labels that touch them stay", () => {
  const page = reviewPage(12);
  const numbering = findLineNumbering([page]);
  assert.equal(numbering.length, 1);
  const kept = withoutLineNumbers(page.words, numbering);
  assert.ok(!kept.some((w) => /^3\d\d$/.test(w.text)));
  assert.deepEqual(
    kept.filter((w) => /^\d+$/.test(w.text) && w.x0 < 58).map((w) => w.text),
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
  );
  // Laid out, no line holds a line number, and no entry has one glued to its front.
  const doc = layoutDocument({ pages: [page], pageCount: 1 });
  assert.ok(doc.lines.every((l) => !/\b3\d\d\b/.test(l.text)));
  assert.ok(doc.lines.some((l) => l.text.startsWith("1 Smith")));
});

test("a numbered gutter's numbers, touching the left column's justified edge, are line numbers too", () => {
  const words: PdfWord[] = [];
  for (let i = 0; i < 10; i++) {
    const top = 100 + i * 24;
    const left = pdfWords("the objects in space and time would be falsified; what we", 54, top, 8);
    words.push(...left, lineNumber(330 + 5 * i, top + 1, left.at(-1)!.x1 + 8));
    words.push(...pdfWords("have alone been able to show is that our judgements", 320, top, 8));
  }
  const page = { number: 1, width: 612, height: 792, words };
  const kept = withoutLineNumbers(words, findLineNumbering([page]));
  assert.equal(kept.length, words.length - 10);
});

test("a page whose text ends early has its few line numbers dropped where the document's other pages show them", () => {
  const full = reviewPage(12);
  const last = { ...reviewPage(3, 360), number: 2 };
  assert.equal(findLineNumbering([last]).length, 0);
  const numbering = findLineNumbering([full, last]);
  assert.equal(withoutLineNumbers(last.words, numbering).length, last.words.length - 3);
});

test("numbers that are not line numbers stay: a table's column in the text's type, a short run, numbers out of step", () => {
  // A table of years in the text's own type: not smaller than the page's text.
  const table: PdfWord[] = [];
  for (let i = 0; i < 12; i++) {
    table.push(...pdfWords(`${1990 + i}`, 60, 100 + i * 24, 8));
    table.push(...pdfWords("Growth of the index in percent over the year", 120, 100 + i * 24, 8));
  }
  const tablePage = { number: 1, width: 612, height: 792, words: table };
  assert.equal(findLineNumbering([tablePage]).length, 0);
  // Small numbers alone, but out of step (page references in a small index) or too few down the page.
  const index: PdfWord[] = [];
  [3, 17, 4, 120, 9, 44].forEach((n, i) => {
    index.push(...pdfWords("Wissensstrukturen über die Stabilität der Merkmale", 54, 100 + i * 60, 8));
    index.push(lineNumber(n, 101 + i * 60, 400));
  });
  assert.equal(findLineNumbering([{ number: 1, width: 612, height: 792, words: index }]).length, 0);
  const short = reviewPage(4);
  assert.equal(findLineNumbering([short]).length, 0);
});

test("review: a table's column of years inside the text is no numbering, nor a table's numbers at a numbering's place", () => {
  const words: PdfWord[] = [];
  for (let i = 0; i < 10; i++)
    words.push(
      ...pdfWords(
        "The employment figures of the region are given in the table below for",
        54,
        60 + i * 12,
        11,
      ),
    );
  for (let i = 0; i < 26; i++) {
    words.push(...pdfWords(`${1990 + i}`, 60, 190 + i * 11, 8));
    words.push(...pdfWords(`${20 + i * 5}`, 200, 190 + i * 11, 8));
  }
  for (let i = 0; i < 10; i++)
    words.push(
      ...pdfWords(
        "and the rates fell after the reform in every district of the region",
        54,
        480 + i * 12,
        11,
      ),
    );
  assert.equal(findLineNumbering([{ number: 1, width: 612, height: 792, words }]).length, 0);
  // At a numbering's place on another page, numbers that do not climb by its step stay.
  const numbering = findLineNumbering([reviewPage(12)]);
  const table: PdfWord[] = [];
  [12, 40, 7, 300, 55, 18].forEach((n, i) => {
    table.push(...pdfWords("Wissensstrukturen über die Stabilität der Merkmale", 54, 100 + i * 20, 8));
    table.push(lineNumber(n, 101 + i * 20));
  });
  assert.equal(withoutLineNumbers(table, numbering).length, table.length);
});
