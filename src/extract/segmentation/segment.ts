/**
 * Document segmentation: each line of a laid-out document gets a zone — a cover page, the paper's own header
 * (front matter), body, headings, footnotes, acknowledgements, the reference list, annexes, page furniture.
 * Rules over layout and wording, in the order a reader finds them: the cover page a repository put in front
 * (SSOAR, EconStor, publisher download pages) is skipped, the header runs to the introduction, the reference
 * list starts at its heading (the last one) and ends at an appendix or the end, footnotes are the small-print
 * run at a column's foot.
 */
import { mostCommon } from "../../layout/stats.ts";
import type { FontStats, LaidOutDocument, Line } from "../../layout/types.ts";
import {
  ABSTRACT_HEADING,
  ACKNOWLEDGEMENTS_HEADING,
  CONTENTS_HEADING,
  endsReferences,
  INTRODUCTION_HEADING,
  isReferencesHeading,
  looksLikeHeading,
  SUMMARY_HEADING,
} from "./headings.ts";
import { headlessListLines } from "./headless-lists.ts";

export type Zone =
  | "cover"
  | "header"
  | "body"
  | "heading"
  | "footnote"
  | "acknowledgement"
  | "references"
  | "annex"
  | "furniture"
  /** The previous article's end that a journal's PDF cut from its issue opens with: not this paper's at all. */
  | "preceding";

export interface Segmentation {
  /** One zone per line of the document, in the document's order. */
  zones: Zone[];
  /** The lines of the abstract's translation printed after it, outside the header (translationAfter). */
  translatedAbstract: number[];
  /**
   * Footnotes at the foot of the header's pages, left in the header (an author's note, an affiliation): those that
   * cite a work are references of a paper that cites in footnotes ("1 Bundesministerium … (2011): Unser Weg …").
   */
  headerNotes: number[];
  /**
   * A report's summary of several paragraphs under its own heading after the front matter (a "Kurzfassung" after
   * the table of contents), heading left out: the abstract, whole, where the header's first block is its start.
   */
  summary: number[];
}

/** What a repository's or publisher's cover page prints: its name, how to cite, the terms of use. */
const COVER_MARKS =
  /ssoar|suggested citation|empfohlene zitierung|nutzungsbedingungen|terms of use:|this version is available at|provided in cooperation with|econstor|downloaded from|zitierweise\s*\/\s*citation/gi;
/**
 * Different marks a cover page prints at least. A cover is a page of them (every cover in the shared PDFs has five
 * or six); one alone is a paper's own sentence ("… can be freely downloaded from CRAN"), and its first page is no
 * cover to skip.
 */
const MIN_COVER_MARKS = 2;

function isCoverText(text: string): boolean {
  return new Set(Array.from(text.matchAll(COVER_MARKS), (m) => m[0].toLowerCase())).size >= MIN_COVER_MARKS;
}

/** Lines of a header at most: a first page with a long abstract still fits, a runaway zone does not. */
const MAX_HEADER_LINES = 120;

