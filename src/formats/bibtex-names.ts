/**
 * BibTeX name lists, read and written as bibtex reads them: names joined by "and" (at brace depth 0), each
 * "First von Last", "von Last, First" or "von Last, Jr, First"; a name wholly in braces is one literal name
 * ("{World Health Organization}"); "others" ends a list that was cut short. Parsed on the LaTeX, decoded part by
 * part, so that a brace or an accent never splits a name.
 */
import type { CslName } from "./csl.ts";
import { latexToUnicode, unicodeToLatex } from "./latex.ts";

/** Most names read from one field: a longer list is cut there (biber's own limit is far above any paper's). */
const MAX_NAMES = 2000;

/** Splits at depth 0 where the sticky `separator` matches; the pieces keep their braces. */
function splitTop(s: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      separator.lastIndex = i;
      const m = separator.exec(s);
      if (m) {
        out.push(s.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(s.slice(start));
  return out;
}

/**
 * A von word starts in lower case: its first letter, read through an accent command ("{\'e}tienne" is lower
 * case); a word opening on a plain brace group ("{D}e la") counts as capitalised, as bibtex counts it.
 */
function isLowerWord(word: string): boolean {
  if (/^\{[^\\]/.test(word)) return false;
  const letter = latexToUnicode(word).match(/\p{L}/u)?.[0];
  return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
}

const words = (s: string) => splitTop(s.trim(), /\s+|~/y).filter((w) => w.trim());
const decode = (ws: string[]) => latexToUnicode(ws.join(" "));

function parseName(raw: string): CslName | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  // One brace group, not an accent ("{\\"O}zkal"): one name as it stands.
  if (/^\{[\s\S]*\}$/.test(s) && splitTop(s, /\s+/y).length === 1 && !s.startsWith("{\\"))
    return { literal: latexToUnicode(s.slice(1, -1)) };
  const parts = splitTop(s, /,/y).map((p) => p.trim());
  let first: string[] = [];
  let vonLast: string[];
  let jr: string[] = [];
  if (parts.length === 1) {
    const ws = words(parts[0]);
    // First von Last: von starts at the first lower-case word that is not the last word.
    const vonStart = ws.findIndex((w, i) => i < ws.length - 1 && isLowerWord(w));
    if (vonStart < 0) {
      first = ws.slice(0, -1);
      vonLast = ws.slice(-1);
    } else {
      first = ws.slice(0, vonStart);
      vonLast = ws.slice(vonStart);
    }
  } else {
    vonLast = words(parts[0]);
    if (parts.length >= 3) {
      jr = words(parts[1]);
      first = words(parts.slice(2).join(","));
    } else first = words(parts[1]);
  }
  // von is the longest run of words up to the last lower-case one, the last word never included.
  let vonEnd = 0;
  for (let i = 0; i < vonLast.length - 1; i++) if (isLowerWord(vonLast[i])) vonEnd = i + 1;
  const name: CslName = {};
  const family = decode(vonLast.slice(vonEnd));
  const von = decode(vonLast.slice(0, vonEnd));
  const given = decode(first);
  const suffix = decode(jr);
  if (family) name.family = family;
  if (given) name.given = given;
  if (von) name["non-dropping-particle"] = von;
  if (suffix) name.suffix = suffix;
  if (!name.family && name.given) return { family: name.given };
  return name.family ? name : undefined;
}

/** A BibTeX name list as CSL names; "and others" (a list cut short) is left out. */
export function parseBibtexNames(raw: string): CslName[] {
  return splitTop(raw, /\s+and\s+/iy)
    .slice(0, MAX_NAMES)
    .filter((n) => n.trim().toLowerCase() !== "others")
    .map(parseName)
    .filter((n): n is CslName => n !== undefined);
}

/** A name part with a lower-case first word and no particle of its own, braced so it stays the family name. */
function familyLatex(family: string, particle: boolean): string {
  const latex = unicodeToLatex(family);
  const needsBraces =
    (!particle && /^\P{Lu}*\p{Ll}/u.test(family) && family.includes(" ")) || /,|\band\b/i.test(family);
  return needsBraces ? `{${latex}}` : latex;
}

/** One CSL name as bibtex reads it back: "von Last, Jr, First" or a literal in braces. */
export function formatBibtexName(name: CslName): string {
  if (name.literal !== undefined) return `{${unicodeToLatex(name.literal)}}`;
  const particle = name["non-dropping-particle"] ?? name["dropping-particle"];
  const last = [particle && unicodeToLatex(particle), familyLatex(name.family ?? "", !!particle)]
    .filter(Boolean)
    .join(" ");
  const given = name.given ? unicodeToLatex(name.given) : "";
  if (name.suffix) return `${last}, ${unicodeToLatex(name.suffix)}, ${given}`;
  if (given) return `${last}, ${given}`;
  // A family name alone: with a comma when it has several words, so that none is taken for a given name.
  return /\s/.test(name.family ?? "") && !particle ? `${last},` : last;
}

export function formatBibtexNames(names: CslName[]): string {
  return names.map(formatBibtexName).join(" and ");
}
