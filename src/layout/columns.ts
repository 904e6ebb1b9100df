/**
 * Columns from the whitespace between them, found before words are joined into lines. A two-column page has a
 * gutter: a vertical strip near the middle that no word enters for a long stretch of the page (a whitespace
 * river, Breuel's "whitespace cover" in its simplest form). Where the strip is empty, the page is in columns,
 * and a word belongs to the side of the gutter it stands on; where words cross the strip (a title, the author
 * block, a full-width abstract or caption) the page is one column. Lines are then built within a side, so the
 * left and right columns' lines can never be joined into one — the fault that interleaved two-column abstracts
 * line by line when a gutter was narrower than the gap that ended a line.
 */
import type { PdfWord } from "../pdf/types.ts";

/** A stretch of a region, top to bottom, in two columns split at `gutter`. */
export interface ColumnZone {
  top: number;
  bottom: number;
  /** The x between the columns: words left of it are the left column. */
  gutter: number;
  /**
   * The side read first: the left, unless the left is a narrow sidebar beside a main column (PLOS's citation
   * and dates column, a margin of notes), which is then read after it.
   */
  first: 0 | 1;
}

/** Gutters are searched this far either side of the text's middle (as a share of its width). */
const SEARCH = 0.22;
/** A side narrower than this share of the other is a sidebar, not a column of the text. */
const SIDEBAR = 0.6;
/** Bounds of the grid a page is searched on (a hostile page may be miles wide or its type a hair tall). */
const MAX_WIDTH = 3000;
const MAX_ROWS = 2000;
/** The narrowest gutter: wider than any space between words of a justified line. */
const MIN_GUTTER = 6;

/**
 * The stretches of a page that are in two columns. Empty for a one-column page. A zone is an empty run of the
 * gutter strip at least `minLines` text lines tall with text on both sides of it, so the spaces of justified
 * text that line up by chance over a few lines (rivers) are not taken for a gutter.
 */
export function columnZones(words: PdfWord[], minLines = 5): ColumnZone[] {
  const body = words.filter((w) => w.text.trim().length > 0 && w.x1 > w.x0 && w.bottom > w.top);
  if (body.length < 40) return [];
  const { left, right, top, bottom } = extent(body);
  const width = right - left;
  // Narrower than a column, or wider than a poster: no columns looked for (and the grid below stays bounded).
  if (width < 100 || width > MAX_WIDTH) return [];
  const lineHeight = median(body.map((w) => w.bottom - w.top));
  // The middle of the page as a grid of 1-point columns and third-of-a-line rows, marked where a word stands.
  const rowHeight = Math.max(1, lineHeight / 3, (bottom - top) / MAX_ROWS);
  const nRows = Math.min(MAX_ROWS, Math.ceil((bottom - top) / rowHeight) + 1);
  const x0 = Math.floor(left + width * (0.5 - SEARCH));
  const nBins = Math.ceil(width * 2 * SEARCH) + 1;
  // Per row, how many marked cells lie left of each bin: a strip's emptiness in a row is one subtraction.
  const stride = nBins + 1;
  const before = new Int32Array(nRows * stride);
  const occupied = new Uint8Array(nRows * nBins);
  for (const w of body) {
    const b0 = Math.max(0, Math.floor(w.x0 - x0));
    const b1 = Math.min(nBins - 1, Math.ceil(w.x1 - x0) - 1);
    if (b1 < b0) continue;
    const r0 = Math.max(0, Math.floor((w.top - top) / rowHeight));
    const r1 = Math.min(nRows - 1, Math.floor((w.bottom - top) / rowHeight));
    for (let r = r0; r <= r1; r++) occupied.fill(1, r * nBins + b0, r * nBins + b1 + 1);
  }
  for (let r = 0; r < nRows; r++)
    for (let b = 0; b < nBins; b++)
      before[r * stride + b + 1] = before[r * stride + b] + occupied[r * nBins + b];
  // The strip of MIN_GUTTER points with the most empty height, in runs of at least `minLines` lines.
  const minRows = Math.ceil((minLines * lineHeight * 1.1) / rowHeight);
  let best: { bin: number; runs: Array<[number, number]>; rows: number } | undefined;
  for (let b = 0; b + MIN_GUTTER <= nBins; b++) {
    const runs: Array<[number, number]> = [];
    let runStart = -1;
    let total = 0;
    for (let r = 0; r <= nRows; r++) {
      const empty = r < nRows && before[r * stride + b + MIN_GUTTER] === before[r * stride + b];
      if (empty && runStart < 0) runStart = r;
      else if (!empty && runStart >= 0) {
        if (r - runStart >= minRows) {
          runs.push([runStart, r]);
          total += r - runStart;
        }
        runStart = -1;
      }
    }
    if (total > 0 && (!best || total > best.rows)) best = { bin: b, runs, rows: total };
  }
  if (!best) return [];
  const strip0 = x0 + best.bin;
  const strip1 = strip0 + MIN_GUTTER;
  const zones: ColumnZone[] = [];
  for (const [r0, r1] of best.runs) {
    let zTop = top + r0 * rowHeight;
    let zBottom = top + r1 * rowHeight;
    const within = (w: PdfWord) => (w.top + w.bottom) / 2 >= zTop && (w.top + w.bottom) / 2 <= zBottom;
    // A heading set apart under the end of the shorter column, with full-width text right below it (the
    // reference list after "References"), heads that text: the zone ends above it.
    if (r1 < nRows - 1) zBottom = headingTrim(body.filter(within), strip0, strip1, lineHeight) ?? zBottom;
    [zTop, zBottom] = justifiedTrim(body.filter(within), strip0, strip1, lineHeight, zTop, zBottom);
    const inside = body.filter(within);
    const leftWords = inside.filter((w) => w.x1 <= strip0);
    const rightWords = inside.filter((w) => w.x0 >= strip1);
    // Text on both sides, in lines: a column, not a margin note or a short table beside a paragraph.
    if (rows(leftWords, lineHeight) < minLines || rows(rightWords, lineHeight) < minLines) continue;
    const l = extent(leftWords);
    const r = extent(rightWords);
    const first = l.right - l.left < SIDEBAR * (r.right - r.left) ? 1 : 0;
    zones.push({ top: zTop, bottom: zBottom, gutter: (l.right + r.left) / 2, first });
  }
  return zones;
}

