/**
 * Drop caps: a paragraph's first letter set large, two or three lines high, beside the paragraph ("I" beside
 * "mplizite Theorien sind …"). The text layer gives it as a word of its own, which the lines then read as a line of
 * its own, away from its paragraph: the paragraph began "mplizite" and the letter stood somewhere else on the page
 * (an abstract's first sentence, a search for the word, all lost). Here the letter is put back at the front of
 * the word it begins, before words become lines.
 */
import { reshapedWord } from "../pdf/glyphs.ts";
import type { PdfWord } from "../pdf/types.ts";
import { commonWordSize, onOneLine } from "./stats.ts";

/** A drop cap is at least this many times the page's common text size. */
const MIN_SCALE = 1.8;
/** Its word starts within this many times the text size right of the letter. */
const MAX_GAP = 1.5;
/** Letters looked at on a page at most: a page is bounded work whatever a stranger's file holds. */
const MAX_CAPS = 8;

/**
 * The page's words with each drop cap joined to the word it begins: the word right of the letter on the first
 * line beside it, in small letters, and first on its line.
 */
export function joinDropCaps(words: PdfWord[]): PdfWord[] {
  // Most pages have no capital letter standing alone: nothing more to read on them.
  const letters = words.filter((w) => w.text.length <= 2 && /^\p{Lu}$/u.test(w.text));
  if (letters.length === 0) return words;
  const size = commonWordSize(words);
  if (size <= 0) return words;
  let out: PdfWord[] | undefined;
  for (const cap of letters.filter((w) => w.fontSize >= MIN_SCALE * size).slice(0, MAX_CAPS)) {
    let next: PdfWord | undefined;
    for (const w of words) {
      // On a line the letter spans: from its top down to the line it stands on (a raised initial stands on the
      // first line itself).
      if (
        w === cap ||
        w.fontSize >= MIN_SCALE * size ||
        w.top < cap.top - size ||
        w.baseline > cap.baseline + size / 2
      )
        continue;
      const gap = w.x0 - cap.x1;
      if (gap < -size * 0.3 || gap > MAX_GAP * size || !/^\p{Ll}/u.test(w.text)) continue;
      if (!next || w.top < next.top) next = w;
    }
    // Not a word in the middle of its line: nothing of the line stands between the letter and it.
    if (
      !next ||
      words.some((w) => w !== cap && w !== next && onOneLine(w, next) && w.x1 <= next.x0 && w.x0 >= cap.x0)
    )
      continue;
    out ??= [...words];
    const i = out.indexOf(next);
    if (i < 0) continue; // joined to another letter already
    out[i] = joined(cap, next);
    out.splice(out.indexOf(cap), 1);
  }
  return out ?? words;
}

/** The letter and its word as one word (in the reader's shape: pdf/glyphs.ts `reshapedWord`). */
function joined(cap: PdfWord, w: PdfWord): PdfWord {
  return reshapedWord(w, cap.text + w.text, Math.min(w.x0, cap.x0), w.x1, w.spaceAfter);
}