export function segmentDocument(doc: LaidOutDocument): Segmentation {
  const { lines, fonts } = doc;
  const zones: Zone[] = lines.map((l) => (l.furniture ? "furniture" : "body"));
  const indexOf = (pred: (l: Line, i: number) => boolean, from = 0, to = lines.length) => {
    for (let i = from; i < to; i++) if (zones[i] !== "furniture" && pred(lines[i], i)) return i;
    return -1;
  };

  // Cover pages: leading pages that carry a repository's or publisher's marks.
  let firstPage = lines[0]?.page ?? 1;
  for (const page of [firstPage, firstPage + 1]) {
    const text = lines
      .filter((l) => l.page === page)
      .map((l) => l.text)
      .join(" ");
    if (page === firstPage && isCoverText(text) && lines.some((l) => l.page > page)) {
      lines.forEach((l, i) => {
        if (l.page === page && zones[i] !== "furniture") zones[i] = "cover";
      });
      firstPage = page + 1;
    }
  }

  // The header: from the first content page's first line to the introduction (or the first numbered section).
  const start = indexOf((l) => l.page >= firstPage);
  let translation: number[] = [];
  const headerNotes: number[] = [];
  const summary: number[] = [];
  if (start >= 0) {
    const limit = Math.min(lines.length, start + MAX_HEADER_LINES);
    const pageEnd = indexOf((l) => l.page > lines[start].page + 1, start);
    const to = pageEnd < 0 ? limit : Math.min(limit, pageEnd);
    // Not a footnote of the first pages, numbered and bold as a heading may be ("1 Englische Übersetzung: …").
    const notes = footnoteLines(doc, zones);
    let end = indexOf(
      (l, i) =>
        i > start &&
        !notes.has(i) &&
        ((looksLikeHeading(l, fonts) &&
          (INTRODUCTION_HEADING.test(l.text.trim()) || /^(?:1|I)\.?\s+\p{Lu}/u.test(l.text.trim()))) ||
          CONTENTS_HEADING.test(l.text.trim())),
      start,
      to,
    );
    if (end < 0) {
      // No introduction heading: the header ends after the abstract's block, or with the first page.
      const abs = indexOf((l) => ABSTRACT_HEADING.test(l.text.trim()), start, to);
      const firstPageEnd = indexOf((l) => l.page > lines[start].page, start);
      end = abs >= 0 ? abstractEnd(lines, zones, abs) : firstPageEnd < 0 ? to : firstPageEnd;
      if (abs >= 0) translation = translationAfter(lines, zones, fonts, abs, end);
    }
    for (let i = start; i < end; i++) if (zones[i] === "body") zones[i] = "header";
    // A journal's PDF cut from its issue opens with the previous article's end: its notes, its references and its
    // author's note over this paper's title.
    for (const i of previousArticleEnd(lines, zones, fonts, start, end)) zones[i] = "preceding";
    for (let i = start; i < end; i++) if (zones[i] === "header" && notes.has(i)) headerNotes.push(i);
    if (indexOf((l) => ABSTRACT_HEADING.test(l.text.trim()), start, end) >= 0)
      for (const i of abstractOverPage(lines, zones, start, end)) zones[i] = "header";
    // A report's abstract on a page of its own, after the title page and the imprint: its heading opens one of the
    // next two pages — or of the two after its table of contents — and the header has none. A summary of several
    // paragraphs under its own heading is the abstract to the next heading.
    if (indexOf((l) => ABSTRACT_HEADING.test(l.text.trim()), start, end) < 0) {
      const headerPage = lines[start].page;
      const lastPage = headerPage + 3 + contentsPages(lines, headerPage);
      const later = laterAbstract(lines, zones, fonts, end, lastPage);
      if (later >= 0) {
        const stop = abstractEnd(lines, zones, later);
        const section = sectionEnd(lines, zones, fonts, later);
        if (section > stop)
          for (let i = later + 1; i < section; i++)
            if ((zones[i] === "body" || zones[i] === "heading") && !notes.has(i)) summary.push(i);
        for (let i = later; i < stop; i++) if (zones[i] === "body") zones[i] = "header";
        translation = translationAfter(lines, zones, fonts, later, stop);
      }
    }
    // Author blocks side by side in two columns: the right one comes after the left column's text in reading
    // order, but stands above where the header ends, on the same page.
    const page = lines[start].page;
    let cut = end < lines.length && lines[end].page === page ? lines[end].top : Number.POSITIVE_INFINITY;
    // Not below the left column's abstract: what stands beside the abstract is the right column's body text.
    const abstractAt = indexOf(
      (l) => l.page === page && l.column === 0 && ABSTRACT_HEADING.test(l.text.trim()),
      start,
      end,
    );
    if (abstractAt >= 0) cut = Math.min(cut, lines[abstractAt].top);
    lines.forEach((l, i) => {
      if (i >= end && l.page === page && zones[i] === "body" && l.bottom <= cut && l.column >= 1)
        zones[i] = "header";
    });
  }

  // The reference list: after the last references heading that references follow (a publisher's list at the
  // back may have such a heading too), to an appendix or the end.
  let refStart = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (zones[i] !== "body") continue;
    const text = lines[i].text.trim();
    if (isReferencesHeading(text) && (looksLikeHeading(lines[i], fonts) || text.length < 40)) {
      if (refStart < 0) refStart = i;
      if (referenceLinesAfter(lines, zones, i) >= 2) {
        refStart = i;
        break;
      }
    }
  }
  // No heading we know: a numbered list ("[1]", "1.") that counts up in the second half of the document, or
  // the last heading there that is followed by lines that start like references (a heading in words we do not
  // know, or in a font the text layer cannot decode).
  // A heading with hardly a reference or a year after it (a section about references: "3. References" in a
  // guide) gives way to such a list after it (APS's list, printed at the end without a heading).
  const weakHeading =
    refStart >= 0 &&
    referenceLinesAfter(lines, zones, refStart) < 2 &&
    yearLinesAfter(lines, zones, refStart) < 2;
  const numbered = refStart < 0 || weakHeading ? numberedListStart(lines, zones) : -1;
  const listStart = numbered > refStart ? numbered : -1;
  if (refStart < 0 && listStart < 0) {
    const h = headingBeforeReferences(lines, zones, fonts);
    if (h >= 0) refStart = h;
  }
  if (listStart >= 0) refStart = listStart - 1;
  if (refStart >= 0) {
    if (listStart < 0) zones[refStart] = "heading";
    // The list's type, from its first column's lines where it has two or more there (its first entries at the
    // foot of a column beside the text's type atop the next).
    const firstLine = lines[refStart + 1];
    const inFirstColumn = lines
      .slice(refStart + 1, refStart + 13)
      .filter(
        (l, k) =>
          zones[refStart + 1 + k] !== "furniture" &&
          l.page === firstLine?.page &&
          l.column === firstLine?.column,
      ).length;
    const size =
      inFirstColumn >= 2
        ? listFontSize(lines, zones, refStart + 1, Math.min(12, inFirstColumn))
        : listFontSize(lines, zones, refStart + 1);
    let i = refStart + 1;
    let seen = 0;
    let boxed = false;
    let page = lines[refStart].page;
    /** The list's last line so far. */
    let last = -1;
    for (; i < lines.length; i++) {
      if (zones[i] === "furniture") continue;
      const l = lines[i];
      // Full-width text after a list that went on past a boxed heading is that box ("About the Authors").
      if (boxed && l.column === -1) break;
      const heading =
        looksLikeHeading(l, fonts) && !REFERENCES_PART.test(l.text.trim()) && l.fontSize !== size;
      // A heading that ends the list ("Appendix", "About the authors"), or after three lines any heading that
      // is not a part of the list ("Books", "Primary sources") — unless the list goes on in the next column
      // and the heading only heads a box at the foot of this one.
      const ends = endsReferences(l, fonts);
      if (ends || (seen >= 3 && heading)) {
        const next = listGoesOnInNextColumn(lines, zones, i, listShape(lines, zones, refStart + 1, i, size));
        if (next < 0) {
          // A back-matter abstract's title in bold right before it ("Demokratisierung …" / "Zusammenfassung:")
          // is not a reference either — where the list itself is not set in bold.
          const boldList = lines.filter((m, j) => zones[j] === "references" && m.bold).length > seen / 3;
          for (
            let j = i - 1;
            ends && !boldList && j > Math.max(refStart, i - 4) && zones[j] === "references";
            j--
          ) {
            if (!lines[j].bold || lines[j].page !== l.page) break;
            zones[j] = "annex";
          }
          break;
        }
        for (; i < next; i++) if (zones[i] !== "furniture") zones[i] = "annex";
        i--;
        boxed = true;
        continue;
      }
      // Text in another type atop the next column, where the list goes on after it (revtex sets a bibliography's
      // first entries at the foot of a column, the appendix's text beside them and the rest of the list after
      // it): the text is the text's, and the list resumes where its entries do.
      if (last >= 0 && (l.column !== lines[last].column || l.page !== lines[last].page)) {
        const resume = listResumes(lines, zones, i, size, lines[last].bold);
        if (resume > i) {
          i = resume - 1;
          continue;
        }
      }
      if (seen >= 3) {
        // A page set in another size (a publisher's list of titles at the back) ends the list.
        if (l.page !== page && Math.abs(listFontSize(lines, zones, i, 5, l.page) - size) > 0.6) break;
        // So does an author's address set apart after it in smaller type, far from its margin ("Alexander
        // Leistner M.A." / "Universität Leipzig, …" flush right under the last entry).
        const apart = l.blockStart && l.fontSize <= size - 1 && /\p{L}{3}.*\s.*\p{L}{2}/u.test(l.text);
        if (apart && last >= 0 && l.x0 - lines[last].x0 > 4 * size) break;
      }
      page = l.page;
      last = i;
      zones[i] = "references";
      seen++;
    }
    for (; i < lines.length; i++) if (zones[i] === "body") zones[i] = "annex";
  }

  // Lists without a heading in the running text (a newsletter's articles each end in one).
  for (const i of headlessListLines(
    lines,
    (j) => zones[j] === "body",
    (j) => zones[j] === "furniture",
  ))
    zones[i] = "references";

  markFootnotes(doc, zones);

  // Headings and acknowledgements in the body.
  let inAck = false;
  for (let i = 0; i < lines.length; i++) {
    if (zones[i] !== "body" && zones[i] !== "annex") {
      if (zones[i] === "references") inAck = false;
      continue;
    }
    if (looksLikeHeading(lines[i], fonts)) {
      inAck = ACKNOWLEDGEMENTS_HEADING.test(lines[i].text.trim());
      zones[i] = "heading";
    } else if (inAck) zones[i] = "acknowledgement";
  }
  return { zones, translatedAbstract: translation, headerNotes, summary };
}

