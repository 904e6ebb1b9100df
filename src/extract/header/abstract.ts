/** The abstract of a paper from the spans the header model labelled. */
import { joinLines } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { type Language, languageOf } from "../../text/language.ts";
import { startsLikeFootnote } from "../segmentation/segment.ts";
import { AFFILIATION_WORDS } from "./authors.ts";
import { lineStarts, overlap, type TaggedSpan } from "./tag.ts";

/** The words that name an abstract, as its heading or its label, in the languages of the papers read most. */
const ABSTRACT_WORDS = "abstract|summary|zusammenfassung|kurzfassung|résumé|resumo|resumen";

/**
 * Whether a header has an abstract: a word that names it at the start of a line — alone, before a stop, a dash
 * or a bullet, or before the abstract's first sentence ("Abstract We present…"), not a section's heading
 * ("Summary of the findings") nor a word of prose ("…in the summary chart") — or a keywords line's label (which
 * follows an abstract printed without a heading). A header without one has none: its first paragraph is a lead
 * or the introduction.
 */
export function hasAbstractCue(text: string): boolean {
  if (hasKeywordsLabel(text)) return true;
  for (const m of text.matchAll(ABSTRACT_WORD))
    if (/^(?:\s*[^\p{L}\p{N}\s]|\s*$|\s+\p{Lu})/u.test(m[1])) return true;
  return false;
}
/**
 * Whether a header prints a keywords line's label ("Keywords:", "Schlagwörter —", a line opening "JEL"): where it
 * does not, what the model labelled keywords is a run of the page's other text (a publisher's notice).
 */
export function hasKeywordsLabel(text: string): boolean {
  for (const m of text.matchAll(KEYWORDS_CUE)) {
    const lineStart = m.index === 0 || text[m.index - 1] === "\n";
    if (lineStart || /^\s*[^\p{L}\p{N}\s]/u.test(text.slice(m.index + m[0].length))) return true;
  }
  return false;
}
/** A word naming an abstract at a line's start, and the rest of its line (group 1). */
const ABSTRACT_WORD = new RegExp(`^(?:${ABSTRACT_WORDS})(?!\\p{L})(.*)$`, "gimu");
/**
 * The words that name keywords: a label where they stand at a line's start or before a colon, dash or bullet
 * (hasAbstractCue), not in prose ("auf wenige Schlagworte").
 */
const KEYWORDS_CUE =
  /\b(?:key\s*words?|(?:schlüssel|schlag|stich)w(?:ö|oe|o)rte?r?|jel|descriptors?|descritores|descriptores|index\s+terms)\b/giu;

/** A label before an abstract, or the heading of a second one in another language. */
const ABSTRACT_LABEL = new RegExp(`^(?:${ABSTRACT_WORDS})\\s*[^\\p{L}\\p{N}\\s]?\\s*`, "iu");
/** A line that opens with an abstract's word (and goes on with its text, perhaps). */
const OPENS_WITH_ABSTRACT_WORD = new RegExp(`^\\s*(?:${ABSTRACT_WORDS})(?!\\p{L})`, "iu");
/** An abstract's heading on a line of its own ("Abstract", "ZUSAMMENFASSUNG:"). */
const ABSTRACT_HEADING_LINE = new RegExp(`^(?:${ABSTRACT_WORDS})\\s*[:.]?\\s*$`, "imu");
/**
 * Where a second abstract or the keywords begin: their word as a label; or, with its colon, a classification's label
 * as physics, mathematics, optics and computing journals print it under the abstract ("Subject terms:", "PACS
 * numbers:", "CCS Concepts:", "OCIS codes:"; AMS's "2010 Mathematics Subject Classification." with its stop) —
 * with the colon only: "PACS" ending an abstract's sentence ("…integrated into the hospital PACS.") is an archive.
 */
const SECOND_ABSTRACT =
  /\s(?:Abstract|ABSTRACT|Summary|SUMMARY|Zusammenfassung|ZUSAMMENFASSUNG|Kurzfassung|Résumé|Resumo|Resumen|Key\s*words?|KEY\s*WORDS?|Keywords|(?:Schlüssel|Schlag|Stich)w(?:ö|oe|o)rte?r?|SCHLÜSSELWÖRTER|SCHLAGWÖRTER|STICHWÖRTER|JEL|Descriptors?|Descritores|Descriptores|Index\s+Terms)\b\s*[:.—–-]?(?:\s|$)|\s(?:Subject\s+(?:terms|headings)|PACS(?:\s+numbers?)?|CCS\s+Concepts|OCIS\s+codes)\s*:(?:\s|$)|\s(?:(?:19|20)\d\d\s+)?(?:Mathematics|AMS)\s+[Ss]ubject\s+[Cc]lassifications?\s*[:.](?:\s|$)/;

