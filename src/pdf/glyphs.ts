/**
 * Glyphs to words. PDF engines hand out one glyph at a time; this groups them into words and repairs what
 * LaTeX and typesetters do to text: ligatures are expanded ("ﬁ" → "fi") and spacing accents that OT1 fonts
 * draw as separate glyphs over a letter ("Jos´e") are merged into the letter ("José").
 */
import { repairGlyphIdFonts } from "./glyph-ids.ts";
import { repairMacRomanFonts } from "./mac-roman.ts";
import type { PdfWord, TextBox } from "./types.ts";

export interface Glyph extends TextBox {
  /** One character (or a ligature) as the text layer maps it. */
  char: string;
  font: string;
  /** The text layer inserted it (a space or line break it inferred), not the page. */
  generated: boolean;
}

/** Spacing accents and the combining marks they stand for. */
const SPACING_ACCENTS: Record<string, string> = {
  "\u00b4": "\u0301",
  "`": "\u0300",
  "\u00a8": "\u0308",
  "\u02c6": "\u0302",
  "^": "\u0302",
  "\u02dc": "\u0303",
  "~": "\u0303",
  "\u02c7": "\u030c",
  "\u02d8": "\u0306",
  "\u00b8": "\u0327",
  "\u02da": "\u030a",
  "\u00af": "\u0304",
  "\u02d9": "\u0307",
  "\u02dd": "\u030b",
};

const LIGATURES = /[\ufb00-\ufb06]/g;

/**
 * A symbol font's glyph the text layer has no character for (U+E000–U+F8FF): a bullet or dingbat between
 * keywords, shown as an empty box. Read as "•", a separator like the bullets it stands for.
 */
const PRIVATE_USE = /^[\ue000-\uf8ff]$/u;

/**
 * The ligatures and dashes of TeX's font encodings where a font without a map to Unicode gives their positions:
 * control characters, never text ("Wake\x1celd" for "Wakefield", "\x15" for "–"). T1 puts ff, fi, fl, ffi, ffl at
 * 0x1B–0x1F and the dashes at 0x15–0x16; OT1 the ligatures at 0x0B–0x0F (0x0D, a line break to the text layer,
 * is lost before here).
 */
const TEX_LIGATURES: Record<string, string> = {
  "\u001b": "\ufb00",
  "\u001c": "\ufb01",
  "\u001d": "\ufb02",
  "\u001e": "\ufb03",
  "\u001f": "\ufb04",
  "\u000b": "\ufb00",
  "\u000c": "\ufb01",
  "\u000e": "\ufb03",
  "\u000f": "\ufb04",
};
const TEX_DASHES: Record<string, string> = { "\u0015": "–", "\u0016": "—" };
const CONTROL = /^[\u0000-\u001f]$/u;
/**
 * TeX's text fonts: bitmap fonts (Type 3, nameless to the text layer) and the Computer Modern, EC and Latin Modern
 * families — not their math fonts, whose low positions are Greek letters and symbols (math italic's 0x1B–0x1F:
 * σ τ υ φ χ), nor other fonts that put accented letters there ("Pova\x1fská" for "Považská").
 */
const TEX_TEXT_FONT = /^(?:$|cm|ec|sf|lm|tc)/i;
const MATH_FONT = /cmmi|cmsy|cmex|cmbsy|math|msam|msbm/i;

