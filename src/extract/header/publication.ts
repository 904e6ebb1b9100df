/**
 * When and where a paper was published, read only from the places that say so: a repository's cover page, a
 * citation line ("Suggested citation:", "To cite this article:", "Published in:"), a proceedings footer ("In
 * Proceedings of … pages 696–703 … 2007"), a copyright line, a running head naming a journal with its volume.
 * Never from the abstract or the body, where the years are those of cited works and of events ("1986" in the
 * abstract of a 2016 paper); a year or venue these places do not give is left empty.
 */
import { type CslName, itemYear } from "../../formats/csl.ts";
import { joinLines } from "../../layout/dehyphenate.ts";
import type { Line } from "../../layout/types.ts";
import { words } from "../../text/normalize.ts";
import { parseReference } from "../reference/parse.ts";

export interface PublicationFacts {
  year?: number;
  venue?: string;
  /** The paper's citation of itself (a citation line), as the reference parser reads it: its title and authors. */
  cited?: { title?: string; author: CslName[] };
  /** Where each was read, for the confidence and for debugging. */
  yearFrom?: PublicationSource;
  venueFrom?: PublicationSource;
}

export type PublicationSource =
  | "cover"
  | "citation"
  | "proceedings"
  | "copyright"
  | "running-head"
  | "header";

/** The lines that open a citation of the paper itself, and what follows the label. */
const CITATION_LABEL =
  /^(?:(?:empfohlene zitierung\s*\/\s*)?suggested citation|empfohlene zitierung|zitierhinweis|zitiervorschlag|zitierweise(?:\s*\/\s*citation)?|recommended citation|acm reference format|please cite(?: this (?:article|paper))?(?: as)?|to cite this (?:article|paper|version)|cite this (?:article|paper)(?: as)?|how to cite(?: this (?:article|paper))?|citation|reference|published in|erschienen in|originally published in)\s*:\s*(.*)$/i;
/** Where a citation block stops on a cover page. */
const CITATION_END =
  /^(?:nutzungsbedingungen|terms of use|dieser text|this (?:document|text|version)|www\.|http|\(?c\)|©)/i;