/**
 * Where a zone should end instead of at the full-width text below it: above the last rows (at most three) of
 * the longer column, when they stand below the end of the shorter one and are set apart from the rows above
 * by a gap (a heading). Undefined to keep the zone as it is.
 */
function headingTrim(
  words: PdfWord[],
  strip0: number,
  strip1: number,
  lineHeight: number,
): number | undefined {
  const left = words.filter((w) => w.x1 <= strip0);
  const right = words.filter((w) => w.x0 >= strip1);
  if (!left.length || !right.length) return undefined;
  const leftEnd = extent(left).bottom;
  const rightEnd = extent(right).bottom;
  const shorterEnd = Math.min(leftEnd, rightEnd);
  const longer = leftEnd > rightEnd ? left : right;
  // The longer column's rows, top to bottom: [top, bottom] of the words whose tops are within half a line.
  const rowsOf: Array<[number, number]> = [];
  for (const w of [...longer].sort((a, b) => a.top - b.top)) {
    const last = rowsOf.at(-1);
    if (last && w.top - last[0] < lineHeight * 0.5) last[1] = Math.max(last[1], w.bottom);
    else rowsOf.push([w.top, w.bottom]);
  }
  for (let k = rowsOf.length - 1; k >= Math.max(1, rowsOf.length - 3); k--) {
    if (rowsOf[k][0] <= shorterEnd) return undefined;
    if (rowsOf[k][0] - rowsOf[k - 1][1] > 0.8 * lineHeight) return rowsOf[k][0] - 0.1;
  }
  return undefined;
}

/**
 * A zone without its edge rows (two at most, above and below) that are one justified line across the strip, not
 * two columns' lines: set full width, from the left side's margin to the right side's, with less than an em and
 * less than half the zone's usual gap between its two parts. A line with a long unbreakable word after it (a URL)
 * is set with spaces wide enough to line up with the strip of the columns below ("…, 1–13. URL
 * http://www.jstatsoft." over "org/v34/i01/." and an address beside the journal's footer): cut, its end was read
 * after the left column.
 */
function justifiedTrim(
  words: PdfWord[],
  strip0: number,
  strip1: number,
  lineHeight: number,
  top: number,
  bottom: number,
): [number, number] {
  interface Row {
    top: number;
    bottom: number;
    left: number;
    leftEnd: number;
    rightStart: number;
    right: number;
  }
  const rowsOf: Row[] = [];
  for (const w of [...words].sort((a, b) => a.top - b.top)) {
    let row = rowsOf.at(-1);
    if (!row || w.top - row.top >= lineHeight * 0.5) {
      row = {
        top: w.top,
        bottom: w.bottom,
        left: w.x0,
        leftEnd: Number.NEGATIVE_INFINITY,
        rightStart: Number.POSITIVE_INFINITY,
        right: w.x1,
      };
      rowsOf.push(row);
    }
    row.bottom = Math.max(row.bottom, w.bottom);
    row.left = Math.min(row.left, w.x0);
    row.right = Math.max(row.right, w.x1);
    if (w.x1 <= strip0) row.leftEnd = Math.max(row.leftEnd, w.x1);
    else if (w.x0 >= strip1) row.rightStart = Math.min(row.rightStart, w.x0);
  }
  const gap = (r: Row) => r.rightStart - r.leftEnd;
  const both = rowsOf.filter((r) => Number.isFinite(gap(r)));
  if (both.length < 3) return [top, bottom];
  const usual = median(both.map(gap));
  const margins = extent(words);
  const justified = (r: Row | undefined) =>
    r !== undefined &&
    gap(r) < Math.min(usual / 2, lineHeight) &&
    r.left - margins.left < 2 * lineHeight &&
    margins.right - r.right < 2 * lineHeight;
  for (let k = 0; k < 2 && justified(rowsOf[k]); k++) top = rowsOf[k].bottom + 0.1;
  for (let k = rowsOf.length - 1; k >= rowsOf.length - 2 && justified(rowsOf[k]); k--)
    bottom = rowsOf[k].top - 0.1;
  return [top, bottom];
}

