/**
 * What the matcher compares: a work's metadata reduced to the forms matching needs — folded title words,
 * surnames with initials, year, volume, first page (of an article), whether it is an article, and identifiers
 * (not the venue: score.ts says why). Built once per record, so a record compared with many candidates is
 * normalised once.
 */
import { type CslItem, type CslName, itemYear, normalizeDoi } from "../formats/csl.ts";
import { words } from "../text/normalize.ts";
import { romanize } from "../text/romanize.ts";
import { surnameKey } from "./keys.ts";

export interface MatchAuthor {
  /** Folded surname without particles ("van der Aalst" → "aalst"). */
  surname: string;
  /** First letter of the folded given name, when there is one. */
  initial?: string;
}

export interface MatchRecord {
  /** Folded title words, in order. */
  title: string[];
  /** Title words that say which one of a series a work is: numbers, roman numerals ("part ii"), codes ("r12"). */
  titleMarks: string[];
  authors: MatchAuthor[];
  year?: number;
  volume?: string;
  /**
   * First page, of an article only: the page of a book or chapter citation ("p. 25", "S. 23", "pp. 271-272") says
   * where the citer looked, not which work it is (see isArticle).
   */
  page?: string;
  /** An article of a journal or proceedings (see isArticle), rather than a book, chapter, report or thesis. */
  article: boolean;
  doi?: string;
  arxiv?: string;
  isbn?: string;
  /** The title says nothing about which work it is ("Introduction", "Editorial"). */
  genericTitle: boolean;
  /**
   * Known from a reference printed in a paper rather than from a record of the work itself. A reference's year
   * is often another edition's, the preprint's or simply wrong, so it can confirm a match but not refute one.
   */
  fromReference: boolean;
  /**
   * The year confirms a match but cannot refute one: a reference's (see fromReference), or a record read from a
   * PDF's text (`custom.extracted`), whose year may be the year of a work it cites.
   */
  yearUnsure: boolean;
  /** The title's character trigrams (similarity.ts trigramCodes), counted on the record's first comparison. */
  trigrams?: Float64Array;
}

/**
 * Titles that many different works carry. A record with one of these never matches on its title: it needs the
 * authors and the year, or an identifier, to agree too.
 */
const GENERIC_TITLES = new Set([
  "introduction",
  "editorial",
  "preface",
  "foreword",
  "short notices",
  "book reviews",
  "book review",
  "reviews",
  "review",
  "index",
  "contents",
  "table of contents",
  "front matter",
  "back matter",
  "erratum",
  "errata",
  "corrigendum",
  "correction",
  "letter to the editor",
  "letters",
  "comment",
  "reply",
  "response",
  "discussion",
  "conclusion",
  "conclusions",
  "summary",
  "abstract",
  "abstracts",
  "news",
  "obituary",
  "in memoriam",
  "acknowledgements",
  "acknowledgments",
  "guest editorial",
  "editors introduction",
  "editor s introduction",
  "call for papers",
  "untitled",
  "editor s notes",
  "editors notes",
  "editor s note",
  "guest editor s introduction",
  "guest editors introduction",
  "letter from the editor",
  "from the editor",
  "chair s message",
  "treasurer s message",
  "president s message",
  "in this issue",
  "announcements",
  "miscellanea",
  "panel",
  "keynote",
  "tutorial",
  "invited talk",
]);

const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;

/** Whether a folded title (its words) is one of the generic titles. No title at all is not one: it is missing. */
export function isGenericTitle(title: string[]): boolean {
  if (title.length === 0) return false;
  // A journal's recurring column: "Book review column", "Database principles column".
  if (title.length <= 4 && title[title.length - 1] === "column") return true;
  return GENERIC_TITLES.has(title.join(" "));
}

const ORDINALS: Record<string, string> = {
  first: "1",
  second: "2",
  third: "3",
  fourth: "4",
  fifth: "5",
  sixth: "6",
  seventh: "7",
  eighth: "8",
  ninth: "9",
  tenth: "10",
};

/** The numbers and codes of a title, as a sorted set: "Part II", "the 4th workshop" = "the fourth workshop". */
function titleMarks(title: string[]): string[] {
  const marks = new Set<string>();
  title.forEach((w, i) => {
    // Most title words have no digit: the three patterns that need one are not tried on them.
    const digits = /\d/.test(w);
    const ordinal =
      (digits ? /^(\d+)(?:st|nd|rd|th)$/.exec(w)?.[1] : undefined) ??
      (Object.hasOwn(ORDINALS, w) ? ORDINALS[w] : undefined);
    if (ordinal) marks.add(String(Number(ordinal)));
    else if (digits && /^\d+$/.test(w) && w.length <= 4) marks.add(String(Number(w)));
    // A code with digits in it names one of a series: "r12", "gpt4", "h264".
    else if (digits && /\p{L}/u.test(w)) marks.add(w);
    // A letter as the title's last word names one of a series: "Appendix B", "Paper a", "Vitamin D".
    else if (i === title.length - 1 && i > 0 && /^\p{L}$/u.test(w)) marks.add(w);
    // A roman numeral counts after "part", "volume" and the like, or as the title's last word ("Models II").
    else if (
      ROMAN.test(w) &&
      (i === title.length - 1 || /^(part|vol|volume|chapter|no|book)$/.test(title[i - 1] ?? ""))
    )
      marks.add(w);
  });
  return [...marks].sort();
}