/** "Smith, J. (2001)", "Smith, John: Title, 2001", "SMITH J., 2001": a name first, a year on the line. */
const REFERENCE_LINE =
  /^\p{Lu}[\p{L}'’-]+(?:\s+(?:van|von|de|der|den|da|del|di|du)\b)?(?:,|\s+\p{Lu}[.\p{L}]*[,.]).*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\b/u;

/** A line that opens a reference: a name and a year, or a list's label. */
function opensEntry(l: Line): boolean {
  const t = l.text.trim();
  return REFERENCE_LINE.test(t) || LIST_LABEL.test(t);
}

/** Of the ten lines after line `i` (page furniture passed over), how many pass `test`. */
function linesAfter(lines: Line[], zones: Zone[], i: number, test: (l: Line) => boolean): number {
  let count = 0;
  let seen = 0;
  for (let j = i + 1; j < lines.length && seen < 10; j++) {
    if (zones[j] === "furniture") continue;
    seen++;
    if (test(lines[j])) count++;
  }
  return count;
}

/** How many of the ten lines after `i` start like a reference (a name and a year, or a list label). */
function referenceLinesAfter(lines: Line[], zones: Zone[], i: number): number {
  return linesAfter(lines, zones, i, opensEntry);
}

/**
 * Of the ten lines after line `i`, how many name a year: a reference list's nearly all do, whatever the style its
 * entries open in ("Smith J (2001) …", which REFERENCE_LINE does not know); a section's prose about references not.
 */
function yearLinesAfter(lines: Line[], zones: Zone[], i: number): number {
  return linesAfter(lines, zones, i, (l) => /\b(?:1[6-9]\d\d|20\d\d)\b/.test(l.text));
}

function headingBeforeReferences(lines: Line[], zones: Zone[], fonts: LaidOutDocument["fonts"]): number {
  for (let i = lines.length - 1; i >= Math.floor(lines.length / 2); i--) {
    if (zones[i] !== "body" || !looksLikeHeading(lines[i], fonts)) continue;
    if (referenceLinesAfter(lines, zones, i) >= 3) return i;
  }
  return -1;
}

const LIST_LABEL = /^\s*(?:\[(\d{1,3})\]|(\d{1,3})\.)\s+\S/;

/**
 * The number a line opens with as a list's entry: "[12] …", "12. …", or set in superscript before the entry's
 * first word ("¹²W. J. Smith, …": revtex's AIP and AAPM lists, printed at the end with no heading), and how it
 * is set; undefined for none.
 */
function entryNumber(line: Line): { n: number; kind: "[]" | "." | "^" } | undefined {
  const m = LIST_LABEL.exec(line.text);
  if (m) return m[1] ? { n: Number(m[1]), kind: "[]" } : { n: Number(m[2]), kind: "." };
  const first = line.words[0];
  return first?.superscript && /^\d{1,3}$/.test(first.text) && line.words.length > 1
    ? { n: Number(first.text), kind: "^" }
    : undefined;
}

/**
 * Where a reference list interrupted at line `i` goes on: the first line of the next column on the same page, when
 * lines that start like references follow there, or lines set as the list is (its size and hanging indent); else
 * -1. What interrupts it may be a heading at the foot of a column, or a box in small print beside the list (a
 * publisher's rights and address in a narrow column between two of the list's).
 */
function listGoesOnInNextColumn(
  lines: Line[],
  zones: Zone[],
  i: number,
  shape: ListShape | undefined,
): number {
  const here = lines[i];
  if (here.column < 0) return -1;
  const window = shape && here.fontSize < shape.size - 0.5 ? 40 : 15;
  for (let j = i + 1; j < lines.length && j < i + window; j++) {
    const l = lines[j];
    if (zones[j] === "furniture") continue;
    if (l.page !== here.page || l.column < 0) return -1;
    if (l.column === here.column) continue;
    return referenceLinesAfter(lines, zones, j - 1) >= 3 || setLike(lines, zones, j, shape) ? j : -1;
  }
  return -1;
}

/** How a reference list is set: its font size and how far its entries' later lines are set in. */
interface ListShape {
  size: number;
  indent: number;
}

/** The list's shape from its lines in [from, to), when it has a hanging indent (entries at one edge, the rest in). */
function listShape(
  lines: Line[],
  zones: Zone[],
  from: number,
  to: number,
  size: number,
): ListShape | undefined {
  const lefts = new Map<number, number>();
  for (let i = Math.max(from, to - 40); i < to; i++) {
    if (zones[i] !== "references") continue;
    const x = Math.round(lines[i].x0);
    lefts.set(x, (lefts.get(x) ?? 0) + 1);
  }
  const [a, b] = [...lefts].filter(([, n]) => n >= 2).sort((p, q) => q[1] - p[1]);
  if (!a || !b) return undefined;
  const indent = Math.abs(a[0] - b[0]);
  return indent >= size * 0.3 && indent <= size * 3 ? { size, indent } : undefined;
}

/** Whether the ten lines from `j` in its column are set as the list is: its size, entries and their indented rest. */
function setLike(lines: Line[], zones: Zone[], j: number, shape: ListShape | undefined): boolean {
  if (!shape) return false;
  const run: Line[] = [];
  for (let k = j; k < lines.length && run.length < 10; k++) {
    if (zones[k] === "furniture") continue;
    if (lines[k].page !== lines[j].page || lines[k].column !== lines[j].column) break;
    run.push(lines[k]);
  }
  if (run.length < 5 || run.some((l) => Math.abs(l.fontSize - shape.size) > 0.3)) return false;
  const edge = Math.min(...run.map((l) => l.x0));
  const entries = run.filter((l) => Math.abs(l.x0 - edge) <= 1).length;
  const rest = run.filter((l) => Math.abs(l.x0 - edge - shape.indent) <= 1.5).length;
  return entries >= 2 && rest >= 2 && entries + rest >= run.length - 1;
}

/** Lines of text a list may stand beside, at most, before it resumes. */
const MAX_TEXT_BESIDE_LIST = 200;

/**
 * Where a list interrupted at line `from` (atop a column) by text in another type resumes: the first line, on
 * this page or the next, in the list's type and weight (`bold`: its last line's) that opens an entry, where the
 * lines before it are nearly all in the other type; else -1.
 */
function listResumes(lines: Line[], zones: Zone[], from: number, size: number, bold: boolean): number {
  const other = (l: Line) => Math.abs(l.fontSize - size) > 0.6;
  if (!other(lines[from]) || opensEntry(lines[from])) return -1;
  let text = 0;
  let listType = 0;
  for (let j = from + 1; j < lines.length && j - from <= MAX_TEXT_BESIDE_LIST; j++) {
    const l = lines[j];
    if (l.page > lines[from].page + 1) return -1;
    if (zones[j] === "furniture") continue;
    // (A heading of the text in bold, "1. A subsection in an appendix", opens no entry.)
    if (!other(l) && opensEntry(l) && l.bold === bold) return listType <= 0.2 * (text + listType) ? j : -1;
    if (other(l)) text++;
    else listType++;
  }
  return -1;
}

/** Where a numbered list starting at 1 and counting to at least 5 begins, in the document's second half. */
function numberedListStart(lines: Line[], zones: Zone[]): number {
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    if (zones[i] !== "body") continue;
    const label = entryNumber(lines[i]);
    if (label?.n !== 1) continue;
    // A numbered list of references, not of points: most items have a year within their first two lines.
    const hasYear = (k: number) =>
      /\b(?:1[6-9]\d\d|20\d\d)\b/.test(`${lines[k].text} ${lines[k + 1]?.text ?? ""}`);
    let expected = 2;
    let withYear = hasYear(i) ? 1 : 0;
    for (let j = i + 1; j < lines.length && j < i + 200 && expected <= 5; j++) {
      const next = entryNumber(lines[j]);
      // One list numbers its entries one way: an appendix's "1. A subsection" does not begin a list in superscripts.
      if (next?.n === expected && next.kind === label.kind) {
        expected++;
        if (hasYear(j)) withYear++;
      }
    }
    if (expected > 5 && withYear >= 3) return i;
  }
  return -1;
}