/** The glyphs with TeX's ligatures (beside a letter) and dashes (alone) where control characters stand for them. */
function texControls(glyphs: Glyph[]): Glyph[] {
  if (!glyphs.some((g) => CONTROL.test(g.char))) return glyphs;
  return glyphs.map((g, i) => {
    if (!CONTROL.test(g.char) || !TEX_TEXT_FONT.test(g.font) || MATH_FONT.test(g.font)) return g;
    const beside = isLetter(glyphs[i - 1]?.char ?? "") || isLetter(glyphs[i + 1]?.char ?? "");
    const char = beside ? TEX_LIGATURES[g.char] : TEX_DASHES[g.char];
    return char ? { ...g, char } : g;
  });
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function overlapsHorizontally(a: Glyph, b: Glyph): boolean {
  const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  return overlap > 0.3 * Math.min(a.x1 - a.x0 || 1, b.x1 - b.x0 || 1);
}

/** Glyphs either side of an accent in the stream where the letter under it is looked for first, then at most. */
const NEAR = 12;
const FAR = 60;
/** Accents that are ASCII characters, printed for themselves in code and addresses ("~harnad", "x^2"). */
const ASCII_ACCENTS = new Set(["`", "^", "~"]);

/**
 * The letter an accent (glyph `i`) is drawn over: of the letters within `window` glyphs of it in the stream whose
 * baseline is within `rise` type sizes of its own, the one it overlaps most; -1 when none.
 */
function letterUnder(glyphs: Glyph[], i: number, window: number, rise: number): number {
  const g = glyphs[i];
  let best = -1;
  let bestOverlap = 0;
  for (let j = Math.max(0, i - window); j < Math.min(glyphs.length, i + window + 1); j++) {
    const c = glyphs[j];
    if (j === i || !isLetter(c.char) || Math.abs(c.baseline - g.baseline) > rise * Math.max(c.fontSize, 1))
      continue;
    const overlap = Math.min(g.x1, c.x1) - Math.max(g.x0, c.x0);
    if (overlap > bestOverlap && overlapsHorizontally(g, c)) {
      best = j;
      bestOverlap = overlap;
    }
  }
  return best;
}

/**
 * Merges spacing accents drawn over a letter into it. The accent comes before the letter in most LaTeX output,
 * after it in some, and a few words later in others (drawn in a second pass over the line): the letter it is
 * drawn over, among the glyphs near it in the stream and on its line, takes it.
 */
export function mergeAccents(glyphs: Glyph[]): Glyph[] {
  const marks = new Map<number, string[]>();
  const merged = new Uint8Array(glyphs.length);
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    const mark = SPACING_ACCENTS[g.char];
    if (!mark) continue;
    let best = letterUnder(glyphs, i, NEAR, 1.2);
    // Drawn after the whole line (a title's "¨" after "… mit LaTeX"): farther in the stream, on the letter's own
    // baseline, and only an accent that is never a character of its own (not "~", "^", "`" of code).
    if (best < 0 && !ASCII_ACCENTS.has(g.char)) best = letterUnder(glyphs, i, FAR, 0.5);
    if (best < 0) continue;
    merged[i] = 1;
    marks.set(best, [...(marks.get(best) ?? []), mark]);
  }
  if (marks.size === 0) return glyphs;
  const out: Glyph[] = [];
  glyphs.forEach((g, i) => {
    if (merged[i]) return;
    const m = marks.get(i);
    out.push(m ? { ...g, char: (g.char + m.join("")).normalize("NFC") } : g);
  });
  return out;
}

/** A gap wider than this share of the font size between two glyphs separates words. */
const WORD_GAP = 0.22;

/**
 * Groups a page's glyphs, in the order the text layer gives them, into words. A word ends at a space, at a
 * gap, at a jump of the baseline (a new line, a superscript) or at a change of font size. `glyphIdFonts`: the
 * document's fonts that read as glyph numbers (glyph-ids.ts), carried from page to page.
 */
