/**
 * Splitting a reference list into references. Four styles, tried in order:
 * - bulleted: lines starting "•", "▪", "►"…;
 * - numbered: lines starting "[12]", "12.", "12)" or "12 " with numbers that count up, or keys ("[Knu84]");
 * - indented: hanging indents (continuation lines set in) or first-line indents — whichever group of lines
 *   starts like a reference (a surname and initials, a label) opens one; ", 2002b:" (the same author again)
 *   opens one too, and a line that goes on a reference broken across a page or column stays with it;
 * - blocks: references set apart by space, or failing that (a flat list), where a line that ended a sentence
 *   was broken on purpose (the next line's first word would have fit) or a name and a year follow it.
 * A list's own headings in bold ("Internet-Quellen") are left out.
 * Lines are joined with dehyphenation; columns and pages are handled by the layout's reading order.
 */
import { hyphenatedWords, joinLine } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";

export interface SplitReference {
  /** The reference as printed, lines joined. */
  raw: string;
  /** Its label ("12" of "[12]") in a numbered list. */
  label?: string;
  lines: Line[];
}

/** Bounds on any input: references per document, lines per reference, characters per reference. */
export const MAX_REFERENCES = 1500;
const MAX_LINES_PER_REFERENCE = 40;
const MAX_REFERENCE_CHARS = 4000;

const LABEL =
  /^\s*(?:\[(\d{1,4}|[A-Za-z][A-Za-z+]*\d{2,4}[a-z]?)\]|(\d{1,4})[.)]|(\d{1,4})(?=\s+\p{Lu}))\s*/u;
/** ", 2002b:" — the same author's next work, the dash before it drawn as a rule the text layer does not have. */
const SAME_AUTHOR_START = /^[-–—_]*\s*,\s*(?:1[6-9]|20)\d\d[a-z]?\s*[:.,]/;
/**
 * A line opening with a name: a family name, then initials ("Bade, K. J.", "Chib S (1995)", and as JSS and
 * Vancouver styles set several without stops: "Bayarri MJ, Berger JO") or a given name; initials, then a family
 * name ending the name ("J. M. Chambers. Programming with Data", "I. Barrodale and F. Roberts": natbib's plain
 * styles — not a journal's abbreviated name, "J. Am. Chem. Soc.", "Z. Phys. 12", "N. Engl. J. Med."); a particle;
 * an organisation in capitals.
 */
