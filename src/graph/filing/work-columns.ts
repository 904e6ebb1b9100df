/**
 * The fields of a work a store keeps beside its canonical item, for search, facets, OAI-PMH and lookups by
 * identifier: one projection of the item, so that every store keeps the same values.
 */
import { type CslItem, itemYear } from "../../formats/csl.ts";

export interface WorkColumns {
  type: string;
  title: string;
  year: number | null;
  venue: string | null;
  arxiv: string | null;
  url: string | null;
  abstract: string | null;
  keywords: string | null;
  /** The canonical item as CSL-JSON. */
  csl: string;
}

export function workColumns(item: CslItem): WorkColumns {
  return {
    type: item.type ?? "article",
    title: item.title ?? "",
    year: itemYear(item) ?? null,
    venue: item["container-title"] ?? null,
    arxiv: item.arxiv ?? null,
    url: item.URL ?? null,
    abstract: item.abstract ?? null,
    keywords: item.keyword ?? null,
    csl: JSON.stringify(item),
  };
}
