/**
 * An author's indicators from their works' counts — one definition for every store, so that an author page says
 * the same on SQLite and PostgreSQL.
 */
import { hIndex, i10Index } from "../graph/authors.ts";
import type { WorkId } from "./types.ts";

export function authorIndicators(works: { id: WorkId; cited_by: number; self_cited: number }[]) {
  const counts = works.map((w) => w.cited_by);
  return {
    workIds: works.map((w) => w.id),
    citations: counts.reduce((a, b) => a + b, 0),
    selfCitations: works.reduce((a, w) => a + w.self_cited, 0),
    hIndex: hIndex(counts),
    hIndexWithoutSelf: hIndex(works.map((w) => w.cited_by - w.self_cited)),
    i10Index: i10Index(counts),
  };
}
