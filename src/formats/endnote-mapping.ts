/**
 * The two-way table between EndNote's tagged format (.enw, "%T Title") and CSL-JSON: reference types (%0) both
 * ways and the tags CSL has a place for, as rules of field-codec.ts; other tags are kept as given. `%F` (the
 * label) is the record's citation key.
 */
import { type CslItem, normalizeDoi } from "./csl.ts";
import type { FieldRule } from "./field-codec.ts";
import { dateTag, keywordsTag, namesTag, textTag, yearTag } from "./field-rules.ts";

/** EndNote reference types → CSL types; the first of a CSL type is the one written for it. */
const TYPES: [endnote: string, csl: string][] = [
  ["Journal Article", "article-journal"],
  ["Magazine Article", "article-magazine"],
  ["Newspaper Article", "article-newspaper"],
  ["Conference Paper", "paper-conference"],
  ["Conference Proceedings", "paper-conference"],
  ["Book", "book"],
  ["Edited Book", "book"],
  ["Book Section", "chapter"],
  ["Report", "report"],
  ["Thesis", "thesis"],
  ["Web Page", "webpage"],
  ["Dataset", "dataset"],
  ["Computer Program", "software"],
  ["Patent", "patent"],
  ["Unpublished Work", "manuscript"],
  ["Manuscript", "manuscript"],
  ["Generic", "article"],
  ["Blog", "post-weblog"],
  ["Map", "map"],
  ["Bill", "bill"],
  ["Case", "legal_case"],
  ["Statute", "legislation"],
  ["Hearing", "hearing"],
  ["Personal Communication", "personal_communication"],
  ["Artwork", "graphic"],
  ["Figure", "figure"],
  ["Film or Broadcast", "motion_picture"],
  ["Music", "musical_score"],
  ["Audiovisual Material", "song"],
  ["Pamphlet", "pamphlet"],
  ["Dictionary", "entry-dictionary"],
  ["Encyclopedia", "entry-encyclopedia"],
  ["Standard", "standard"],
  ["Electronic Article", "article-journal"],
  ["Electronic Book", "book"],
  ["Electronic Book Section", "chapter"],
  ["Government Document", "report"],
  ["Serial", "periodical"],
  ["Classical Work", "classic"],
];
const TO_CSL = new Map(TYPES.map(([e, c]) => [e.toLowerCase(), c]));
const FROM_CSL = new Map<string, string>();
for (const [e, c] of TYPES) if (!FROM_CSL.has(c)) FROM_CSL.set(c, e);

export const endnoteCslType = (type: string): string => TO_CSL.get(type.trim().toLowerCase()) ?? "document";
export const defaultEndnoteType = (item: CslItem): string => FROM_CSL.get(item.type ?? "") ?? "Generic";

const JOURNALS = ["article-journal", "article-magazine", "article-newspaper", "periodical", "article"];
const BOOKS = ["book", "chapter", "entry-dictionary", "entry-encyclopedia", "classic"];
/** EndNote's %8: the date beside the year, as "2004-05-12" (only when there is more than the year). */
const fullDate = (d: CslItem["issued"]) => {
  const p = d?.["date-parts"]?.[0];
  if (!p || !(Number(p[0]) > 0) || p.length < 2) return undefined;
  return p.map((n, i) => (i ? String(n).padStart(2, "0") : String(n))).join("-");
};

/** Every tag, in the order rules are chosen. */
export const ENDNOTE_FIELDS: FieldRule[] = [
  textTag("F", "citation-key", { default: true }),
  textTag("T", "title", { default: true }),
  textTag("!", "title-short", { default: true }),
  namesTag("A", "author", { default: true }),
  namesTag("E", "editor", { default: true }),
  namesTag("Y", "collection-editor", { default: true }),
  namesTag("H", "translator", { default: true }),
  yearTag("D", { default: true }),
  dateTag("8", "issued", { claims: ["issued.month", "issued.day"], format: fullDate, default: true }),
  textTag("J", "container-title", { default: JOURNALS }),
  textTag("B", "container-title", { default: true }),
  textTag("S", "collection-title", { default: true }),
  textTag("V", "volume", { default: true }),
  textTag("N", "issue", { types: JOURNALS, default: JOURNALS }),
  textTag("N", "number", { default: true }),
  textTag("6", "number-of-volumes", { default: true }),
  textTag("P", "page", { default: true }),
  textTag("7", "edition", { default: true }),
  textTag("I", "publisher", { default: true }),
  textTag("C", "publisher-place", { default: true }),
  textTag("@", "ISBN", { types: BOOKS, default: BOOKS }),
  textTag("@", "ISSN", { default: true }),
  textTag("R", "DOI", { default: true, decode: normalizeDoi }),
  textTag("U", "URL", { default: true }),
  textTag("X", "abstract", { default: true }),
  keywordsTag("K", { default: true }),
  textTag("Z", "note", { default: true }),
  textTag("9", "genre", { default: true }),
  textTag("G", "language", { default: true }),
  textTag("L", "call-number", { default: true }),
  textTag("&", "section", { default: true }),
];
