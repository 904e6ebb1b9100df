/**
 * The header model's labels: the front matter of a paper as GROBID and CiteSeer tag it, mapped to one set.
 * Addresses go with affiliations (the library shows them together); venue is what the first page says of
 * where the paper appeared (a journal line, a conference, a citation line).
 */
export const HEADER_LABELS = [
  "other",
  "title",
  "author",
  "affiliation",
  "email",
  "abstract",
  "keyword",
  "date",
  "venue",
  "identifier",
] as const;

export type HeaderLabel = (typeof HEADER_LABELS)[number];

export interface HeaderSpan {
  label: HeaderLabel;
  start: number;
  end: number;
}

/** A header as text (lines joined by "\n") with gold spans. */
export interface TaggedHeader {
  text: string;
  spans: HeaderSpan[];
  source: string;
}
