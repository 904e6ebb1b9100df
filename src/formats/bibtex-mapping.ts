/**
 * The one two-way table between BibTeX/BibLaTeX and CSL-JSON: entry types both ways, and every standard field as
 * a rule of field-codec.ts (read: LaTeX → CSL; write: CSL → LaTeX). Fields of both dialects are read (`journal`
 * and `journaltitle`, `address` and `location`, `year`/`month` and `date`); what is written for an item that
 * came from elsewhere uses the classic names, which bibtex and biber both read. `school` and `institution` fill
 * the publisher of a thesis or report and are written back under their own names.
 */

import { formatBibtexNames, parseBibtexNames } from "./bibtex-names.ts";
import { type CslItem, type CslName, normalizeDoi } from "./csl.ts";
import { datePart, monthName, monthNumber, setDatePart } from "./csl-dates.ts";
import type { FieldRule } from "./field-codec.ts";
import { dateTag, textTag, yearTag } from "./field-rules.ts";
import { latexToUnicode, unicodeToLatex } from "./latex.ts";

/** BibTeX and BibLaTeX entry types → CSL types. */
export const ENTRY_TYPES: Record<string, string> = {
  article: "article-journal",
  book: "book",
  mvbook: "book",
  bookinbook: "chapter",
  booklet: "pamphlet",
  collection: "book",
  mvcollection: "book",
  conference: "paper-conference",
  inbook: "chapter",
  incollection: "chapter",
  inproceedings: "paper-conference",
  inreference: "entry-encyclopedia",
  manual: "report",
  mastersthesis: "thesis",
  misc: "document",
  online: "webpage",
  www: "webpage",
  electronic: "webpage",
  patent: "patent",
  periodical: "periodical",
  phdthesis: "thesis",
  proceedings: "book",
  mvproceedings: "book",
  reference: "book",
  mvreference: "book",
  report: "report",
  techreport: "report",
  thesis: "thesis",
  unpublished: "manuscript",
  dataset: "dataset",
  software: "software",
  suppbook: "chapter",
  suppcollection: "chapter",
  suppperiodical: "article-journal",
  artwork: "graphic",
  audio: "song",
  image: "figure",
  jurisdiction: "legal_case",
  legislation: "legislation",
  legal: "treaty",
  letter: "personal_communication",
  movie: "motion_picture",
  video: "motion_picture",
  music: "musical_score",
  performance: "performance",
  review: "review",
  standard: "standard",
};

/** CSL types → the entry type written for an item with no BibTeX record of its own. */
const DEFAULT_TYPES: Record<string, string> = {
  "article-journal": "article",
  "article-magazine": "article",
  "article-newspaper": "article",
  book: "book",
  pamphlet: "booklet",
  "paper-conference": "inproceedings",
  "entry-encyclopedia": "inreference",
  "entry-dictionary": "inreference",
  entry: "inreference",
  manuscript: "unpublished",
  report: "techreport",
  webpage: "online",
  "post-weblog": "online",
  post: "online",
  patent: "patent",
  periodical: "periodical",
  dataset: "dataset",
  software: "software",
  graphic: "artwork",
  song: "audio",
  figure: "image",
  legal_case: "jurisdiction",
  legislation: "legislation",
  treaty: "legal",
  personal_communication: "letter",
  motion_picture: "movie",
  musical_score: "music",
  performance: "performance",
  review: "review",
  "review-book": "review",
  standard: "standard",
};

/** The genre a thesis type states by itself; written as a `type` field only when the item says otherwise. */
export const IMPLIED_GENRES: Record<string, string> = {
  phdthesis: "PhD thesis",
  mastersthesis: "Master's thesis",
};

/** The CSL type of an entry type; one CSL does not know is a generic document. */
export function cslType(entryType: string): string {
  return ENTRY_TYPES[entryType] ?? "document";
}

/** The entry type for an item without a BibTeX record (or whose type was corrected since). */
export function defaultEntryType(item: CslItem): string {
  const type = item.type ?? "article";
  if (type === "thesis")
    return /master|\bm\.?\s?a\b|\bm\.?\s?sc?\b|magist|diplom/i.test((item.genre as string) ?? "")
      ? "mastersthesis"
      : "phdthesis";
  if (type === "chapter") return item["container-title"] ? "incollection" : "inbook";
  // A generic article with no journal is @misc, not an @article that bibtex warns has no journal.
  if (type === "article") return item["container-title"] ? "article" : "misc";
  return DEFAULT_TYPES[type] ?? "misc";
}

const ARTICLES = [
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "periodical",
  "review",
  "review-book",
];
const IN_SERIES = ["book", "chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"];
const NOT_ARTICLES = Object.values(ENTRY_TYPES).filter((t) => !ARTICLES.includes(t));

interface Options {
  types?: readonly string[];
  default?: boolean | readonly string[];
}

