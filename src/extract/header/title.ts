/**
 * The title of a paper from its front matter: the model's title checked against the type (the largest type wins,
 * a plain line among bold ones is not part of it, a footnote mark ends it), the subtitle under it, and the labels
 * journals set before it removed.
 */

import type { CslName } from "../../formats/csl.ts";
import { joinLines } from "../../layout/dehyphenate.ts";
import type { FontStats, Line } from "../../layout/types.ts";
import { NAMES_LINE, ONE_NAME } from "./authors.ts";
import { lineStarts, overlap, type TaggedSpan } from "./tag.ts";

/**
 * The paper's title: of the titles the model finds (each a run of adjacent spans) the one in the largest type
 * — the first, of equal type: a second is usually a running title or a series, a smaller first one the authors
 * — or, when it finds none, the largest type; with its subtitle, and the lines it was read from.
 */
export function findTitle(
  spans: TaggedSpan[],
  text: string,
  lines: Line[],
  fonts: FontStats,
): { title: string; first: number; last: number } | undefined {
  const groups: TaggedSpan[][] = [];
  for (const s of spans) {
    if (s.label !== "title") continue;
    const last = groups.at(-1)?.at(-1);
    if (last && text.slice(last.end, s.start).trim() === "") groups.at(-1)?.push(s);
    else groups.push([s]);
  }
  const candidates = groups.map((g) => titleText(g, lines, fonts)).filter((c) => !isBanner(c.text));
  let found = candidates.reduce<(typeof candidates)[number] | undefined>(
    (best, c) => (!best || c.size > best.size + 0.6 ? c : best),
    undefined,
  );
  // The model's title in the text's type, under display type it did not label (a sentence of the abstract taken
  // for the title of a newsletter whose title is set in 22 points): the largest type wins.
  const byFont = titleByFont(lines, fonts);
  // Or in plain type of the text's size under a bold display line it did not label (revtex's title over a byline
  // and institutions the model read as the title).
  const plainUnderBold =
    byFont &&
    found &&
    byFont.first < found.first &&
    lines[byFont.first].bold &&
    !lines[found.first].bold &&
    byFont.size >= found.size * 1.15;
  if (
    !found ||
    found.text.length < 6 ||
    (byFont && found.size <= fonts.bodySize * 1.1 && (byFont.size >= found.size * 1.3 || plainUnderBold))
  )
    found = byFont ?? found;
  // A name with its footnote mark in the title's place is the author's byline: the title is not in the text layer
  // (set as an image, or in glyphs without text) — no title is better than the author's name for one.
  const firstLine = found && (lines[found.first]?.text.trim() ?? "");
  if (!found || (firstLine && isByline(firstLine) && found.text === firstLine.replace(/[*∗†‡]+$/u, "")))
    return undefined;
  // The title's first lines the model left out: lines of its block above it, in its display type and weight
  // ("Sample Title:" over "with Forced Linebreak", both 14.5-point bold, the model's title the second alone).
  let first = found.first;
  while (first > 0 && continuesTitleUp(lines[first - 1], lines[first], fonts)) first--;
  if (first < found.first)
    found = {
      ...found,
      first,
      text: joinLines([...lines.slice(first, found.first).map((l) => l.text), found.text]),
    };
  let title = found.text;
  let last = found.last;
  const runOn = titleRunOn(lines, found.last, fonts);
  if (runOn) {
    title = joinLines([title, runOn.text]);
    last = runOn.last;
  }
  // A note's mark after the title's last word ("…Linebreak∗", "…Linebreaka)"): not the title's.
  title = withoutEndMark(title, lines[last]).replace(/\s*[∗*†‡§¶]+$/u, "");
  if (title.length >= 6) {
    const starts = lineStarts(lines);
    const covered = (i: number, label: string) =>
      spans
        .filter((s) => s.label === label)
        .reduce((n, s) => n + overlap(s, starts[i], starts[i] + lines[i].text.trim().length), 0);
    // A line of one person's name under the title is the author's where the model found no author anywhere
    // ("Detlef Nolte" under a newsletter's title) — not a subtitle.
    const noAuthor = !spans.some((s) => s.label === "author");
    const isAuthorLine = (i: number) =>
      covered(i, "author") > 0 ||
      NAMES_LINE.test(lines[i].text.trim()) ||
      (noAuthor && ONE_NAME.test(lines[i].text.trim())) ||
      isByline(lines[i].text);
    const isTitleLine = (i: number) => covered(i, "title") >= 0.5 * lines[i].text.trim().length;
    const subtitle = subtitleAfter(lines, last, found.size, fonts, isAuthorLine, isTitleLine);
    if (subtitle) {
      last += subtitle.lines;
      title = /[:?!.–—-]$/.test(title.trim())
        ? `${title.trim()} ${subtitle.text}`
        : `${title.trim()}: ${subtitle.text}`;
    }
  }
  // A kicker ending in a colon right over the title is the title's first part ("UN-Behindertenrechtskonvention:"
  // over "Den Nationalen Aktionsplan …").
  const kicker = lines[found.first - 1];
  if (kicker && isKicker(kicker, lines[found.first], found.size, fonts)) {
    return { title: `${kicker.text.trim()} ${title}`, first: found.first - 1, last };
  }
  return { title, first: found.first, last };
}

