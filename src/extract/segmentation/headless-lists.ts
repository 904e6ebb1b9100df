/**
 * Reference lists printed without a heading in the running text: a newsletter's articles end in a list set in
 * the text's type with hanging indents and no "Literatur" over it (ISI's "Diener, Ed; Sandvik, Ed; …, 1993: …").
 * The segmenter finds a list by its heading, or by numbers that count up; this finds the rest by their shape:
 * at least three entries in a row, each opening at the column's margin with a name and a comma, a year on its
 * first or second line, and its other lines set in by half an em or more — or, in a list with no indents (a
 * report's annex: "Statistisches Bundesamt (1974): …" under topic headings, which are passed over), each entry a
 * block of its own that opens with its author and its year in brackets.
 */
import type { Line } from "../../layout/types.ts";

/**
 * "Diener, Ed;", "Noll, Heinz-Herbert;", "Statistisches Bundesamt, 2013:", "van Dijk, T.": a name, then a comma;
 * or a name, then its year in brackets and a colon ("Statistisches Bundesamt (1978a):").
 */
const OPENING =
  /^(?:(?:van|von|de|der|den|da|del|di|du|te|ten)\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}(?:,\s|\s+\((?:1[6-9]|20)\d\d[a-z]?\):\s)/u;
const YEAR = /\b(?:1[6-9]\d\d|20\d\d)[a-z]?\b/;
/** An entry that opens with its author and its year in brackets, within its first words. */
const AUTHOR_YEAR = /^[^()]{2,80}\((?:1[6-9]\d\d|20\d\d)[a-z]?\)/;
/** Entries in a row before a run is a list, and lines an entry may have. */
const MIN_ENTRIES = 3;
const MAX_ENTRY_LINES = 8;

/**
 * Indices of the lines of headless lists among those `open` allows (lines of the running text, not yet given to
 * a zone of their own); `skip` lines (page furniture) are passed over.
 */
export function headlessListLines(
  lines: Line[],
  open: (i: number) => boolean,
  skip: (i: number) => boolean,
): number[] {
  const found: number[] = [];
  let i = 0;
  while (i < lines.length) {
    const run = runFrom(lines, i, open, skip);
    if (run.entries >= MIN_ENTRIES) {
      found.push(...run.members);
      i = run.end;
    } else i++;
  }
  return found;
}

interface Run {
  members: number[];
  entries: number;
  /** The first index after the run. */
  end: number;
}

function runFrom(
  lines: Line[],
  from: number,
  open: (i: number) => boolean,
  skip: (i: number) => boolean,
): Run {
  const members: number[] = [];
  let entries = 0;
  let margin = Number.NaN;
  let place = "";
  let entryLines = 0;
  /** Whether the entries so far each open a block of their own. */
  let blocks = false;
  let i = from;
  for (; i < lines.length; i++) {
    if (skip(i)) continue;
    const l = lines[i];
    if (!open(i)) break;
    const here = `${l.page}:${l.column}`;
    const moved = here !== place;
    // One list is set in one type: a display title in the next column (the next article's) is not its line.
    if (members.length > 0 && Math.abs(l.fontSize - lines[members[0]].fontSize) > 0.6) break;
    const text = l.text.trim();
    const opens = OPENING.test(text) && YEAR.test(`${text} ${lines[i + 1]?.text ?? ""}`);
    // A topic heading between entries set as blocks ("Konzeption und Durchführung", "Ergebnisse"): passed over,
    // not the list's, where an entry follows it.
    if (blocks && isTopicHeading(l) && !opens && opensBlockEntry(lines[i + 1])) continue;
    if (moved) {
      // A new column or page: its margin is its first entry's, or (an entry broken across) a line set in.
      if (entries === 0 && !opens) break;
      margin = opens ? l.x0 : l.x0 - l.fontSize;
      place = here;
    }
    if (opens && l.x0 < margin) margin = l.x0;
    const setIn = l.x0 - margin >= 0.45 * l.fontSize;
    // An entry's later lines are set in (a hanging indent), or — where each entry is a block of its own, set apart
    // by space — at the margin, in its block.
    const inBlock =
      blocks && !setIn && !opens && !l.blockStart && Math.abs(l.x0 - margin) < 0.45 * l.fontSize;
    if (opens && !setIn) {
      // Entries set as blocks have no indent to tell them by: each opens with its author and year
      // ("Statistisches Bundesamt (1974):", "Bach, Walter (1979):").
      const authorYear = AUTHOR_YEAR.test(text);
      if (entries === 0) blocks = l.blockStart && authorYear;
      else if (blocks && !(l.blockStart && authorYear)) break;
      entries++;
      entryLines = 1;
    } else if (entries > 0 && (setIn || inBlock) && (moved || !l.blockStart) && entryLines < MAX_ENTRY_LINES)
      entryLines++;
    else break;
    members.push(i);
  }
  return { members, entries, end: Math.max(i, from + 1) };
}

/** A heading of its own block, in bold, on one short line. */
function isTopicHeading(l: Line): boolean {
  return l.bold && l.blockStart && l.text.trim().length <= 60;
}

/** A line opening an entry set as a block: a block of its own, its author and year in brackets first. */
function opensBlockEntry(l: Line | undefined): boolean {
  if (l === undefined || !l.blockStart) return false;
  const text = l.text.trim();
  return OPENING.test(text) && AUTHOR_YEAR.test(text);
}
