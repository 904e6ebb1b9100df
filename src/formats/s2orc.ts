/**
 * The S2ORC metadata format (Semantic Scholar): `paper_id`, authors as first/middle/last, `outbound_citations`
 * as S2 ids. Ids are prefixed "s2:" so they cannot collide with ids from other sources.
 */
import type { CslItem } from "./csl.ts";
import { type SourceRecord, toCslItem } from "./record.ts";

interface S2Author {
  first?: string;
  middle?: string[];
  last?: string;
  suffix?: string;
}

export function isS2orc(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && "paper_id" in value && "outbound_citations" in value;
}

export function fromS2orc(o: Record<string, unknown>, location: SourceRecord["location"]): SourceRecord {
  const authors = Array.isArray(o.authors) ? (o.authors as S2Author[]) : [];
  const fields = Array.isArray(o.mag_field_of_study) ? (o.mag_field_of_study as string[]) : [];
  const item: CslItem = toCslItem({
    type: o.journal ? "article-journal" : "article",
    title: o.title,
    author: authors
      .filter((a) => a && typeof a === "object" && a.last)
      .map((a) => ({
        family: a.last,
        given: [a.first, ...(Array.isArray(a.middle) ? a.middle : [])].filter(Boolean).join(" ") || undefined,
        suffix: a.suffix || undefined,
      })),
    year: o.year ?? undefined,
    "container-title": o.journal ?? o.venue ?? undefined,
    DOI: o.doi ?? undefined,
    arxiv: o.arxiv_id ?? undefined,
    abstract: o.abstract ?? undefined,
    URL: o.s2_url ?? undefined,
    keyword: fields.filter((f) => typeof f === "string"),
  });
  const out = Array.isArray(o.outbound_citations) ? o.outbound_citations : [];
  return {
    id: `s2:${String(o.paper_id)}`,
    item,
    references: out
      .filter((c): c is string => typeof c === "string" && c.length > 0)
      .map((c) => ({ id: `s2:${c}` })),
    location,
  };
}
