/**
 * Columns and reading order. A page is two-column when many of its lines keep to one half each; its lines
 * are then read band by band (a band ends at a line spanning both columns, such as a title or a wide figure's
 * caption): the left column of the band top to bottom, then the right.
 */
import type { Line } from "./types.ts";

/**
 * Where the text stands across the page: its left edge and width. The page's own box is not enough: a page
 * cropped after typesetting has its text off centre, even past its edge.
 */
export function textFrame(lines: Line[], pageWidth: number): { left: number; width: number } {
  const body = lines.filter((l) => l.text.length >= 10);
  if (body.length === 0) return { left: 0, width: pageWidth };
  const left = Math.min(...body.map((l) => l.x0));
  const right = Math.max(...body.map((l) => l.x1));
  return right - left > pageWidth * 0.3 ? { left, width: right - left } : { left: 0, width: pageWidth };
}

export function detectColumns(lines: Line[], frame: { left: number; width: number }): 1 | 2 {
  const { width } = frame;
  const mid = frame.left + width / 2;
  let left = 0;
  let right = 0;
  for (const l of lines) {
    if (l.x1 <= mid + width * 0.02 && l.x1 - l.x0 > width * 0.15) left++;
    else if (l.x0 >= mid - width * 0.02 && l.x1 - l.x0 > width * 0.15) right++;
  }
  return left >= 5 && right >= 5 ? 2 : 1;
}

export function orderPage(lines: Line[], pageWidth: number): { lines: Line[]; columns: 1 | 2 } {
  const frame = textFrame(lines, pageWidth);
  const columns = detectColumns(lines, frame);
  const { width } = frame;
  const mid = frame.left + width / 2;
  for (const l of lines) {
    // A column's line may stick out into the gutter a little (justified text, a long URL); a spanning line
    // crosses well into the other half.
    l.column = columns === 1 ? 0 : l.x1 <= mid + width * 0.06 ? 0 : l.x0 >= mid - width * 0.06 ? 1 : -1;
  }
  // A narrow line with nothing beside it in the other column (a heading above a full-width list, the short
  // last line of a full-width paragraph) belongs to the full width: it must not wait for the other column.
  // A line that goes on from the line above it in its column (a column longer than the other) stays in it.
  if (columns === 2) {
    const side = lines.map((l) => l.column);
    const order = lines.map((_, i) => i).sort((a, b) => lines[a].top - lines[b].top);
    const above: Array<Line | undefined> = [undefined, undefined];
    for (const i of order) {
      const l = lines[i];
      if (side[i] === -1) continue;
      const other = 1 - side[i];
      const reach = l.fontSize;
      const beside = lines.some(
        (m, j) => side[j] === other && m.top < l.bottom + reach && m.bottom > l.top - reach,
      );
      const prev = above[side[i]];
      const goesOn =
        prev !== undefined &&
        prev.column !== -1 &&
        l.top - prev.bottom < 0.8 * l.fontSize &&
        Math.abs(l.x0 - prev.x0) < 2 * l.fontSize;
      if (!beside && !goesOn) l.column = -1;
      above[side[i]] = l;
    }
  }
  // One column: the order the page draws its lines in, which producers keep to the reading order.
  if (columns === 1) return { lines, columns };
  const byTop = [...lines].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const ordered: Line[] = [];
  let band: Line[] = [];
  const flush = () => {
    ordered.push(...band.filter((l) => l.column === 0), ...band.filter((l) => l.column === 1));
    band = [];
  };
  for (const l of byTop) {
    if (l.column === -1) {
      flush();
      ordered.push(l);
    } else band.push(l);
  }
  flush();
  return { lines: ordered, columns };
}
