/**
 * Line numbers in the margin, as review copies and preprints print them (LaTeX's lineno, journals' review modes:
 * "300", "305", … in small type beside every fifth line, or a number beside every line). The text layer gives
 * each as a word of its own; the lines then read it as a line between a paragraph's lines, or glue it to the line
 * beside it ("320 11W. J. Smith") — a reference cut in two, an abstract with numbers in it. Here they are
 * dropped before words become lines.
 *
 * A line number is known by what sets it apart from every other number on a page: it stands alone (no word
 * within an em and a half after it on its line — not an entry's label, which touches its entry), in type smaller than
 * the page's text, one of a run down the page at one right edge whose values climb by one step (1 or 5) line
 * after line, over a good part of the page's height (not a table's column of row numbers).
 */
import type { PdfPage, PdfWord } from "../pdf/types.ts";
import { mostCommon } from "./stats.ts";

/** A line number: digits only. */
const NUMBER = /^\d{1,5}$/;
/** Numbers in a run at least. */
const MIN_RUN = 5;
/** The share of the page's height a run spans at least. */
const MIN_SPAN = 0.25;
/** Free space on either side of a line number, in its own ems. */
const ALONE = 1.5;
/** Numbers of one run end at the same x within this many points (right-aligned). */
const EDGE = 2;
/** Numbers looked at on a page at most: a page is bounded work whatever a stranger's file holds. */
const MAX_NUMBERS = 2000;

/** Where a document prints line numbers: each run's right edge and type size. */
export type LineNumbering = Array<{ x1: number; fontSize: number }>;

/**
 * The line numbers' places, from the pages that show a run of them: a page where the text ends early (the
 * last, a page of figures) has too few numbers to show one, and is read with the others' places.
 */
export function findLineNumbering(pages: PdfPage[]): LineNumbering {
  const out: LineNumbering = [];
  for (const page of pages) {
    for (const run of runs(aloneSmallNumbers(page.words))) {
      if (run.at(-1)!.top - run[0].top < MIN_SPAN * page.height) continue;
      const { x1, fontSize } = run[0];
      if (!out.some((m) => matches(m, run[0]))) out.push({ x1, fontSize });
    }
  }
  return out;
}

/** The page's words without the line numbers in its margins (at `numbering`'s places). */
export function withoutLineNumbers(words: PdfWord[], numbering: LineNumbering): PdfWord[] {
  if (numbering.length === 0) return words;
  const dropped = new Set(aloneSmallNumbers(words).filter((n) => numbering.some((m) => matches(m, n))));
  return dropped.size === 0 ? words : words.filter((w) => !dropped.has(w));
}

/** A number at a line numbering's place: its right edge, its type. */
function matches(place: { x1: number; fontSize: number }, n: PdfWord): boolean {
  return Math.abs(place.x1 - n.x1) <= EDGE && Math.abs(place.fontSize - n.fontSize) <= 0.25;
}

/** The page's numbers in type smaller than its text's, each alone on its line. */
function aloneSmallNumbers(words: PdfWord[]): PdfWord[] {
  const numbers = words.filter((w) => NUMBER.test(w.text));
  if (numbers.length === 0) return [];
  const size = mostCommon(
    words.map((w): [number, number] => [Math.round(w.fontSize * 2) / 2, w.text.length]),
    0,
  );
  const small = numbers.filter((n) => n.fontSize < size - 0.25).slice(0, MAX_NUMBERS);
  return small.filter((n) => !words.some((w) => w !== n && onLine(w, n) && closeAfter(n, w)));
}

/**
 * The runs among `numbers`: at one right edge, down the page, each value one step (the run's first) above the
 * one before; MIN_RUN numbers at least.
 */
function runs(numbers: PdfWord[]): PdfWord[][] {
  const out: PdfWord[][] = [];
  const byEdge = [...numbers].sort((a, b) => a.x1 - b.x1);
  for (let i = 0; i < byEdge.length; ) {
    let j = i + 1;
    while (j < byEdge.length && byEdge[j].x1 - byEdge[i].x1 <= EDGE) j++;
    const column = byEdge.slice(i, j).sort((a, b) => a.top - b.top);
    i = j;
    let run = column.slice(0, 1);
    let step = 0;
    for (const n of column.slice(1)) {
      const d = Number(n.text) - Number(run.at(-1)!.text);
      if (d > 0 && (run.length === 1 || d === step)) {
        step = d;
        run.push(n);
        continue;
      }
      if (run.length >= MIN_RUN) out.push(run);
      run = [n];
      step = 0;
    }
    if (run.length >= MIN_RUN) out.push(run);
  }
  return out;
}

/** Two words on one line: their vertical extents overlap by half the smaller. */
function onLine(a: PdfWord, b: PdfWord): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/**
 * Whether `w` stands over `n` or starts right after it, closer than ALONE of `n`'s ems: `n` is then a label of the
 * words after it (an entry's number). A line number may touch the text before it — a number in the gutter stands
 * right after the left column's justified edge.
 */
function closeAfter(n: PdfWord, w: PdfWord): boolean {
  const over = Math.min(n.x1, w.x1) - Math.max(n.x0, w.x0) > 0;
  return over || (w.x0 >= n.x1 - 0.5 && w.x0 - n.x1 < ALONE * n.fontSize);
}