/**
 * The abstract the model labelled (firstAbstract); where the paper prints it in two languages, the one in the
 * paper's `language`.
 */
export function abstractText(
  spans: TaggedSpan[],
  text: string,
  lines?: Line[],
  language?: Language,
): string | undefined {
  const [first, runOn] = firstAbstract(spans, text, lines) ?? [];
  if (!first || !language) return first;
  const own = languageOf(first);
  if (!own || own === language) return first;
  if (runOn && languageOf(runOn) === language) return runOn;
  // The abstract printed first is the translation ("Abstract" over a German paper's "Zusammenfassung"): the
  // paper's own is the one under the next heading, when the model read it as an abstract and it is in the
  // paper's language.
  const from = spans.find((s) => s.label === "abstract")?.start ?? 0;
  SECOND_HEADING.lastIndex = from + 1;
  const next = SECOND_HEADING.exec(text);
  if (!next) return first;
  const after = spans
    .filter((s) => s.end > next.index)
    .map((s) => ({ ...s, start: Math.max(s.start, next.index) }));
  const second = firstAbstract(after, text, lines)?.[0];
  return second && languageOf(second) === language ? second : first;
}

/**
 * An abstract printed without a heading, known by its translation right after it (a journal's habit: "Implizite
 * Theorien sind …" then "Implicit theories are …", each a paragraph or two under the title): the paragraph the
 * model labelled, where it runs on into the same length of text in another language — the cue a heading would
 * give, which a paper's first paragraph never has. The one in the paper's `language`, else the first.
 */
export function bilingualAbstract(
  spans: TaggedSpan[],
  text: string,
  lines: Line[],
  language?: Language,
): string | undefined {
  const [first, runOn] = firstAbstract(spans, text, lines) ?? [];
  if (!first || !runOn || first.length < MIN_TRANSLATED || runOn.length < MIN_TRANSLATED) return undefined;
  const ratio = first.length / runOn.length;
  if (ratio < 1 / MAX_LENGTH_RATIO || ratio > MAX_LENGTH_RATIO) return undefined;
  const own = languageOf(first);
  const other = languageOf(runOn);
  if (!own || !other || own === other) return undefined;
  return other === language ? runOn : first;
}
/** Characters of each language's abstract at least: a few sentences, not a quotation. */
const MIN_TRANSLATED = 200;
/** A translation is about as long as what it translates: at most this factor longer or shorter. */
const MAX_LENGTH_RATIO = 2;

/** Characters of a standfirst at least: two sentences or so, not a subtitle. */
const MIN_STANDFIRST = 150;
/** Lines of a standfirst at most: a longer run in display type is the text itself, set large. */
const MAX_STANDFIRST_LINES = 12;

/**
 * A standfirst: the paragraph a policy paper or newsletter sets under its title in a type between the title's and
 * the text's, which says what the paper says ("Die Bundesregierung hat 2011 einen Nationalen Aktionsplan
 * verabschiedet, …" in 13 points, under a 28-point title, over 11-point text). Its abstract, though no word names
 * it: the type sets it apart from the text, as a heading would. The lines right after the title's last
 * (`titleLast`), at most one line of names or a date between, all in one size, larger than the text's by a tenth
 * and smaller than the title's by two points, ending a sentence before the text's type resumes; undefined where
 * there is none.
 */
