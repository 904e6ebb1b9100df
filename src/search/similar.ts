/**
 * "Similar" works by text (CiteSeerX's third list beside Active Bibliography and Co-citation): the library's
 * best BM25 matches for the work's own words — its title's content words and its keywords — as one OR query, so
 * that works sharing more and rarer words rank first. Only library works; never the work itself.
 */
import { significantWords } from "../graph/blocking.ts";
import type { QueryNode } from "../store/query.ts";
import type { Store, WorkDetail, WorkSummary } from "../store/types.ts";
import { words } from "../text/normalize.ts";

/** Words asked for: enough to describe a title, few enough for a fast query. */
const MAX_WORDS = 12;

export async function similarWorks(store: Store, work: WorkDetail, limit: number): Promise<WorkSummary[]> {
  const chosen = [
    ...new Set([...significantWords(words(work.title)), ...significantWords(words(work.keywords ?? ""))]),
  ]
    .filter((w) => w.length > 2 && !/^\d+$/.test(w))
    .slice(0, MAX_WORDS);
  if (chosen.length === 0) return [];
  const query: QueryNode = {
    kind: "or",
    items: chosen.map((word) => ({ kind: "term", field: "any", word })),
  };
  const { ids } = await store.search({
    query,
    sort: "relevance",
    offset: 0,
    limit: limit + 1,
    includeCitations: false,
    citationBoost: false,
    facets: false,
  });
  return store.getWorks(ids.filter((id) => id !== work.id).slice(0, limit));
}
