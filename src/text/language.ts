/**
 * English or German, told by function words: the two languages of the papers citegraph reads most (SSOAR's
 * social sciences print a German paper's abstract in English too). Enough to choose between an abstract and its
 * translation; not a language identifier for anything else.
 */

export type Language = "en" | "de";

const ENGLISH = new Set([
  "the",
  "and",
  "of",
  "to",
  "is",
  "that",
  "for",
  "with",
  "this",
  "are",
  "we",
  "which",
]);
const GERMAN = new Set([
  "der",
  "die",
  "das",
  "und",
  "ist",
  "zu",
  "den",
  "mit",
  "von",
  "nicht",
  "sich",
  "eine",
  "wird",
]);

/** Words read at most: a page of text says its language as well as a whole paper. */
const MAX_WORDS = 3000;

/**
 * "en" or "de" where one language's function words are at least two and twice the other's; else undefined (a
 * sentence too short to tell, a third language, a table).
 */
export function languageOf(text: string): Language | undefined {
  let en = 0;
  let de = 0;
  const words = text.toLowerCase().split(/[^\p{L}]+/u, MAX_WORDS);
  for (const w of words) {
    if (ENGLISH.has(w)) en++;
    if (GERMAN.has(w)) de++;
  }
  return en >= 2 && en > 2 * de ? "en" : de >= 2 && de > 2 * en ? "de" : undefined;
}
