/**
 * The title a PDF's document information declares (pdf/types.ts `declaredTitle`), as a second opinion on the title
 * the header's rules read. The producer's field is often the paper's own title and often not — a file name
 * ("Microsoft Word - 06-Harnard.doc", "zfwu_2_05.pdf"), "untitled", an author's name, a series' number
 * ("ZUMA-Arbeitsbericht 99/05"), a shortened main title without its subtitle. So it is never taken by itself: only
 * where its words are printed, in order, on consecutive lines of the front matter, and then as printed there (the
 * paper's case and punctuation), and only to mend the two faults the rules make at a title's edges — a title cut
 * after its first lines (the declared title runs on past it), and a banner, label or name glued before it (the
 * title found ends with the declared one). A title found with more words after the declared one keeps them: that
 * is a subtitle the producer left out.
 */
import { joinLines } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { wordSpans, words } from "../../text/normalize.ts";

/** A document information title that names a file, a program's default or a form's label, not a paper. */
const NOT_A_TITLE =
  /^(?:microsoft\s+\w+\s*-|untitled\b|presentation\d*\b|document\d*\b|dokument\d*\b|author:|subject:|title:|proceedings of\b)|\.(?:docx?|pdf|dvi|tex|ps|rtf|indd|qxd|p65|wpd)\b/i;
/** Lines a printed title may span: a long title over six lines, with a line of slack. */
const MAX_TITLE_LINES = 7;

/** Where `part` stands in `whole` as a run of whole words, or -1. */
function indexOfRun(whole: string[], part: string[]): number {
  if (part.length === 0 || part.length > whole.length) return -1;
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let k = 0; k < part.length; k++) if (whole[i + k] !== part[k]) continue outer;
    return i;
  }
  return -1;
}

/** A declared title worth checking: words enough to be a title, not a file's or a program's name. */
export function usableDeclaredTitle(declared: string | undefined): string | undefined {
  const t = declared?.replace(/\s+/g, " ").trim();
  if (!t || t.length < 15 || t.length > 400 || NOT_A_TITLE.test(t)) return undefined;
  const letterWords = words(t).filter((w) => /\p{L}{2}/u.test(w));
  return letterWords.length >= 3 ? t : undefined;
}

/**
 * The declared title as the front matter prints it: the shortest run of consecutive lines whose text holds its
 * words in order, cut to those words (with the quotation marks or question mark around them). Undefined where it
 * is printed nowhere in the lines.
 */
export function printedDeclaredTitle(lines: Line[], declared: string): string | undefined {
  const want = words(declared);
  for (let last = 0; last < lines.length; last++) {
    for (let first = last; first >= 0 && first > last - MAX_TITLE_LINES; first--) {
      const text = joinLines(lines.slice(first, last + 1).map((l) => l.text));
      const spans = wordSpans(text);
      const at = indexOfRun(
        spans.map((w) => w.word),
        want,
      );
      if (at < 0) continue;
      const start = spans[at].start;
      const end = spans[at + want.length - 1].end;
      const open = /["“„'‘«(]?$/u.exec(text.slice(Math.max(0, start - 1), start))?.[0] ?? "";
      const close = /^[?!"”“'’»)]*/u.exec(text.slice(end))?.[0] ?? "";
      return text.slice(start - open.length, end + close.length).trim();
    }
  }
  return undefined;
}

/**
 * The title to keep, of the one the rules found and the one the file declares: the declared one as printed where
 * it mends the found one's edges (see the file's comment), else the found one. A declared title that shares no
 * words with the found one does not replace it: tried, it mended two test papers' banners and made a publisher's
 * name another's title (docs/benchmarks.md, "Seventh session").
 */
export function titleWithDeclared(
  lines: Line[],
  found: string | undefined,
  declared: string | undefined,
): string | undefined {
  const usable = usableDeclaredTitle(declared);
  if (!usable || !found) return found;
  const want = words(usable);
  const have = words(found);
  if (have.join(" ") === want.join(" ")) return found;
  const cut = indexOfRun(want, have) >= 0;
  const gluedBefore = have.length > want.length && indexOfRun(have, want) === have.length - want.length;
  if (!cut && !gluedBefore) return found;
  return printedDeclaredTitle(lines, usable) ?? found;
}