/** Headings that divide a reference list into parts rather than end it. */
const REFERENCES_PART =
  /^(?:[A-Z]\.?\s+)?(?:books?|articles?|monographs?|journals?|(?:primary|secondary|other|archival|online|internet) (?:sources|literature|material)|sources|websites?|internet|quellen|sekundärliteratur|primärliteratur|zeitungsartikel|gesetze)\s*:?$/i;

/** The font size most of the lines from `from` have (of a page, when given): the reference list's own. */
function listFontSize(lines: Line[], zones: Zone[], from: number, count = 12, page?: number): number {
  const sizes: Array<[number, number]> = [];
  for (let i = from; i < lines.length && sizes.length < count; i++) {
    if (page !== undefined && lines[i].page !== page) break;
    if (zones[i] !== "furniture") sizes.push([lines[i].fontSize, 1]);
  }
  return mostCommon(sizes, 0);
}

/** Where an abstract that opens one of the pages from `from` to `lastPage` starts: its heading there; else -1. */
function laterAbstract(
  lines: Line[],
  zones: Zone[],
  fonts: FontStats,
  from: number,
  lastPage: number,
): number {
  // Body lines before this one on its page (a page number over the heading is furniture, not counted).
  let onPage = 0;
  let page = -1;
  for (let i = from; i < lines.length && lines[i].page <= lastPage; i++) {
    if (zones[i] !== "body") continue;
    onPage = lines[i].page === page ? onPage + 1 : 0;
    page = lines[i].page;
    const text = lines[i].text.trim();
    if (onPage < 3 && text.length < 30 && SUMMARY_HEADING.test(text) && looksLikeHeading(lines[i], fonts)) {
      // Not a divider page's heading with nothing under it (a report's summary of chapters, its own contents next).
      let under = i + 1;
      while (under < lines.length && zones[under] === "furniture") under++;
      if (lines[under]?.page === lines[i].page) return i;
    }
    if (looksLikeHeading(lines[i], fonts) && INTRODUCTION_HEADING.test(text)) return -1;
  }
  return -1;
}

