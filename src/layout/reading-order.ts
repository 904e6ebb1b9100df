/**
 * Reading order. A page of one column is read in the order its lines are drawn, which producers keep to the
 * reading order. A page in columns is read region by region (columns.ts: full-width text, and each column of
 * each zone, in the order the recursive cut gives), each region top to bottom.
 */
import type { PdfWord } from "../pdf/types.ts";
import { readingRegions } from "./columns.ts";
import { wordsToLines } from "./lines.ts";
import type { Line } from "./types.ts";

export function orderPage(words: PdfWord[], page: number): { lines: Line[]; columns: number } {
  const { regions, regionOf } = readingRegions(words);
  // Lines never cross regions: a word of another region starts a new line.
  const lines = wordsToLines(words, page, regionOf);
  if (regions.length === 1) {
    for (const l of lines) l.column = regions[0].column;
    return { lines, columns: 1 };
  }
  const regionOfLine = new Map<Line, number>();
  for (const l of lines) {
    const r = l.column; // wordsToLines put the region index here
    regionOfLine.set(l, r);
    l.column = regions[r].column;
  }
  const ordered = [...lines].sort(
    (a, b) => regionOfLine.get(a)! - regionOfLine.get(b)! || a.top - b.top || a.x0 - b.x0,
  );
  return { lines: ordered, columns: 1 + Math.max(0, ...regions.map((r) => r.column)) };
}