/** Text: LaTeX decoded on the way in, encoded on the way out (titles with their capitals protected). */
const text = (field: string, csl: string, options: Options & { title?: boolean } = {}): FieldRule =>
  textTag(field, csl, {
    types: options.types,
    default: options.default,
    decode: latexToUnicode,
    encode: (v) => unicodeToLatex(v, { protectCase: options.title }),
  });

/** Verbatim fields (URLs, identifiers): no LaTeX read or written, only braces kept out. */
const verbatim = (
  field: string,
  csl: string,
  options: Options & { decode?: (v: string) => string | undefined } = {},
) =>
  textTag(field, csl, {
    default: options.default,
    decode: options.decode ?? ((v) => v.trim()),
    encode: (v) => v.replace(/[{}]/g, (c) => (c === "{" ? "%7B" : "%7D")),
  });

function names(field: string, csl: string, options: Options = {}): FieldRule {
  return {
    field,
    claims: [csl],
    default: options.default,
    read(values, item) {
      const list = parseBibtexNames(values[0] ?? "");
      if (!list.length) return false;
      item[csl] = list;
      return true;
    },
    write(item) {
      const list = item[csl] as CslName[] | undefined;
      return Array.isArray(list) && list.length ? [formatBibtexNames(list)] : undefined;
    },
  };
}

/** A whole date (`date`, `urldate`): ISO text both ways. */
const date = (field: string, csl: string, options: Options = {}) =>
  dateTag(field, csl, { default: options.default, decode: latexToUnicode });

const year = yearTag("year", { default: true, decode: latexToUnicode });

const month: FieldRule = {
  field: "month",
  claims: ["issued.month"],
  default: true,
  read(values, item) {
    const m = monthNumber(latexToUnicode(values[0] ?? ""));
    if (m === undefined) return false;
    setDatePart(item, "issued", 1, m);
    return true;
  },
  write(item) {
    const m = datePart(item, "issued", 1);
    return m === undefined ? undefined : [monthName(m)!];
  },
};

/** `eprint` is the arXiv identifier when it reads as one (a PubMed or other eprint stays a field of its own). */
const ARXIV_ID = /^(?:arxiv:)?([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?$/i;

/** Every field, in the order they are chosen: the first rule of a name that applies and is free reads it. */
export const BIBTEX_FIELDS: FieldRule[] = [
  names("author", "author", { default: true }),
  names("editor", "editor", { default: true }),
  names("translator", "translator", { default: true }),
  names("bookauthor", "container-author", { default: true }),
  text("title", "title", { title: true, default: true }),
  text("shorttitle", "title-short", { title: true, default: true }),
  text("journal", "container-title", { default: ARTICLES }),
  text("journaltitle", "container-title"),
  text("booktitle", "container-title", { title: true, default: NOT_ARTICLES }),
  text("shortjournal", "container-title-short", { default: true }),
  text("series", "collection-title", { default: true }),
  text("edition", "edition", { default: true }),
  text("volume", "volume", { default: true }),
  text("volumes", "number-of-volumes", { default: true }),
  text("number", "issue", { types: ARTICLES, default: ARTICLES }),
  text("number", "collection-number", { types: IN_SERIES, default: IN_SERIES }),
  text("number", "number", { default: true }),
  text("issue", "issue"),
  text("pages", "page", { default: true }),
  text("pagetotal", "number-of-pages", { default: true }),
  text("chapter", "chapter-number", { default: true }),
  text("school", "publisher", { types: ["thesis"], default: ["thesis"] }),
  text("institution", "publisher", { default: ["report"] }),
  text("publisher", "publisher", { default: true }),
  text("organization", "publisher"),
  text("address", "publisher-place", { default: true }),
  text("location", "publisher-place"),
  date("date", "issued"),
  year,
  month,
  date("urldate", "accessed", { default: true }),
  date("eventdate", "event-date"),
  date("origdate", "original-date"),
  text("eventtitle", "event-title", { default: true }),
  text("venue", "event-place", { default: true }),
  text("type", "genre", { default: true }),
  text("pubstate", "status", { default: true }),
  text("version", "version", { default: true }),
  text("note", "note", { default: true }),
  text("annote", "annote", { default: true }),
  text("annotation", "annote"),
  text("abstract", "abstract", { default: true }),
  text("keywords", "keyword", { default: true }),
  text("isbn", "ISBN", { default: true }),
  text("issn", "ISSN", { default: true }),
  verbatim("doi", "DOI", { default: true, decode: normalizeDoi }),
  verbatim("url", "URL", { default: true }),
  verbatim("eprint", "arxiv", {
    default: true,
    decode: (v) => {
      const m = ARXIV_ID.exec(v.trim());
      return m ? m[1] : undefined;
    },
  }),
  verbatim("pmid", "PMID", { default: true }),
  verbatim("pmcid", "PMCID", { default: true }),
];
