/** The order the header stage reads its lines in. */
import type { Line } from "../../layout/types.ts";

/**
 * The header read top to bottom, blocks side by side left to right (author blocks in a row): full-width text is
 * read by rows. A column's lines keep their reading order — sorting them by rows too would interleave the
 * two columns of an abstract line by line.
 */
export function headerOrder(lines: Line[]): Line[] {
  const byRow = (a: Line, b: Line) => {
    const sameRow = Math.abs(a.top - b.top) < 0.5 * Math.min(a.fontSize, b.fontSize);
    return a.page - b.page || (sameRow ? a.x0 - b.x0 : a.top - b.top);
  };
  const out: Line[] = [];
  let run: Line[] = [];
  const flush = () => {
    out.push(...run.sort(byRow));
    run = [];
  };
  // Pages where the header stands in columns: there a column's lines keep their order.
  const inColumns = new Set(lines.filter((l) => l.column >= 1).map((l) => l.page));
  for (const l of lines) {
    if (l.column === -1 || (l.column === 0 && !inColumns.has(l.page))) run.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}
