/**
 * The two-way table between RIS and CSL-JSON: reference types (TY) both ways and every tag the RIS
 * specification defines that CSL has a place for, as rules of field-codec.ts. Tags it does not map (L1–L4,
 * C1–C8, M1, …) are kept as given and written back.
 */
import { type CslItem, normalizeDoi } from "./csl.ts";
import type { FieldRule } from "./field-codec.ts";
import { dateTag, keywordsTag, namesTag, pageTag, textTag, yearTag } from "./field-rules.ts";

/** RIS reference types → CSL types; the first TY of a CSL type is the one written for it. */
const TYPES: [ris: string, csl: string][] = [
  ["JOUR", "article-journal"],
  ["MGZN", "article-magazine"],
  ["NEWS", "article-newspaper"],
  ["CPAPER", "paper-conference"],
  ["BOOK", "book"],
  ["CHAP", "chapter"],
  ["RPRT", "report"],
  ["THES", "thesis"],
  ["ELEC", "webpage"],
  ["BLOG", "post-weblog"],
  ["DATA", "dataset"],
  ["COMP", "software"],
  ["PAT", "patent"],
  ["UNPB", "manuscript"],
  ["GEN", "article"],
  ["STAND", "standard"],
  ["MAP", "map"],
  ["BILL", "bill"],
  ["CASE", "legal_case"],
  ["STAT", "legislation"],
  ["HEAR", "hearing"],
  ["PCOMM", "personal_communication"],
  ["ART", "graphic"],
  ["FIGURE", "figure"],
  ["MPCT", "motion_picture"],
  ["MUSIC", "musical_score"],
  ["SOUND", "song"],
  ["PAMP", "pamphlet"],
  ["DICT", "entry-dictionary"],
  ["ENCYC", "entry-encyclopedia"],
  ["SLIDE", "speech"],
  ["JFULL", "periodical"],
  ["EJOUR", "article-journal"],
  ["INPR", "article-journal"],
  ["ABST", "article-journal"],
  ["EBOOK", "book"],
  ["EDBOOK", "book"],
  ["ECHAP", "chapter"],
  ["CONF", "paper-conference"],
  ["GOVDOC", "report"],
  ["MANSCPT", "manuscript"],
  ["DBASE", "dataset"],
  ["VIDEO", "motion_picture"],
  ["ICOMM", "personal_communication"],
  ["LEGAL", "legislation"],
  ["ANCIENT", "classic"],
  ["CLSWK", "classic"],
  ["SER", "book"],
  ["CTLG", "document"],
  ["ADVS", "document"],
  ["AGGR", "document"],
  ["EQUA", "document"],
  ["GRANT", "document"],
  ["MULTI", "document"],
  ["CHART", "figure"],
];
const TO_CSL = new Map(TYPES);
const FROM_CSL = new Map<string, string>();
for (const [ris, csl] of TYPES) if (!FROM_CSL.has(csl)) FROM_CSL.set(csl, ris);

export const risCslType = (ty: string): string => TO_CSL.get(ty.toUpperCase()) ?? "document";
export const defaultRisType = (item: CslItem): string => FROM_CSL.get(item.type ?? "") ?? "GEN";

const JOURNALS = ["article-journal", "article-magazine", "article-newspaper", "periodical", "article"];
const BOOKS = ["book", "chapter", "entry-dictionary", "entry-encyclopedia", "classic"];
const pad = (n: unknown) => String(n).padStart(2, "0");
/** RIS's date: "2004/05/12/", written only when there is more than the year (PY has that). */
const risDate = (d: CslItem["issued"]) => {
  const p = d?.["date-parts"]?.[0];
  if (!p || !(Number(p[0]) > 0) || p.length < 2) return undefined;
  return `${p[0]}/${pad(p[1])}/${p[2] ? pad(p[2]) : ""}/`;
};

/** Every tag, in the order rules are chosen (the first rule of a tag that applies and is free reads it). */
export const RIS_FIELDS: FieldRule[] = [
  textTag("TI", "title", { default: true }),
  textTag("T1", "title"),
  textTag("ST", "title-short", { default: true }),
  namesTag("AU", "author", { default: true }),
  namesTag("A1", "author"),
  namesTag("ED", "editor", { default: true }),
  namesTag("A2", "editor"),
  namesTag("A3", "collection-editor", { default: true }),
  namesTag("A4", "translator", { default: true }),
  yearTag("PY", { default: true }),
  dateTag("Y1", "issued"),
  dateTag("DA", "issued", { claims: ["issued.month", "issued.day"], format: risDate, default: true }),
  dateTag("Y2", "accessed", { default: true }),
  textTag("JO", "container-title", { default: JOURNALS }),
  textTag("JF", "container-title"),
  textTag("T2", "container-title", { default: true }),
  textTag("BT", "container-title"),
  textTag("J2", "container-title-short", { default: true }),
  textTag("JA", "container-title-short"),
  textTag("T3", "collection-title", { default: true }),
  textTag("VL", "volume", { default: true }),
  textTag("IS", "issue", { default: true }),
  textTag("NV", "number-of-volumes", { default: true }),
  textTag("SE", "section", { default: true }),
  pageTag("SP", 0, { default: true }),
  pageTag("EP", 1, { default: true }),
  textTag("ET", "edition", { default: true }),
  textTag("PB", "publisher", { default: true }),
  textTag("CY", "publisher-place", { default: true }),
  textTag("SN", "ISBN", { types: BOOKS, default: BOOKS }),
  textTag("SN", "ISSN", { default: true }),
  textTag("DO", "DOI", { default: true, decode: normalizeDoi }),
  textTag("UR", "URL", { default: true }),
  textTag("AB", "abstract", { default: true }),
  textTag("N2", "abstract"),
  keywordsTag("KW", { default: true }),
  textTag("N1", "note", { default: true }),
  textTag("M3", "genre", { default: true }),
  textTag("LA", "language", { default: true }),
  textTag("CN", "call-number", { default: true }),
  textTag("OP", "original-title", { default: true }),
  textTag("AN", "archive_location"),
];
