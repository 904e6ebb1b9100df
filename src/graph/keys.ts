/**
 * Keys that decide when two names are one author and two records one work, before the matcher of the
 * citation-graph stage refines them. Pure functions of the metadata, so that every import computes the same.
 */
import type { CslItem, CslName } from "../formats/csl.ts";
import { words } from "../text/normalize.ts";

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

/** The folded surname without particles: "van der Aalst" → "aalst", "García-Márquez" → "garciamarquez". */
export function surnameKey(name: CslName): string {
  const parts = words(name.family ? name.family : ((name.literal ?? "").split(/\s+/).pop() ?? ""));
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
  const initial = given ? words(given)[0]?.[0] : undefined;
  return initial ? `${surname}_${initial}` : surname;
}

/**
 * The key under which a record and a reference to it meet when no identifier is shared: folded title words and
 * the first author's surname. Without an author there is no key: a bare title ("Introduction") proves nothing.
 */
export function workMatchKey(item: CslItem): string | undefined {
  const first = item.author?.[0];
  const surname = first ? surnameKey(first) : "";
  const title = words(item.title ?? "").join(" ");
  if (!surname || title.length < 8) return undefined;
  return `${title}|${surname}`;
}