export function standfirst(lines: Line[], titleLast: number, bodySize: number): string | undefined {
  const title = lines[titleLast];
  if (!title) return undefined;
  let from = titleLast + 1;
  // A byline or a date between title and standfirst: a short line of its own.
  if (
    lines[from] &&
    lines[from].text.trim().split(/\s+/).length <= 6 &&
    !/[.!?]$/.test(lines[from].text.trim())
  )
    from++;
  const first = lines[from];
  if (!first || first.page !== title.page) return undefined;
  const size = first.fontSize;
  if (size < bodySize * 1.1 || size > title.fontSize - 2) return undefined;
  let to = from;
  while (
    to + 1 < lines.length &&
    to + 1 - from < MAX_STANDFIRST_LINES &&
    Math.abs(lines[to + 1].fontSize - size) <= 0.3 &&
    lines[to + 1].page === first.page &&
    // A new block only where the line before ended a sentence (a region's edge may cut the paragraph).
    (!lines[to + 1].blockStart || !/[.!?:]["”“«»)]?$/.test(lines[to].text.trim()))
  )
    to++;
  const after = lines[to + 1];
  if (to + 1 - from >= MAX_STANDFIRST_LINES || (after && after.fontSize > bodySize + 0.5)) return undefined;
  const text = joinLines(lines.slice(from, to + 1).map((l) => l.text.trim()));
  if (to === from || text.length < MIN_STANDFIRST || !/[.!?]["”“«»)]?$/.test(text)) return undefined;
  return text;
}

/** A footnote's mark set in superscript after a word: a number, a sign, a letter. */
const NOTE_MARK = /^(?:\d{1,2}|[*∗†‡§¶]+|[a-z])$/u;
/** Marks removed from an abstract at most. */
const MAX_NOTE_MARKS = 50;

/**
 * The abstract without the footnote marks its words carry in superscript ("une « bonne1 » table" → "bonne"): the
 * mark is no part of the word, and a search for the word would miss it. `lines` are the header's lines.
 */
export function withoutNoteMarks(abstract: string, lines: Line[]): string {
  let out = abstract;
  let marks = 0;
  for (const line of lines)
    line.words.forEach((w, i) => {
      const word = line.words[i - 1];
      if (marks >= MAX_NOTE_MARKS || !word || !w.superscript || !NOTE_MARK.test(w.text)) return;
      // After a word, or its stop: not a unit's or a symbol's power ("m2", "R2").
      if (word.superscript || !/\p{L}{3}[.,;:!?»”’")]*$/u.test(word.text)) return;
      const marked = `${word.text}${w.text}`;
      const at = out.indexOf(marked);
      if (at < 0 || /[\p{L}\p{N}]/u.test(out[at + marked.length] ?? "")) return;
      out = out.slice(0, at) + word.text + out.slice(at + marked.length);
      marks++;
    });
  return out;
}

/** The abstract's translation printed after the header (its heading first), where it is in `language`. */
export function translatedAbstract(lines: Line[], language: Language): string | undefined {
  const text = joinLines(lines.map((l) => l.text.trim()))
    .replace(ABSTRACT_LABEL, "")
    .trim();
  return text && languageOf(text) === language ? text : undefined;
}

/** Characters a summary has at least to be taken whole. */
const MIN_SUMMARY = 300;
/** A paragraph's number before its first word: "1. Im Dezember 2006 …". */
const PARAGRAPH_NUMBER = /^\d{1,2}\.\s+(?=\p{Lu})/u;

/**
 * A report's summary under its own heading, whole (segmentation's summary: its paragraphs to the next heading,
 * over pages): where the abstract found is its first paragraph, or none was, and it is long enough to be one.
 */
export function wholeSummary(lines: Line[], found: string | undefined): string | undefined {
  const text = joinLines(lines.map((l) => l.text.trim()))
    .replace(PARAGRAPH_NUMBER, "")
    .trim();
  if (text.length < MIN_SUMMARY) return undefined;
  const opening = (s: string) => s.replace(PARAGRAPH_NUMBER, "").slice(0, 60);
  return found === undefined || text.startsWith(opening(found)) ? text : undefined;
}

/**
 * The paper's title in the abstract's language, in guillemets before it ("Abstract: »„Silent Grief“. German
 * Soldier-Mothers in the Inter-war years«. This paper discusses…"): a journal's habit, not the abstract.
 */
const QUOTED_TITLE = /^\s*(?:»[^»«]{3,200}«|«[^»«]{3,200}»)\.?\s+(?=\p{Lu})/u;

/** A second abstract's heading or label at the start of a line. */
const SECOND_HEADING = /^(?:abstract|summary|zusammenfassung|kurzfassung)\b/gimu;

/**
 * The first abstract the model labelled, from the start of its first line when the model began a word or two
 * late ("a study of how…" for "ABSTRACT. This article reports on a study of how…"), without its label, cut where
 * a second abstract (the same in another language) or the keywords begin, and without a footnote number after
 * its last sentence; and its translation where it runs on into one under no heading of its own (else "").
 */
function firstAbstract(spans: TaggedSpan[], text: string, lines?: Line[]): [string, string] | undefined {
  let parts = spans.filter((s) => s.label === "abstract");
  // Where the header prints an abstract's heading, the abstract is after it: what the model labelled before it
  // is a box of the title page (a report's "Research Unit: …").
  const heading = ABSTRACT_HEADING_LINE.exec(text);
  if (heading && parts.some((p) => p.end > heading.index + heading[0].length))
    parts = parts
      .filter((p) => p.end > heading.index)
      .map((p) => (p.start < heading.index ? { ...p, start: heading.index } : p));
  if (parts.length === 0) return undefined;
  const lineStart = text.lastIndexOf("\n", parts[0].start - 1) + 1;
  const lineHead = text.slice(lineStart, parts[0].start);
  const before = lineHead.replace(ABSTRACT_LABEL, "");
  // After a label that opens its line the abstract begins, however many words the model left out; and where the
  // model began in the middle of a sentence it gave to no name, address or date (the first half of "This document
  // explains how to prepare manuscripts for the Journal of the Physical Society" read as the title it echoes).
  const labelled = OPENS_WITH_ABSTRACT_WORD.test(lineHead);
  const midSentence =
    /\p{L}[,;]?$/u.test(before.trim()) &&
    !spans.some((s) => NOT_ABSTRACT.has(s.label) && s.start < parts[0].start && s.end > lineStart);
  const fewWords = before.trim().split(/\s+/).filter(Boolean).length <= 3;
  let start = labelled || fewWords || midSentence ? lineStart : parts[0].start;
  const starts = lines ? lineStarts(lines) : [];
  if (lines && start === lineStart) start = paragraphStart(lines, starts, spans, lineStart);
  let pieces = [{ ...parts[0], start }, ...parts.slice(1)];
  // The abstract is one run: past the keywords or a section's heading between two of its pieces, the model's
  // "abstract" is the acknowledgements or the copyright notice.
  const gap = pieces.findIndex(
    (p, i) => i > 0 && SECOND_ABSTRACT.test(` ${text.slice(pieces[i - 1].end, p.start)} `),
  );
  if (gap > 0) pieces = pieces.slice(0, gap);
  let beyond = "";
  if (lines) {
    pieces = bridged(pieces, lines, starts);
    const whole = paragraphEnd(pieces, lines, starts, spans);
    pieces = inOwnType(whole, lines, starts);
    beyond = afterHeading(whole, pieces, text);
  }
  let abstract = joinLines(
    pieces.flatMap((s) => text.slice(s.start, s.end).split("\n")).filter(Boolean),
  ).replace(ABSTRACT_LABEL, "");
  const second = SECOND_ABSTRACT.exec(abstract);
  if (second && second.index > 100) abstract = abstract.slice(0, second.index);
  // Dot leaders are a table of contents' ("Statistische Quellen........ 12"), never an abstract's.
  if (/\.{6,}|(?:\. ){5,}/.test(abstract)) return undefined;
  const [first, runOn] = splitLanguages(abstract.replace(QUOTED_TITLE, "")).map((a) =>
    a.replace(/([.!?])\s*\d{1,2}$/, "$1").trim(),
  );
  if (!first) return undefined;
  // A translation under its own title, which ended the abstract as a heading would: what runs on after it, where it
  // is in another language.
  if (!runOn && beyond && languageOf(beyond) && languageOf(beyond) !== languageOf(first))
    return [first, beyond];
  return [first, runOn];
}

/**
 * What the model labelled an abstract after the line that ended it (a heading, or a translation's title in bold:
 * "Decentralised and de-standardised – new forms …" over the English abstract), without that line; "" when the
 * abstract ran to the model's end.
 */
function afterHeading<T extends { start: number; end: number }>(whole: T[], kept: T[], text: string): string {
  const end = kept.at(-1)?.end ?? 0;
  const after = whole.filter((p) => p.end > end);
  // One run: up to the first text between two pieces the model did not label so (a note, the next section).
  let n = 1;
  while (n < after.length && !text.slice(after[n - 1].end, after[n].start).trim()) n++;
  const run = after.slice(0, n);
  const rest = run
    .flatMap((p) => text.slice(Math.max(p.start, end), p.end).split("\n"))
    .map((l) => l.trim())
    .filter(Boolean);
  return joinLines(rest.slice(1)).trim();
}

/** The parts of a structured abstract, each under its label. */
const STRUCTURED_PART =
  /^(?:background|objectives?|aims?|purpose|context|introduction|methods?|design|setting|participants|materials|results?|findings|conclusions?|interpretation|significance|discussion|analys[ie]s|analyse)\b/i;

/** Lines of another type at an abstract's edges, dropped at most. */
const MAX_EDGE_LINES = 3;

/**
 * The abstract's pieces without the lines at either edge that are set in another type than most of it: the end
 * of a title the model ran into it ("…Direktinvestitionen? Perspektiven der arabischen Mittelmeerländer" before
 * "Im Gegensatz zu…"), an author's name in the next column after its last sentence ("…hierarchies. Shravan
 * Narayanamurthy").
 */
function inOwnType<T extends { start: number; end: number }>(
  pieces: T[],
  lines: Line[],
  starts: number[],
): T[] {
  const ends = lines.map((l, i) => starts[i] + l.text.trim().length);
  const covered: number[] = [];
  const chars = new Map<number, number>();
  lines.forEach((l, i) => {
    const n = pieces.reduce((sum, p) => sum + overlap(p, starts[i], ends[i]), 0);
    if (n <= 0) return;
    covered.push(i);
    const size = Math.round(l.fontSize * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + n);
  });
  if (covered.length <= 2) return pieces;
  const own = [...chars].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const ownType = (i: number) => Math.abs(lines[i].fontSize - own) <= 0.5;
  // The abstract's own weight: where most of it is bold (a font all of whose styles read as bold), a bold line
  // after a plain one (a note in italics between its paragraphs) is the abstract's, not a heading.
  const ownLines = covered.filter(ownType);
  const ownBold = ownLines.filter((i) => lines[i].bold).length > ownLines.length / 2;
  let first = 0;
  while (first < MAX_EDGE_LINES && first < covered.length - 1 && !ownType(covered[first])) first++;
  let last = covered.length - 1;
  // A block set larger or in bold after the abstract's own lines is a heading or a second title: the abstract
  // ended before it ("…coalition building." then "Arbeiterbewegung und globale Gerechtigkeit."). A structured
  // abstract's parts ("Methods", "Results") are its own.
  const heading = covered.findIndex((i, k) => {
    if (k <= first || !ownType(covered[k - 1]) || !lines[i].blockStart) return false;
    // A paragraph in its type set wider on both sides than the abstract's indented measure is the text's (AMS's
    // and Res Philosophica's abstract, narrower than the page's text, runs on into the introduction's first
    // lines); a footnote in smaller type is passed over (withoutNotes).
    const measure = covered.slice(first, k).map((j) => lines[j]);
    if (k - first >= 2 && ownType(i) && widerOnBothSides(lines[i], measure)) return true;
    // A part's label (a known one, or a word or three and a colon: "Analyse:"), or a list's bullet.
    const text = lines[i].text.trim();
    if (STRUCTURED_PART.test(text) || /^\S+(?:\s\S+){0,2}:$/.test(text) || !/\p{L}{2}/u.test(text))
      return false;
    return lines[i].fontSize > own + 0.5 || (lines[i].bold && !lines[covered[k - 1]].bold && !ownBold);
  });
  if (heading > first) last = heading - 1;
  while (covered.length - 1 - last < MAX_EDGE_LINES && last > first && !ownType(covered[last])) last--;
  if (!ownType(covered[first]) || !ownType(covered[last])) return pieces;
  const from = starts[covered[first]];
  const next = covered[last + 1] === covered[last] + 1 ? lines[covered[last] + 1] : undefined;
  const to = ends[covered[last]] + ownTypeRunOn(lines[covered[last]], next, own);
  const inside = pieces
    .map((p) => ({ ...p, start: Math.max(p.start, from), end: Math.min(p.end, to) }))
    .filter((p) => p.end > p.start);
  return withoutNotes(inside, lines, starts, ends, covered.slice(first, last + 1), own);
}

/** Whether `line` stands out past both edges of `block`'s lines, by more than an em and a half. */
function widerOnBothSides(line: Line, block: Line[]): boolean {
  const margin = 1.5 * line.fontSize;
  return (
    line.x0 < Math.min(...block.map((l) => l.x0)) - margin &&
    line.x1 > Math.max(...block.map((l) => l.x1)) + margin
  );
}

/**
 * How far the abstract's last sentence runs on, in the abstract's type, into the line of another type after its
 * last line, where a word is broken between them (SPIE's "…how to pre-" / "pare the manuscript. © 2006 Society of
 * Photo-Optical Instrumen-", the notice in small print): the characters of that line up to the sentence's end,
 * counted from the last line's end (the line break one); 0 where it does not.
 */
function ownTypeRunOn(last: Line, next: Line | undefined, own: number): number {
  if (!next || !/\p{L}-$/u.test(last.text.trim())) return 0;
  const lead = next.text.length - next.text.trimStart().length;
  let end = -1;
  for (const w of next.words) {
    if (Math.abs(w.fontSize - own) > 0.5) break;
    if (/[.!?]$/.test(w.text)) end = w.start + w.text.length - lead;
  }
  return end > 0 ? 1 + end : 0;
}

/**
 * The abstract without a footnote set between its lines (an abstract running on over the page has its first
 * page's notes in the middle: "…secondary residences * The views expressed here are…"): runs of lines smaller
 * than the abstract's from one that starts with a note's mark.
 */
function withoutNotes<T extends { start: number; end: number }>(
  pieces: T[],
  lines: Line[],
  starts: number[],
  ends: number[],
  covered: number[],
  own: number,
): T[] {
  const cuts: Array<[number, number]> = [];
  let inNote = false;
  for (const i of covered) {
    inNote = lines[i].fontSize < own - 0.5 && (inNote || startsLikeFootnote(lines[i]));
    if (inNote) cuts.push([starts[i] - 1, ends[i]]);
  }
  let out = pieces;
  for (const [a, b] of cuts)
    out = out.flatMap((p) =>
      p.end <= a || p.start >= b
        ? [p]
        : [...(p.start < a ? [{ ...p, end: a }] : []), ...(p.end > b ? [{ ...p, start: b }] : [])],
    );
  return out;
}

/**
 * Whether `below` goes on the paragraph of `above`: the same type, the same margin (but for a first line's indent),
 * no space between.
 */
function setOn(above: Line, below: Line): boolean {
  const sameType = Math.abs(above.fontSize - below.fontSize) <= 0.3 && above.bold === below.bold;
  // The upper line may be the paragraph's first, indented ("Zielvereinbarungen sind …" two sizes and more in).
  const indent = above.x0 - below.x0;
  const sameMargin =
    indent >= -2 * below.fontSize && indent <= 3 * below.fontSize && above.page === below.page;
  return sameType && sameMargin && below.top - above.bottom < 0.6 * below.fontSize;
}

/**
 * The abstract's last sentence whole: the rest of its last line where that ends the sentence; where the model's
 * last piece stops mid-sentence, the lines under it in the same type, at the same margin, with no space between,
 * and not labelled otherwise by the model, go on it until one ends a sentence (two at most).
 */
function paragraphEnd<T extends { start: number; end: number }>(
  pieces: T[],
  lines: Line[],
  starts: number[],
  spans: TaggedSpan[],
): T[] {
  const last = pieces[pieces.length - 1];
  let i = lineAt(starts, last.end - 1);
  if (i < 0) return pieces;
  let end = last.end;
  // The rest of the model's last line, where it ends the sentence and no other label is on it ("… Partido Popular"
  // before "(PP) in Spanien.").
  const lineEnd = starts[i] + lines[i].text.trim().length;
  const rest = spans.some(
    (s) => s.label !== "abstract" && s.label !== "other" && s.start < lineEnd && s.end > end,
  );
  if (end < lineEnd && !rest && /[.!?]["”’»)]?$/.test(lines[i].text.trim())) end = lineEnd;
  for (let steps = 0; steps < 2 && i + 1 < lines.length; steps++) {
    const line = lines[i];
    if (/[.!?]["”’»)]?$/.test(line.text.trim())) break;
    const below = lines[i + 1];
    const belowEnd = starts[i + 1] + below.text.trim().length;
    // The model's keywords may begin a line early: a line with no keywords label of its own is the abstract's;
    // and a date may end a sentence ("It corresponds to elbioimp v1.2, dated" / "2011/03/02.").
    const other = (label: string) =>
      label !== "abstract" &&
      (label !== "keyword" || KEYWORDS_LABEL.test(below.text)) &&
      (label !== "date" || !DATE_ENDING_SENTENCE.test(below.text.trim()));
    const labelled = spans.some((s) => other(s.label) && s.start < belowEnd && s.end > starts[i + 1]);
    if (!setOn(line, below) || below.blockStart || labelled) break;
    end = belowEnd;
    i++;
  }
  return end === last.end ? pieces : [...pieces.slice(0, -1), { ...last, end }];
}

/** The line the header text's `offset` falls on (by the lines' `starts`); -1 before the first. */
function lineAt(starts: number[], offset: number): number {
  let i = starts.length - 1;
  while (i >= 0 && starts[i] > offset) i--;
  return i;
}

/** Lines of one paragraph the model left out between two pieces of the abstract, bridged at most. */
const MAX_BRIDGED_LINES = 2;

/**
 * The abstract's pieces with the lines between two of them that the model left out joined in, where those lines
 * go on the same paragraph — the same type and margin, no space, a sentence running through ("…is presented as
 * an" / "article formatted for publication by ACM in a conference proceed-" / "ings or journal publication.",
 * the middle line unlabelled): a sentence cut out of an abstract is worse than a model's doubt.
 */
function bridged<T extends { start: number; end: number }>(
  pieces: T[],
  lines: Line[],
  starts: number[],
): T[] {
  const out = [pieces[0]];
  for (const next of pieces.slice(1)) {
    const prev = out[out.length - 1];
    const [from, to] = [lineAt(starts, prev.end - 1), lineAt(starts, next.start)];
    const run = lines.slice(from, to + 1);
    const gap = to - from - 1;
    const joins =
      gap >= 1 &&
      gap <= MAX_BRIDGED_LINES &&
      !/[.!?]["”’»)]?$/.test(lines[from].text.trim()) &&
      run.every((l, k) => k === 0 || (setOn(run[k - 1], l) && !l.blockStart && !KEYWORDS_LABEL.test(l.text)));
    if (joins) out[out.length - 1] = { ...prev, end: next.end };
    else out.push(next);
  }
  return out;
}

/**
 * A date that ends the abstract's last sentence on a line of its own ("2011/03/02."): short, and no paper's
 * history ("Received on 12 March 2020; revised …", which the model also labels a date).
 */
const DATE_ENDING_SENTENCE =
  /^(?!(?:received|accepted|revised|published|submitted|available|eingegangen|angenommen)\b).{1,30}[.!?]$/iu;

/** KEYWORDS_CUE for one test (a global regular expression keeps its place between tests). */
const KEYWORDS_LABEL = new RegExp(KEYWORDS_CUE.source, "iu");

/** Labels of lines an abstract never runs back into. */
const NOT_ABSTRACT = new Set(["author", "affiliation", "email", "date", "identifier", "keyword"]);

/**
 * Where the abstract's paragraph begins: the model often gives its first line to the title or the authors
 * ("Stakeholder dialogues are part of…" left out, the abstract read from its second line). The lines above the
 * model's first abstract line belong to it while they are set in the same type, at the same margin, with no
 * space between, and the model did not call them names, addresses or keywords — unless the line under one reads
 * on from it in small letters.
 */
function paragraphStart(lines: Line[], starts: number[], spans: TaggedSpan[], offset: number): number {
  let i = starts.indexOf(offset);
  if (i < 0) return offset;
  for (let steps = 0; i > 0 && steps < 3; steps++) {
    const above = lines[i - 1];
    const line = lines[i];
    const end = starts[i - 1] + above.text.trim().length;
    // A line read on in small letters continues the sentence above it: that line is the paragraph's, whatever
    // the model called it ("North-West Russia, Norway and Iceland. It is noted" / "that the …", labelled a name).
    const readOn = /^\p{Ll}/u.test(line.text.trim());
    const labelled = spans.some((s) => NOT_ABSTRACT.has(s.label) && s.start < end && s.end > starts[i - 1]);
    if (!setOn(above, line) || (labelled && !readOn) || /[.!?]$/.test(above.text.trim())) break;
    i--;
  }
  return starts[i] ?? offset;
}

/**
 * An abstract printed in two languages one after the other, its second heading not labelled: the text up to
 * where two sentences running are in the other language, and the rest. A sentence too short to tell its language
 * ("These theories can be used to fill in gaps.") between them neither joins nor breaks the run.
 */
function splitLanguages(abstract: string): [string, string] {
  const sentences = abstract.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [abstract];
  const languages = sentences.map(languageOf);
  const first = languages.find((l) => l !== undefined);
  if (!first) return [abstract, ""];
  let at = sentences[0].length;
  for (let i = 1; i + 1 < sentences.length; i++) {
    const next = languages.slice(i + 1, i + 1 + MAX_UNTOLD + 1).find((l) => l !== undefined);
    if (languages[i] !== undefined && languages[i] !== first && next !== undefined && next !== first)
      return [abstract.slice(0, at).trim(), abstract.slice(at).trim()];
    at += sentences[i].length;
  }
  return [abstract, ""];
}
/** Sentences of no language told skipped at most, looking for the next one's. */
const MAX_UNTOLD = 1;

/** ACM's classification line, which its journals print under an abstract set without a heading. */
const CLASSIFICATION_LINE = /^CCS Concepts\s*[:•]/;
/** Lines of such an abstract at most. */
const MAX_UNHEADED_LINES = 40;

/**
 * The abstract an ACM journal prints without a heading, between the byline and its "CCS Concepts:" line: the
 * paragraph right above that line — its lines in the line's type, each but the last set to the full measure (a
 * byline's lines, a name and an affiliation each, stop short). Undefined where no such line or paragraph is.
 */
export function unheadedAbstract(lines: Line[]): string | undefined {
  const at = lines.findIndex((l) => CLASSIFICATION_LINE.test(l.text.trim()));
  if (at < 2) return undefined;
  const mark = lines[at];
  const same = (l: Line) => l.page === mark.page && Math.abs(l.fontSize - mark.fontSize) <= 0.3;
  const right = Math.max(
    ...lines
      .slice(Math.max(0, at - MAX_UNHEADED_LINES), at)
      .filter(same)
      .map((l) => l.x1),
  );
  const full = (l: Line) => right - l.x1 <= mark.fontSize;
  let first = at - 1;
  if (!same(lines[first])) return undefined;
  // Up to the paragraph's first line: not past a new block, nor into a byline's line that reaches the full measure
  // ("A, B, and C, Dept. of …, University of …, USA", an address).
  const byline = (l: Line) => AFFILIATION_WORDS.test(l.text) || /@|\bUSA\b/.test(l.text);
  while (
    first - 1 >= 0 &&
    at - first < MAX_UNHEADED_LINES &&
    !lines[first].blockStart &&
    same(lines[first - 1]) &&
    full(lines[first - 1]) &&
    !byline(lines[first - 1])
  )
    first--;
  const text = joinLines(lines.slice(first, at).map((l) => l.text.trim()));
  return at - first >= 2 && text.length >= 100 && /[.!?]["”)]?$/.test(text) ? text : undefined;
}

/** Characters of an abstract in small type under no heading, at least: a paragraph, not a note. */
const MIN_SMALL_ABSTRACT = 200;

/**
 * An abstract set under no heading in type smaller than the text's, as physics and engineering journals set it
 * (revtex's APS and AIP styles under the "(Dated: …)" line, AIAA's in small bold over "I. Introduction"): what the
 * model labelled an abstract, where nearly all its lines (nine characters in ten) are in type smaller than
 * `bodySize`, not in italics, and it is a paragraph of three lines and two sentences at least that ends one (not an
 * epigraph). A paper's lead or its introduction, which the model may
 * also take for an abstract when no heading names one, is set in the text's type or larger (standfirst).
 */
export function smallTypeAbstract(
  spans: TaggedSpan[],
  text: string,
  lines: Line[],
  bodySize: number,
): string | undefined {
  const found = abstractText(spans, text, lines);
  if (!found || found.length < MIN_SMALL_ABSTRACT || !/[.!?]["”’)]?$/.test(found)) return undefined;
  // A paragraph of sentences, not a quotation: an epigraph under the byline is set small too, in italics.
  if ((found.match(/[.!?]["”’)]?\s+\p{Lu}/gu) ?? []).length < 1) return undefined;
  const starts = lineStarts(lines);
  let all = 0;
  let small = 0;
  let italic = 0;
  let covered = 0;
  lines.forEach((l, i) => {
    const end = starts[i] + l.text.trim().length;
    const n = spans.reduce((sum, s) => sum + (s.label === "abstract" ? overlap(s, starts[i], end) : 0), 0);
    all += n;
    if (n > 0) covered++;
    if (l.fontSize <= bodySize - 0.75) small += n;
    if (l.italic) italic += n;
  });
  return covered >= 3 && small >= 0.9 * all && italic < 0.5 * all ? found : undefined;
}
