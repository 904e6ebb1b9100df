/**
 * The JSON form of works and result pages that programs see — `citegraph search --json` and the web API
 * (/api/v1) alike, so that the two never disagree about a field's name or meaning.
 */
import type { WorkSummary } from "../store/types.ts";
import type { SearchHit, SearchResult } from "./search.ts";
import { snippetText } from "./snippet.ts";

export function workSummaryJson(w: WorkSummary | SearchHit): Record<string, unknown> {
  return {
    id: w.id,
    title: w.title,
    authors: w.authors.map((a) => ({ id: a.id, name: a.name })),
    year: w.year ?? null,
    venue: w.venue ?? null,
    doi: w.doi ?? null,
    ...("snippet" in w ? { snippet: snippetText(w.snippet) ?? null } : {}),
    cited_by: w.citedBy,
    self_cited: w.selfCited,
    in_library: w.inLibrary,
    arxiv: w.arxiv ?? null,
    abstract: w.abstract ?? null,
  };
}

/** Keeps only the asked-for fields of a work's JSON (its id always). */
export function selectFields(
  json: Record<string, unknown>,
  fields: string[] | undefined,
): Record<string, unknown> {
  if (!fields) return json;
  return Object.fromEntries(Object.entries(json).filter(([k]) => k === "id" || fields.includes(k)));
}

export function searchResultJson(r: SearchResult, fields?: string[]): Record<string, unknown> {
  return {
    total: r.total,
    ...(r.nextCursor === undefined ? { page: r.page } : { next_cursor: r.nextCursor }),
    per_page: r.perPage,
    warnings: r.warnings,
    hits: r.hits.map((h) => selectFields(workSummaryJson(h), fields)),
    ...(r.facets ? { facets: r.facets } : {}),
  };
}
