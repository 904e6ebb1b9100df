/**
 * The layout stage: positioned words to lines in reading order, with columns, blocks, superscripts, page
 * furniture and the document's font statistics.
 */
import type { PdfDocument } from "../pdf/types.ts";
import { joinDropCaps } from "./drop-caps.ts";
import { markFurniture } from "./furniture.ts";
import { findLineNumbering, withoutLineNumbers } from "./line-numbers.ts";
import { orderPage } from "./reading-order.ts";
import { mostCommon } from "./stats.ts";
import { joinStrayHyphens } from "./stray-hyphens.ts";
import type { FontStats, LaidOutDocument, Line, PageGeometry } from "./types.ts";

export function layoutDocument(doc: PdfDocument): LaidOutDocument {
  const pages: PageGeometry[] = [];
  const lines: Line[] = [];
  const numbering = findLineNumbering(doc.pages);
  for (const page of doc.pages) {
    const words = joinStrayHyphens(joinDropCaps(withoutLineNumbers(page.words, numbering)));
    const { lines: ordered, columns } = orderPage(words, page.number);
    pages.push({ number: page.number, width: page.width, height: page.height, columns });
    lines.push(...ordered);
  }
  markFurniture(lines, pages);
  const fonts = fontStats(lines);
  markBlocks(lines, fonts);
  return { pages, lines, fonts };
}

function fontStats(lines: Line[]): FontStats {
  const body = lines.filter((l) => !l.furniture);
  // Line sizes are already to the half point (lines.ts).
  const bodySize = mostCommon(
    body.map((l): [number, number] => [l.fontSize, l.text.length]),
    10,
  );
  const largestSize = Math.max(0, ...body.filter((l) => l.page <= 2).map((l) => l.fontSize));
  return { bodySize, largestSize };
}

/** A block starts after a gap wider than the line spacing, at a change of font size or boldness, on a new column. */
function markBlocks(lines: Line[], fonts: FontStats): void {
  let prev: Line | undefined;
  for (const l of lines) {
    if (l.furniture) continue;
    if (!prev || prev.page !== l.page || prev.column !== l.column) l.blockStart = true;
    else {
      const gap = l.top - prev.bottom;
      const size = Math.max(l.fontSize, fonts.bodySize * 0.8);
      l.blockStart =
        gap > 0.9 * size ||
        gap < -2 * size ||
        Math.abs(l.fontSize - prev.fontSize) > 0.12 * size ||
        l.bold !== prev.bold;
    }
    prev = l;
  }
}
