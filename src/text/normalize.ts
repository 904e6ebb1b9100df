/**
 * Text normalisation shared by indexing, querying and matching, so that all three agree on what a word is:
 * Unicode NFKC, diacritics folded (Müller = Muller), case folded, split on anything that is not a letter or digit
 * (the same rule as SQLite's unicode61 tokenizer, which indexes the unstemmed columns).
 */
import { stemmer } from "stemmer";

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const ASCII = /^[\x00-\x7f]*$/;
/** Letters that NFD does not decompose but readers still expect folded. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ł: "l",
  ı: "i",
  þ: "th",
};
const EXTRA = /[ßæœøđłıþ]/g;

/** NFKC, lower case, diacritics removed: the form every comparison of words uses. */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(EXTRA, (c) => EXTRA_FOLDS[c] ?? c);
}

/** The words of folded text. Plain ASCII (most metadata) takes a faster pattern with the same result. */
function foldedWords(folded: string): string[] {
  return (ASCII.test(folded) ? folded.match(ASCII_WORD) : folded.match(WORD)) ?? [];
}

/** The folded words of a text, in order. */
export function words(text: string): string[] {
  return foldedWords(foldText(text));
}

const ASCII_LETTER_OR_DIGIT = /[A-Za-z0-9]/;

/**
 * Whether a text has a word: `words(text).length > 0`, without folding or splitting plain ASCII (folding it only
 * lowers its case, so it has a word when it has a letter or digit).
 */
export function hasWord(text: string): boolean {
  return ASCII.test(text) ? ASCII_LETTER_OR_DIGIT.test(text) : words(text).length > 0;
}

/** A word with its position in the original string, for snippets that cut and highlight the text as printed. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/**
 * The words of a text with their offsets in the original string. Folding happens per word so that offsets
 * stay exact even where NFKC changes the length of a character.
 */
export function wordSpans(text: string, limit = 100_000): WordSpan[] {
  const spans: WordSpan[] = [];
  const re = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
  for (let m = re.exec(text); m !== null && spans.length < limit; m = re.exec(text)) {
    for (const w of foldText(m[0]).match(WORD) ?? [])
      spans.push({ word: w, start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const stemCache = new Map<string, string>();

/** English (Porter) stem of a folded word; numbers and words with digits are kept as they are. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length < 3 || /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** The stemmed words of a text joined by spaces: what the stemmed search columns hold. */
export function stemmedText(text: string): string {
  return stemFolded(foldText(text));
}

/** stemmedText for a text already folded. */
export function stemFolded(folded: string): string {
  return foldedWords(folded).map(stem).join(" ");
}
