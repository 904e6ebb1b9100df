import assert from "node:assert/strict";
import { test } from "node:test";
import { glyph } from "../testing/glyphs.ts";
import { repairGlyphIdFonts } from "./glyph-ids.ts";
import type { Glyph } from "./glyphs.ts";

/** Glyphs side by side in one font, 5 points each. */
const glyphs = (text: string, font: string): Glyph[] =>
  [...text].map((char, i) => glyph(char, i * 5, i * 5 + 5, { font }));
const text = (gs: Glyph[]) => gs.map((g) => g.char).join("");

/** Text as a font that gives its glyph numbers reads: 29 places down, ä as glyph 108 ("l"). */
function asGlyphNumbers(plain: string): string {
  return [...plain].map((c) => (c === "ä" ? "l" : String.fromCharCode(c.charCodeAt(0) - 29))).join("");
}

test("a font whose text reads as glyph numbers is read back, its headings in capitals with it on later pages", () => {
  const known = new Set<string>();
  const page = [
    ...glyphs(asGlyphNumbers("Soziale Identitäten versus Geschlechtsidentitäten"), "TNR.Fett"),
    ...glyphs("Mai 1999", "Times"),
  ];
  assert.equal(
    text(repairGlyphIdFonts(page, known)),
    "Soziale Identitäten versus GeschlechtsidentitätenMai 1999",
  );
  // A later page: its heading alone in another font of the same producer, in capitals.
  const later = [
    ...glyphs(asGlyphNumbers("ZUSAMMENFASSUNG"), "TNR.Kursiv"),
    ...glyphs("In diesem Bericht", "Times"),
  ];
  assert.equal(text(repairGlyphIdFonts(later, known)), "ZUSAMMENFASSUNGIn diesem Bericht");
  // The same heading on a page of a document with no such font is left as it is.
  assert.equal(text(repairGlyphIdFonts(later, new Set())), text(later));
});

test("text in capitals, and a table of hexadecimal codes, are not taken for glyph numbers", () => {
  for (const plain of [
    "@ARTICLE@PERIODICAL ÜBER DEN TELLERRAND",
    "FD20FD21FD22FD23FD24FD25FD26FD27FD28FD29FD2A",
  ]) {
    const gs = glyphs(plain, "F1");
    assert.equal(text(repairGlyphIdFonts(gs)), plain);
  }
});
