/**
 * The keys each sort order ranks a result list by, ties ending on the id — one definition for every store, so
 * that the same query pages the same way wherever the library lives. A store gives its own SQL for the
 * relevance score (with the citation boost already applied) and for "the year is missing".
 */
import type { SearchRequest } from "./types.ts";

/** One key of a result order; `nullable` keys sort NULL as SQLite does: first ascending, last descending. */
export interface OrderKey {
  expr: string;
  desc: boolean;
  nullable?: boolean;
}

export function orderKeys(
  sort: SearchRequest["sort"],
  relevance: string | null,
  sql: { yearMissing: string },
): OrderKey[] {
  const cited = { expr: "w.cited_by", desc: true };
  switch (sort) {
    case "relevance":
      return relevance
        ? [
            { expr: relevance, desc: false },
            { expr: "w.id", desc: false },
          ]
        : [cited, { expr: "w.id", desc: false }];
    case "citations":
      return [cited, ...(relevance ? [{ expr: relevance, desc: false }] : []), { expr: "w.id", desc: false }];
    case "year":
      return [
        { expr: "w.year", desc: true, nullable: true },
        { expr: "w.id", desc: true },
      ];
    case "year-asc":
      return [
        { expr: sql.yearMissing, desc: false },
        { expr: "w.year", desc: false, nullable: true },
        { expr: "w.id", desc: false },
      ];
    case "recent":
      return [
        { expr: "w.added_at", desc: true },
        { expr: "w.id", desc: true },
      ];
  }
}
