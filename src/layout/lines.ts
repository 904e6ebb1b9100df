/**
 * Words to lines. Words come in the order the PDF draws them, which within a column is nearly always reading
 * order; a line ends where the baseline moves or the text jumps back left or right by more than two font sizes (a
 * column gutter: justified text never spaces words that far).
 * Superscripts share the line they are raised above.
 */
import type { PdfWord } from "../pdf/types.ts";
import { mostCommon } from "./stats.ts";
import type { LayoutWord, Line } from "./types.ts";

/**
 * `regions`, when given, is each word's reading region (columns.ts): a line never joins two regions, and its
 * `column` is set to its region's index, for the caller to map.
 */
/** A list item's label alone: "1.", "12)", "[3]". */
const LIST_LABEL = /^(?:\[\d{1,3}\]|\d{1,3}[.)])$/;

export function wordsToLines(words: PdfWord[], page: number, regions?: ArrayLike<number>): Line[] {
  const lines: Line[] = [];
  let current: PdfWord[] = [];
  let side = 0;
  let baseline = 0;
  let size = 0;
  let right = 0;
  const flush = () => {
    if (current.length > 0) {
      const line = makeLine(current, page);
      line.column = side;
      lines.push(line);
    }
    current = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // A line never crosses a column gutter: a word of another region starts a line of its own.
    if (regions && current.length > 0 && regions[i] !== side) flush();
    if (current.length === 0) side = regions ? regions[i] : 0;
    if (current.length > 0) {
      const ref = Math.max(size, w.fontSize, 1);
      const drop = w.baseline - baseline;
      // A superscript sits up to half a size above the baseline; a subscript a third below.
      // A line begun by a raised mark alone (a footnote's number) goes on in the larger text below it.
      const onlyMark = w.fontSize > size * 1.15 && current.every((c) => c.text.length <= 3);
      const sameLine = drop > -0.6 * ref && drop < (onlyMark ? 0.6 : 0.35) * ref;
      const gap = w.x0 - right;
      // A list's label set apart from its item ("1." at the margin, the reference indented) opens the line.
      const label = current.length === 1 && LIST_LABEL.test(current[0].text) && gap < 8 * ref;
      if (!sameLine || gap < -0.5 * ref || (gap > 2 * ref && !label)) flush();
    }
    if (current.length === 0 || w.fontSize > size * 1.15) {
      // The line's baseline is its main text's: a line may start with a superscript mark.
      baseline = w.baseline;
      size = w.fontSize;
    }
    current.push(w);
    right = w.x1;
  }
  flush();
  return lines;
}

/** The most common value, to the half point (font sizes, baselines), weighted. */
function mode(values: Array<[number, number]>): number {
  return mostCommon(
    values.map(([v, w]): [number, number] => [Math.round(v * 2) / 2, w]),
    0,
  );
}

export function makeLine(words: PdfWord[], page: number): Line {
  const fontSize = mode(words.map((w) => [w.fontSize, w.text.length]));
  const base = mode(
    words.filter((w) => w.fontSize >= fontSize * 0.9).map((w) => [w.baseline, w.text.length]),
  );
  // Every field named, not spread: a spread copy of each word was a twentieth of the whole extraction's CPU.
  const laid: LayoutWord[] = words.map((w) => ({
    text: w.text,
    x0: w.x0,
    x1: w.x1,
    top: w.top,
    bottom: w.bottom,
    baseline: w.baseline,
    fontSize: w.fontSize,
    font: w.font,
    bold: w.bold,
    italic: w.italic,
    spaceAfter: w.spaceAfter,
    superscript: w.fontSize < fontSize * 0.85 && w.baseline < base - 0.15 * fontSize,
    start: 0,
  }));
  let text = "";
  let boldChars = 0;
  let italicChars = 0;
  let chars = 0;
  laid.forEach((w, i) => {
    const prev = laid[i - 1];
    if (prev && (prev.spaceAfter || w.x0 - prev.x1 > 0.15 * fontSize) && !w.superscript) text += " ";
    w.start = text.length;
    text += w.text;
    chars += w.text.length;
    if (w.bold) boldChars += w.text.length;
    if (w.italic) italicChars += w.text.length;
  });
  return {
    page,
    words: laid,
    text,
    x0: Math.min(...laid.map((w) => w.x0)),
    x1: Math.max(...laid.map((w) => w.x1)),
    top: Math.min(...laid.map((w) => w.top)),
    bottom: Math.max(...laid.map((w) => w.bottom)),
    baseline: base,
    fontSize,
    bold: boldChars > chars / 2,
    italic: italicChars > chars / 2,
    column: 0,
    blockStart: false,
    furniture: false,
  };
}
