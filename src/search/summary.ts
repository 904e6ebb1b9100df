/**
 * A citation summary of a result set, as INSPIRE shows one: how many works, how many citations, the h-index,
 * and how many works fall in each band of citations — with and without self-citations. Computed over the
 * first MAX_SUMMARY_WORKS hits (INSPIRE's own limit is 10,000), which the summary says when it applies.
 */
import { hIndex } from "../graph/authors.ts";
import type { QueryNode } from "../store/query.ts";
import type { Store } from "../store/types.ts";

export const MAX_SUMMARY_WORKS = 10_000;

export const CITATION_BANDS: { label: string; min: number; max: number }[] = [
  { label: "0", min: 0, max: 0 },
  { label: "1–9", min: 1, max: 9 },
  { label: "10–49", min: 10, max: 49 },
  { label: "50–99", min: 50, max: 99 },
  { label: "100–249", min: 100, max: 249 },
  { label: "250–499", min: 250, max: 499 },
  { label: "500+", min: 500, max: Number.POSITIVE_INFINITY },
];

export interface CitationSummary {
  works: number;
  /** The result set was larger than MAX_SUMMARY_WORKS: the summary covers its first works only. */
  total: number;
  citations: number;
  citationsWithoutSelf: number;
  hIndex: number;
  hIndexWithoutSelf: number;
  /** Works per band of citations, in CITATION_BANDS order. */
  bands: { label: string; works: number; worksWithoutSelf: number }[];
}

export function summarize(
  works: { citedBy: number; selfCited: number }[],
  total = works.length,
): CitationSummary {
  const all = works.map((w) => w.citedBy);
  const others = works.map((w) => w.citedBy - w.selfCited);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const inBand = (xs: number[], b: { min: number; max: number }) =>
    xs.filter((x) => x >= b.min && x <= b.max).length;
  return {
    works: works.length,
    total,
    citations: sum(all),
    citationsWithoutSelf: sum(others),
    hIndex: hIndex(all),
    hIndexWithoutSelf: hIndex(others),
    bands: CITATION_BANDS.map((b) => ({
      label: b.label,
      works: inBand(all, b),
      worksWithoutSelf: inBand(others, b),
    })),
  };
}

/** The summary of the library works a query finds. */
export async function citationSummary(store: Store, query: QueryNode | null): Promise<CitationSummary> {
  const found = await store.search({
    query,
    sort: "citations",
    offset: 0,
    limit: MAX_SUMMARY_WORKS,
    includeCitations: false,
    citationBoost: false,
    facets: false,
  });
  return summarize(await store.getWorks(found.ids), found.total);
}
