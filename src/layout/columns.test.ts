import assert from "node:assert/strict";
import { test } from "node:test";
import type { PdfWord } from "../pdf/types.ts";
import { orderPage } from "./reading-order.ts";

/** Words of a line of text at (x, top), 10-point type, 5 points a character, spaces of 2.5 points. */
function line(text: string, x: number, top: number, size = 10): PdfWord[] {
  const out: PdfWord[] = [];
  for (const w of text.split(" ")) {
    const x1 = x + w.length * size * 0.5;
    out.push({
      text: w,
      x0: x,
      x1,
      top,
      bottom: top + size,
      baseline: top + size * 0.8,
      fontSize: size,
      font: "T",
      bold: false,
      italic: false,
      spaceAfter: true,
    });
    x = x1 + size * 0.25;
  }
  return out;
}

/**
 * A two-column page drawn row by row across both columns (as some producers write it), with a gutter of 8
 * points — narrower than the two font sizes that end a line — under a full-width title.
 */
function page(): PdfWord[] {
  const words = [...line("A Title Across The Whole Width Of The Page In Large Type", 40, 20, 16)];
  for (let r = 0; r < 12; r++) {
    const top = 60 + r * 12;
    words.push(...line(`left column line number ${r} goes on here`, 40, top));
    words.push(...line(`right column line number ${r} goes on here`, 40 + 215 + 8, top));
  }
  return words;
}

test("columns are found from the whitespace between them, and never joined into one line", () => {
  const { lines, columns } = orderPage(page(), 1);
  assert.equal(columns, 2);
  const texts = lines.map((l) => l.text);
  assert.equal(texts[0], "A Title Across The Whole Width Of The Page In Large Type");
  assert.deepEqual(
    texts.slice(1, 13),
    Array.from({ length: 12 }, (_, r) => `left column line number ${r} goes on here`),
  );
  assert.deepEqual(
    texts.slice(13),
    Array.from({ length: 12 }, (_, r) => `right column line number ${r} goes on here`),
  );
  assert.ok(lines.slice(1).every((l, i) => l.column === (i < 12 ? 0 : 1)));
  assert.equal(lines[0].column, -1, "the title spans the columns");
});

test("a page of one column keeps the order its lines are drawn in", () => {
  const words: PdfWord[] = [];
  for (let r = 0; r < 20; r++)
    words.push(
      ...line(`a full line of running text number ${r} that crosses the middle of the page`, 40, 40 + r * 12),
    );
  const { lines, columns } = orderPage(words, 1);
  assert.equal(columns, 1);
  assert.equal(lines.length, 20);
  assert.ok(
    lines.every((l, r) => l.text.endsWith(`${r} that crosses the middle of the page`) && l.column === 0),
  );
});

test("a list's label set apart at the margin opens its item's line", () => {
  const words = [
    ...line("1.", 40, 100),
    ...line("Brasil, Ministério da Saúde. Rio de Janeiro: INCA, 2010.", 80, 100),
  ];
  words.push(...line("Rio de Janeiro: INCA, 2010. Disponível em: www.inca.com.br", 80, 112));
  const { lines } = orderPage(words, 1);
  assert.equal(lines[0].text, "1. Brasil, Ministério da Saúde. Rio de Janeiro: INCA, 2010.");
  const far = orderPage(
    [...line("2010", 40, 100), ...line("far away on the same baseline", 300, 100)],
    1,
  ).lines;
  assert.equal(far.length, 2, "words far apart that are no label stay two lines");
});

test("a justified line whose wide spaces line up with the gutter of the columns under it stays one line", () => {
  // A reference list's last entry in one column, its line set with wide spaces before a URL that could not be
  // broken, over an address and a journal's footer side by side.
  const words: PdfWord[] = [];
  for (let r = 0; r < 3; r++)
    words.push(
      ...line("Zeileis A, Croissant Y (2010). Extended Model Formulas in R: Multiple", 40, 40 + r * 12),
    );
  const left = line("Responses. Journal of Statistical Software, 34(1), 1-13.", 40, 76);
  const leftEnd = left.at(-1)?.x1 ?? 0;
  const right = line("URL http://www.jstatsoft.", leftEnd + 7, 76);
  words.push(...left, ...right);
  words.push(...line("org/v34/i01/.", 40, 88));
  for (let r = 0; r < 6; r++) {
    words.push(...line(`Institut address line ${r}`, 40, 112 + r * 12));
    words.push(...line(`Journal footer ${r}`, leftEnd + 14, 112 + r * 12));
  }
  const texts = orderPage(words, 1).lines.map((l) => l.text);
  assert.ok(
    texts.includes("Responses. Journal of Statistical Software, 34(1), 1-13. URL http://www.jstatsoft."),
    texts.join("\n"),
  );
  assert.equal(
    texts[texts.indexOf("org/v34/i01/.") - 1],
    "Responses. Journal of Statistical Software, 34(1), 1-13. URL http://www.jstatsoft.",
  );
});