/** Whether `above` is a line of the title block `line` goes on: the block's line before it, in its display type. */
function continuesTitleUp(above: Line, line: Line, fonts: FontStats): boolean {
  return (
    !line.blockStart &&
    above.page === line.page &&
    line.fontSize > fonts.bodySize * 1.1 &&
    Math.abs(above.fontSize - line.fontSize) <= 0.5 &&
    above.bold === line.bold &&
    line.top - above.bottom <= line.fontSize &&
    /\p{L}{2}/u.test(above.text) &&
    !isBanner(above.text) &&
    !isByline(above.text)
  );
}

/** Lines a title runs on at most past the model's: its last line or two, which the model took for a name. */
const MAX_RUN_ON_LINES = 2;

/**
 * The title's last lines that the model gave to the authors ("Rand∗" under "Das randbild-Package – Mini-Kurven
 * auf dem"): lines in its paragraph (no new block) in its display type and weight, on its page, that are no
 * person's name. A footnote mark on the title's line ends it.
 */
function titleRunOn(
  lines: Line[],
  last: number,
  fonts: FontStats,
): { text: string; last: number } | undefined {
  const end = lines[last];
  if (!end || end.fontSize <= fonts.bodySize * 1.1 || /[∗*†‡§¶]$/u.test(end.text.trim())) return undefined;
  const parts: string[] = [];
  for (let i = last + 1; i < lines.length && parts.length < MAX_RUN_ON_LINES; i++) {
    const l = lines[i];
    const t = l.text.trim();
    const bare = t.replace(/[∗*†‡§¶]+$/u, "");
    if (
      l.blockStart ||
      l.page !== end.page ||
      Math.abs(l.fontSize - end.fontSize) > 0.6 ||
      l.bold !== end.bold ||
      !/\p{L}{2}/u.test(bare) ||
      NAMES_LINE.test(bare) ||
      ONE_NAME.test(bare) ||
      isByline(t)
    )
      break;
    parts.push(t);
    if (bare !== t) break;
  }
  return parts.length > 0 ? { text: joinLines(parts), last: last + parts.length } : undefined;
}

function isKicker(line: Line, titleLine: Line, titleSize: number, fonts: FontStats): boolean {
  const text = line.text.trim();
  return (
    text.endsWith(":") &&
    text.split(/\s+/).length <= 8 &&
    /\p{L}{3}/u.test(text) &&
    line.page === titleLine.page &&
    line.fontSize >= fonts.bodySize * 1.2 &&
    line.fontSize < titleSize - 0.6 &&
    titleLine.top - line.bottom <= 1.5 * line.fontSize &&
    !isBanner(text)
  );
}

/**
 * The title the model labelled, checked against the type: where its lines differ in size, only those in the
 * largest type are the title (the model may run on into the author line), and a footnote mark ends it
 * ("… Data Analysis∗ † Sofya Raskhodnikova"). Also returns the last line it was read from, and its size.
 */
