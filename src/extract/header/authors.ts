/** The authors of a paper from its front matter: names split into persons on every separator printed. */
import type { CslName } from "../../formats/csl.ts";
import type { Line } from "../../layout/types.ts";
import { splitNames } from "../reference/names.ts";

/** A line of names: "Heather Menzies and Janice Newson", "ANDREAS RASCHE AND MANUEL ESCUDERO*". */
export const NAMES_LINE =
  /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+[*∗†\d]*(?:\s*(?:,|and|und|&)\s*(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+[*∗†\d]*)+$/u;

/** Markers that tie authors to affiliations: digits, letters in superscript, symbols. */
const AUTHOR_MARKS = /[*†‡§¶∗⁎#✉☯◦•]|\b\d{1,2}\b|\(\d\)/g;

export function splitAuthors(text: string): CslName[] {
  const cleaned = text
    // Every separator printed between persons: "·", "•", "Æ" (Springer's), ";", "|".
    .replace(/\s+[·•Æ;|]\s+/g, ", ")
    // Names in capitals: "ANDREAS RASCHE AND MANUEL ESCUDERO" → "Andreas Rasche and Manuel Escudero".
    .replace(/\b(\p{Lu})(\p{Lu}+)\b/gu, (w, a: string, b: string) =>
      /^(?:AND|UND)$/.test(w)
        ? w.toLowerCase()
        : w.length > 3 || /[AEIOUY]/.test(b)
          ? a + b.toLowerCase()
          : w,
    )
    .replace(/^\s*(?:by|von|from)\s+/i, "")
    // Marks glued to a name ("Berardi1", "Thomason1☯,"), and IEEE grades ("Member, IEEE").
    .replace(/(?<=\p{L})[\d*†‡§¶∗⁎#✉☯◦•$+]+(?:,[\d*†‡§¶∗⁎#$+]+)*/gu, " ")
    .replace(/,?\s*\b(?:(?:senior|student|life)\s+)?(?:member|fellow),?\s+IEEE\b/gi, " ")
    .replace(AUTHOR_MARKS, " ")
    .replace(/\b(?:by|authors?|and)\s*:/gi, " ")
    .replace(/\s*\n\s*/g, ", ")
    .replace(/(?:\s*,\s*)+/g, ", ");
  // Each person once: a corresponding-author line names an author again ("*Corresponding author: A. Smith").
  const seen = new Set<string>();
  return splitNames(cleaned).filter((n) => {
    const family = (n.family ?? n.literal ?? "").toLowerCase();
    const key = `${family}|${(n.given ?? "").charAt(0).toLowerCase()}`;
    if (family.length <= 1 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One person's name as printed on a title page: "Frank Umbach", "von Frank Umbach", "J. R. Smith*". */
const ONE_NAME =
  /^(?:(?:by|von)\s+)?(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.|van|von|de|der|den|da|du|di|dos|la|le)){1,3}[*∗†‡\d,]*$/u;

/** The author line next to the title (the first line after it, or the last before it), when it is only names. */
export function namesBesideTitle(lines: Line[], first: number, last: number): string {
  for (const i of [last + 1, first - 1]) {
    const t = lines[i]?.text.trim();
    if (t && (NAMES_LINE.test(t) || ONE_NAME.test(t))) return t;
  }
  return "";
}