/**
 * The lines of the first page before its title that end the previous article (a references heading among them,
 * the title — the page's largest type, at least a third above the body's — after it): neither this paper's
 * header, nor its text, nor its references (the previous article's works are not cited by this one).
 */
function previousArticleEnd(
  lines: Line[],
  zones: Zone[],
  fonts: FontStats,
  start: number,
  end: number,
): Set<number> {
  const out = new Set<number>();
  const page = lines[start].page;
  let heading = -1;
  let title = -1;
  for (let i = start; i < end && lines[i].page === page; i++) {
    if (zones[i] !== "header") continue;
    const text = lines[i].text.trim();
    if (heading < 0 && isReferencesHeading(text) && looksLikeHeading(lines[i], fonts)) heading = i;
    if (title < 0 || lines[i].fontSize > lines[title].fontSize) title = i;
  }
  if (heading < 0 || title < heading || lines[title].fontSize < fonts.bodySize * 1.3) return out;
  for (let i = start; i < title; i++) if (zones[i] === "header") out.add(i);
  return out;
}

/** A table of contents' entry: its title, dot leaders, its page. */
const CONTENTS_ENTRY = /(?:\.\s?){5,}\s*\d{0,4}$|…\s*\d{1,4}$/;

/** Pages of tables of contents (and of tables and figures) among the first ten: most lines are entries. */
function contentsPages(lines: Line[], firstPage: number): number {
  const entries = new Map<number, [number, number]>();
  for (const l of lines) {
    if (l.page < firstPage || l.page >= firstPage + 10) continue;
    const [n, all] = entries.get(l.page) ?? [0, 0];
    entries.set(l.page, [n + (CONTENTS_ENTRY.test(l.text.trim()) ? 1 : 0), all + 1]);
  }
  return [...entries.values()].filter(([n, all]) => n >= 3 && n >= all * 0.4).length;
}