function titleText(
  spans: TaggedSpan[],
  lines: Line[],
  fonts: FontStats,
): { text: string; first: number; last: number; size: number } {
  const pieces: Array<{ size: number; text: string; line: number }> = [];
  const starts = lineStarts(lines);
  const ends = lines.map((l, i) => starts[i] + l.text.trim().length);
  // The largest type the model's title is set in.
  let titleSize = 0;
  lines.forEach((line, i) => {
    if (spans.some((s) => overlap(s, starts[i], ends[i]) > 0)) titleSize = Math.max(titleSize, line.fontSize);
  });
  lines.forEach((line, index) => {
    const t = line.text.trim();
    const offset = starts[index];
    const end = ends[index];
    for (const s of spans) {
      const a = Math.max(s.start, offset);
      const b = Math.min(s.end, end);
      // Most of a line in display type is all of it: the model may leave out a first or last word. So is any
      // of a line in the type of the largest title line, unless the rest of it is a name ("Behavior: A Split
      // Ballot Experiment in Ethiopia" with its second half taken for authors).
      const display = line.fontSize > fonts.bodySize * 1.1;
      const rest = `${t.slice(0, a - offset)} ${t.slice(b - offset)}`.trim();
      const titleType =
        display && line.fontSize >= titleSize - 0.6 && !NAMES_LINE.test(rest) && !ONE_NAME.test(rest);
      const whole = (b - a >= 0.6 * t.length && display) || titleType;
      if (b > a)
        pieces.push({ size: line.fontSize, text: whole ? t : t.slice(a - offset, b - offset), line: index });
    }
  });
  // Names in a type of their own at the title's edges are its authors ("Irina Busygina", "Mikhail Filippov" in
  // 12 points over a title in 11-point capitals).
  type Piece = (typeof pieces)[number];
  const isName = (p: Piece) => NAMES_LINE.test(p.text.trim()) || ONE_NAME.test(p.text.trim());
  const sameType = (p: Piece, q: Piece) =>
    Math.abs(q.size - p.size) <= 0.6 && lines[q.line].bold === lines[p.line].bold;
  // One line of two capitalised words may be a title's ("Leading Change" over its subtitle): only a line of
  // several names, or a name a line over two lines or more, is taken for the authors.
  const nameRun = (from: Piece[]) => {
    let n = 0;
    while (n < from.length && isName(from[n]) && sameType(from[n], from[0])) n++;
    const persons = n >= 2 || (n === 1 && NAMES_LINE.test(from[0].text.trim()));
    return persons && n < from.length && !sameType(from[n], from[0]) ? n : 0;
  };
  pieces.splice(0, nameRun(pieces));
  pieces.splice(pieces.length - nameRun([...pieces].reverse()));
  const largest = Math.max(...pieces.map((p) => p.size));
  let kept = largest > fonts.bodySize * 1.1 ? pieces.filter((p) => p.size >= largest - 0.6) : pieces;
  // In the text's type, a title is still set in one size: where the model ran on into smaller type (the abstract
  // under it), that is not the title.
  if (kept === pieces && Math.min(...pieces.map((p) => p.size)) < largest - 1.5)
    kept = pieces.filter((p) => p.size >= largest - 0.6);
  // A title is set in one weight: a plain line among bold ones (the author's name above it) is not part of it.
  const bold = kept.filter((p) => lines[p.line].bold);
  if (bold.length > 0 && bold.length < kept.length && bold.length >= kept.length / 2) kept = bold;
  if (kept.length > 1 && isByline(kept[kept.length - 1].text)) kept = kept.slice(0, -1);
  // A report's commission under its title ends it: "Forschungsvorhaben im Auftrag des Bundesministeriums …".
  const commission = kept.findIndex((p, i) => i > 0 && COMMISSION.test(p.text.trim()));
  if (commission > 0) kept = kept.slice(0, commission);
  return {
    text: withoutEndMark(joinLines(kept.map((p) => p.text)), lines[kept.at(-1)?.line ?? -1]).replace(
      /\s*[∗*†‡§¶]+(?:\s.*)?$/u,
      "",
    ),
    first: kept[0]?.line ?? -1,
    last: kept.at(-1)?.line ?? -1,
    size: largest,
  };
}

/**
 * A note's mark in superscript: a letter with its bracket ("a)", revtex's), digits or signs, or the question marks
 * LaTeX prints for a note it could not resolve ("?,??") — not a letter alone, a power ("…in Rⁿ").
 */
const END_MARK = /^(?:\p{L}\)|[\d*∗†‡§¶?,]{1,4}\)?)$/u;

/** `text` without the note's mark its line `last` ends in, set in superscript ("…Linebreaka)" → "…Linebreak"). */
function withoutEndMark(text: string, last: Line | undefined): string {
  const mark = last?.words.at(-1);
  if (!mark?.superscript || !END_MARK.test(mark.text) || !text.endsWith(mark.text)) return text;
  return text.slice(0, -mark.text.length).trimEnd();
}

