/**
 * Page furniture: running headers and footers and page numbers. A line near the top or bottom edge (of the
 * page, or the first or last of its text) is furniture when it is a bare page number or when its text, digits
 * ignored, recurs on other pages.
 */
import type { Line, PageGeometry } from "./types.ts";

const EDGE = 0.12;

function shape(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

export function markFurniture(lines: Line[], pages: PageGeometry[]): void {
  // Each page's common type size (the median line's).
  const sizes = new Map<number, number[]>();
  for (const l of lines) {
    const list = sizes.get(l.page);
    if (list) list.push(l.fontSize);
    else sizes.set(l.page, [l.fontSize]);
  }
  const pageSize = new Map(
    [...sizes].map(([p, s]) => [p, s.sort((a, b) => a - b)[Math.floor(s.length / 2)]]),
  );
  const height = new Map(pages.map((p) => [p.number, p.height]));
  // The first and last lines of each page's text count as near the edge too: a page cropped or set smaller
  // than its paper has its running heads well inside the page box.
  const firstPage = lines[0]?.page ?? 1;
  const firstTop = new Map<number, number>();
  const lastBottom = new Map<number, number>();
  for (const l of lines) {
    firstTop.set(l.page, Math.min(firstTop.get(l.page) ?? Number.POSITIVE_INFINITY, l.top));
    lastBottom.set(l.page, Math.max(lastBottom.get(l.page) ?? Number.NEGATIVE_INFINITY, l.bottom));
  }
  const nearEdge = (l: Line) => {
    const h = height.get(l.page) ?? 0;
    // (On the first page, not a line set larger than the page's text: a title repeated as running head stays a
    // title.)
    // (In the first or last line's row: a running head beside its page number sits a point or two lower.)
    const row = Math.max(1, 0.5 * l.fontSize);
    const edgeLine =
      l.top <= (firstTop.get(l.page) ?? 0) + row || l.bottom >= (lastBottom.get(l.page) ?? 0) - row;
    if (edgeLine && (l.page !== firstPage || l.fontSize <= (pageSize.get(l.page) ?? 0))) return true;
    return h > 0 && (l.bottom < h * EDGE || l.top > h * (1 - EDGE));
  };
  const pagesWith = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!nearEdge(l)) continue;
    const key = shape(l.text);
    let set = pagesWith.get(key);
    if (!set) {
      set = new Set();
      pagesWith.set(key, set);
    }
    set.add(l.page);
  }
  const repeatAt = Math.min(3, Math.max(2, Math.ceil(pages.length / 4)));
  for (const l of lines) {
    const text = l.text.trim();
    const h = height.get(l.page) ?? 0;
    // A bare number in the top or bottom sixth is a page number even where running heads sit low (unless set
    // small: a footnote's mark on a line of its own).
    const small = l.fontSize < 0.85 * (pageSize.get(l.page) ?? 0);
    if (/^\d{1,4}$/.test(text) && !small && h > 0 && (l.bottom < h * 0.16 || l.top > h * 0.84)) {
      l.furniture = true;
      continue;
    }
    if (!nearEdge(l)) continue;
    const pageNumber =
      /^[-–—\s]*(\d{1,4}|[ivxlc]{1,6})[-–—\s]*$/i.test(text) || /^page \d+( of \d+)?$/i.test(text);
    if (pageNumber || (pagesWith.get(shape(text))?.size ?? 0) >= repeatAt) l.furniture = true;
  }
  markSecondRows(lines, pageSize, firstPage, repeatAt);
}

/**
 * A running head of two rows ("68 [Soziale Probleme]" over "23. Jahrgang 2012, Heft 1 … Steffen Zdun"): on a page
 * whose first (or last) row is furniture, the row next to it is furniture too when its text, digits ignored, recurs
 * there on other pages — never on the first page, nor set larger than its page's text (a title stays a title).
 */
function markSecondRows(
  lines: Line[],
  pageSize: Map<number, number>,
  firstPage: number,
  repeatAt: number,
): void {
  const byPage = new Map<number, Line[]>();
  for (const l of lines) {
    const list = byPage.get(l.page);
    if (list) list.push(l);
    else byPage.set(l.page, [l]);
  }
  const rows = new Map<number, Line[]>();
  for (const [page, all] of byPage) {
    const text = all.filter((l) => !l.furniture);
    const furniture = all.filter((l) => l.furniture);
    if (page === firstPage || text.length === 0 || furniture.length === 0) continue;
    const top = Math.min(...text.map((l) => l.top));
    const bottom = Math.max(...text.map((l) => l.bottom));
    const row = (l: Line) => Math.max(1, 0.5 * l.fontSize);
    const small = (l: Line) => l.fontSize <= (pageSize.get(page) ?? 0);
    // Furniture above the text's first row (below its last): the row next to it is the head's second one.
    const headed = furniture.some((f) => f.bottom <= top + 1);
    const footed = furniture.some((f) => f.top >= bottom - 1);
    rows.set(
      page,
      text.filter(
        (l) => small(l) && ((headed && l.top <= top + row(l)) || (footed && l.bottom >= bottom - row(l))),
      ),
    );
  }
  const pagesWith = new Map<string, Set<number>>();
  for (const [page, row] of rows)
    for (const l of row) {
      const key = shape(l.text);
      const set = pagesWith.get(key) ?? new Set<number>();
      set.add(page);
      pagesWith.set(key, set);
    }
  for (const row of rows.values())
    for (const l of row) if ((pagesWith.get(shape(l.text))?.size ?? 0) >= repeatAt) l.furniture = true;
}
