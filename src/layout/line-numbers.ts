/**
 * Line numbers in the margin, as review copies and preprints print them (LaTeX's lineno, journals' review modes:
 * "300", "305", … in small type beside every fifth line, or a number beside every line). The text layer gives
 * each as a word of its own; the lines then read it as a line between a paragraph's lines, or glue it to the line
 * beside it ("320 11W. J. Smith") — a reference cut in two, an abstract with numbers in it. Here they are
 * dropped before words become lines.
 *
 * A line number is known by what sets it apart from every other number on a page: it stands alone (no word
 * within an em and a half after it on its line — not an entry's label, which touches its entry), in type smaller
 * than the page's text, one of a run down the page at one right edge whose values climb by one step of 1, 5 or 10
 * line after line, over a good part of the page's height, in a margin or a gutter — a band of the page that few
 * of its lines cross (not a table's column of years inside the text). Other pages' numbers at the same place are
 * dropped where they too climb by that step (the last page's few).
 */
import type { PdfPage, PdfWord } from "../pdf/types.ts";
import { commonWordSize, onOneLine } from "./stats.ts";

/** A line number: digits only. */
const NUMBER = /^\d{1,5}$/;
/** Numbers in a run at least. */
const MIN_RUN = 5;
/** The share of the page's height a run spans at least. */
const MIN_SPAN = 0.25;
/** Free space after a line number on its line, in its own ems. */
const ALONE = 1.5;
/** Numbers of one run end at the same x within this many points (right-aligned). */
const EDGE = 2;
/** The steps line numbers climb by: every line, every fifth, every tenth. */
const STEPS = new Set([1, 5, 10]);
/** Steps a run of a known numbering may take at once: two numbers left out between at most. */
const MAX_LEFT_OUT = 3;
/** The share of a page's lines that may cross a margin's band (full-width lines over a gutter). */
const MAX_CROSSING = 0.25;
/** Numbers looked at on a page at most: a page is bounded work whatever a stranger's file holds. */
const MAX_NUMBERS = 2000;

/** Where a document prints line numbers: each run's right edge, type size and step. */
export type LineNumbering = Array<{ x1: number; fontSize: number; step: number }>;

/**
 * The line numbers' places, from the pages that show a run of them: a page where the text ends early (the
 * last, a page of figures) has too few numbers to show one, and is read with the others' places.
 */
export function findLineNumbering(pages: PdfPage[]): LineNumbering {
  const out: LineNumbering = [];
  for (const page of pages) {
    for (const { numbers, step } of runs(aloneSmallNumbers(page.words))) {
      if (numbers.length < MIN_RUN || numbers.at(-1)!.top - numbers[0].top < MIN_SPAN * page.height) continue;
      if (!inMargin(numbers, page.words)) continue;
      const { x1, fontSize } = numbers[0];
      if (!out.some((m) => matches(m, numbers[0]))) out.push({ x1, fontSize, step });
    }
  }
  return out;
}

/** The page's words without the line numbers in its margins (at `numbering`'s places, climbing by its step). */
export function withoutLineNumbers(words: PdfWord[], numbering: LineNumbering): PdfWord[] {
  if (numbering.length === 0) return words;
  const dropped = new Set<PdfWord>();
  const alone = aloneSmallNumbers(words);
  for (const place of numbering) {
    const here = alone.filter((n) => matches(place, n));
    for (const { numbers } of runs(here, place.step))
      if (numbers.length >= 2) for (const n of numbers) dropped.add(n);
  }
  return dropped.size === 0 ? words : words.filter((w) => !dropped.has(w));
}

/**
 * Whether the run stands in a margin or a gutter: few of the page's lines (a full-width title or abstract over a
 * gutter's numbers, at most a quarter) cross the band it stands in, where a table's column inside the text is
 * crossed by every line of the paragraphs around the table.
 */
function inMargin(run: PdfWord[], words: PdfWord[]): boolean {
  const x0 = Math.min(...run.map((n) => n.x0));
  const x1 = Math.max(...run.map((n) => n.x1));
  const members = new Set(run);
  const rows = new Set<number>();
  const crossing = new Set<number>();
  for (const w of words) {
    if (members.has(w)) continue;
    const row = Math.round(w.baseline);
    rows.add(row);
    if (Math.min(w.x1, x1) - Math.max(w.x0, x0) > 1) crossing.add(row);
  }
  return crossing.size <= MAX_CROSSING * rows.size;
}

/** A number at a line numbering's place: its right edge, its type. */
function matches(place: { x1: number; fontSize: number }, n: PdfWord): boolean {
  return Math.abs(place.x1 - n.x1) <= EDGE && Math.abs(place.fontSize - n.fontSize) <= 0.25;
}

/** The page's numbers in type smaller than its text's, each alone on its line. */
function aloneSmallNumbers(words: PdfWord[]): PdfWord[] {
  const numbers = words.filter((w) => NUMBER.test(w.text));
  if (numbers.length === 0) return [];
  const size = commonWordSize(words);
  const small = numbers.filter((n) => n.fontSize < size - 0.25).slice(0, MAX_NUMBERS);
  return small.filter((n) => !words.some((w) => w !== n && onOneLine(w, n) && closeAfter(n, w)));
}

/**
 * The runs among `numbers`: at one right edge, down the page, each value one step (1, 5 or 10) above the one
 * before; or, given the document's step, up to MAX_LEFT_OUT steps above it (a number the text touched, left out).
 */
function runs(numbers: PdfWord[], known?: number): Array<{ numbers: PdfWord[]; step: number }> {
  const out: Array<{ numbers: PdfWord[]; step: number }> = [];
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
      const climbs = known
        ? d > 0 && d % known === 0 && d <= MAX_LEFT_OUT * known
        : STEPS.has(d) && (run.length === 1 || d === step);
      if (climbs) {
        step = known ?? d;
        run.push(n);
        continue;
      }
      if (run.length >= 2) out.push({ numbers: run, step });
      run = [n];
      step = 0;
    }
    if (run.length >= 2) out.push({ numbers: run, step });
  }
  return out;
}

/**
 * Whether `w` stands over `n` (by more than a point) or starts right after it, closer than ALONE of `n`'s ems:
 * `n` is then a label of the words after it (an entry's number). A line number may touch the text before it — a
 * number in the gutter stands right after the left column's justified edge.
 */
function closeAfter(n: PdfWord, w: PdfWord): boolean {
  const over = Math.min(n.x1, w.x1) - Math.max(n.x0, w.x0) > 1;
  return over || (w.x0 >= n.x1 - 0.5 && w.x0 - n.x1 < ALONE * n.fontSize);
}
