/** The authors of a paper from its front matter: names split into persons on every separator printed. */
import type { CslName } from "../../formats/csl.ts";
import type { Line } from "../../layout/types.ts";
import { splitNames } from "../reference/names.ts";
import { lineStarts, overlap, type TaggedSpan } from "./tag.ts";

/** A line of names: "Heather Menzies and Janice Newson", "ANDREAS RASCHE AND MANUEL ESCUDERO*". */
export const NAMES_LINE =
  /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+[*∗†‡§¶\d]*(?:\s*(?:,|;|\/|and|und|&)\s*(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+[*∗†‡§¶\d]*)+$/u;

/** Markers that tie authors to affiliations: digits, letters in superscript, symbols. */
const AUTHOR_MARKS = /[*†‡§¶∗⁎#✉☯◦•]|\b\d{1,2}\b|\(\d\)/g;

export function splitAuthors(text: string): CslName[] {
  const cleaned = text
    // A line with dot leaders is a table of contents' ("Kapitalismus........ 12"), not names.
    .replace(/^.*\.{4,}.*$/gm, "")
    // Every separator printed between persons: "·", "•", "Æ" (Springer's), ";", "|", "/" ("Peter Becker / Anne Pintz").
    .replace(/\s+[·•Æ;|/]\s+/g, ", ")
    // Names in capitals: "ANDREAS RASCHE AND MANUEL ESCUDERO" → "Andreas Rasche and Manuel Escudero".
    .replace(/\b(\p{Lu})(\p{Lu}+)\b/gu, (w, a: string, b: string) =>
      /^(?:AND|UND)$/.test(w)
        ? w.toLowerCase()
        : w.length > 3 || /[AEIOUY]/.test(b)
          ? a + b.toLowerCase()
          : w,
    )
    .replace(/^\s*[*∗†‡]*\s*(?:by|von|from)\s+/i, "")
    // Marks glued to a name ("Berardi1", "Thomason1☯,"), and a society's grades ("Member, IEEE", "MEMBER SPIE").
    .replace(/(?<=\p{L})[\d*†‡§¶∗⁎#✉☯◦•$+?]+(?:,[\d*†‡§¶∗⁎#$+?]+)*/gu, " ")
    .replace(
      /,?\s*\b(?:(?:senior|student|life|associate)\s+)?(?:member|fellow),?\s+(?:of\s+)?(?:IEEE|SPIE|ACM|OSA|ASME|AIAA|ASCE)\b/gi,
      " ",
    )
    // An author note's heading ("Author Note", APA's) is no person.
    .replace(/^\s*authors?['’]?s?\s+notes?\s*$/gim, "")
    // A generation after a whole name ("John H. Lienhard V", "Martin Luther King Jr."), read otherwise as initials.
    .replace(
      /(\p{Lu}\p{Ll}+\s+(?:\p{Lu}\.\s*)*\p{Lu}\p{Ll}*(?:\p{Lu}\p{Ll}+)?[\p{Ll}'’-]*),?\s+(?:Jr\.?|Sr\.?|II|III|IV|V|VI)(?=\s*(?:[,;&\n]|and\b|und\b|$))/gu,
      "$1",
    )
    .replace(AUTHOR_MARKS, " ")
    .replace(/\b(?:by|authors?|and)\s*:/gi, " ")
    .replace(/\s*\n\s*/g, ", ")
    .replace(/(?:\s*,\s*)+/g, ", ");
  // Each person once: a corresponding-author line names an author again ("*Corresponding author: A. Smith").
  const seen = new Set<string>();
  return splitNames(cleaned).filter((n) => {
    const family = (n.family ?? n.literal ?? "").toLowerCase();
    const key = `${family}|${(n.given ?? "").charAt(0).toLowerCase()}`;
    // A title page prints a person's name whole: a lone word ("Zusammenfassung", "Paper", "Berlin") is a heading
    // or a place the model took for a name (1 of the 345 authors in our gold goes unnamed so: a mononym).
    if (!n.given?.trim() || /\d/.test(`${n.given} ${family}`)) return false;
    // A lone capital for a given name, no stop after it, is a project's letter ("R Enthusiasts", "C Team"): a title
    // page prints a person's initial with its stop (none of the 501 authors in our gold goes without one).
    if (/^\p{Lu}$/u.test(n.given.trim())) return false;
    if (!personLike(`${n.given} ${n.family ?? n.literal ?? ""}`)) return false;
    if (family.length <= 1 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The small words a name may hold: particles ("Donatella della Porta", "Cândido da Agra", "Ulrich van Suntum"). */
const PARTICLE =
  /^(?:van|von|vom|zu|de|der|den|des|del|della|delle|di|da|das|dos|do|du|la|le|ter|ten|te|y|e|bin|ibn|al|el|d['’]\p{L}+)$/u;
/** Words that open a title, never a name ("Die Ambivalenz", "The …", "It"). */
const NOT_A_NAME = /^(?:The|Die|Der|Das|Ein|Eine|It|Of|In|On|For|With|From)$/;
/** Words that name a body of people, never a person: "R Core Development Team", "Debian Project" under a name. */
const ORGANISATION =
  /^(?:Team|Project|Group|Consortium|Committee|Foundation|Society|Société|Sociedad|Società|Sociedade|Association|Academy|Académie|Federation|Fédération|Council|Institute|Institut|University|Universität|Department|Laboratory|Network|Initiative|Ministry|Inc\.?|Ltd\.?|GmbH|gGmbH|mbH|e\.\s?V\.|Corporation|Center|Centre|Faculty|College|School|Division|Abt\.|Lehrstuhl|[\p{L}-]*(?:vereinigung|verband|verein|gesellschaft|stiftung|institut|ministerium|akademie|zentrum|abteilung|fakultät|hochschule|fachbereich))$/iu;

/**
 * Whether the words the name splitter made into a person can be one: a title's words read as a name are not
 * ("A Split Ballot Experiment in | Ethiopia", "Der Osten I. Die | Eu-Osterweiterung", "Sozio-oekonomischen Panels.
 * – | Berlin") — a small word that is no particle, a title's first word, a dash, a word that names a body of people,
 * or a word of five letters or more with a full stop after it (the end of a sentence; an abbreviated name is
 * shorter: "Chr.", "Wm.").
 */
function personLike(name: string): boolean {
  return name
    .trim()
    .split(/\s+/)
    .every(
      (w) =>
        !(/^\p{Ll}/u.test(w) && !PARTICLE.test(w)) &&
        !NOT_A_NAME.test(w) &&
        !ORGANISATION.test(w) &&
        !/^[-–—]+$/.test(w) &&
        !/^\p{L}{5,}\.$/u.test(w),
    );
}

/**
 * One person's name as printed on a title page: "Frank Umbach", "von Frank Umbach", "J. R. Smith*", "Gretchen
 * McHenry", "Rob J Hyndman" (a middle initial without its stop).
 */
export const ONE_NAME =
  /^(?:(?:by|von)\s+)?(?:\p{Lu}[\p{Ll}'’-]+(?:\p{Lu}[\p{Ll}'’-]+)?|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{Ll}'’-]+(?:\p{Lu}[\p{Ll}'’-]+)?|\p{Lu}\.|\p{Lu}(?=\s)|van|von|de|der|den|da|du|di|dos|la|le)){1,3}[*∗†‡§¶\d,]*$/u;

/**
 * The authors printed next to the title, when the model labelled none: of the runs of lines in one type nearest
 * to the title — right under it, right above it, then the next run on each side (past the affiliation under an
 * author block set above the title: "Geraldine Healy, Mustafa Özbilgin and Hanife / Aliefendioğlu", "Queen Mary,
 * University of London …", then the title) — the first that is only names, its lines joined.
 */
export function namesBesideTitle(lines: Line[], first: number, last: number): string {
  const below = typeRuns(lines, last + 1, 1, 3);
  const above = typeRuns(lines, first - 1, -1);
  const names = (run: Line[]) => {
    // A name a line ("Irina Busygina" over "Mikhail Filippov") is a person a line; else the lines read on.
    const each = run.length > 1 && run.every((l) => ONE_NAME.test(l.text.trim()));
    const t = run
      .map((l) => marksSetApart(l.text.trim(), l).replace(/\s+/g, " ").trim())
      .join(each ? "\n" : " ")
      .replace(/ +/g, " ");
    return !AFFILIATION_WORDS.test(t) && (NAMES_LINE.test(t) || ONE_NAME.test(t)) ? t : undefined;
  };
  // Of a run, its lines nearest the title: all of them, else fewer (a name line over the first line of its
  // institution in the same type).
  const nearest = (run: Line[] | undefined, side: 1 | -1) => {
    for (let n = run?.length ?? 0; n > 0; n--) {
      const t = run && names(side === 1 ? run.slice(0, n) : run.slice(-n));
      if (t) return t;
    }
    return undefined;
  };
  // Last, a name set under its institution's block (a logo's name, then the institute: "ifgi" / "Institute for
  // Geoinformatics" / "University of Münster" / "Edzer Pebesma"): the third run under the title, when the two
  // before it name an institution.
  const underInstitution = below.slice(0, 2).some((run) => run.some((l) => AFFILIATION_WORDS.test(l.text)));
  return (
    nearest(below[0], 1) ??
    nearest(above[0], -1) ??
    nearest(below[1], 1) ??
    nearest(above[1], -1) ??
    (underInstitution ? nearest(below[2], 1) : undefined) ??
    ""
  );
}

/** Up to `most` runs of lines of one type (size and weight), of three lines at most, from `from` in direction `step`. */
function typeRuns(lines: Line[], from: number, step: 1 | -1, most = 2): Line[][] {
  const runs: Line[][] = [];
  let run: Line[] = [];
  for (let i = from; i >= 0 && i < lines.length && runs.length < most; i += step) {
    const l = lines[i];
    const prev = run.at(-1);
    if (prev && (Math.abs(l.fontSize - prev.fontSize) > 0.3 || l.bold !== prev.bold || run.length === 3)) {
      runs.push(step === 1 ? run : run.reverse());
      run = [];
    }
    run.push(l);
  }
  if (run.length && runs.length < most) runs.push(step === 1 ? run : run.reverse());
  return runs;
}

/** Words that make a line an institution's, never a person's: "Australian National University". */
export const AFFILIATION_WORDS =
  /\b(?:univ\w*|institut\w*|department|dept\.|school|college|faculty|fakultät|lehrstuhl|zentrum|center|centre|laborator\w*|gmbh|e\.\s?v\.|research|forschung\w*|academy|akademie|hochschule|ministry|bundes\w+)\b/i;

/** A line that is only a person's names, once titles ("Dr.", "Prof.") and marks are set aside. */
function onlyNames(text: string): string | undefined {
  const t = text
    .replace(/\b(?:Prof|Dr|PD|Dipl|Mag)\.(?:\s*-?\s*\w+\.)*\s*/g, "")
    // A mark may stand between a name and "and" with no space ("Manuel Luque‡and Herbert Voß§").
    .replace(/(?<=\p{L})[\d*†‡§¶∗?]+(?:,[\d*†‡§¶∗?]+)*/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (AFFILIATION_WORDS.test(t)) return undefined;
  return NAMES_LINE.test(t) ||
    ONE_NAME.test(t) ||
    (/^(?:[^,]+,\s*)+[^,]+,?$/.test(t) && t.split(",").every((p) => !p.trim() || ONE_NAME.test(p.trim())))
    ? t
    : undefined;
}

/**
 * The authors' text of a header: what the token model labelled author, a whole line where the line is only
 * names (the model often stops after the first of two: "Markéta Ševčíková1,* and Kaarle Nordenstreng2"), and the
 * lines of names that follow in the same type (an author block of one name a line, each with its institution
 * under it: "Arnold Riedmann (TNS…) Dr. Angelika Kümmerling (…)").
 */
/**
 * Names set beside an author's, in the same row and type: author blocks side by side ("Alexander Smola" and, in
 * the next column, "Shravan Narayanamurthy", each over an affiliation), whose second name the model read as the
 * first block's affiliation or left out. Only lines that are one person's name and nothing else.
 */
export function namesInAuthorRow(lines: Line[], authors: CslName[]): string[] {
  const first = authors[0]?.family;
  if (!first) return [];
  const known = authors.map((a) => a.family ?? "").filter(Boolean);
  const sameType = (l: Line, own: Line) =>
    l !== own && l.page === own.page && Math.abs(l.fontSize - own.fontSize) <= 0.3 && l.bold === own.bold;
  const own = lines.find((l) => ONE_NAME.test(l.text.trim()) && l.text.includes(first));
  if (own)
    return lines
      .filter(
        (l) =>
          sameType(l, own) &&
          Math.abs(l.top - own.top) <= 0.25 * own.fontSize &&
          ONE_NAME.test(l.text.trim()) &&
          !known.some((f) => l.text.includes(f)),
      )
      .map((l) => l.text.trim());
  // Or stacked, a line each, the name before its affiliation ("Charles Q. Lau, Survey Research Division, RTI
  // International" over "Gretchen McHenry, Survey Research Division, RTI International").
  const nameFirst = (l: Line) => {
    const m = /^([^,]+),\s+\p{Lu}/u.exec(l.text.trim());
    return m && ONE_NAME.test(m[1]) ? m[1] : undefined;
  };
  const at = lines.findIndex((l) => nameFirst(l)?.includes(first));
  if (at < 0) return [];
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && i <= at + 5 && sameType(lines[i], lines[at]); i++) {
    const name = nameFirst(lines[i]);
    if (!name) break;
    if (!known.some((f) => name.includes(f))) out.push(name);
  }
  return out;
}

/** Words of running text: three letters or more, in small letters, not a name's particle or "and". */
const proseWords = (text: string) =>
  text
    .split(/\s+/)
    .filter((w) => /^\p{Ll}{3,}[,.;:]?$/u.test(w) && !/^(?:and|und|van|von|der|den|del|della)[,.]?$/.test(w))
    .length;

/**
 * A line inside a paragraph of running text (the lines over and under it read on from it and are sentences): no
 * author is printed there — the model's "author" is a list of places or people an abstract names ("North-West
 * Russia, Norway and Iceland").
 */
function inProse(lines: Line[], i: number): boolean {
  const [before, line, after] = [lines[i - 1], lines[i], lines[i + 1]];
  if (!before || !after || line.blockStart || after.blockStart) return false;
  const same = (l: Line) => Math.abs(l.fontSize - line.fontSize) <= 0.3 && l.page === line.page;
  return same(before) && same(after) && proseWords(before.text) >= 3 && proseWords(after.text) >= 3;
}

/** An affiliation's or a note's mark set in superscript after a name: letters, digits, signs, commas ("a,1,∗"). */
const SUPERSCRIPT_MARK = /^[\p{L}\d*∗†‡§¶?,)]{1,12}$/u;

/**
 * `text` (of `line`) with the marks its names carry in superscript set apart: "Jos Migchielsena,1,∗" →
 * "Jos Migchielsen ,": the text layer glues a mark to its name, and a letter glued so (Elsevier's "a", "b") reads
 * as the name's own — splitAuthors strips digits and signs, but cannot tell a mark's letter from the name's.
 */
export function marksSetApart(text: string, line: Line): string {
  let out = text;
  const ws = line.words;
  for (let i = 1; i < ws.length; i++) {
    const name = ws[i - 1];
    if (name.superscript || !/[\p{L},]$/u.test(name.text)) continue;
    // The run of marks after the name, glued as the text layer gives them ("Author,1,b)": "1," and "b)").
    let j = i;
    while (j < ws.length && ws[j].superscript && SUPERSCRIPT_MARK.test(ws[j].text)) j++;
    if (j === i) continue;
    const marks = ws
      .slice(i, j)
      .map((w) => w.text)
      .join("");
    // The whole run, or (where the text was cut inside it) its letters before a character that is none.
    const letters = /^\p{L}+/u.exec(marks)?.[0];
    if (out.includes(`${name.text}${marks}`)) out = out.replace(`${name.text}${marks}`, `${name.text} `);
    else if (letters)
      out = out.replace(
        new RegExp(`(?<=${escapeRegExp(name.text)})${escapeRegExp(letters)}(?!\\p{L})`, "u"),
        " ",
      );
    i = j;
  }
  return out;
}

/** `s` as a regular expression's literal text. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A person a line whose given names are initials in capitals without stops: "CV Radhakrishnan2" (Elsevier's). */
const CAPITALS_INITIALS_NAME = /^\p{Lu}{2,3}\s+\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?[*∗†‡§¶?\d,]*$/u;

/**
 * Institutions whose names read as a person's, or with a word that names a place of work: what the model read as
 * an institution in the names' type stays one.
 */
const NAMED_INSTITUTION =
  /\b(?:hospital|clinic|klinik(?:um)?|labs?|laborator(?:y|ies)|medicine|medical|tech|polytechnic|politecnico|charité|carnegie\s+mellon|johns\s+hopkins|max\s+planck|penn\s+state|fraunhofer|helmholtz|leibniz)\b/iu;

/** Two lines in one type: the same size and weight. */
function sameType(a: Line, b: Line): boolean {
  return Math.abs(a.fontSize - b.fontSize) <= 0.3 && a.bold === b.bold;
}

/**
 * The names that follow an author's line in its type and weight, past lines of institutions (up to 8 lines a
 * name): an author block of one name a line, each with its institution under it. `labelled`: lines the model
 * read as something else, passed over. `apart`: each name must stand apart from the one before by a line in
 * another type (its institution, set smaller) — where no model's labels tell a name from an institution set in
 * the names' type ("Google Brain"), only that pattern does; a function: the lines that must (the model's
 * institutions: a name it read as one counts only in that pattern).
 */
export function namesAfter(
  lines: Line[],
  last: number,
  labelled: (i: number) => boolean = () => false,
  apart: boolean | ((i: number) => boolean) = false,
): string[] {
  const out: string[] = [];
  const type = lines[last];
  let between = false;
  for (let i = last + 1, since = 0; type && i < lines.length && since < 8; i++, since++) {
    const l = lines[i];
    if (!sameType(l, type)) {
      between = true;
      continue;
    }
    if (labelled(i)) continue;
    const t = marksSetApart(l.text.trim(), l).trim();
    const names = onlyNames(t) ?? (CAPITALS_INITIALS_NAME.test(t) ? t : undefined);
    if (!names || ((typeof apart === "function" ? apart(i) : apart) && !between)) continue;
    out.push(names);
    since = 0;
    between = false;
  }
  return out;
}

/** Words that come before the people a note thanks. */
const THANKS =
  /\b(?:thank(?:s|ful)?(?:\s+to)?|grateful\s+to|indebted\s+to|danke[n]?|Dank\s+(?:an|gilt)|gratitude\s+to)\s*$/i;

/**
 * The lines of the persons the model labelled, one a line; never a line of the title (the lines `title` spans,
 * where the title's type decided against the model), of running text or of thanks.
 */
export function authorLines(
  lines: Line[],
  text: string,
  spans: TaggedSpan[],
  title?: { first: number; last: number },
): string {
  const starts = lineStarts(lines);
  const on = (s: TaggedSpan, i: number) => overlap(s, starts[i], starts[i] + lines[i].text.trim().length) > 0;
  // People thanked in a note are not its authors ("** I wish to thank Ray Richardson, John Kelly and …").
  const authors = spans.filter(
    (s) => s.label === "author" && !THANKS.test(text.slice(Math.max(0, s.start - 40), s.start)),
  );
  const out: string[] = [];
  let lastAuthorLine = -1;
  lines.forEach((line, i) => {
    if (inProse(lines, i) || (title && i >= title.first && i <= title.last)) return;
    const parts = authors
      .filter((s) => on(s, i))
      .map((s) =>
        text.slice(Math.max(s.start, starts[i]), Math.min(s.end, starts[i] + line.text.trim().length)),
      );
    if (parts.length === 0) return;
    // One word of a title's line is the title's ("…Self-Archiving, Now" over "Stevan Harnad"), not a person.
    const oneWord = parts.join(" ").trim().split(/\s+/).length === 1;
    if (oneWord && spans.some((s) => s.label === "title" && on(s, i))) return;
    out.push(marksSetApart(onlyNames(line.text.trim()) ?? parts.join(" "), line));
    lastAuthorLine = i;
  });
  if (lastAuthorLine < 0) return "";
  // The block goes on in the author's type, for as long as names come — on lines the model gave no other label
  // ("Microsoft Corporation", "One Microsoft Way": an address), or read as an institution where each name
  // stands over its own in another type, under another's (the last of four names over "Department, University,
  // …" read as one).
  const labelledAs = (i: number, label: (l: string) => boolean) =>
    spans.some((s) => s.label !== "author" && label(s.label) && on(s, i));
  const institution = (i: number) => labelledAs(i, (l) => l === "affiliation");
  // Not an institution that reads as a name ("Carnegie Mellon", "Mayo Clinic"), nor one in italics under names
  // set upright.
  const overAnother = (i: number) =>
    lines[i + 1] !== undefined &&
    !sameType(lines[i + 1], lines[i]) &&
    !NAMED_INSTITUTION.test(lines[i].text) &&
    lines[i].italic === lines[lastAuthorLine].italic;
  out.push(
    ...namesAfter(
      lines,
      lastAuthorLine,
      (i) => labelledAs(i, (l) => l !== "affiliation") || (institution(i) && !overAnother(i)),
      institution,
    ),
  );
  return out.join("\n");
}