/** A line that says who commissioned a report: "Forschungsvorhaben im Auftrag des …", "Prepared for …". */
const COMMISSION = /^(?:[\p{L}-]+\s+){0,2}(?:im auftrag\b|commissioned by\b|prepared for\b|on behalf of\b)/iu;

/**
 * A byline, never part of a title whatever its type: "Rezension von Andrea G. Eckhardt", "by Talat Mahmood and
 * Klaus Schömann", a name with its footnote mark ("Delphine Corteel*").
 */
function isByline(text: string): boolean {
  const t = text.trim();
  const by = /^(?:(?:[Rr]ezension|[Rr]eview(?:ed)?|[Bb]esprechung)\s+)?(?:[Bb]y|[Vv]on)\s+(.*)$/u.exec(t);
  if (by) return ONE_NAME.test(by[1]) || NAMES_LINE.test(by[1]);
  // In capitals too: "ANNE GRETHE J. PEDERSEN**".
  const name = t === t.toUpperCase() ? t.replace(/(?<=\p{Lu})\p{Lu}+/gu, (w) => w.toLowerCase()) : t;
  return /[*∗†‡]$/u.test(t) && ONE_NAME.test(name);
}

/**
 * Of a title read over several lines, the line a running head shortens ("The woman's life…" over "A vida da
 * mulher … de Roy", "The woman's life after mastectomy in the light of Roy Adaptive theory", "La vida de las
 * mujeres …"): a title printed in several languages, one a line, of which the journal's running head names the
 * paper's own. Undefined when no running head ends in an ellipsis or none begins a line after the first.
 */
export function titleOfRunningHead(
  lines: Line[],
  title: { title: string; first: number; last: number },
  runningHeads: string[],
): { title: string; first: number; last: number } | undefined {
  const key = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  for (const head of runningHeads) {
    const m = /^(.{8,}?)\s*(?:…|\.\.\.)$/u.exec(head.trim());
    if (!m) continue;
    const short = key(m[1]);
    if (short.split(" ").length < 2 || key(lines[title.first].text).startsWith(short)) continue;
    for (let i = title.first + 1; i <= title.last; i++)
      if (key(lines[i].text).startsWith(short)) return { title: lines[i].text.trim(), first: i, last: i };
  }
  return undefined;
}

/**
 * A series banner, section label or software stamp set in display type above a title — "Working Paper Series",
 * "Forum Section", "RESEARCH", "Discussion Papers", "PDF-Export per Menü Datei": never the paper's title.
 */
const BANNER =
  /^(?:(?:[\p{L}-]+\s+){0,3}(?:working|discussion|research|occasional|policy)\s+papers?(?:\s+series)?|(?:[\p{L}-]+\s+){0,2}(?:section|series|reihe|schriftenreihe|arbeitspapiere?|beiträge|forum|research|analysen|report|berichte?)|pdf-export\b.*|.*\bals pdf freigeben\b.*)/iu;
/** What may follow a banner: a series code and number ("SP II 2005-01", "No. 4/2005"), in capitals or digits. */
const SERIES_NUMBER = /^(?:\s+(?:[A-Z]{1,4}|[IVX]+|\d[\d/.:–-]*|No\.?|Nr\.?))*[\s\d/.:–-]*$/;

export function isBanner(text: string): boolean {
  const t = text.replace(/\s+/g, " ").trim();
  const m = BANNER.exec(t);
  return !!m && SERIES_NUMBER.test(t.slice(m[0].length));
}

/** A label a journal sets before the title: "Review Article", "ABSTRACT", "Forschungsprojekt". */
const LEADING_LABEL =
  /^(?:abstract|review article|research (?:article|paper|note)|original (?:article|paper|research)|short (?:communication|paper)|forum(?: section)?|essay|commentary|editorial|debate|rezension|forschungsprojekt|aufsatz|article)\s*[:.–—-]?\s+(?=\p{Lu})/iu;

