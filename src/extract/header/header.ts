/**
 * The header stage: a paper's front matter (the lines the segmenter marks "header") to metadata. The header
 * model labels the text; fonts then check the title (the largest type on the page, where the model found
 * none), names are split into persons, emails expanded ("{a,b}@x.org"), the abstract dehyphenated.
 */
import type { CslItem, CslName } from "../../formats/csl.ts";
import type { Tagger } from "../../label/tagger.ts";
import { joinLines } from "../../layout/dehyphenate.ts";
import type { FontStats, Line } from "../../layout/types.ts";
import { type Language, languageOf } from "../../text/language.ts";
import { findArxiv, findDoi, parseDate } from "../reference/fields.ts";
import {
  abstractText,
  bilingualAbstract,
  hasAbstractCue,
  hasKeywordsLabel,
  smallTypeAbstract,
  standfirst,
  translatedAbstract,
  unheadedAbstract,
  wholeSummary,
  withoutNoteMarks,
} from "./abstract.ts";
import {
  authorLines,
  escapeRegExp,
  marksSetApart,
  namesAfter,
  namesBesideTitle,
  namesInAuthorRow,
  splitAuthors,
} from "./authors.ts";
import { titleWithDeclared } from "./declared-title.ts";
import { headerTagger } from "./model.ts";
import { beforeStamp } from "./publication.ts";
import { lineStarts, overlap, type TaggedSpan, tagHeader } from "./tag.ts";
import { cleanTitle, findTitle, titleOfRunningHead, withoutAuthorAtEdges } from "./title.ts";

export interface HeaderMetadata {
  title?: string;
  author: CslName[];
  affiliations: string[];
  emails: string[];
  abstract?: string;
  keyword: string[];
  issued?: CslItem["issued"];
  doi?: string;
  arxiv?: string;
}

