/**
 * Searching the library: the query language parsed, the store asked for one page of ids (ranked, with an
 * exact total and facets), and the page filled with what a result list shows — metadata and a snippet.
 */
import type { Facets, SortOrder, Store, WorkSummary } from "../store/types.ts";
import { SORT_ORDERS } from "../store/types.ts";
import { cursorScope, decodeCursor, encodeCursor } from "./cursor.ts";
import { highlightTerms, parseQuery, QueryError } from "./query-parser.ts";
import { makeSnippet, type Snippet } from "./snippet.ts";

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;
/** Deepest page offered: far past what anyone reads, and a bound on what one request can cost. */
export const MAX_OFFSET = 1_000_000;

export interface SearchOptions {
  q: string;
  sort?: SortOrder;
  /** 1-based. */
  page?: number;
  perPage?: number;
  includeCitations?: boolean;
  /** On by default; `false` ranks by text alone. */
  citationBoost?: boolean;
  facets?: boolean;
  /** Paging by cursor instead of page ("*" for the first page): no depth limit. */
  cursor?: string;
}

export interface SearchHit extends WorkSummary {
  snippet?: Snippet;
}

export interface SearchResult {
  q: string;
  sort: SortOrder;
  page: number;
  perPage: number;
  total: number;
  /** 1-based positions of the first and last hit shown ("Results 1 - 10 of 51"); 0 when none. */
  first: number;
  last: number;
  pages: number;
  hits: SearchHit[];
  facets?: Facets;
  warnings: string[];
  /** With a cursor: the cursor of the next page, or null after the last. */
  nextCursor?: string | null;
}

/** Checks a sort name from a user. */
export function parseSort(value: string | undefined): SortOrder {
  if (value === undefined || value === "") return "relevance";
  if ((SORT_ORDERS as readonly string[]).includes(value)) return value as SortOrder;
  throw new QueryError(`unknown sort "${value}" (expected one of ${SORT_ORDERS.join(", ")})`);
}

export async function search(store: Store, opts: SearchOptions): Promise<SearchResult> {
  const parsed = parseQuery(opts.q);
  const sort = opts.sort ?? "relevance";
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(opts.perPage ?? DEFAULT_PER_PAGE)));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const offset = (page - 1) * perPage;
  const includeCitations = opts.includeCitations ?? false;
  const citationBoost = opts.citationBoost ?? true;
  const scope = cursorScope([opts.q, sort, includeCitations, citationBoost]);
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, scope);
  if (after === undefined && offset > MAX_OFFSET)
    throw new QueryError(
      `page ${page} is beyond the deepest page offered (${Math.floor(MAX_OFFSET / perPage)})`,
    );
  const found = await store.search({
    query: parsed.node,
    sort,
    offset,
    limit: perPage,
    includeCitations,
    citationBoost,
    facets: opts.facets ?? false,
    after,
  });
  const works = await store.getWorks(found.ids);
  const terms = highlightTerms(parsed.node);
  const fromAbstract = works.map((w) => makeSnippet(w.abstract, terms));
  // Full text is read only for hits whose abstract shows no query word (or that have no abstract).
  const needBody = works.filter((w, i) => w.hasFullText && !hasHit(fromAbstract[i])).map((w) => w.id);
  const bodies = needBody.length ? await store.bodies(needBody, 200_000) : new Map<number, string>();
  const hits = works.map((w, i): SearchHit => {
    const abstract = fromAbstract[i];
    const body = bodies.has(w.id) ? makeSnippet(bodies.get(w.id), terms) : undefined;
    const snippet = hasHit(abstract) ? abstract : hasHit(body) ? body : (abstract ?? body);
    return { ...w, snippet };
  });
  return {
    q: opts.q,
    sort,
    page,
    perPage,
    total: found.total,
    first: hits.length ? offset + 1 : 0,
    last: offset + hits.length,
    pages: Math.ceil(found.total / perPage),
    hits,
    facets: found.facets,
    warnings: parsed.warnings,
    ...(after === undefined
      ? {}
      : { nextCursor: found.last && hits.length === perPage ? encodeCursor(found.last, scope) : null }),
  };
}

function hasHit(s: Snippet | undefined): boolean {
  return !!s?.segments.some((x) => x.hit);
}

/** "Results 1 - 10 of 51", as CiteSeerX says it. */
export function resultsLine(r: SearchResult): string {
  if (!r.total) return "No results";
  if (!r.hits.length) return `No results on page ${r.page} of ${r.total}`;
  return `Results ${r.first.toLocaleString("en-US")} - ${r.last.toLocaleString("en-US")} of ${r.total.toLocaleString("en-US")}`;
}
