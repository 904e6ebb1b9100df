/**
 * How alike two records' parts are, each measure in [0, 1] or a small count: the evidence the match score
 * weighs. Titles are compared word by word (tolerating one typo in a long word, which OCR and hurried typing
 * leave) and by character trigrams (tolerating words run together or split: "datatypes", "data types").
 */
import type { MatchAuthor } from "./record.ts";

/** Edit distance (Levenshtein with transpositions), cut off: returns limit + 1 as soon as the distance must exceed `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two letters swapped count as one edit ("rosneblatt", "rosenblatt").
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prevPrev[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Two title words are the same word: equal, or long and one edit apart. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5) return false;
  return boundedEditDistance(a, b, 1) <= 1;
}

const STOPWORDS = new Set(
  "a an the of in on for and to with by at from as its or is der die das und von zur zum im le la les et des du de el y".split(
    " ",
  ),
);

/** How much a word counts in a title: function words little. */
function weight(w: string): number {
  return STOPWORDS.has(w) ? 0.25 : 1;
}

export interface TitleOverlap {
  /** Weight of the words both titles have. */
  common: number;
  /** Weight of the words only the first has, and only the second. */
  onlyA: number;
  onlyB: number;
  totalA: number;
  totalB: number;
}

/** Matches the words of two titles one to one (exact first, then one edit apart) and weighs what is left. */
export function titleOverlap(a: string[], b: string[]): TitleOverlap {
  const usedB = new Uint8Array(b.length);
  const matchedA = new Uint8Array(a.length);
  const exact = new Map<string, number[]>();
  b.forEach((w, j) => {
    const list = exact.get(w);
    if (list) list.push(j);
    else exact.set(w, [j]);
  });
  a.forEach((w, i) => {
    const list = exact.get(w);
    const j = list?.find((k) => !usedB[k]);
    if (j !== undefined) {
      usedB[j] = 1;
      matchedA[i] = 1;
    }
  });
  a.forEach((w, i) => {
    if (matchedA[i]) return;
    for (let j = 0; j < b.length; j++) {
      if (!usedB[j] && sameWord(w, b[j])) {
        usedB[j] = 1;
        matchedA[i] = 1;
        return;
      }
    }
  });
  // Words run together on one side ("casefor", "datatypes") meet two neighbours left unmatched on the other.
  joinNeighbours(a, matchedA, b, usedB);
  joinNeighbours(b, usedB, a, matchedA);
  let common = 0;
  let onlyA = 0;
  let onlyB = 0;
  a.forEach((w, i) => {
    if (matchedA[i]) common += weight(w);
    else onlyA += weight(w);
  });
  b.forEach((w, j) => {
    if (!usedB[j]) onlyB += weight(w);
  });
  return { common, onlyA, onlyB, totalA: common + onlyA, totalB: common + onlyB };
}

/** Marks `xs[i]` and `ys[j], ys[j + 1]` matched where `xs[i]` is the two words written as one. */
function joinNeighbours(xs: string[], doneX: Uint8Array, ys: string[], doneY: Uint8Array): void {
  for (let i = 0; i < xs.length; i++) {
    if (doneX[i] || xs[i].length < 4) continue;
    for (let j = 0; j + 1 < ys.length; j++) {
      if (!doneY[j] && !doneY[j + 1] && sameWord(xs[i], ys[j] + ys[j + 1])) {
        doneX[i] = 1;
        doneY[j] = 1;
        doneY[j + 1] = 1;
        break;
      }
    }
  }
}

/**
 * A title's character trigrams (its words run together, spaces removed) as sorted numbers, three UTF-16 units in
 * 48 bits: counted once per record (MatchRecord.trigrams) and merged as sorted lists, rather than a map per pair.
 */
export function trigramCodes(title: string[]): Float64Array {
  const s = ` ${title.join("")} `;
  const codes = new Float64Array(Math.max(0, s.length - 2));
  for (let i = 0; i + 3 <= s.length; i++)
    codes[i] = s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
  return codes.sort();
}

/** Dice coefficient of two titles' trigram multisets (trigramCodes). */
export function trigramDice(x: Float64Array, y: Float64Array): number {
  if (x.length + y.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return (2 * shared) / (x.length + y.length);
}

/** Dice coefficient of the character trigrams of two titles with their spaces removed. */
export function trigramSimilarity(a: string[], b: string[]): number {
  return trigramDice(trigramCodes(a), trigramCodes(b));
}

/** Two surnames are the same: equal, one edit apart when long, or one a prefix of the other (cut names). */
export function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 5 && b.length >= 5 && boundedEditDistance(a, b, 1) <= 1) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

export interface AuthorOverlap {
  /** Authors of the shorter list found in the longer one, as a share of the shorter list. */
  share: number;
  /** The first authors are the same person by surname. */
  firstSame: boolean;
  /** The same, as a share of the longer list: low when one list is a single author of a long one. */
  shareLong: number;
  /** Surnames matched whose initials disagree. */
  initialConflicts: number;
  /** Authors matched. */
  matched: number;
}

export function authorOverlap(a: MatchAuthor[], b: MatchAuthor[]): AuthorOverlap {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Uint8Array(long.length);
  let matched = 0;
  let swapped = 0;
  let initialConflicts = 0;
  for (const x of short) {
    let j = long.findIndex((y, k) => !used[k] && y.surname === x.surname);
    if (j < 0) j = long.findIndex((y, k) => !used[k] && sameSurname(x.surname, y.surname));
    if (j < 0) {
      // A name printed the other way round ("Sunita S." for "S. Sarawagi") agrees only in its initials.
      j = long.findIndex(
        (y, k) =>
          !used[k] && x.initial === y.surname[0] && y.initial === x.surname[0] && y.initial !== undefined,
      );
      if (j >= 0) {
        used[j] = 1;
        swapped++;
      }
      continue;
    }
    used[j] = 1;
    matched++;
    const y = long[j];
    if (x.initial && y.initial && x.initial !== y.initial) initialConflicts++;
  }
  const firstSame = a.length > 0 && b.length > 0 && sameSurname(a[0].surname, b[0].surname);
  const share = short.length ? (matched + swapped / 2) / short.length : 0;
  const shareLong = long.length ? (matched + swapped / 2) / long.length : 0;
  return { share, shareLong, firstSame, initialConflicts, matched };
}