const AUTHOR_START =
  /^(?:\p{Lu}[\p{L}'’`-]+(?:\s+(?:van|von|de|der|den|da|del|di|du|la|le)\b)?,?\s+(?:\p{Lu}[.\s-]|\p{Lu}{1,3}[,(]|\p{Lu}\p{Ll}+)|\p{Lu}\.(?:\s?\p{Lu}\.)*\s+(?:(?:van|von|de|der|den|da|del|di|du)\s|\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?(?=[,:;]|\s+(?:and|&)\s|\s+\(|\.\s+(?=\p{L})(?!\p{Lu}\p{Ll}{0,5}\.)))|(?:van|von|de|der|den|da|del|di|du)\s+\p{Lu}|\p{Lu}{2,}[\s,]|[-–—_]{2,})/u;
/**
 * A line opening with a family name and its initials: "Jones C. D.,", "Smith, A. B.", "Chib S" — stricter than
 * AUTHOR_START, which takes any two capitalised words ("Springer Verlag, Berlin, 2001").
 */
const NAME_AND_INITIALS = /^\p{Lu}[\p{L}'’-]+,?\s+(?:\p{Lu}\.?\s?){1,3}(?=[,(\s])/u;

export function labelOf(text: string): string | undefined {
  const m = LABEL.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

export function splitReferences(lines: Line[]): SplitReference[] {
  const nonEmpty = lines.filter((l) => l.text.trim() !== "").map(withLabelApart);
  const headings = subHeadings(nonEmpty);
  const content = nonEmpty.filter((l) => !headings.has(l));
  if (content.length === 0) return [];
  const starts =
    bulletStarts(content) ?? numberedStarts(content) ?? indentStarts(content) ?? blockStarts(content);
  const keep = hyphenatedWords(content.map((l) => l.text));
  const out: SplitReference[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length === 0) return;
    let raw = "";
    for (const l of current) raw = joinLine(raw, l.text.trim(), keep);
    raw = raw.replace(BULLET, "");
    raw = raw.slice(0, MAX_REFERENCE_CHARS);
    if (/\p{L}{2}/u.test(raw) && out.length < MAX_REFERENCES)
      out.push({ raw, label: labelOf(raw), lines: current });
    current = [];
  };
  content.forEach((l, i) => {
    if (starts.has(i) || current.length >= MAX_LINES_PER_REFERENCE) flush();
    current.push(l);
  });
  flush();
  return out;
}

const BULLET = /^[•▪◦‣∙●■□➢►]\s*/u;

/**
 * A line whose entry's number is set in superscript before its first word ("¹Sutton, K., …", AIAA's), which the
 * text layer glues to the word: the line with its label set apart, as a printed label is ("1 Sutton, K., …").
 */
function withLabelApart(l: Line): Line {
  const [label, next] = l.words;
  if (!label?.superscript || next?.superscript || !/^\d{1,4}$/.test(label.text)) return l;
  // Not inside the number: "31 F. P." is set apart already (a digit is no word's first letter).
  const text = l.text.replace(/^(\s*\d{1,4})(?=[^\s\d])/, "$1 ");
  return text === l.text ? l : { ...l, text };
}

/**
 * A list's own headings ("Internet-Quellen", "Primärliteratur", "Books"): a line of a few words in bold among
 * entries that are not, with no digit and none of a name's or an entry's punctuation (an author's name set in
 * bold, "Bovenschulte, Andreas/Fisahn, Andreas,", is no heading) — not a reference, nor a line of the one before.
 */
function subHeadings(lines: Line[]): Set<Line> {
  const bold = lines.filter((l) => l.bold);
  if (bold.length > lines.length / 5) return new Set();
  return new Set(bold.filter((l) => l.words.length <= 5 && !/[\d,;/(]|-$/.test(l.text.trim())));
}

/** Lines opening a bulleted list's entries. */
function bulletStarts(lines: Line[]): Set<number> | undefined {
  const starts = new Set<number>();
  lines.forEach((l, i) => {
    if (BULLET.test(l.text.trim())) starts.add(i);
  });
  return starts.size >= 3 && starts.size >= lines.length / 10 ? starts : undefined;
}

/** Lines opening a numbered list's entries, when most entries are numbered in order. */
function numberedStarts(lines: Line[]): Set<number> | undefined {
  const starts = new Set<number>();
  let expected = 1;
  let numbered = 0;
  let keyed = 0;
  lines.forEach((l, i) => {
    const m = LABEL.exec(l.text);
    if (!m) return;
    if (m[1] && !/^\d+$/.test(m[1])) {
      // "[Knu84]"-style keys: every bracketed key opens an entry.
      starts.add(i);
      keyed++;
      return;
    }
    const n = Number(m[1] ?? m[2] ?? m[3]);
    // The next number, or a small skip (a number lost to a page break); a bare "12 " counts only in sequence.
    if (n === expected || (n > expected && n <= expected + 2 && (m[1] || m[2]))) {
      starts.add(i);
      numbered++;
      expected = n + 1;
    }
  });
  if (keyed >= 3) return starts;
  return numbered >= 3 && numbered >= lines.length / 12 ? starts : undefined;
}

/** Lines opening entries in a list set with hanging or first-line indents. */
function indentStarts(lines: Line[]): Set<number> | undefined {
  // Indents are measured from the leftmost line of the same page and column.
  const left = columnEdges(lines, "left");
  // Half an em: hanging indents as small as 6 points under 10.5-point type are common (and missed at 0.8 em),
  // while the glyphs' own side bearings move a flush line by a point at most.
  const indented = lines.map((l) => l.x0 - (left.get(`${l.page}:${l.column}`) ?? l.x0) > 0.45 * l.fontSize);
  const flush = indented.filter((x) => !x).length;
  const set = indented.length - flush;
  if (set < 2 || flush < 2) return undefined;
  const startLike = (want: boolean) => {
    const group = lines.filter((_, i) => indented[i] === want);
    return group.filter((l) => AUTHOR_START.test(l.text.trim()) || LABEL.test(l.text)).length / group.length;
  };
  // Space before a line, where it sets apart nearly every line of one margin and nearly no line of the other,
  // marks that margin as the openings: the surest sign, since a continuation's words may look like a name's
  // ("Statistical Association, 90, …" under "Chib S (1995). …").
  const spacedShare = (want: boolean) => {
    const group = lines.filter((_, i) => indented[i] === want && !firstOfColumn(lines, i));
    return group.length ? group.filter((l) => l.blockStart).length / group.length : 0;
  };
  const spacedMargin = [false, true].find((m) => spacedShare(m) >= 0.8 && spacedShare(!m) <= 0.2);
  // Otherwise: flush (hanging indents) unless the indented lines start more like references.
  const opening = spacedMargin ?? startLike(true) > startLike(false);
  // When the lines set as openings nearly all start like a reference, one that does not is a line of the one
  // before, set at the wrong margin by its author or broken across a page or column.
  const trusted = startLike(opening) >= 0.6;
  // Where space marks the openings, an entry set in at the wrong margin but with space before it opens one too
  // ("Wimmex AG (2001), …" under "…, p. 10.").
  const spaced = spacedMargin === opening;
  const starts = new Set<number>();
  indented.forEach((ind, i) => {
    const text = lines[i].text.trim();
    const prev = lines[i - 1];
    const moved = prev !== undefined && (prev.page !== lines[i].page || prev.column !== lines[i].column);
    const goesOn =
      prev !== undefined &&
      !startsLikeReference(text) &&
      !EARLY_YEAR.test(text) &&
      continues(prev.text.trim(), text);
    // The first line of a page or column, whose margin no other line of its page may set, goes on the reference
    // before when that one broke mid-word or mid-phrase.
    const broken = goesOn && (moved || trusted);
    const setApart =
      spaced && lines[i].blockStart && !moved && prev !== undefined && /[.)\]]$/.test(prev.text.trim());
    if ((ind === opening && !broken) || SAME_AUTHOR_START.test(text) || setApart) starts.add(i);
  });
  return starts;
}

/**
 * A year near a line's start: an entry of an author-year list opens with one ("te Heesen, Anke (2013)", "Verlag für
 * fremdsprachige Literatur (Hg.) (1981)") even where its first words do not look like a name.
 */
const EARLY_YEAR = /^.{0,60}\b(?:1[5-9]|20)\d\d[a-z]?\b/u;

/** The first line of its page or column, which the layout always marks as opening a block. */
function firstOfColumn(lines: Line[], i: number): boolean {
  const prev = lines[i - 1];
  return prev === undefined || prev.page !== lines[i].page || prev.column !== lines[i].column;
}

function startsLikeReference(text: string): boolean {
  return AUTHOR_START.test(text) || LABEL.test(text) || SAME_AUTHOR_START.test(text);
}

/**
 * Whether `line` reads on from `prev` rather than opening an entry: `prev` broke a word ("Jung-" / "frauen") or
 * a phrase (it ends in a small letter or a comma) or a name after its initials ("In M. Detienne & J.P." /
 * "Vernant (Eds.), …"), or `line` begins with a small letter ("ed. Language and …").
 */
function continues(prev: string, line: string): boolean {
  return /[\p{Ll},;:&-]$/u.test(prev) || /[\s&]\p{Lu}\.(?:\p{Lu}\.)*$/u.test(prev) || /^\p{Ll}/u.test(line);
}

/**
 * Entries set apart by space (each block a reference), or in a flat list — no labels, indents or space between
 * entries — by how an entry ends and the next begins: a sentence's end, then a name and a year; or a sentence's
 * end on a line that left room for the next line's first word, then a capital ("Euromonitor, 1993, Soft Drinks in
 * Europe, London." over "European Commission, Case Number …"), since within an entry a line breaks only where the
 * next word does not fit. A block of many lines in a list otherwise set in blocks is such a flat run, split the same way.
 */
function blockStarts(lines: Line[]): Set<number> {
  const starts = new Set<number>([0]);
  const blocks = lines.filter((l) => l.blockStart).length;
  const byBlocks = blocks >= 3 && lines.length / blocks < 8;
  const right = columnEdges(lines, "right");
  const blockLength = lengthsOfBlocks(lines);
  lines.forEach((l, i) => {
    if (i === 0) return;
    if (byBlocks && l.blockStart) starts.add(i);
    else if (entryEnds(lines[i - 1], l, right, byBlocks && blockLength[i] <= LONG_BLOCK)) starts.add(i);
  });
  return starts;
}

/** Lines in a block beyond which it holds more than one reference of a list set in blocks. */
const LONG_BLOCK = 6;
const YEAR = /\b(1[5-9]|20)\d\d[a-z]?\b/;

/**
 * Whether `prev` ended an entry and `line` opens the next. `surely`: only on the strongest evidence — a line
 * broken where the next word would have fit, before a name and a year (in a block of a list set in blocks,
 * "…, S. 40-" / "66" over "Thaler, R. H./ Sunstein, C. R. (2009): …").
 */
function entryEnds(prev: Line, line: Line, right: Map<string, number>, surely: boolean): boolean {
  const text = line.text.trim();
  const named = AUTHOR_START.test(text) && YEAR.test(text);
  // Room left on the line before for this line's first word and a space: the line was broken on purpose.
  const room = (right.get(`${prev.page}:${prev.column}`) ?? prev.x1) - prev.x1;
  const first = line.words[0];
  const onPurpose = first !== undefined && room > first.x1 - first.x0 + prev.fontSize;
  if (onPurpose && named) return true;
  if (surely) return false;
  // A name and a year after an entry's end: a sentence's, or a number's (MNRAS ends an entry with its page,
  // "…, Journal of Interesting Stuff, 17, 198" over "Smith A. B., 2014, …": then a family name and its initials,
  // not a publisher and its place, "Springer Verlag, Berlin, 2001", under "…, Vol. 12").
  const ended = prev.text.trim();
  const sentenceEnd = /[.)\]]$/.test(ended);
  if (named && sentenceEnd) return true;
  if (/\d$/.test(ended) && NAME_AND_INITIALS.test(text) && EARLY_YEAR.test(text)) return true;
  if (!sentenceEnd) return false;
  // After a sentence's end, a capital opens an entry where the line was broken on purpose, or where the line
  // before stopped short though the word would not have fit and this line names a year (not "…(Eds.) (2005)."
  // over a title).
  if (!/^\p{Lu}/u.test(text)) return false;
  return onPurpose || (YEAR.test(text) && room > SHORT_LINE * prev.fontSize);
}

/** Ems short of the column's right edge at which a line ending a sentence, before a line with a year, ends its entry. */
const SHORT_LINE = 4;

/** Each page's column's edge, by `page:column`: where its lines begin (left), or where its longest end (right). */
function columnEdges(lines: Line[], side: "left" | "right"): Map<string, number> {
  const edges = new Map<string, number>();
  for (const l of lines) {
    const key = `${l.page}:${l.column}`;
    const edge = side === "left" ? l.x0 : l.x1;
    const seen = edges.get(key) ?? edge;
    edges.set(key, side === "left" ? Math.min(seen, edge) : Math.max(seen, edge));
  }
  return edges;
}

/** For each line, the number of lines of its block (from a line marked blockStart to the next). */
function lengthsOfBlocks(lines: Line[]): number[] {
  const out = new Array<number>(lines.length).fill(0);
  let from = 0;
  for (let i = 1; i <= lines.length; i++)
    if (i === lines.length || lines[i].blockStart) {
      out.fill(i - from, from, i);
      from = i;
    }
  return out;
}