/** The title as stored: one line, no label before it, no footnote number glued to its last word. */
export function cleanTitle(title: string): string | undefined {
  let t = title.replace(/\s+/g, " ").trim();
  const label = LEADING_LABEL.exec(t);
  if (label && t.slice(label[0].length).split(" ").length >= 3) t = t.slice(label[0].length);
  // A footnote number glued to a word ("Lebenslauf1"), not the digit of a short name ("lme4", "R2", "x86").
  t = t.replace(/(?<=(?:^|[\s(])\p{L}{4,}\p{Ll})\d{1,2}$/u, "");
  // Glyphs without a usable text layer ("-   -  -") are no title: empty beats wrong.
  if (!/\p{L}{3}/u.test(t)) return undefined;
  return t || undefined;
}

/**
 * The title without an author's whole name run into its end or its start ("Introducing Arabic-Latin Modern Fixed
 * Idris Samawi Hamid": the byline set in the title's own type, so that type could not tell them apart), where the
 * header found that person as an author. A name's words alone in the title ("… after Max Weber") stay: only the
 * whole name at an edge, with at least two words of title left.
 */
export function withoutAuthorAtEdges(title: string, authors: readonly CslName[]): string {
  let words = title.split(/\s+/).filter(Boolean);
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;
  const matches = (part: string[], name: string[]) => part.every((w, i) => same(w, name[i]));
  for (const a of authors) {
    if (!a.given || !a.family) continue;
    const name = `${a.given} ${a.family}`.split(/\s+/);
    if (words.length < name.length + 2) continue;
    const tail = words.slice(-name.length);
    tail[tail.length - 1] = tail[tail.length - 1].replace(/[*∗†‡\d,]+$/u, "");
    if (matches(tail, name)) words = words.slice(0, -name.length);
    else if (matches(words.slice(0, name.length), name)) words = words.slice(name.length);
  }
  return words.join(" ");
}

/**
 * The most space, in the line's type size, between a title and its subtitle: more for bold display type, and
 * for a line the model also read as title, than for a plain line (which may be the text's first).
 */
function subtitleGap(line: Line, fonts: FontStats, modelSaysTitle: boolean): number {
  // A report's title page spaces its title, subtitle and authors far apart; bold display type is still the title's.
  if (line.fontSize >= fonts.bodySize * 1.2 && line.bold) return 6;
  if (modelSaysTitle) return 4;
  return line.fontSize >= fonts.bodySize * 1.2 ? 2 : 1.5;
}

/** Lines that open the text or its parts, never a subtitle. */
const NOT_SUBTITLE =
  /^(?:\d|[IVX]+\.|abstract|summary|zusammenfassung|einleitung|introduction|keywords?|schlagw|by\b|von\b|[^\p{L}]*$)/iu;

/** A line that names a version or a release of the document ("llncs, Version 2.22, Sep 05, 2022"): no subtitle. */
const VERSION_LINE = /\b(?:version|release|revision|v)\s*\.?\s*\d+(?:\.\d+)+\b/i;

/**
 * A subtitle: the line or two right under the title, in display type smaller than the title's (but larger than
 * the text, or bold in the text's size), not a heading and not the authors. Joined to the title with ": "
 * unless the title ends in its own punctuation.
 */
function subtitleAfter(
  lines: Line[],
  last: number,
  titleSize: number,
  fonts: FontStats,
  isAuthorLine: (i: number) => boolean,
  isTitleLine: (i: number) => boolean,
): { text: string; lines: number } | undefined {
  const parts: Line[] = [];
  // Three lines of a centred subtitle in bold ("Report to the ISSP General Assembly / on monitoring work … / by
  // ZUMA, Germany"); two of other type.
  const most = (l: Line) => (l.bold && parts.every((p) => p.bold) ? 3 : 2);
  for (let i = last + 1; i < lines.length && parts.length < most(lines[i]); i++) {
    const l = lines[i];
    const above = parts.at(-1) ?? lines[last];
    const display = l.fontSize >= fonts.bodySize * 1.05 || (l.bold && l.fontSize >= fonts.bodySize - 0.5);
    // A line that reads on in the subtitle's paragraph, in its type ("… undertaken for the ISSP / by ZUMA,
    // Germany"), is not a byline.
    const continues = parts.length > 0 && !l.blockStart && l.bold === parts[0].bold;
    if (
      !display ||
      l.fontSize >= titleSize - 0.6 ||
      (parts.length > 0 && Math.abs(l.fontSize - parts[0].fontSize) > 0.6) ||
      l.page !== above.page ||
      l.top - above.bottom > subtitleGap(l, fonts, isTitleLine(i)) * l.fontSize ||
      ((parts.length === 0 || l.blockStart) && NOT_SUBTITLE.test(l.text.trim())) ||
      /@|https?:|www\./.test(l.text) ||
      VERSION_LINE.test(l.text) ||
      (parts.length === 0 &&
        l.text
          .trim()
          .split(/\s+/)
          .filter((w) => /\p{L}/u.test(w)).length < 2) ||
      (isAuthorLine(i) && !continues)
    )
      break;
    parts.push(l);
  }
  // A paragraph in display type goes on past two lines: it is a report's lead, not a subtitle ("Die
  // Bundesregierung hat 2011 einen Nationalen Aktionsplan verabschiedet, …").
  const after = lines[last + parts.length + 1];
  if (
    parts.length >= 2 &&
    after &&
    !after.blockStart &&
    Math.abs(after.fontSize - parts[0].fontSize) <= 0.6 &&
    after.bold === parts[0].bold
  )
    return undefined;
  return parts.length ? { text: joinLines(parts.map((l) => l.text)), lines: parts.length } : undefined;
}

/** Header lines a title in bold a size above the text's is looked for among, from the first. */
const BOLD_TITLE_WITHIN = 3;

/** The title by type size: the largest lines near the top of the header, when the model found no title. */
function titleByFont(
  lines: Line[],
  fonts: FontStats,
): { text: string; first: number; last: number; size: number } | undefined {
  const candidates = lines.filter((l) => /\p{L}{3}/u.test(l.text) && l.text.length > 8 && !isBanner(l.text));
  if (candidates.length === 0) return undefined;
  const largest = Math.max(...candidates.map((l) => l.fontSize));
  // Or, where no type is much larger than the text's, a first line in bold a size above it, as mathematics and
  // physics journals set a title ("ADVICE TO AUTHORS" in 12 points over 11-point text).
  const boldFirst = lines
    .slice(0, BOLD_TITLE_WITHIN)
    .find((l) => candidates.includes(l) && l.bold && l.fontSize >= largest - 0.5);
  const plainFirst =
    boldFirst &&
    boldFirst.fontSize >= fonts.bodySize + 0.5 &&
    boldFirst.text.trim().split(/\s+/).length >= 3 &&
    !NOT_SUBTITLE.test(boldFirst.text.trim()) &&
    !NOT_BOLD_TITLE.test(boldFirst.text.trim());
  const byBold = largest < fonts.bodySize * 1.15;
  if (byBold && !plainFirst) return undefined;
  const first = byBold ? boldFirst : candidates.find((l) => l.fontSize >= largest - 0.5);
  const run: Line[] = [];
  let i = lines.indexOf(first as Line);
  for (; i < lines.length; i++) {
    const l = lines[i];
    const above = run.at(-1);
    if (Math.abs(l.fontSize - largest) > 0.5) break;
    // One block: a line set well apart under the title is the next part of the page (the author's society).
    if (above && l.top - above.bottom > 0.8 * largest) break;
    // A title known by its bold goes on in its size only, and in plain type only where its line broke in the
    // middle of a phrase ("…a Manuscript for" / "the Journal of the Physical Society of Japan").
    if (
      byBold &&
      above &&
      (Math.abs(l.fontSize - above.fontSize) > 0.25 || (!l.bold && !OPEN_END.test(above.text)))
    )
      break;
    run.push(l);
  }
  return { text: joinLines(run.map((l) => l.text)), first: i - run.length, last: i - 1, size: largest };
}

/** What a bold first line is when it is no title: a label, a journal's name, a section of the paper. */
const NOT_BOLD_TITLE =
  /^(?:(?:research|original|review|short|brief)\s+(?:article|paper|report|communication)|open\s+access|supplementary|supporting|appendix|materials?\s+and\s+methods|introduction|methods|results|discussion|conclusions?|acknowledge?ments?|references)\b|\b(?:journal|proceedings|transactions|letters|bulletin|annals|zeitschrift)\b/iu;
/** A line that breaks off in the middle of a phrase: it ends in a preposition, an article or a conjunction. */
const OPEN_END =
  /\b(?:for|of|the|a|an|and|or|in|on|to|with|from|by|at|into|towards?|über|für|und|der|die|das|des|den|dem|zur|zum|im|von|mit)\s*$/iu;