/** The box around some words. */
function extent(words: PdfWord[]): { left: number; right: number; top: number; bottom: number } {
  const box = {
    left: Number.POSITIVE_INFINITY,
    right: Number.NEGATIVE_INFINITY,
    top: Number.POSITIVE_INFINITY,
    bottom: Number.NEGATIVE_INFINITY,
  };
  for (const w of words) {
    box.left = Math.min(box.left, w.x0);
    box.right = Math.max(box.right, w.x1);
    box.top = Math.min(box.top, w.top);
    box.bottom = Math.max(box.bottom, w.bottom);
  }
  return box;
}

/** How many distinct text lines the words make (by their tops). */
function rows(words: PdfWord[], lineHeight: number): number {
  const tops = words.map((w) => w.top).sort((a, b) => a - b);
  let n = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of tops) {
    if (t - last > lineHeight * 0.5) n++;
    last = t;
  }
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 10;
}

/** Regions within regions are looked into this deep: three columns, a two-column part of a column. */
const MAX_DEPTH = 3;

/** A region of a page read as one column, in reading order among the page's regions. */
export interface ReadingRegion {
  /**
   * The column the region is within its top-level zone, in reading order (0 first); -1 for a region outside
   * every zone of a page that has some (full-width text: a title, a wide caption); 0 on a page with no columns.
   */
  column: number;
}

/**
 * The page cut into regions of one column each, in reading order (a recursive XY cut on whitespace): a region
 * with column zones is read top to bottom, each zone side by side (left first, or the main column before a
 * sidebar), each side looked into again — a side may itself be in columns (three columns), or in columns only
 * part of its height. Returns the regions and, for each word, the index of its region.
 */
export function readingRegions(words: PdfWord[]): { regions: ReadingRegion[]; regionOf: Int32Array } {
  const regions: ReadingRegion[] = [];
  const regionOf = new Int32Array(words.length);
  const center = (i: number) => (words[i].top + words[i].bottom) / 2;
  // `zone` counts the regions read within the outermost zone the recursion is in (undefined: in none).
  const read = (ids: number[], depth: number, zone: { next: number } | undefined) => {
    const zones = depth < MAX_DEPTH && ids.length ? columnZones(ids.map((i) => words[i])) : [];
    if (zones.length === 0) {
      const region = regions.length;
      regions.push({ column: zone ? zone.next++ : -1 });
      for (const i of ids) regionOf[i] = region;
      return;
    }
    // Top to bottom: each zone, and each run of words between zones; a run after the k-th zone sorts at k.
    const units: Array<{ at: number; zone?: ColumnZone; ids: number[] }> = zones.map((z, k) => ({
      at: k + 0.5,
      zone: z,
      ids: [],
    }));
    for (const i of ids) {
      const y = center(i);
      const k = zones.findIndex((z) => y >= z.top && y <= z.bottom);
      if (k >= 0) {
        units[k].ids.push(i);
        continue;
      }
      const at = zones.filter((z) => z.bottom < y).length;
      const run = units.find((u) => !u.zone && u.at === at);
      if (run) run.ids.push(i);
      else units.push({ at, ids: [i] });
    }
    units.sort((a, b) => a.at - b.at);
    for (const u of units) {
      const z = u.zone;
      if (!z) {
        read(u.ids, depth + 1, zone);
        continue;
      }
      const counter = zone ?? { next: 0 };
      const side = (i: number) => ((words[i].x0 + words[i].x1) / 2 < z.gutter ? 0 : 1);
      for (const s of [z.first, 1 - z.first])
        read(
          u.ids.filter((i) => side(i) === s),
          depth + 1,
          counter,
        );
    }
  };
  read(
    words.map((_, i) => i),
    0,
    undefined,
  );
  // A page without columns is one column: 0, not "full width".
  if (regions.every((r) => r.column === -1)) for (const r of regions) r.column = 0;
  return { regions, regionOf };
}
