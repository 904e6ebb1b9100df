/** Small statistics of a page's type, and of its words' places, shared by the layout and segmentation stages. */
import type { PdfWord } from "../pdf/types.ts";

/**
 * The value with the largest total weight; among equals, the one seen first. `fallback` when there is none.
 * @example mostCommon([[10, 5], [9, 2], [10, 1]], 0) // 10
 */
export function mostCommon(entries: Iterable<[value: number, weight: number]>, fallback: number): number {
  const totals = new Map<number, number>();
  for (const [v, w] of entries) totals.set(v, (totals.get(v) ?? 0) + w);
  let best = fallback;
  let bestWeight = 0;
  for (const [v, w] of totals)
    if (w > bestWeight) {
      best = v;
      bestWeight = w;
    }
  return best;
}

/** The font size most of the page's characters have, to the half point (0 for no words). */
export function commonWordSize(words: readonly PdfWord[]): number {
  return mostCommon(
    words.map((w): [number, number] => [Math.round(w.fontSize * 2) / 2, w.text.length]),
    0,
  );
}

/** Two words on one line: their vertical extents overlap by half the smaller. */
export function onOneLine(a: PdfWord, b: PdfWord): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}