/** Email addresses, with shared-domain groups expanded: "{ann, bob}@x.org", "(ann|bob)@x.org". */
export function findEmails(text: string): string[] {
  const out = new Set<string>();
  const t = text.replace(/\s*@\s*/g, "@").replace(/\s*\.\s*(?=[a-z]{2,}\b)/g, ".");
  for (const m of t.matchAll(/[{([]([^{}()[\]@]{1,200})[})\]]\s*@([\w-]+(?:\.[\w-]+)+)/g))
    for (const user of m[1].split(/[,;|\s]+/))
      if (/^[\w.+-]+$/.test(user)) out.add(`${user}@${m[2]}`.toLowerCase());
  for (const m of t.matchAll(/(?<![{(|,[])\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g))
    out.add(m[0].replace(/\.$/, "").toLowerCase());
  return [...out].slice(0, 50);
}

function joinedText(spans: TaggedSpan[], headerText: string, label: string): string | undefined {
  const parts = spans.filter((s) => s.label === label);
  if (parts.length === 0) return undefined;
  return joinLines(parts.flatMap((s) => headerText.slice(s.start, s.end).split("\n")));
}

/**
 * A header line with wide gaps in it is several: authors set side by side ("Ruifang Ge      Raymond J. Mooney")
 * read as one line would run their names together.
 */
export function splitWideGaps(line: Line): Line[] {
  const parts: Line[] = [];
  const gaps = line.words.slice(1).map((w, i) => w.x0 - line.words[i].x1);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
  // Wide: at least half the type size, and well beyond the line's own word spacing.
  const wide = Math.max(0.5 * line.fontSize, 2.5 * median);
  let from = 0;
  for (let i = 1; i <= line.words.length; i++) {
    const gap = i < line.words.length ? gaps[i - 1] : Number.POSITIVE_INFINITY;
    if (gap > wide) {
      const words = line.words.slice(from, i);
      const start = words[0].start;
      const end = words[words.length - 1].start + words[words.length - 1].text.length;
      parts.push({
        ...line,
        words,
        text: line.text.slice(start, end),
        x0: words[0].x0,
        x1: words[words.length - 1].x1,
      });
      from = i;
    }
  }
  return parts;
}

/**
 * The front matter as the header stage reads it: its lines (wide gaps split), their text (joined by "\n"), the
 * header model's spans over it, and the title the rules read (title.ts) with the lines it was read from.
 */
export function readHeader(headerLines: Line[], fonts: FontStats, tagger: Tagger = headerTagger()) {
  const lines = headerLines.flatMap(splitWideGaps);
  const text = lines.map((l) => l.text.trim()).join("\n");
  const spans = tagHeader(text, tagger);
  return { lines, text, spans, title: findTitle(spans, text, lines, fonts) };
}

const REVIEWER = /^(?:Rezension|Besprechung|Review(?:ed)?|A review)\s+(?:von|by)\s+(\p{Lu}.{2,80})$/u;

/** The reviewer a review's header names ("Rezension von Andrea G. Eckhardt", "Reviewed by …"), if any. */
export function reviewerOf(lines: Line[]): string | undefined {
  return lines.map((l) => REVIEWER.exec(l.text.trim())?.[1]).find(Boolean);
}

/** What the header is read beside: the rest of the paper where it decides between two printings. */
export interface AroundHeader {
  /**
   * The texts of the first pages' running heads, where a journal prints the paper's short title ("The woman's
   * life…"): of a title printed in several languages, one a line, the one the running head begins.
   */
  runningHeads?: string[];
  /** The paper's language (its body's): of an abstract printed in two languages, the one in it. */
  language?: Language;
  /** The lines of the abstract's translation printed after the header (segmentation: translatedAbstract). */
  translation?: Line[];
  /** A report's summary of several paragraphs under its own heading after the front matter (segmentation: summary). */
  summary?: Line[];
  /** The title the file's document information declares: it mends the found title's edges (declared-title.ts). */
  declaredTitle?: string;
}

/** A keywords label before the first keyword, with its colon or dash. */
const KEYWORDS_LABEL_AT_START =
  /^(?:key\s*words?|(?:schlüssel|schlag|stich)w(?:ö|oe|o)rte?r?|descriptors?|descritores|descriptores|index\s+terms)\s*[:.—–-]?\s*/iu;
/** Words of one keyword at most: a longer run between two commas is a sentence. */
const MAX_KEYWORD_WORDS = 8;

/**
 * The keywords the model labelled, one a separator, without their label. Keywords are printed under a label:
 * without one in the header, the model's "keyword" is other text of the page (a publisher's notice read as a
 * list: "wendervereinigung TEX e.V. . Einzelne Hefte können …"), and none is given.
 */
export function keywordsOf(spans: TaggedSpan[], headerText: string): string[] {
  if (!hasKeywordsLabel(headerText)) return [];
  const text = joinedText(spans, headerText, "keyword")?.replace(KEYWORDS_LABEL_AT_START, "");
  if (!text) return [];
  return text
    .split(/\s*[;,·•]\s*/)
    .map((k) => k.replace(/[.\s]+$/, ""))
    .filter((k) => k.length > 1 && k.split(/\s+/).length <= MAX_KEYWORD_WORDS)
    .slice(0, 30);
}

/**
 * The date the model labelled in the front matter, where it is no date of the abstract's sentences ("It corresponds
 * to elbioimp v1.2, dated" over "2011/03/02."): on a line of the abstract, or on one its sentence runs on to; nor
 * a version's or a draft's.
 */
export function headerDate(spans: TaggedSpan[], lines: Line[]): string | undefined {
  const starts = lineStarts(lines);
  const on = (s: TaggedSpan, i: number) => overlap(s, starts[i], starts[i] + lines[i].text.trim().length) > 0;
  const abstractOn = (i: number) => i >= 0 && spans.some((s) => s.label === "abstract" && on(s, i));
  const inAbstract = (i: number) =>
    abstractOn(i) || (abstractOn(i - 1) && !/[.!?:]["”)]?$/.test(lines[i - 1].text.trim()));
  // Nor a version's or a draft's date, after its stamp on the line ("llncs, Version 2.22, Sep 05, 2022").
  const stamped = (s: TaggedSpan, i: number) => {
    const t = lines[i].text.trim();
    const stamp = beforeStamp(t).length;
    return stamp < t.length && s.start - starts[i] >= stamp;
  };
  return spans.find(
    (s) => s.label === "date" && !lines.some((_, i) => on(s, i) && (inAbstract(i) || stamped(s, i))),
  )?.text;
}

/** The header's metadata. */
export function extractHeader(
  headerLines: Line[],
  fonts: FontStats,
  tagger: Tagger = headerTagger(),
  around: AroundHeader = {},
): HeaderMetadata {
  const { runningHeads = [], language, translation = [], summary = [], declaredTitle } = around;
  const read = readHeader(headerLines, fonts, tagger);
  const { lines, text, spans } = read;
  const found = read.title && (titleOfRunningHead(lines, read.title, runningHeads) ?? read.title);
  const title = titleWithDeclared(lines, found?.title, declaredTitle);
  let author = splitAuthors(authorLines(lines, text, spans, found));
  // The model found no person (none labelled, or only a surname: the last line of a name block it did not read
  // whole): the names printed beside the title, when a block of lines there is only names.
  if (author.length === 0 && found) {
    author = splitAuthors(namesBesideTitle(lines, found.first, found.last));
    // An author block a person, each name over its institution (Elsevier's "Jos Migchielsen1,∗" / "Elsevier B.V.,
    // …" / "CV Radhakrishnan2" / …): the names that follow the last one in its type.
    const lastName = author.at(-1)?.family;
    const named = lastName && new RegExp(`(?<!\\p{L})${escapeRegExp(lastName)}(?!\\p{L})`, "u");
    const at = named ? lines.findIndex((l, i) => i > found.last && named.test(marksSetApart(l.text, l))) : -1;
    const more = at >= 0 ? splitAuthors(namesAfter(lines, at, undefined, true).join("\n")) : [];
    author = [
      ...author,
      ...more.filter((n) => !author.some((a) => a.family === n.family && a.given === n.given)),
    ];
  }
  // A review's author is its reviewer ("Rezension von Andrea G. Eckhardt", "Reviewed by …"), not the book's.
  if (author.length === 0) author = splitAuthors(reviewerOf(lines) ?? "");
  const families = new Set(author.map((a) => a.family));
  for (const name of splitAuthors(namesInAuthorRow(lines, author).join("\n")))
    if (!families.has(name.family)) author.push(name);
  // Empty beats wrong: without a word that names an abstract or keywords, the paragraph under the title is a
  // report's lead or the introduction (15 of the test papers that print no abstract got one before) — unless
  // its translation follows it, or it is a standfirst, set apart in its own type under the title, or it is set
  // in small type (physics journals' abstracts under no heading).
  let abstract = hasAbstractCue(text)
    ? abstractText(spans, text, lines, language)
    : (unheadedAbstract(lines) ??
      bilingualAbstract(spans, text, lines, language) ??
      (found ? standfirst(lines, found.last, fonts.bodySize) : undefined) ??
      smallTypeAbstract(spans, text, lines, fonts.bodySize));
  const abstractLanguage = abstract && languageOf(abstract);
  if (language && abstractLanguage && abstractLanguage !== language)
    abstract = translatedAbstract(translation, language) ?? abstract;
  abstract = wholeSummary(summary, abstract) ?? abstract;
  // A date the model labelled in the front matter; never any year of the text (an abstract's years are those
  // of cited works and events). The venue the model labels is mostly noise (an address, a phone number, a
  // citation in the abstract): the venue is read from citation lines and running heads (publication.ts).
  const dateText = headerDate(spans, lines);
  const affiliations = spans
    .filter((s) => s.label === "affiliation")
    .map((s) => s.text.replace(/^\s*(?:\d{1,2}|[*†‡§¶a-z])[.)]?\s+(?=\p{Lu})/u, "").trim())
    .filter((a) => a.length > 2);
  return {
    title: title ? cleanTitle(withoutAuthorAtEdges(title, author)) : undefined,
    author: author.slice(0, 100),
    affiliations: [...new Set(affiliations)].slice(0, 50),
    emails: findEmails(text),
    abstract: (abstract && withoutNoteMarks(abstract, lines).trim()) || undefined,
    keyword: keywordsOf(spans, text),
    issued: dateText ? parseDate(dateText) : undefined,
    doi: findDoi(text),
    arxiv: findArxiv(text, /arxiv/i.test(text)),
  };
}
