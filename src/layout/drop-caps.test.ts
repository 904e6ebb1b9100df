import assert from "node:assert/strict";
import { test } from "node:test";
import type { PdfWord } from "../pdf/types.ts";
import { pdfWords as line } from "../testing/glyphs.ts";
import { joinDropCaps } from "./drop-caps.ts";
import { layoutDocument } from "./layout.ts";

/** A letter `size` points high whose top is at `top` (its box as the text layer gives it, baseline near its foot). */
function letter(text: string, x: number, top: number, size: number): PdfWord {
  const [w] = line(text, x, top, size);
  return { ...w, bottom: top + size * 1.3, baseline: top + size * 0.95 };
}

/** A paragraph of three lines beside a drop cap three lines high, then a second paragraph. */
function paragraph(cap: PdfWord): PdfWord[] {
  return [
    cap,
    ...line("mplizite Theorien sind schematische Wissensstrukturen über die", 78, 100),
    ...line("Stabilität oder die Veränderbarkeit von Merkmalen, die", 78, 112),
    ...line("Gedächtnislücken zu füllen helfen.", 60, 124),
    ...line("Sechzig Patienten wurden an fünf Tagen befragt und", 60, 140),
  ];
}

test("a drop cap is put back at the front of the word it begins", () => {
  const words = joinDropCaps(paragraph(letter("I", 60, 96, 30)));
  assert.equal(words[0].text, "Implizite");
  assert.equal(words[0].x0, 60);
  assert.ok(!words.some((w) => w.text === "I"));
  // The layout reads the paragraph's first line as printed, the letter no line of its own.
  const doc = layoutDocument({
    pages: [{ number: 1, width: 600, height: 800, words: paragraph(letter("I", 60, 96, 30)) }],
    pageCount: 1,
  });
  assert.match(doc.lines[0].text, /^Implizite Theorien sind/);
  assert.ok(!doc.lines.some((l) => l.text === "I"));
});

test("a raised initial, standing on the first line, is joined as a drop cap is", () => {
  const cap = { ...letter("C", 46, 70, 40), baseline: 108 };
  const words = joinDropCaps([cap, ...line("urrently, the use of alcohol and other drugs is seen", 72, 100)]);
  assert.equal(words[0].text, "Currently,");
});

test("large letters are left alone where no word in small letters starts right beside them", () => {
  // A journal's logo letters right of its name, and a large capital before a capitalised word.
  const logo = [letter("G", 495, 0, 24), ...line("Group Processes &", 392, 4, 12)];
  assert.deepEqual(joinDropCaps(logo), logo);
  const capital = [letter("T", 60, 96, 30), ...line("He Who Reads", 72, 100)];
  assert.deepEqual(joinDropCaps(capital), capital);
  // A letter of body size is no drop cap.
  const plain = [letter("I", 60, 96, 10), ...line("mplizite Theorien", 72, 100)];
  assert.deepEqual(joinDropCaps(plain), plain);
});