/** A proceedings footer: "Proceedings of the 45th Annual Meeting …, pages 696–703", "Appearing in Proceedings of …". */
const PROCEEDINGS =
  /\b(?:appearing in |to appear in |in )?(Proceedings of (?:the )?[^,]{8,200}?)\s*(?:,|\(|$)/i;
const COPYRIGHT =
  /(?:©|\(c\)|\bcopyright\b|(?:^|\s)c(?=\s+(?:19|20)\d\d\s+\p{Lu}))\s*(?:by\s+)?((?:19|20)\d\d)\b/iu;
/** A volume, issue or "Jahrgang" beside a year: a journal's running head or imprint line. */
const VOLUME =
  /\b(?:vol(?:ume)?\.?\s*\d+|no\.\s*\d+|issue\s+\d+|jg\.\s*\d+|jahrgang\s+\d+|heft\s+\d+|\d+\s*\(\d+\)\s*[,:]?\s*\d+)/i;
const YEAR = /\b((?:19|20)\d\d)\b/;
/**
 * Where a line's dates turn into a version's or a draft's, not the paper's publication: "llncs, Version 2.22, Sep
 * 05, 2022", "Draft version February 26, 2021", "Modified: 6 March 2012. Compiled: November 1, 2022", "September
 * 2006 (typeset on November 10, 2022)".
 */
const STAMP_DATE =
  /\b(?:version\s+v?\d+(?:\.\d+)+|version\s+v\d+|v\d+(?:\.\d+)+|revision\s+\d+|draft|compiled|typeset|last\s+(?:modified|updated|revised|changed))\b/i;

/**
 * A line's text before its version's or draft's stamp and the brackets or commas that lead to it (all of it where
 * it has none).
 */
export function beforeStamp(text: string): string {
  const m = STAMP_DATE.exec(text);
  return m ? text.slice(0, m.index).replace(/[\s([,;:–—-]+$/u, "") : text;
}

/** A year a paper can have been published in: not before print journals, not after next year. */
export function plausibleYear(y: number | undefined, now = new Date().getFullYear()): number | undefined {
  return y !== undefined && y >= 1900 && y <= now + 1 ? y : undefined;
}

/** The citation a cover or first page gives of the paper: its text after the label, up to the block's end. */
export function citationText(lines: Line[]): string | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = CITATION_LABEL.exec(lines[i].text.trim());
    if (!m) continue;
    const parts = [m[1]];
    for (let j = i + 1; j < lines.length && j < i + 6; j++) {
      const t = lines[j].text.trim();
      if (!t || CITATION_END.test(t) || lines[j].top - lines[j - 1].bottom > 1.2 * lines[j].fontSize) break;
      parts.push(t);
    }
    const text = parts.join(" ").replace(/\s+/g, " ").trim();
    if (text.length > 20) return text;
  }
  return undefined;
}

/** Year and venue of a citation of the paper itself, as the reference parser reads it. */
export function readCitation(text: string): {
  year?: number;
  venue?: string;
  title?: string;
  author?: CslName[];
} {
  const item = parseReference(text).item;
  const venue = (item["container-title"] ?? item["collection-title"] ?? seriesAfterYear(text))?.replace(
    /[\s.,;:]+$/,
    "",
  );
  return {
    year: plausibleYear(itemYear(item) ?? Number(YEAR.exec(text)?.[1])),
    venue: venue && /\p{L}{3}/u.test(venue) ? venue : undefined,
    title: item.title,
    author: item.author,
  };
}

/**
 * A report's series as a repository's citation names it, in brackets after its place and year: "Berlin, 2006
 * (Discussion Papers / Wissenschaftszentrum Berlin für Sozialforschung, Forschungsschwerpunkt …, 2006-115)" →
 * "Discussion Papers / Wissenschaftszentrum Berlin für Sozialforschung" — the series' name, without the divisions
 * after its first comma and the number. The reference parser has no label for a series.
 */
export function seriesAfterYear(text: string): string | undefined {
  const m = /,\s*(?:19|20)\d\d\s*\(([^()]{3,300})\)/.exec(text);
  if (!m) return undefined;
  const name = m[1]
    .split(/,\s/)[0]
    .replace(/\s+(?:(?:no|nr|vol|bd|heft)\.?\s*)?[\d/.–-]+$/i, "")
    .trim();
  return /^\p{Lu}/u.test(name) && /\p{L}{3}/u.test(name) && name.length <= 150 ? name : undefined;
}

/**
 * Year and venue from the first pages' citation lines, proceedings footers, copyright lines and running heads.
 * `lines`: the lines of the first content pages, in reading order, with `furniture` marking running heads and
 * feet; `aside`: those of them outside the text (header, footnotes, furniture), where a proceedings or copyright
 * line may stand — in the text, "(c) 1998" is an item of a list; `front`: those of the front matter (the
 * header), where a year alone on its line is the paper's — in small print it is a table's column.
 */
export function publicationFacts(lines: Line[], aside: Set<Line>, front = new Set<Line>()): PublicationFacts {
  const facts: PublicationFacts = {};
  const set = (year: number | undefined, venue: string | undefined, from: PublicationSource) => {
    if (facts.year === undefined && plausibleYear(year) !== undefined) {
      facts.year = year;
      facts.yearFrom = from;
    }
    if (facts.venue === undefined && venue) {
      facts.venue = venue;
      facts.venueFrom = from;
    }
  };
  const citation = citationText(lines);
  if (citation) {
    const c = readCitation(citation);
    set(c.year, c.venue, "citation");
    // "et al." gives only the first of the authors; "u. a." likewise.
    const truncated = /\bet al\b|\bu\.\s?a\./i.test(citation);
    facts.cited = { title: c.title, author: truncated ? [] : (c.author ?? []) };
  }
  // The paper saying where it was published, on its first page: "A version of this manuscript has been published
  // online in the Journal of Statistical Software, on Oct. 2015, with DOI …".
  const firstPage = lines[0]?.page;
  const firstText = joinLines(lines.filter((l) => l.page === firstPage).map((l) => l.text)).replace(
    /\s+/g,
    " ",
  );
  const published = PUBLISHED_IN.exec(firstText) ?? BASED_ON.exec(firstText);
  if (published) set(Number(published[2]), journalName(published[1].trim()), "citation");
  const asides = lines.filter((l) => aside.has(l));
  for (let i = 0; i < asides.length; i++) {
    // The footer runs over two lines at most: "…, pages 696–703," / "Prague, Czech Republic, June 2007."
    const t = joinLines(asides.slice(i, i + 2).map((l) => l.text));
    const p = PROCEEDINGS.exec(asides[i].text.trim()) ? PROCEEDINGS.exec(t) : null;
    if (p) set(Number(YEAR.exec(t.slice(p.index + p[0].length))?.[1]), p[1].trim(), "proceedings");
  }
  for (const l of asides) {
    const c = CONFERENCE_LINE.exec(l.text.trim());
    if (c && /^\p{Lu}\p{L}*\p{Lu}/u.test(c[1])) set(Number(c[2]), c[1].trim(), "proceedings");
  }
  lines.forEach((l, i) => {
    const c = aside.has(l) ? COPYRIGHT.exec(l.text) : null;
    if (c) set(Number(c[1]), copyrightJournal(l, c.index, lines[i - 1]), "copyright");
  });
  // A journal's line in small print: "Rev World Econ (2009) 145:469–488" (Springer), "Forum Qualitative
  // Sozialforschung / Forum: Qualitative Social Research (ISSN 1438-5627)".
  for (const l of lines) {
    if (!aside.has(l)) continue;
    const j = JOURNAL_VOLUME_PAGES.exec(l.text.trim());
    if (j) set(Number(j[2]), j[1].trim(), "running-head");
    const n = JOURNAL_ISSN.exec(l.text.trim());
    if (n) set(undefined, n[1].trim(), "running-head");
  }
  // A running head that cites the journal: "zfwu 6/2 (2005), 155-172", "European Journal of … Relations 11(2)".
  for (const l of lines) {
    if (!l.furniture) continue;
    const c = HEAD_CITATION.exec(l.text.trim());
    if (c) set(Number(c[2]), c[1].trim(), "running-head");
    const v = HEAD_VOLUME_ISSUE.exec(l.text.trim());
    if (v) set(undefined, v[1].trim(), "running-head");
  }
  lines.forEach((l, i) => {
    const t = l.text.trim();
    // A running head or foot, or a short imprint line of the front matter ("BIOS, Jg. 26 (2013), Heft 1"), or
    // a longer one that ends in the paper's pages ("Discourse. Journal of … Research Heft 2-2016, S. 253-256").
    const imprint = t.length <= 70 || (t.length <= 120 && PAGE_RANGE.test(t));
    if (!l.furniture && !(aside.has(l) && imprint && /^\p{Lu}/u.test(t))) return;
    const v = VOLUME.exec(t) ?? ISSUE_OF_YEAR.exec(t) ?? YEAR_OF_SERIES.exec(t);
    const y = YEAR.exec(t);
    if (!v || !y) return;
    const at = Math.min(v.index, y.index);
    // The journal's name before its volume, or after it in a short head ("8/2004 INTERNATIONALE POLITIK"); after
    // it in a long imprint line come the pages, an ISSN, a DOI. A line that begins with its date has the name on
    // the line above, as a masthead sets it.
    const after = t.length <= 70 ? t.slice(v.index + v[0].length) : "";
    const before = at > 0 ? t.slice(0, at) : "";
    const venue = runningHeadVenue(before || after);
    const above = lines[i - 1];
    const masthead =
      !venue && DATE_FIRST.test(before) && above && (above.furniture || aside.has(above))
        ? mastheadName(l, above)
        : undefined;
    set(Number(y[1]), venue ?? masthead, "running-head");
  });
  // A journal's name and year over its volume or the paper's DOI, in small print: "Survey Research Methods
  // (2017)" / "Vol. 11, No. 1, pp. 17-44" / "doi:10.18148/srm/2017.v11i1.7149".
  lines.forEach((l, i) => {
    const j = aside.has(l) ? JOURNAL_YEAR.exec(l.text.trim()) : null;
    const near = lines.slice(Math.max(0, i - 1), i + 5).filter((m) => m !== l && aside.has(m));
    if (j && near.some((m) => DOI_LINE.test(m.text) || VOLUME.test(m.text)))
      set(Number(j[2]), j[1].trim(), "running-head");
  });
  // A date line of its own in the front matter or a running head: "Januar 2000", "30. Juni 2000", "July 2012",
  // an issue's "Ausgabe 51 Februar 2014" or "ISI 51 – Februar 2014"; or, in the front matter, a year alone.
  for (const l of lines) {
    const t = beforeStamp(l.text.trim());
    const year = issueDate(t) ?? (front.has(l) ? Number(YEAR_LINE.exec(t)?.[1]) : undefined);
    if (year && (l.furniture || aside.has(l))) set(year, undefined, "header");
  }
  // A report's imprint ("Impressum", "Imprint") ends with its place and date, "Berlin, April 2011"; so may its
  // title page. Not an editorial deadline's date ("Redaktionsschluss: November 2010": a label before it).
  const imprintPages = new Set(lines.filter((l) => IMPRINT_HEADING.test(l.text.trim())).map((l) => l.page));
  for (const l of lines) {
    const d = PLACE_DATE_LINE.exec(l.text.trim());
    if (d && (imprintPages.has(l.page) || front.has(l))) set(Number(d[1]), undefined, "header");
  }
  // Last, a series' banner with its number in the front matter or a running head: "ZUMA-Arbeitsbericht 99/05",
  // "SWP-Zeitschriftenschau 3", "GESIS Papers 2016|02" — the series is the venue of a report that names no other.
  for (const l of lines) {
    const m = front.has(l) || l.furniture ? SERIES_LINE.exec(l.text.trim()) : null;
    if (m) set(undefined, m[1].trim(), "header");
  }
  return facts;
}

/**
 * The journal a publisher's copyright block names: before the mark on its line ("Time & Society copyright © 2007
 * SAGE …") or alone on the line right over it in its type ("European Journal of Industrial Relations" over "© 2005
 * SAGE (London, …)", a line's space between at most). A name: capitalised words, a few small ones between, no digits, no sentence.
 */
function copyrightJournal(line: Line, mark: number, above: Line | undefined): string | undefined {
  const before = line.text
    .slice(0, mark)
    .replace(/\s*copyright\s*$/i, "")
    .trim();
  if (before) return journalName(before);
  const over =
    above &&
    above.page === line.page &&
    Math.abs(above.fontSize - line.fontSize) <= 0.5 &&
    line.top - above.bottom < 2 * line.fontSize;
  return over ? journalName(above.text.trim()) : undefined;
}

/**
 * arXiv's stamp up a preprint's margin (PdfPage.stamp): "arXiv:1403.2805v1 [stat.CO] 12 Mar 2014" — the identifier
 * with its version, and the year of that version's date: a repository's record of the paper, as a cover page is.
 */
export function readArxivStamp(stamp: string): { arxiv: string; year?: number } | undefined {
  const m = ARXIV_STAMP.exec(stamp);
  return m ? { arxiv: m[1], year: plausibleYear(Number(m[2])) } : undefined;
}
const ARXIV_STAMP =
  /\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)\s*\[[^\]]{1,24}\]\s*\d{1,2}\s+\p{L}{3,9}\.?\s+((?:19|20)\d\d)\b/u;

