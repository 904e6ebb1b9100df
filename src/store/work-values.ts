/**
 * A works row's column values, the same for both stores so that both write the same row; only how a flag is
 * stored differs (SQLite's 0/1, PostgreSQL's boolean), so the caller gives in_library as its store keeps it.
 */
import type { WorkRow } from "../graph/filing/rows.ts";
import { workColumns } from "../graph/filing/work-columns.ts";

/** Values from in_library to csl, in the order of the columns of insert and update. */
export function workValues<Flag>(row: WorkRow, inLibrary: Flag) {
  const c = workColumns(row.item);
  const values = [
    inLibrary,
    c.type,
    c.title,
    c.year,
    c.venue,
    row.doi,
    c.arxiv,
    c.url,
    c.abstract,
    c.keywords,
    c.csl,
  ] as const;
  return { values, year: c.year, venue: c.venue };
}
