/**
 * The reference model's labels: the fields of a printed reference, named as their CSL-JSON variables where one
 * exists. `other` is the text between fields (separators, "In", "pp.") that belongs to none.
 */
export const REFERENCE_LABELS = [
  "other",
  "citation-number",
  "author",
  "editor",
  "title",
  "container-title",
  "collection-title",
  "volume",
  "issue",
  "pages",
  "date",
  "publisher",
  "location",
  "edition",
  "genre",
  "number",
  "doi",
  "url",
  "arxiv",
  "isbn",
  "note",
] as const;

export type ReferenceLabel = (typeof REFERENCE_LABELS)[number];

/** A stretch of a reference string and the field it belongs to. */
export interface LabelledSpan {
  label: ReferenceLabel;
  start: number;
  end: number;
}

/** A gold-labelled reference from a training corpus. */
export interface TaggedReference {
  text: string;
  spans: LabelledSpan[];
  /** The corpus it comes from ("anystyle", "grobid", "parscit-cora", …), for held-out evaluation. */
  source: string;
}
