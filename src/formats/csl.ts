/**
 * CSL-JSON: the one record type every format converts to and from (the citation-js way).
 * Only the fields citegraph uses are typed; anything else a reader finds is kept as it came.
 */

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  "non-dropping-particle"?: string;
  "dropping-particle"?: string;
  suffix?: string;
}

export interface CslDate {
  "date-parts"?: (number | string)[][];
  raw?: string;
  literal?: string;
}

export interface CslItem {
  id?: string;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  "container-title"?: string;
  "collection-title"?: string;
  volume?: string;
  issue?: string;
  page?: string;
  publisher?: string;
  "publisher-place"?: string;
  DOI?: string;
  URL?: string;
  ISBN?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
  /** Not CSL: the arXiv identifier, kept apart because matching uses it like a DOI. */
  arxiv?: string;
  [field: string]: unknown;
}

/** The year of an item's `issued` date, or undefined when it has none that parses. */
export function itemYear(item: CslItem): number | undefined {
  const parts = item.issued?.["date-parts"]?.[0];
  const first = parts?.[0];
  const fromParts =
    typeof first === "number" ? first : typeof first === "string" ? Number.parseInt(first, 10) : NaN;
  if (Number.isInteger(fromParts) && fromParts > 0 && fromParts < 3000) return fromParts;
  const text = item.issued?.raw ?? item.issued?.literal;
  const m = text ? /\b(1[5-9]\d\d|20\d\d)\b/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** The family name of a person, particles included ("van der Aalst"), or the literal name. */
export function familyName(name: CslName): string {
  if (name.family) {
    const particle = name["non-dropping-particle"];
    return particle ? `${particle} ${name.family}` : name.family;
  }
  return name.literal ?? "";
}

/** A person's name family first, as citation managers import it: "van der Aalst, Wil". */
export function invertedName(name: CslName): string {
  if (name.literal) return name.literal;
  return [familyName(name), name.given].filter(Boolean).join(", ");
}

/** A person's name as a reader expects to see it: "Anne B. Smith". */
export function displayName(name: CslName): string {
  if (name.literal) return name.literal;
  return [name.given, name["dropping-particle"], familyName(name), name.suffix].filter(Boolean).join(" ");
}

/** Cleans a DOI into its bare lower-case form ("https://doi.org/10.1/X" → "10.1/x"), or undefined. */
export function normalizeDoi(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /\b(10\.\d{4,9}\/\S+)/.exec(value.trim());
  return m ? m[1].replace(/[.,;]+$/, "").toLowerCase() : undefined;
}

/** The types of CSL 1.0.2 (and 1.0.1's "entry" kinds); a type read from a file outside them becomes "article". */
export const CSL_TYPES = new Set([
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "bill",
  "book",
  "broadcast",
  "chapter",
  "classic",
  "collection",
  "dataset",
  "document",
  "entry",
  "entry-dictionary",
  "entry-encyclopedia",
  "event",
  "figure",
  "graphic",
  "hearing",
  "interview",
  "legal_case",
  "legislation",
  "manuscript",
  "map",
  "motion_picture",
  "musical_score",
  "pamphlet",
  "paper-conference",
  "patent",
  "performance",
  "periodical",
  "personal_communication",
  "post",
  "post-weblog",
  "regulation",
  "report",
  "review",
  "review-book",
  "software",
  "song",
  "speech",
  "standard",
  "thesis",
  "treaty",
  "webpage",
]);

/** CSL's name variables: lists of names. */
export const NAME_VARIABLES = new Set([
  "author",
  "chair",
  "collection-editor",
  "compiler",
  "composer",
  "container-author",
  "contributor",
  "curator",
  "director",
  "editor",
  "editorial-director",
  "executive-producer",
  "guest",
  "host",
  "illustrator",
  "interviewer",
  "narrator",
  "organizer",
  "original-author",
  "performer",
  "producer",
  "recipient",
  "reviewed-author",
  "script-writer",
  "series-creator",
  "translator",
]);

/** CSL's date variables. */
export const DATE_VARIABLES = new Set([
  "accessed",
  "available-date",
  "event-date",
  "issued",
  "original-date",
  "submitted",
]);