/**
 * A line that is the venue's name and nothing else but one word before it — a masthead ("JSS Journal of
 * Statistical Software"), a running head: no title, whatever its type size.
 */
export function isVenueLine(line: string, venue: string): boolean {
  const l = words(line);
  const v = words(venue);
  return v.length > 0 && l.length - v.length <= 1 && l.slice(l.length - v.length).join(" ") === v.join(" ");
}

/**
 * A journal's name alone on the line right over its imprint line, as a masthead sets it ("Journal of Statistical
 * Software" over "July 2008, Volume 27, Issue 3."), less a logo's acronym before it that its initials spell
 * ("JSS Journal of Statistical Software").
 */
function mastheadName(line: Line, above: Line): string | undefined {
  if (above.page !== line.page || line.top - above.bottom > 2 * line.fontSize) return undefined;
  const parts = above.text.trim().split(/\s+/);
  const initials = parts
    .slice(1)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join("");
  return journalName((parts.length > 2 && parts[0] === initials ? parts.slice(1) : parts).join(" "));
}

const SMALL_WORDS = new Set([
  "of",
  "and",
  "the",
  "for",
  "in",
  "on",
  "&",
  "für",
  "und",
  "der",
  "die",
  "das",
  "zur",
  "des",
]);

function journalName(text: string): string | undefined {
  const words = text.split(/\s+/);
  if (words.length > 10 || !/^\p{Lu}[\p{L}&:,'’ -]{2,100}$/u.test(text) || /[.!?]$/.test(text))
    return undefined;
  return words.every((w) => SMALL_WORDS.has(w.toLowerCase()) || /^\p{Lu}/u.test(w)) ? text : undefined;
}

/**
 * The paper's own sentence on where it was published (group 1 the journal, 2 the year): "A version of this
 * manuscript has been published online in the Journal of Statistical Software, on Oct. 2015", "This article was
 * published in Computational Statistics, 2014". Only the paper itself ("this …"): a sentence on another work's
 * publication is the text's.
 */
const PUBLISHED_IN =
  /\b(?:a version of this|this) (?:manuscript|paper|article|vignette|work|preprint)\b[^.]{0,40}?\b(?:has been|was|is|will be) (?:published|accepted)(?: online)?(?: for publication)? in (?:the )?(\p{Lu}[\p{L}&'’ -]{3,80}?)\s*[,(]\s*(?:on )?(?:[\p{L}.]{3,10}\s*)?((?:19|20)\d\d)\b/iu;

/**
 * The paper's own sentence on the publication it is a version of (group 1 the journal, 2 the year): "This
 * introduction to the twinSIR modeling framework … is based on a publication in the Journal of Statistical
 * Software – Meyer, Held, and Höhle (2017, Section 4) – …", "This vignette is a slightly modified version of an
 * article in the Journal of Statistical Software (Zeileis 2004)".
 */
const BASED_ON =
  /\bthis (?:vignette|introduction|manuscript|paper|article|document)\b[^.]{0,80}?\b(?:is|was) (?:based on|an? (?:[\p{Ll}]+ ){0,2}version of) (?:a|an|the) (?:publication|article|paper) in (?:the )?(\p{Lu}[\p{L}&'’ -]{3,80}?)\s*[–—,(-]\s*[^.()]{0,80}?\(?[^()]{0,40}?((?:19|20)\d\d)\b/iu;

/** A journal's name, (year), volume:pages, as Springer prints it (group 1 the name, 2 the year). */
const JOURNAL_VOLUME_PAGES =
  /^(\p{Lu}[\p{L}&.'’ -]{3,80}?)\s*\(((?:19|20)\d\d)\)\s*\d{1,4}\s*:\s*\d+\s*[–-]\s*\d+$/u;
/** A journal's name before its ISSN in brackets, alone on a line. */
const JOURNAL_ISSN =
  /^(\p{Lu}[\p{L}&:,/.'’ -]{3,120}?)\s*\(\s*(?:e-?|print\s+)?ISSN:?\s*\d{4}-\d{3}[\dX]\s*\)$/iu;

/** A journal's running head as a citation: name, volume/issue, (year), pages (group 1 the name, 2 the year). */
const HEAD_CITATION =
  /^(\p{L}[\p{L}&:,.'’ -]{1,100}?)\s+\d{1,3}\s*\/\s*\d{1,2}\s*\(((?:19|20)\d\d)\)\s*,?\s*(?:S\.|pp?\.)?\s*\d+\s*[–-]\s*\d+$/u;
/** A journal's running head as its name and volume(issue): "European Journal of Industrial Relations 11(2)". */
const HEAD_VOLUME_ISSUE = /^(\p{Lu}[\p{L}&:,'’ -]{3,100}?)\s+\d{1,3}\s*\(\d{1,2}\)$/u;

/** A journal's name and its year in brackets, alone on a line. */
const JOURNAL_YEAR = /^(\p{Lu}[\p{L}&.'’ -]{3,80}?)\s*\(((?:19|20)\d\d)\)$/u;
const DOI_LINE = /\bdoi\b|\b10\.\d{4,9}\//i;

const MONTHS =
  "jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:arch|ärz|aerz)|apr(?:il)?|ma[iy]|june?|juni|july?|juli|aug(?:ust)?|sep(?:tember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?|spring|summer|autumn|fall|winter|frühjahr|sommer|herbst";
/**
 * A line that is only a date — an issue's or a report's month and year — or an issue's number and date: a word
 * and a number before it (group 1: the word; group 2: the year). The word must be an issue's (issueDate).
 */
const DATE_LINE = new RegExp(
  `^(?:([\\p{L}.]+)\\s+\\d{1,3}\\s*[–—,-]?\\s*)?(?:\\d{1,2}\\.?\\s*)?(?:${MONTHS})\\.?\\s+((?:19|20)\\d\\d)$`,
  "iu",
);
/**
 * A conference's line in a copyright block: its acronym and year, then its dates ("CHI 2013 Extended Abstracts,
 * April 27–May 2, 2013, Paris, France.", "KDD’12, August 12–16, 2012, Beijing, China."): group 1 the venue,
 * group 2 the year. The acronym is checked for two capitals apart (the flag i lets months be any case).
 */
const CONFERENCE_LINE = new RegExp(
  `^(\\p{L}{2,12}\\s?(?:['’]\\d\\d|(?:19|20)\\d\\d)\\b[^,]{0,60}),\\s*(?:${MONTHS})\\.?\\s+\\d{1,2}\\b[^,]{0,20},\\s*((?:19|20)\\d\\d)\\b`,
  "iu",
);
/**
 * A series' name and number alone on a line (group 1 the name): the name ends in a word that names a series of
 * reports or papers, the number is digits with their separators ("99/05", "Nr. 7/2007", "2016|02").
 */
const SERIES_LINE =
  /^(\p{Lu}[\p{L}&/ -]{2,80}?(?:papers?|berichte?|reihe|series|schriftenreihe|reports?|arbeitspapiere?|zeitschriftenschau|materialien))\s*(?:no\.?|nr\.?|heft|vol\.?|band|bd\.)?\s*\d[\d/.|–-]*$/iu;
/** The heading of a report's imprint page. */
const IMPRINT_HEADING = /^(?:impressum|imprint)$/i;
/** A place and a month with its year, alone on a line: "Berlin, April 2011", "Bonn, im Mai 2005" (group 1 the year). */
const PLACE_DATE_LINE = new RegExp(
  `^\\p{Lu}[\\p{L}./ -]{1,40},\\s*(?:im\\s+|den\\s+)?(?:\\d{1,2}\\.?\\s*)?(?:${MONTHS})\\.?\\s+((?:19|20)\\d\\d)$`,
  "iu",
);
/** Words that number an issue. */
const ISSUE_WORD = /^(?:ausgabe|heft|nr\.?|no\.?|issue|number|nummer)$/i;

/**
 * The year of a date line: "Ausgabe 51 Februar 2014", "No. 4, May 2012", a series' initials ("ISI 51 – Februar
 * 2014"); not "Received 12 December 2009" — a word and a day is a paper's history, not its issue.
 */
function issueDate(text: string): number | undefined {
  const d = DATE_LINE.exec(text);
  if (!d || (d[1] && !ISSUE_WORD.test(d[1]) && !/^\p{Lu}{2,6}$/u.test(d[1]))) return undefined;
  return Number(d[2]);
}
/** A year alone on its line in the front matter: the year a report or working paper came out. */
const YEAR_LINE = /^((?:19|20)\d\d)$/;
/** A series number after its year, as working-paper series print it: "GESIS Papers 2016|02", "soFid … 2007/2". */
const YEAR_OF_SERIES = /\b(?:19|20)\d\d\s*(?:\|\s*\d{1,2}|\/\s*\d)(?![\d/])/;
/** A day after its month, as American dates print it: "May 29". */
const DAY_AFTER = "(?:\\s*\\d{1,2}(?:st|nd|rd|th)?)?";
/**
 * The month (and day) of an issue's date before its year, at the end of what precedes the year: "July" of "July
 * 2008, Volume 27, Issue 3." (the Journal of Statistical Software's masthead prints its name on the line above) —
 * a date, never a journal's name.
 */
const TRAILING_DATE = new RegExp(`(?:^|[\\s,])(?:\\d{1,2}\\.?\\s*)?(?:${MONTHS})\\.?${DAY_AFTER}$`, "iu");
/** What precedes the year of an imprint line that begins with its date: "July ", "3 December ", "May 29, ", nothing. */
const DATE_FIRST = new RegExp(`^\\s*(?:\\d{1,2}\\.?\\s*)?(?:(?:${MONTHS})\\.?${DAY_AFTER})?[\\s,]*$`, "iu");

/** The pages of the paper in its journal: "S. 253-256", "pp. 19–23". */
const PAGE_RANGE = /\b(?:s\.|pp?\.|pages?|seiten?)\s*\d+\s*[–-]\s*\d+\b/i;
/** An issue number over its year, as magazines print it: "8/2004 INTERNATIONALE POLITIK". */
const ISSUE_OF_YEAR = /\b\d{1,2}\s*\/\s*(?:19|20)\d\d\b/;

/**
 * The journal a running head names beside its volume or year: "Media and Communication (ISSN: …) 2017, …",
 * "8/2004 INTERNATIONALE POLITIK" (`text`: the head without the volume and what follows, or what precedes).
 */
function runningHeadVenue(text: string): string | undefined {
  const venue = text
    .replace(/\(\s*ISSN[^)]*\)?/i, "")
    .replace(/[\s|,.:;–—(-]+$/, "")
    .replace(TRAILING_DATE, "")
    .replace(/[\s|,.:;–—(-]+$/, "")
    .replace(/^[\s|\d–—-]+/, "")
    .trim();
  const words = venue.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w));
  return words.length >= 1 && words.length <= 12 && /\p{Lu}/u.test(venue) ? venue : undefined;
}

/**
 * The authors of the paper's citation of itself, where that citation is the paper's (its title is the one the
 * header read, or begins it) and names more people than the header found, every one of them among its names:
 * ACM's journals set the byline in capitals, a person a line with the affiliation after a comma, and print the
 * whole author list again in their "ACM Reference Format" line. Undefined otherwise: the header's stand.
 */
export function citedAuthors(
  cited: PublicationFacts["cited"],
  title: string | undefined,
  found: CslName[],
): CslName[] | undefined {
  if (!cited?.title || !title || cited.author.length <= found.length) return undefined;
  const [a, b] = [words(cited.title).join(" "), words(title).join(" ")];
  if (!a || !b || !(a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `))) return undefined;
  const family = (n: CslName) => words(n.family ?? n.literal ?? "").join(" ");
  const names = new Set(cited.author.map(family));
  return found.every((n) => names.has(family(n))) ? cited.author : undefined;
}
