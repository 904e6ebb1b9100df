/**
 * Fonts whose text layer gives glyph numbers for characters. A TrueType font embedded without a map to Unicode,
 * its glyphs in the standard Macintosh order, makes some producers' text read as its glyph numbers: "A" is glyph
 * 36 and comes out as "$", a space is glyph 3 and comes out as a control character, "Zusammenfassung" reads
 * "=XVDPPHQIDVVXQJ" and "Identitäten" "GHQWLWlWHQ". Such a font is known by its text: hardly a small letter, and
 * most of it the characters 29 places below the small letters, which read back hold a language's share of vowels
 * (text in capitals falls in the same places, not with its vowels); then every glyph of it is read back through the
 * standard order (glyphs 3–97 are the printable ASCII characters, 98 on the Mac Roman letters from "Ä").
 */
import type { Glyph } from "./glyphs.ts";
import { MAC_ROMAN_HIGH } from "./mac-roman.ts";

/** Glyph 3 (space) is character 32: the printable ASCII characters are 29 places up. */
const SHIFT = 29;
/** The first glyph of the standard order past ASCII: "Ä", Mac Roman's 0x80. */
const FIRST_MAC_GLYPH = 98;
/** Mac Roman's letters and signs the order shares, up to the Apple logo where it parts from Mac Roman. */
const MAC_GLYPHS = MAC_ROMAN_HIGH.slice(0, 0x70);
/**
 * Glyphs of a font looked at least before it is judged, two of them its spaces as glyph 3 (a control character):
 * a word or two in capitals ("@ARTICLE", "ÜBER DEN TELLERRAND") or a table of hexadecimal codes ("FD20FD21…")
 * fall in the same places, with a language's vowels, but their spaces are spaces.
 */
const MIN_GLYPHS = 12;
const MIN_SPACES = 2;
/** A capitals' font beside one found so: a word at least. */
const MIN_CAPITALS = 4;

/** The vowels' codes, a e i o u. */
const VOWELS = new Set([0x61, 0x65, 0x69, 0x6f, 0x75]);
/** Vowels among a text's small letters at least (German and English text has 38% or so). */
const MIN_VOWEL_SHARE = 0.3;

const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** The character a glyph of the standard Macintosh order stands for, or undefined past the shared part. */
function standardChar(code: number): string | undefined {
  if (code >= 3 && code < FIRST_MAC_GLYPH) return String.fromCharCode(code + SHIFT);
  return MAC_GLYPHS[code - FIRST_MAC_GLYPH];
}

/**
 * The glyphs with every font that reads as glyph numbers read back as characters. `known` holds the document's
 * fonts found so on earlier pages (a heading's font may come alone on a page): they are repaired on sight, and
 * the fonts found here are added to it.
 */
export function repairGlyphIdFonts(glyphs: Glyph[], known: Set<string> = new Set()): Glyph[] {
  const tally = new Map<
    string,
    {
      n: number;
      letters: number;
      lower: number;
      shiftedLower: number;
      shiftedVowels: number;
      shiftedLetters: number;
      spaces: number;
    }
  >();
  for (const g of glyphs) {
    if (g.generated || g.char.length !== 1) continue;
    const code = g.char.charCodeAt(0);
    if (code === 0x20) continue;
    let t = tally.get(g.font);
    if (!t) {
      t = { n: 0, letters: 0, lower: 0, shiftedLower: 0, shiftedVowels: 0, shiftedLetters: 0, spaces: 0 };
      tally.set(g.font, t);
    }
    t.n++;
    if (isAsciiLetter(code)) t.letters++;
    if (isAsciiLetter(code + SHIFT)) t.shiftedLetters++;
    if (code >= 0x61 && code <= 0x7a) t.lower++;
    if (code + SHIFT >= 0x61 && code + SHIFT <= 0x7a) t.shiftedLower++;
    if (VOWELS.has(code + SHIFT)) t.shiftedVowels++;
    if (code === 3) t.spaces++;
  }
  const repair = known;
  for (const [font, t] of tally) {
    const enough = t.spaces >= MIN_SPACES && t.n >= MIN_GLYPHS;
    // Read back, the small letters are a language's: a third of them vowels or more. Text in capitals (D, H, L, R
    // read back as a, e, i, o) has a fifth.
    const vowels = t.shiftedVowels >= MIN_VOWEL_SHARE * t.shiftedLower;
    if (enough && vowels && t.shiftedLower >= 0.5 * t.n && t.lower <= 0.1 * t.n) repair.add(font);
  }
  // A font of capitals (a heading's: "=86$00(1)$6681*" for "ZUSAMMENFASSUNG") has no small letters to tell by:
  // beside a font of the document found so, its glyphs all letters when read back and none before.
  if (repair.size > 0)
    for (const [font, t] of tally)
      if (t.n >= MIN_CAPITALS && t.shiftedLetters >= 0.6 * t.n && t.letters <= 0.1 * t.n) repair.add(font);
  if (repair.size === 0) return glyphs;
  if (!glyphs.some((g) => repair.has(g.font))) return glyphs;
  return glyphs.map((g) => {
    if (!repair.has(g.font) || g.generated || g.char.length !== 1) return g;
    const char = standardChar(g.char.charCodeAt(0));
    return char === undefined ? g : { ...g, char };
  });
}
