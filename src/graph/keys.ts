/**
 * Name keys: the block a name belongs to (folded surname and first initial), from which author disambiguation
 * (authors.ts) tells the people apart, and the surname the matcher compares. Pure functions of the metadata, so
 * that every import computes the same.
 */
import type { CslName } from "../formats/csl.ts";
import { words } from "../text/normalize.ts";
import { romanize } from "../text/romanize.ts";

const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "di",
  "da",
  "du",
  "la",
  "le",
  "ten",
  "ter",
  "dos",
  "das",
  "d",
  "l",
]);

/**
 * The folded surname without particles: "van der Aalst" → "aalst", "García-Márquez" → "garciamarquez",
 * "Иванов" → "ivanov".
 */
export function surnameKey(name: CslName): string {
  const parts = words(romanize(name.family ? name.family : ((name.literal ?? "").split(/\s+/).pop() ?? "")));
  while (parts.length > 1 && PARTICLES.has(parts[0])) parts.shift();
  return parts.join("");
}

/**
 * An author's key: folded surname and first initial ("smith_j"), or the surname alone when no given name is
 * known. Two names with the same key count as one author for self-citations.
 */
export function authorKey(name: CslName): string | undefined {
  const surname = surnameKey(name);
  if (!surname) return undefined;
  let given = name.given;
  if (!name.family && name.literal) given = name.literal.split(/\s+/).slice(0, -1).join(" ");
  const initial = given ? words(romanize(given))[0]?.[0] : undefined;
  return initial ? `${surname}_${initial}` : surname;
}
