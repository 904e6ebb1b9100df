/**
 * Stray hyphens: some producers (InDesign's exports among them) draw a line's end-of-line hyphen apart from its
 * word, after or before the line's other words. The lines then read it as a line of its own ("wirksamen
 * menschenrechtlichen Instru" / "-" / "ment machen"), and the word is never joined again: a title cut in
 * three, an abstract and references with "-" lines between their lines. Here each such hyphen is put back on the
 * end of the word it touches, before words become lines.
 */
import { reshapedWord } from "../pdf/glyphs.ts";
import type { PdfWord } from "../pdf/types.ts";

/** A hyphen alone: hyphen-minus, the Unicode hyphens, a soft hyphen. */
const HYPHEN = /^[-‐‑\u00ad]$/u;
/** The hyphen touches its word: at most this many times the type size between them. */
const MAX_GAP = 0.12;
/** Hyphens looked at on a page at most: a page is bounded work whatever a stranger's file holds. */
const MAX_HYPHENS = 400;

/** The page's words with each lone hyphen joined to the word whose end it touches on the same baseline. */
export function joinStrayHyphens(words: PdfWord[]): PdfWord[] {
  const hyphens = words.filter((w) => HYPHEN.test(w.text));
  if (hyphens.length === 0) return words;
  const joinedTo = new Map<PdfWord, PdfWord>();
  const absorbed = new Set<PdfWord>();
  for (const h of hyphens.slice(0, MAX_HYPHENS)) {
    let word: PdfWord | undefined;
    for (const w of words) {
      if (w === h || absorbed.has(w) || joinedTo.has(w) || !/\p{L}$/u.test(w.text)) continue;
      const size = Math.max(w.fontSize, 1);
      const gap = h.x0 - w.x1;
      if (gap < -MAX_GAP * size || gap > MAX_GAP * size) continue;
      if (Math.abs(w.baseline - h.baseline) > 0.3 * size || Math.abs(w.fontSize - h.fontSize) > 0.2 * size)
        continue;
      if (!word || Math.abs(gap) < Math.abs(h.x0 - word.x1)) word = w;
    }
    if (!word) continue;
    joinedTo.set(word, withHyphen(word, h));
    absorbed.add(h);
  }
  if (absorbed.size === 0) return words;
  const out: PdfWord[] = [];
  for (const w of words) if (!absorbed.has(w)) out.push(joinedTo.get(w) ?? w);
  return out;
}

/** The word and its hyphen as one word (in the reader's shape: pdf/glyphs.ts `reshapedWord`). */
function withHyphen(w: PdfWord, hyphen: PdfWord): PdfWord {
  return reshapedWord(w, `${w.text}-`, w.x0, Math.max(w.x1, hyphen.x1), hyphen.spaceAfter);
}
