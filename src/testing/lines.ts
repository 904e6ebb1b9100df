/** Layout lines for tests of the stages after layout: text at a position, in a font size. */
import { makeLine } from "../layout/lines.ts";
import type { Line } from "../layout/types.ts";

/** Where a test line stands and how it is set. */
export interface LineOptions {
  x?: number;
  top?: number;
  size?: number;
  page?: number;
  bold?: boolean;
  blockStart?: boolean;
}

export function textLine(text: string, opts: LineOptions = {}): Line {
  const size = opts.size ?? 10;
  const top = opts.top ?? 0;
  let x = opts.x ?? 50;
  const words = text.split(" ").map((w) => {
    const word = {
      text: w,
      x0: x,
      x1: x + w.length * size * 0.5,
      top,
      bottom: top + size,
      baseline: top + size * 0.8,
      fontSize: size,
      font: "Times",
      bold: opts.bold ?? false,
      italic: false,
      spaceAfter: true,
    };
    x = word.x1 + size * 0.25;
    return word;
  });
  const line = makeLine(words, opts.page ?? 1);
  line.blockStart = opts.blockStart ?? false;
  return line;
}

/** Lines one under the other, each given as [indent, text] and, where a line needs them, its options (set apart, bold). */
export function column(
  rows: Array<[number, string, Pick<LineOptions, "blockStart" | "bold">?]>,
  size = 9,
): Line[] {
  return rows.map(([indent, text, o], i) =>
    textLine(text, { x: 50 + indent, top: 100 + i * size * 1.2, size, ...o }),
  );
}
