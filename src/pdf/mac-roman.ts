/**
 * Fonts whose text layer says Mac Roman where the bytes are Latin-1. Some German and French publishers' PDFs
 * declare (or imply, through a TrueType font's Mac table) the Mac Roman encoding for text written in
 * Windows-1252: the engine then reads "Größe" as "Grˆfle" and "Rußland" as "Ruflland" (ö is byte F6, Mac Roman's
 * "ˆ"; ß is DF, Mac Roman's "ﬂ" ligature). A font is repaired when characters that Mac Roman puts where
 * Latin-1 has its letters stand inside words as letters do — full width, not an accent drawn over a letter —
 * and then every character of it read from Mac Roman's upper half is read back as Windows-1252.
 */
import { windows1252Char } from "../text/windows-1252.ts";
import type { Glyph } from "./glyphs.ts";

/** Mac Roman's characters for the bytes 0x80–0xFF. */
export const MAC_ROMAN_HIGH =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

const BYTE_OF = new Map<string, number>([...MAC_ROMAN_HIGH].map((c, i) => [c, 0x80 + i]));

/** What Latin-1 text the font meant by a character the engine read as Mac Roman. */
function asWindows1252(char: string): string {
  const byte = BYTE_OF.get(char);
  return byte === undefined ? char : windows1252Char(byte);
}

/** Mac Roman's stand-ins for ä ö ü ß Ä Ö Ü: never letters of a word in real text. */
const TELLS = new Set(["‰", "ˆ", "¸", "ﬂ", "ƒ", "÷", "›"]);

const isLetter = (g: Glyph | undefined) => !!g && /\p{L}/u.test(g.char);

/** Two glyphs the engine made of one: a ligature it decomposed ("ﬂ" as "f", "l"), both with the glyph's box. */
const oneGlyph = (a: Glyph, b: Glyph) => Math.abs(a.x0 - b.x0) < 0.01 && Math.abs(a.x1 - b.x1) < 0.01;

/** The glyphs with every font that reads as Mac Roman-decoded Latin-1 repaired. */
export function repairMacRomanFonts(glyphs: Glyph[]): Glyph[] {
  const evidence = new Map<string, number>();
  for (let i = 1; i + 1 < glyphs.length; i++) {
    const g = glyphs[i];
    // The engine may hand out the "ﬂ" ligature decomposed, as "f" and "l" with one box.
    if (g.char === "f" && glyphs[i + 1].char === "l" && oneGlyph(g, glyphs[i + 1])) continue;
    if (!TELLS.has(g.char)) continue;
    const prev = glyphs[i - 1];
    const next = glyphs[i + 1];
    // Between two letters of its own font, beside them rather than over one of them (an accent).
    const beside = prev.x1 <= g.x0 + 0.3 * (g.x1 - g.x0) && next.x0 >= g.x1 - 0.3 * (g.x1 - g.x0);
    if (
      isLetter(prev) &&
      isLetter(next) &&
      prev.font === g.font &&
      beside &&
      (g.char !== "ﬂ" || !/[aeiou]/i.test(next.char))
    )
      evidence.set(g.font, (evidence.get(g.font) ?? 0) + 1);
  }
  // Two tells make a font's case; one is enough beside a font of the page already found so (its bold face).
  const sure = [...evidence].some(([, n]) => n >= 2);
  const repair = new Set([...evidence].filter(([, n]) => n >= 2 || (sure && n >= 1)).map(([font]) => font));
  if (repair.size === 0) return glyphs;
  const out: Glyph[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    if (!repair.has(g.font)) out.push(g);
    else if (g.char === "f" && glyphs[i + 1]?.char === "l" && oneGlyph(g, glyphs[i + 1])) {
      out.push({ ...g, char: "ß" });
      i++;
    } else out.push(BYTE_OF.has(g.char) ? { ...g, char: asWindows1252(g.char) } : g);
  }
  return out;
}