function matchAuthor(name: CslName): MatchAuthor | undefined {
  const surname = surnameKey(name);
  if (!surname) return undefined;
  let given = name.given;
  if (!name.family && name.literal) given = name.literal.split(/\s+/).slice(0, -1).join(" ");
  const initial = given ? words(romanize(given))[0]?.[0] : undefined;
  return initial ? { surname, initial } : { surname };
}

/** At most this many authors are compared: author lists of thousands say no more than their first fifty. */
const MAX_AUTHORS = 50;
/** Titles longer than this many words are cut (a reference string mistaken for a title, a whole abstract). */
const MAX_TITLE_WORDS = 60;

/**
 * A title without the remarks catalogues add to it: a bracketed tail ("(extended version)", "(panel)",
 * "[J]") and a dash-separated genre ("– book review").
 */
export function bareTitle(title: string): string {
  return title
    .replace(/\s*[([][^()[\]]{1,40}[)\]]\s*[.]?\s*$/u, "")
    .replace(/\s+[-–—]\s+(?:book review|review|abstract|extended abstract)\s*$/iu, "");
}

/** Types whose page field is the article's own first page. */
const ARTICLE_TYPES = new Set([
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "paper-conference",
]);
/** Types whose page field is a pinpoint (or a page count): never the work's first page. */
const BOOK_TYPES = new Set(["book", "thesis", "report", "manuscript", "chapter", "webpage"]);

/**
 * Whether a record is an article, whose page field is its own first page: a record of an article's type, or
 * with a container and no book type. A page names a work only when it is where an article starts in its
 * journal or proceedings. A volume makes an article only without a title: "4a edizione" is read as a volume.
 * A book or chapter citation's page is where the citer looked ("F. Braudel, La Méditerranée…, Paris 1949,
 * p. 112"): comparing it as a first page would set two printings of one book apart.
 */
function isArticle(item: CslItem, volume: string | undefined): boolean {
  const type = item.type ?? "";
  if (ARTICLE_TYPES.has(type)) return true;
  if (BOOK_TYPES.has(type)) return false;
  // A volume and no title: a physics citation ("Phys. Rev. D 76, 072005") whose journal the parser missed.
  return Boolean(item["container-title"]) || (volume !== undefined && !item.title);
}

/**
 * Whether a printed reference, as parsed, says enough to stand for a work (to be matched, or to create a cited-only
 * work): a DOI, or a title with a name or a year beside it. A title alone is mostly a fragment — a line of a
 * reference broken across a page, a sentence of the text after the list, a series name — and a work made of it
 * would be a work no one wrote; such a reference is kept as printed, with its parse, and names no work.
 */
export function standsForWork(item: CslItem): boolean {
  if (normalizeDoi(item.DOI)) return true;
  return !!item.title && (!!item.author?.length || !!item.editor?.length || itemYear(item) !== undefined);
}

/**
 * The fields of an item toMatchRecord reads (keep the two in step: a test strips every other field): two items
 * whose values of these are the same values (===) have the same match record, so one made of the first serves
 * the second — a new work, voted from the record it was matched as, is not made into a match record again.
 */
export const MATCH_FIELDS = [
  "title",
  "author",
  "editor",
  "volume",
  "type",
  "container-title",
  "page",
  "ISBN",
  "DOI",
  "arxiv",
  "issued",
  "custom",
] as const;

/** Whether two items have the same match record because they hold the same values of MATCH_FIELDS. */
export function sameMatchFields(a: CslItem, b: CslItem): boolean {
  if (a === b) return true;
  for (const field of MATCH_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}

/**
 * A record of the library as references see works (toMatchRecord's "reference"): the same but for where it is
 * known from — its year confirms and cannot refute.
 */
export function asReference(record: MatchRecord): MatchRecord {
  return record.fromReference ? record : { ...record, fromReference: true, yearUnsure: true };
}

export function toMatchRecord(item: CslItem, source: "record" | "reference" = "record"): MatchRecord {
  const title = words(bareTitle(item.title ?? "")).slice(0, MAX_TITLE_WORDS);
  const authors: MatchAuthor[] = [];
  for (const name of item.author?.length ? item.author : (item.editor ?? [])) {
    if (authors.length >= MAX_AUTHORS) break;
    const a = matchAuthor(name);
    if (a) authors.push(a);
  }
  const volumeDigits = /\d+/.exec(item.volume ?? "")?.[0];
  const volume = volumeDigits ? String(Number(volumeDigits)) : undefined;
  const article = isArticle(item, volume);
  const page = article ? /\d+/.exec(item.page ?? "")?.[0] : undefined;
  const isbn = (item.ISBN ?? "").replace(/[^\dXx]/g, "").toUpperCase();
  return {
    title,
    titleMarks: titleMarks(title),
    authors,
    year: itemYear(item),
    volume,
    page: page ? String(Number(page)) : undefined,
    article,
    doi: normalizeDoi(item.DOI),
    arxiv:
      typeof item.arxiv === "string" && item.arxiv
        ? item.arxiv.toLowerCase().replace(/v\d+$/, "")
        : undefined,
    isbn: isbn.length === 10 || isbn.length === 13 ? isbn : undefined,
    genericTitle: isGenericTitle(title),
    fromReference: source === "reference",
    yearUnsure:
      source === "reference" || (item.custom as { extracted?: unknown } | undefined)?.extracted === true,
  };
}