export function glyphsToWords(read: Glyph[], glyphIdFonts: Set<string> = new Set()): PdfWord[] {
  const glyphs = texControls(repairMacRomanFonts(repairGlyphIdFonts(read, glyphIdFonts))).map((g) =>
    PRIVATE_USE.test(g.char) ? { ...g, char: "•" } : g,
  );
  const words: PdfWord[] = [];
  let current: Glyph[] = [];
  const flush = (spaceAfter: boolean) => {
    if (current.length > 0) {
      words.push(toWord(current, spaceAfter));
      current = [];
    } else if (spaceAfter && words.length > 0) words[words.length - 1].spaceAfter = true;
  };
  // Spaces wait for the next glyph: a space the text layer generated where a merged accent stood, between two
  // glyphs that touch, is no space ("Gy" "´" "ongyi").
  let pending: "none" | "generated" | "space" | "break" = "none";
  for (const g of mergeAccents(glyphs)) {
    if (/^\s$/u.test(g.char) || g.char === "") {
      const kind = g.char === "\n" ? "break" : g.generated ? "generated" : "space";
      if (pending === "none" || kind === "break" || (kind === "space" && pending === "generated"))
        pending = kind;
      continue;
    }
    const prev = current[current.length - 1];
    if (pending !== "none") {
      // Touching as the word's own glyphs touch: an italic display face's boxes overlap within its words, and
      // the generated space between two of its words stands where they overlap less ("Journal of Statistical
      // Software" in the Journal of Statistical Software's masthead, whose words touch).
      const touching =
        prev !== undefined &&
        pending === "generated" &&
        Math.abs(g.baseline - prev.baseline) < 0.25 * Math.max(prev.fontSize, 1) &&
        Math.abs(g.x0 - prev.x1 - overlapWithin(current)) < 0.05 * Math.max(prev.fontSize, 1);
      if (!touching) flush(pending !== "break");
      pending = "none";
    }
    const last = current[current.length - 1];
    if (last) {
      const size = Math.max(last.fontSize, g.fontSize, 1);
      const gap = g.x0 - last.x1;
      const sameLine = Math.abs(g.baseline - last.baseline) < 0.25 * size;
      const sameSize = Math.abs(g.fontSize - last.fontSize) < 0.15 * size;
      // Small capitals ("L ITERATURE") change size without a gap: the word goes on, no space between.
      if (!sameLine || !sameSize || gap > WORD_GAP * size || gap < -size)
        flush(sameLine && gap > 0.15 * size);
    }
    current.push(g);
  }
  flush(false);
  return words;
}

/**
 * How much a word's glyphs overlap one another, as most of them do (the upper median of the gaps between them, at
 * most 0): one accent merged into its letter does not make a word's glyphs overlap ("liği").
 */
function overlapWithin(word: Glyph[]): number {
  if (word.length < 2) return 0;
  const gaps: number[] = [];
  // Its last glyphs, a word's worth: a run of glyphs the text layer never breaks costs no more than a word.
  for (let i = Math.max(1, word.length - 16); i < word.length; i++) gaps.push(word[i].x0 - word[i - 1].x1);
  gaps.sort((a, b) => a - b);
  return Math.min(0, gaps[Math.floor(gaps.length / 2)]);
}

/**
 * A copy of `word` with another text, horizontal extent and space after — a word the layout stage mends (a drop
 * cap joined to it, a hyphen drawn apart) — built field by field in the order `toWord` builds words: an object of
 * another shape among a page's words slows every later reading of words (the layout stage measured 15% slower
 * with `{ ...word, text }`).
 */
export function reshapedWord(
  word: PdfWord,
  text: string,
  x0: number,
  x1: number,
  spaceAfter: boolean,
): PdfWord {
  return {
    text,
    x0,
    x1,
    top: word.top,
    bottom: word.bottom,
    baseline: word.baseline,
    fontSize: word.fontSize,
    font: word.font,
    bold: word.bold,
    italic: word.italic,
    spaceAfter,
  };
}

function toWord(glyphs: Glyph[], spaceAfter: boolean): PdfWord {
  const first = glyphs[0];
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  let text = "";
  for (const g of glyphs) {
    x0 = Math.min(x0, g.x0);
    x1 = Math.max(x1, g.x1);
    top = Math.min(top, g.top);
    bottom = Math.max(bottom, g.bottom);
    text += g.char;
  }
  return {
    text: text.replace(LIGATURES, (l) => l.normalize("NFKC")),
    x0,
    x1,
    top,
    bottom,
    baseline: first.baseline,
    fontSize: first.fontSize,
    font: first.font,
    bold: first.bold,
    italic: first.italic,
    spaceAfter,
  };
}
