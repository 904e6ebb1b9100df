/**
 * Splits the author (or editor) field of a printed reference into persons: "Smith, J., Jones, K.",
 * "J. Smith and K. Jones", "Smith J, Jones K", "Abel T., Bryan G. L.", "A. Cau, R. Kuiper, and W.-P. de Roever",
 * "van der Aalst, W. M. P.", "MOMENTEAU M.", "Smith et al.".
 */
import type { CslName } from "../../formats/csl.ts";
import { PARTICLES } from "./lexicon.ts";

const MAX_NAMES = 200;

/** "J.", "J", "JJ", "W.-P.", "J.-P", "Th." — a given name written as initials. */
function isInitials(word: string): boolean {
  return /^(?:\p{Lu}\p{Ll}?\.?-?)+$/u.test(word) && (word.includes(".") || /^\p{Lu}{1,3}$/u.test(word));
}

function allInitials(words: string[]): boolean {
  return words.length > 0 && words.every(isInitials);
}

/** A family name set in capitals: "APPELBAUM" (not initials, "JJ"). */
function caps(w: string): boolean {
  return w.length >= 2 && /\p{Lu}{2}/u.test(w) && w === w.toUpperCase() && !isInitials(w);
}

/** "MOMENTEAU" → "Momenteau"; mixed case ("McDonald", "DeWitt") is kept as printed. */
function fixCaps(word: string): string {
  if (word.length < 3 || word !== word.toUpperCase() || !/\p{Lu}/u.test(word)) return word;
  return word
    .toLowerCase()
    .replace(/(^|[-'’\s])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function person(familyWords: string[], givenWords: string[]): CslName | undefined {
  const family = [...familyWords];
  const particles: string[] = [];
  while (family.length > 1 && PARTICLES.has(family[0])) particles.push(family.shift()!);
  // Particles printed at the end of the given names ("Aalst, W. M. P. van der").
  const given = [...givenWords];
  while (given.length > 1 && PARTICLES.has(given[given.length - 1])) particles.unshift(given.pop()!);
  const name: CslName = {};
  const f = family.map(fixCaps).join(" ");
  if (!f) return undefined;
  name.family = f;
  if (given.length) name.given = given.join(" ");
  if (particles.length) name["non-dropping-particle"] = particles.join(" ");
  return name;
}

/** One name with no comma inside: "J. Smith", "Smith J", "Alexander Vrchoticky", "W.-P. de Roever". */
function nameFromWords(words: string[]): CslName | undefined {
  if (words.length === 0) return undefined;
  if (words.length === 1) return person(words, []);
  // Family first, initials after: "Smith J", "Abel T.", "Pérez-Higueras JJ", "de la Macorra JC".
  let i = words.length;
  while (i > 1 && isInitials(words[i - 1])) i--;
  if (i < words.length && !isInitials(words[0])) return person(words.slice(0, i), words.slice(i));
  // Family in capitals first: "APPELBAUM Eileen", "DURAND Jean-Pierre", "VAN DER AALST Wil".
  let c = 0;
  while (c < words.length - 1 && (caps(words[c]) || (c > 0 && PARTICLES.has(words[c].toLowerCase())))) c++;
  if (c > 0 && caps(words[0]) && words.slice(c).every((w) => !caps(w)))
    return person(words.slice(0, c), words.slice(c));
  // Initials first: "J. Smith", "W.-P. de Roever".
  let j = 0;
  while (j < words.length - 1 && isInitials(words[j])) j++;
  if (j > 0) {
    // "J. Andrew Bagnell": the middle names after the initials are given names too.
    let k = words.length - 1;
    while (k > j && PARTICLES.has(words[k - 1])) k--;
    return person(words.slice(k), words.slice(0, k));
  }
  // Full names: the family name is the last word, with the particles before it.
  let k = words.length - 1;
  while (k > 1 && PARTICLES.has(words[k - 1])) k--;
  return person(words.slice(k), words.slice(0, k));
}

// Abbreviated cues need their period or brackets, or lower case: "Ed Chang" is a name, "Ed." and "ed" are not.
const CUES =
  /\b(?:eds?\.|editors?\b|edited by\b|hrsg\b\.?|hg\.|dir\.|a cura di\b|curr?\.|coords?\.|trans\.|translated by\b)|\((?:eds?|hrsg|hg|dir|coord)\.?\)/giu;
const LOWER_CUES = /\b(?:eds?|hg|dir|trans)\b/gu;

/** The persons named in an author or editor field, in order. */
export function splitNames(field: string): CslName[] {
  let text = field
    .slice(0, 5000)
    .replace(/\s+/g, " ")
    .replace(/^\s*(?:in|by|von|dans)\s*:?\s+/i, "")
    .replace(/\bet\.? al\b\.?|\bu\.\s?a\.|\band others\b/gi, "")
    .replace(CUES, "")
    .replace(LOWER_CUES, "")
    .replace(/[()[\]]/g, " ")
    .trim()
    .replace(/[\s,;:]+$/, "");
  // A final period belongs to an initial ("Smith, J."), not after a full word ("John Smith.").
  if (!/(?:^|[\s.-])\p{Lu}\.$/u.test(text)) text = text.replace(/[\s,;:.]+$/, "");
  if (!text) return [];
  // "Donsbach, W./Wolling, J.", "Budge, Ian; Farlie, Dennis": slashes and semicolons part persons, so each
  // part with one comma is "Family, Given" whatever the given names look like.
  const persons = text.split(/\s*(?:;|\s\/\s|(?<=[\p{L}.])\/(?=\s*\p{Lu}))\s*/u).filter(Boolean);
  if (persons.length > 1) return persons.flatMap((p) => splitNames(p)).slice(0, MAX_NAMES);
  // "and", "&", "und", "et", "e", "y" between names become commas; so do semicolons.
  text = text.replace(/\s*(?:;|&|\band\b|\bund\b|\bet\b|\be\b|\by\b|\bi\b)\s*/gu, ", ");
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const names: CslName[] = [];
  // Decide once for the whole list: "Family, Given, Family, Given" when every second part is a given name.
  const words = parts.map((p) => p.split(" ").filter(Boolean));
  // One person written "Family, Given Names": "Downs, Anthony", "Calvert, Randall L.", "Breidenbach, B. von".
  const givenLike = (w: string[]) =>
    w.length >= 1 &&
    w.length <= 4 &&
    /^\p{Lu}/u.test(w[0]) &&
    w.every((x) => /^\p{Lu}/u.test(x) || PARTICLES.has(x));
  if (
    parts.length === 2 &&
    words[0].length >= 1 &&
    words[0].filter((x) => !PARTICLES.has(x)).length === 1 &&
    !isInitials(words[0][words[0].length - 1]) &&
    givenLike(words[1]) &&
    (allInitials(words[1]) || words[1].length <= 3)
  ) {
    const only = person(words[0], words[1]);
    return only ? [only] : [];
  }
  const pairs =
    parts.length >= 2 &&
    words.every((w, i) =>
      i % 2 === 1 ? allInitials(w) || (w.length <= 2 && /^\p{Lu}/u.test(w[0])) : true,
    ) &&
    words.some((w, i) => i % 2 === 1 && allInitials(w)) &&
    words.every((w, i) => i % 2 === 1 || !w.some(isInitials));
  for (let i = 0; i < words.length && names.length < MAX_NAMES; i++) {
    const w = words[i];
    const next = words[i + 1];
    let name: CslName | undefined;
    const capsPair =
      w.length === 1 && caps(w[0]) && next !== undefined && givenLike(next) && !next.some(caps);
    if (
      pairs ||
      capsPair ||
      (next && allInitials(next) && !allInitials(w) && w.length <= 3 && !w.some(isInitials))
    ) {
      // "Smith, J." — this part is the family name, the next its given names.
      name = person(w, next ?? []);
      i++;
    } else {
      name = nameFromWords(w);
    }
    if (name) names.push(name);
  }
  return names;
}
