import assert from "node:assert/strict";
import { test } from "node:test";
import { glyph } from "../testing/glyphs.ts";
import type { Glyph } from "./glyphs.ts";
import { repairMacRomanFonts } from "./mac-roman.ts";

/** Glyphs side by side, 5 points each; a pair written "f|l" shares one box (a decomposed ligature). */
function glyphs(text: string, font = "F1"): Glyph[] {
  const out: Glyph[] = [];
  let x = 0;
  for (const part of text.split(/(f\|l)/)) {
    if (part === "f|l") {
      for (const char of ["f", "l"]) out.push(box(char, x, font));
      x += 5;
      continue;
    }
    for (const char of part) {
      out.push(box(char, x, font));
      x += 5;
    }
  }
  return out;
}
const box = (char: string, x: number, font: string) => glyph(char, x, x + 5, { font });
const text = (gs: Glyph[]) => gs.map((g) => g.char).join("");

test("a font read as Mac Roman where its bytes are Latin-1 is read back: Grˆfle → Größe, Ruflland → Rußland", () => {
  assert.equal(
    text(repairMacRomanFonts(glyphs("Grˆf|le und Ruf|lland ‰hnlich ªB¸ro"))),
    "Größe und Rußland ähnlich »Büro",
  );
});

test("real text is left alone: ligatures, an accent over a letter, one stray sign", () => {
  assert.equal(text(repairMacRomanFonts(glyphs("Konf|likt und f|lie\u00dfend"))), "Konflikt und fließend");
  const accent = glyphs("Gyongyi");
  // LaTeX's OT1 accent: "ˆ" drawn over the o, not beside it.
  accent.splice(3, 0, { ...accent[2], char: "ˆ" });
  assert.equal(text(repairMacRomanFonts(accent)), "Gyoˆngyi");
  assert.equal(text(repairMacRomanFonts(glyphs("a‰b und sonst nichts"))), "a‰b und sonst nichts");
});
