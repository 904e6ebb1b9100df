import assert from "node:assert/strict";
import { test } from "node:test";
import { glyph } from "../testing/glyphs.ts";
import { type Glyph, glyphsToWords, mergeAccents } from "./glyphs.ts";

/** Glyphs laid out left to right, one unit of 5 points each, a space where the string has one. */
function run(text: string): Glyph[] {
  const out: Glyph[] = [];
  let x = 0;
  for (const ch of text) {
    if (ch === " ") out.push(glyph(" ", x, x, { generated: true }));
    else out.push(glyph(ch, x, x + 5));
    x += 5;
  }
  return out;
}

test("an OT1 accent drawn over the next letter merges into it (Jos´e → José)", () => {
  // The accent's box lies over the e's box.
  const glyphs = [
    glyph("J", 0, 5),
    glyph("o", 5, 10),
    glyph("s", 10, 15),
    glyph("\u00b4", 16, 19),
    glyph("e", 15, 20),
  ];
  assert.equal(
    mergeAccents(glyphs)
      .map((g) => g.char)
      .join(""),
    "José",
  );
  assert.equal(glyphsToWords(glyphs)[0].text, "José");
});

test("an accent after its letter merges backwards (Mu¨ller → Müller)", () => {
  const glyphs = [
    glyph("M", 0, 5),
    glyph("u", 5, 10),
    glyph("\u00a8", 6, 9),
    glyph("l", 10, 15),
    glyph("l", 15, 20),
  ];
  assert.equal(glyphsToWords(glyphs)[0].text, "Müll");
});

test("an accent drawn after the whole line merges into its letter; a tilde of code far off stays", () => {
  // "Layout-Anderungen mit LaTeX" drawn first, the "¨" over its A last (a title's second pass).
  const line = run("Layout-Anderungen mit LaTeX typeset");
  const a = line.find((g) => g.char === "A")!;
  const words = glyphsToWords([...line, glyph("\u00a8", a.x0 + 1, a.x1 - 1)]).map((w) => w.text);
  assert.deepEqual(words.slice(0, 2), ["Layout-Änderungen", "mit"]);
  // A "~" in an address, far down the stream: not an accent of a letter it happens to stand over.
  const address = run("http://www.ruc.dk/ then a long way of other words here");
  const d = address.find((g) => g.char === "d")!;
  assert.equal(glyphsToWords([...address, glyph("~", d.x0, d.x1)])[0].text, "http://www.ruc.dk/");
});

test("a spacing accent standing alone is kept as it is", () => {
  const glyphs = [glyph("a", 0, 5), glyph("`", 30, 35)];
  assert.deepEqual(
    glyphsToWords(glyphs).map((w) => w.text),
    ["a", "`"],
  );
});

test("ligatures are expanded", () => {
  const glyphs = [glyph("\ufb01", 0, 5), glyph("n", 5, 10), glyph("d", 10, 15)];
  assert.equal(glyphsToWords(glyphs)[0].text, "find");
});

test("spaces, gaps and baseline jumps end words", () => {
  const words = glyphsToWords([...run("a citation"), glyph("3", 52, 55, { baseline: 4, fontSize: 6 })]);
  assert.deepEqual(
    words.map((w) => w.text),
    ["a", "citation", "3"],
  );
  assert.equal(words[0].spaceAfter, true);
  assert.equal(words[1].spaceAfter, false);
  // A gap wider than a quarter of the font size separates words even without a space glyph.
  assert.deepEqual(
    glyphsToWords([glyph("a", 0, 5), glyph("b", 9, 14)]).map((w) => w.text),
    ["a", "b"],
  );
});

test("a symbol font's private-use glyph between keywords reads as a bullet, not an empty box", () => {
  const words = glyphsToWords(run("migration \uf0b7 labour \uf0a7 networks"));
  assert.deepEqual(
    words.map((w) => w.text),
    ["migration", "•", "labour", "•", "networks"],
  );
});

test("a generated space between glyphs that touch as the word's own do is none; where they overlap less, it is", () => {
  const texts = (glyphs: Glyph[]) => glyphsToWords(glyphs).map((w) => w.text);
  // Upright type: the letters' boxes abut, and a space the text layer generated where two touch joins them
  // ("Gy" "´" "ongyi": a merged accent's space); with a gap, it separates.
  const upright = [
    glyph("G", 0, 5),
    glyph("y", 5, 10),
    glyph(" ", 0, 0, { generated: true }),
    glyph("o", 10, 15),
  ];
  assert.deepEqual(texts(upright), ["Gyo"]);
  const spaced = [
    glyph("o", 0, 5),
    glyph("f", 5, 10),
    glyph(" ", 0, 0, { generated: true }),
    glyph("S", 13, 18),
  ];
  assert.deepEqual(texts(spaced), ["of", "S"]);
  // An italic display face whose boxes overlap by a quarter of a letter within words (the Journal of Statistical
  // Software's masthead): its words' boxes touch, and the spaces between them are spaces.
  const italic = (chars: string, x: number) => [...chars].map((c, i) => glyph(c, x + i * 4, x + i * 4 + 5));
  const words = [
    ...italic("of", 0),
    glyph(" ", 0, 0, { generated: true }),
    ...italic("Stat", 9),
    glyph(" ", 0, 0, { generated: true }),
    ...italic("Soft", 26),
  ];
  assert.deepEqual(texts(words), ["of", "Stat", "Soft"]);
});

test("TeX's ligatures and dashes given as control characters are read as what they stand for, in TeX's fonts only", () => {
  const tex = (text: string, font: string) => run(text).map((g) => ({ ...g, font }));
  const words = (gs: Glyph[]) => glyphsToWords(gs).map((w) => w.text);
  // A bitmap font, nameless to the text layer, in TeX's T1 layout: fi at 0x1C, ff at 0x1B, the en dash at 0x15.
  assert.deepEqual(words(tex("Wake\u001celd di\u001berent 2291\u0015305 \u0015 Rand", "")), [
    "Wakefield",
    "different",
    "2291–305",
    "–",
    "Rand",
  ]);
  // Math italic puts Greek letters there; another font its accented letters ("Považská").
  assert.deepEqual(words(tex("b\u001eb", "CMMI10")), ["b\u001eb"]);
  assert.deepEqual(words(tex("Pova\u001fská", "EastHlv")), ["Pova\u001fská"]);
});