/** Lines a summary under its own heading may run to, and pages. */
const MAX_SUMMARY_LINES = 250;
const MAX_SUMMARY_PAGES = 5;

/**
 * The end of a section from its heading (a summary's, alone on its line): the next heading, at most
 * MAX_SUMMARY_LINES lines and MAX_SUMMARY_PAGES pages on.
 */
function sectionEnd(lines: Line[], zones: Zone[], fonts: FontStats, heading: number): number {
  if (lines[heading].text.trim().length >= 30) return heading + 1;
  const lastPage = lines[heading].page + MAX_SUMMARY_PAGES - 1;
  let taken = 0;
  let prev: Line | undefined;
  for (let i = heading + 1; i < lines.length; i++) {
    if (zones[i] !== "body") continue;
    const l = lines[i];
    if (l.page > lastPage || ++taken > MAX_SUMMARY_LINES || opensSection(lines, i, fonts)) return i;
    // A new page that opens mid-sentence after one ended is no longer the summary's text.
    if (
      prev &&
      l.page !== prev.page &&
      /[.!?]["”“)]?$/.test(prev.text.trim()) &&
      /^\p{Ll}/u.test(l.text.trim())
    )
      return i;
    prev = l;
  }
  return lines.length;
}

/**
 * A heading in bold or larger type, or one whose next line opens a block — not a numbered paragraph ("7. Bestimmte
 * …, da").
 */
function opensSection(lines: Line[], i: number, fonts: FontStats): boolean {
  const l = lines[i];
  if (!looksLikeHeading(l, fonts)) return false;
  return l.bold || l.fontSize > fonts.bodySize * 1.08 || lines[i + 1]?.blockStart !== false;
}

/**
 * The end of an abstract's block from its heading (or its label, when the text runs on from it). A heading that
 * labels the page ("ABSTRACT" over a report's title, its byline and then the abstract) has the title's and the
 * byline's blocks between it and the text: blocks of three lines at most, in bold or starting "by"/"von", are
 * passed, two at most, and the block after them is the abstract's.
 */
function abstractEnd(lines: Line[], zones: Zone[], abs: number): number {
  if (lines[abs].text.trim().length >= 20) return nextBlockStart(lines, zones, abs);
  let at = abs + 1;
  for (let skipped = 0; skipped < 2 && at < lines.length; skipped++) {
    const end = nextBlockStart(lines, zones, at);
    const block = lines.slice(at, end).filter((_, k) => zones[at + k] !== "furniture");
    const display =
      block.length > 0 &&
      block.length <= 3 &&
      block.every((l) => l.bold || /^(?:by|von)\s/i.test(l.text.trim()));
    if (!display || end >= lines.length || lines[end].page !== lines[abs].page) break;
    at = end;
  }
  return nextBlockStart(lines, zones, at);
}

/** Lines of an abstract taken over the page at most: the rest of a paragraph, not a page of body text. */
const MAX_RUN_ON = 20;

/**
 * An abstract that runs on over the page (a small journal's long abstract, the first page's footnotes between):
 * the header's last line ends mid-sentence, and the next page opens in its type and at its margin. The lines of
 * that paragraph on the next page, to its first line that ends a sentence short of the column's edge, at most
 * `MAX_RUN_ON` lines.
 */
function abstractOverPage(lines: Line[], zones: Zone[], start: number, end: number): number[] {
  let last = end - 1;
  while (last > start && zones[last] !== "header") last--;
  const tail = lines[last];
  if (!tail || zones[last] !== "header" || /[.!?]["”’)]?$/.test(tail.text.trim())) return [];
  let j = end;
  while (
    j < lines.length &&
    (zones[j] === "furniture" || (lines[j].page === tail.page && lines[j].fontSize < tail.fontSize - 0.3))
  )
    j++;
  const next = lines[j];
  if (!next || next.page !== tail.page + 1 || zones[j] !== "body") return [];
  if (Math.abs(next.fontSize - tail.fontSize) > 0.3 || Math.abs(next.x0 - tail.x0) > tail.fontSize) return [];
  const run: number[] = [];
  for (let k = j; k < lines.length && run.length < MAX_RUN_ON && lines[k].page === next.page; k++) {
    if (zones[k] === "furniture") continue;
    if (zones[k] !== "body" || (k > j && lines[k].blockStart)) break;
    run.push(k);
    const text = lines[k].text.trim();
    if (/[.!?]["”’)]?$/.test(text) && lines[k].x1 < tail.x1 - 2 * tail.fontSize) return run;
  }
  return [];
}

/**
 * The lines of an abstract's translation printed right after it under a heading of its own ("Abstract", then
 * "Zusammenfassung"), heading included: the header stage takes it where it, not the first, is in the paper's
 * language. Left out of the header: the header model reads the front matter it was trained on.
 */
function translationAfter(
  lines: Line[],
  zones: Zone[],
  fonts: FontStats,
  abs: number,
  end: number,
): number[] {
  let next = end;
  while (next < lines.length && zones[next] === "furniture") next++;
  const line = lines[next];
  if (!line || line.page > lines[abs].page + 1) return [];
  const text = line.text.trim();
  if (text.length >= 30 || !ABSTRACT_HEADING.test(text) || !looksLikeHeading(line, fonts)) return [];
  const out: number[] = [];
  for (let i = next, stop = abstractEnd(lines, zones, next); i < stop; i++)
    if (zones[i] !== "furniture") out.push(i);
  return out;
}

/** The next line after `i` that starts a block (furniture passed over), or the end. */
function nextBlockStart(lines: Line[], zones: Zone[], i: number): number {
  let j = i + 1;
  while (j < lines.length && (zones[j] === "furniture" || !lines[j].blockStart)) j++;
  return j;
}

/** Footnotes (footnoteLines, and the text's notes at the foot of the list's pages) zoned so. */
function markFootnotes(doc: LaidOutDocument, zones: Zone[]): void {
  for (const i of footnoteLines(doc, zones)) zones[i] = "footnote";
  for (const i of listFootnotes(doc.lines, zones)) zones[i] = "footnote";
}

/**
 * The text's footnotes at the foot of the list's pages ("21Note that the blavaan package …" under "Chib S (1995).
 * …" on the page the list starts on): in each page and column of the list, the last lines, in type smaller than
 * the list's own, the first of them starting like a footnote, under lines of the list — not an entry of it.
 */
function listFootnotes(lines: Line[], zones: Zone[]): number[] {
  const list = lines.flatMap((_, i) => (zones[i] === "references" ? [i] : []));
  if (list.length === 0) return [];
  const listSize = mostCommon(
    list.map((i) => [lines[i].fontSize, 1]),
    0,
  );
  const notes: number[] = [];
  for (const { above, foot } of columnFeet(lines, zones, "references", listSize * 0.92))
    if (above.length > 0 && foot.length > 0 && startsLikeFootnote(lines[foot[0]])) notes.push(...foot);
  return notes;
}

/**
 * The lines `zone` holds on each page's column (columns in the document's order), top to bottom: those at its
 * foot in type no larger than `small`, and those above them.
 */
function columnFeet(
  lines: Line[],
  zones: Zone[],
  zone: Zone,
  small: number,
): Array<{ above: number[]; foot: number[] }> {
  const groups = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (zones[i] !== zone) return;
    const key = `${l.page}:${l.column}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()].map((group) => {
    const byTop = group.sort((a, b) => lines[a].top - lines[b].top);
    let k = byTop.length;
    while (k > 0 && lines[byTop[k - 1]].fontSize <= small) k--;
    return { above: byTop.slice(0, k), foot: byTop.slice(k) };
  });
}

/**
 * Footnotes: at the foot of each page and column, the run of body lines in a smaller font than the body text
 * that starts with a mark (a number, a superscript, an asterisk).
 */
function footnoteLines(doc: LaidOutDocument, zones: Zone[]): Set<number> {
  const notes = new Set<number>();
  /** The last line of the notes of the column before, while it ends mid-sentence. */
  let open: number | undefined;
  for (const { foot: run } of columnFeet(doc.lines, zones, "body", doc.fonts.bodySize * 0.92)) {
    // The run's first line (or one of them: a footnote per mark) must start like a footnote — or, where the
    // column before ended inside a note, go on with it ("3 Vgl. Umbach, Security Partnership and" / "Strategic
    // Energy Resources – Implications" at the foot of one column, "for CSFP and a Common EU Energy …" atop the next).
    const marked = run.findIndex((i) => startsLikeFootnote(doc.lines[i]));
    const goesOn =
      open !== undefined && run.length > 0 && doc.lines[run[0]].fontSize === doc.lines[open].fontSize;
    const from = goesOn ? 0 : marked;
    open = undefined;
    if (from < 0) continue;
    for (const i of run.slice(from)) notes.add(i);
    const last = run.at(-1);
    if (last !== undefined && !/[.!?)"”“]$/.test(doc.lines[last].text.trim())) open = last;
  }
  return notes;
}

/** A footnote's first line: a number, a superscript or a sign (*, †, ‡, §, ¶) first. */
export function startsLikeFootnote(l: Line): boolean {
  const first = l.words[0];
  return !!first && (first.superscript || /^(?:\d{1,3}|[*†‡§¶])(?:\s|$|\p{L})/u.test(l.text.trim()));
}
