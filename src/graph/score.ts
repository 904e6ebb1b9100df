/**
 * The match score: the probability that two records name the same work. Identifiers decide first (the same DOI
 * or arXiv id is the same work; two different DOIs are two works); then rules the training pairs cannot teach
 * (generic titles, title numbering, title-less citations); otherwise boosted trees (boosting.ts) weigh the
 * evidence of titles, authors and year, and hand-set weights add what volume and pages say. Venues are left
 * out: the same venue is written in too many ways ("sigmod conference", "proc. acm sigmod int. conf. on
 * management of data") for its words to tell works apart, and a model would learn the quirks of its training
 * pairs. The trees and the threshold are learned from the DBLP–ACM training pairs (`npm run train:matching`,
 * models/matching/model.json).
 */
import { type BoostedTrees, boostedScore } from "./boosting.ts";
import type { MatchRecord } from "./record.ts";
import { authorOverlap, sameSurname, titleOverlap, trigramCodes, trigramDice } from "./similarity.ts";

/** The evidence the trees see, in the order of the feature vector ("bias" is a constant, kept for the layout). */
export const MATCH_FEATURES = [
  "bias",
  "title.dice",
  "title.contained",
  "title.trigram",
  "title.substituted",
  "title.marksConflict",
  "title.short",
  "title.missing",
  "title.generic",
  "author.share",
  "author.shareLong",
  "author.first",
  "author.initialConflict",
  "author.missing",
  "author.none",
  "titleXauthor",
  "year.same",
  "year.off1",
  "year.far",
  "year.missing",
] as const;

/** What the identifiers alone say: "same", "different", or nothing. */
export function identifierVerdict(a: MatchRecord, b: MatchRecord): "same" | "different" | undefined {
  if (a.doi && b.doi) return a.doi === b.doi ? "same" : "different";
  if (a.arxiv && b.arxiv) return a.arxiv === b.arxiv ? "same" : "different";
  return undefined;
}

/** The feature vector of a pair, in MATCH_FEATURES order. */
export function matchFeatures(a: MatchRecord, b: MatchRecord): Float64Array {
  const x = new Float64Array(MATCH_FEATURES.length);
  let i = 0;
  const put = (v: number | boolean) => {
    x[i++] = typeof v === "boolean" ? (v ? 1 : 0) : v;
  };
  put(1);
  const hasTitles = a.title.length > 0 && b.title.length > 0;
  const t = titleOverlap(a.title, b.title);
  const dice = hasTitles ? (2 * t.common) / (t.totalA + t.totalB || 1) : 0;
  put(dice);
  put(hasTitles ? t.common / (Math.min(t.totalA, t.totalB) || 1) : 0);
  let tri = 0;
  if (hasTitles) {
    // A record is compared with many candidates: its trigrams are counted once and kept on it.
    a.trigrams ??= trigramCodes(a.title);
    b.trigrams ??= trigramCodes(b.title);
    tri = trigramDice(a.trigrams, b.trigrams);
  }
  put(tri);
  // Words changed on both sides (not a title cut short or a subtitle dropped): the mark of two different works.
  put(Math.min(Math.min(t.onlyA, t.onlyB), 3) / 3);
  put(a.titleMarks.join(" ") !== b.titleMarks.join(" "));
  put(hasTitles && Math.min(a.title.length, b.title.length) <= 3);
  put(!hasTitles);
  put(a.genericTitle || b.genericTitle);
  const hasAuthors = a.authors.length > 0 && b.authors.length > 0;
  const au = authorOverlap(a.authors, b.authors);
  put(hasAuthors ? au.share : 0);
  put(hasAuthors ? au.shareLong : 0);
  put(au.firstSame);
  put(hasAuthors ? Math.min(au.initialConflicts, 2) / 2 : 0);
  put(!hasAuthors && (a.authors.length > 0 || b.authors.length > 0));
  put(a.authors.length === 0 && b.authors.length === 0);
  put(dice * (hasAuthors ? au.share : 0.5));
  // A reference's year confirms a match when it agrees and is no evidence when it does not (see yearUnsure),
  // except on a generic title, where the year is all there is to tell one "Editorial" from the next.
  let hasYears = a.year !== undefined && b.year !== undefined;
  if (hasYears && a.year !== b.year && (a.yearUnsure || b.yearUnsure) && !a.genericTitle && !b.genericTitle)
    hasYears = false;
  const dy = hasYears ? Math.abs((a.year as number) - (b.year as number)) : -1;
  put(dy === 0);
  put(dy === 1);
  put(dy > 1);
  put(!hasYears);
  return x;
}

export interface MatchModel extends BoostedTrees {
  /** Pairs scoring at least this are the same work. */
  threshold: number;
}

/** The probability the model gives a feature vector. */
export function scoreFeatures(model: BoostedTrees, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-boostedScore(model, x)));
}

/**
 * A generic title ("Editorial", "Book review column") names nothing by itself: two records with one are only
 * compared when authors and year both agree.
 */
function genericTitleAllowed(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.genericTitle && !b.genericTitle) return true;
  if (a.year === undefined || a.year !== b.year) return false;
  return a.authors.length > 0 && b.authors.length > 0 && authorOverlap(a.authors, b.authors).share >= 0.5;
}

/**
 * What volume and first page add to the score's log-odds. The training pairs carry neither, so these weights are
 * set by hand, not learned: the same volume and first page confirm a match; a different first page in a
 * different (or unknown) volume is another article — one number wrong in a reference is common, two rarely.
 */
function locatorEvidence(a: MatchRecord, b: MatchRecord): number {
  if (a.page === undefined || b.page === undefined) return 0;
  const volumes = a.volume !== undefined && b.volume !== undefined;
  if (a.page === b.page) {
    if (!volumes) return 0.5;
    return a.volume === b.volume ? 1.5 : -1;
  }
  return volumes && a.volume === b.volume ? -1.5 : -3;
}

/**
 * Both titles number themselves, and neither numbering holds the other ("Part I" and "Part II", "r1" and
 * "r12"): two works of a series. One numbering inside the other is a title given in full and in short.
 */
function numberedDifferently(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.titleMarks.length || !b.titleMarks.length) return false;
  const within = (x: string[], y: string[]) => x.every((m) => y.includes(m));
  return !within(a.titleMarks, b.titleMarks) && !within(b.titleMarks, a.titleMarks);
}

/** What a match on volume, first page and first author alone is worth: less than any identifier. */
const TITLELESS_MATCH = 0.95;

/**
 * Without a title on one side (physics and astronomy often print none: "Nucl. Phys. B262, 593 (1985)"), only
 * the locator can match: the same volume and first page under one of the same first two authors, in years that do not
 * disagree by more than a reference's year may.
 */
function sameLocator(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.volume || !a.page || a.volume !== b.volume || a.page !== b.page) return false;
  // One of the first two names in common: a collaboration's name may stand before its first author.
  const firstTwo = (r: MatchRecord) => r.authors.slice(0, 2).map((x) => x.surname);
  if (!firstTwo(a).some((x) => firstTwo(b).some((y) => sameSurname(x, y)))) return false;
  if (a.year === undefined || b.year === undefined) return true;
  return Math.abs(a.year - b.year) <= (a.fromReference || b.fromReference ? 1 : 0);
}

/**
 * Two author lists with not one surname in common. Two records of the library (catalogue entries, PDFs) that
 * disagree on every author are two works, however alike their titles ("Privacy-preserving record linkage" by
 * Schnell and "…record linkage with PPJoin" by Sehili et al.); a printed reference may have garbled its authors
 * (editors for authors, a name cut), so for it this only weighs against the match (DISJOINT_AUTHORS).
 */
export function authorsDisjoint(a: MatchRecord, b: MatchRecord): boolean {
  return a.authors.length > 0 && b.authors.length > 0 && authorOverlap(a.authors, b.authors).share === 0;
}

const AUTHOR_SHARE = MATCH_FEATURES.indexOf("author.share");

/** What disjoint authors take from a printed reference's log-odds. */
const DISJOINT_AUTHORS = -2;

/** A book's printings at least this many years apart are two editions. */
export const EDITION_YEARS = 3;

/**
 * Two printings of a book, chapter, report or thesis years apart: two editions (Kohonen's "Self-organizing maps"
 * of 1995 and of 2001, Sutton and Barto's "Reinforcement learning" of 1998 and of 2018). Library catalogues keep
 * editions apart, and so does citegraph; the work page lists each as another edition of the other. A misprinted
 * year is one off, rarely three; an article's years are not compared so (its preprint may be years older).
 */
export function otherEdition(a: MatchRecord, b: MatchRecord): boolean {
  if (a.article || b.article) return false;
  return a.year !== undefined && b.year !== undefined && Math.abs(a.year - b.year) >= EDITION_YEARS;
}

/**
 * Two titles that agree: the same words up to typos, words run together and function words, except that one may
 * go on where the other stops (a subtitle dropped, a title cut short). Words changed on both sides ("clustering
 * references with matching models" and "parsing references with clustering models") are two titles.
 */
export function titlesAgree(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.title.length || !b.title.length) return false;
  const t = titleOverlap(a.title, b.title);
  return Math.min(t.onlyA, t.onlyB) < 1 && t.common >= Math.min(t.totalA, t.totalB) / 2;
}

/**
 * Whether two records of the library may be one work at all: they share an identifier, or both name authors
 * that are not disjoint and their titles agree (titlesAgree). Library records are what users gave the library;
 * joining two of them on a similar title loses one (empty beats wrong: two records of one work are found again
 * by a merge, a false join corrupts every count behind it). Printed references may still join on weaker
 * evidence.
 */
export function libraryJoinAllowed(a: MatchRecord, b: MatchRecord): boolean {
  const verdict = identifierVerdict(a, b);
  if (verdict) return verdict === "same";
  if (!titlesAgree(a, b)) return false;
  return a.authors.length > 0 && b.authors.length > 0 && !authorsDisjoint(a, b);
}

/** The log-odds a probability stands for, bounded: a hard rule's 0 or 1 is a strong, not an infinite, vote. */
export function logOdds(p: number): number {
  const q = Math.min(Math.max(p, 1e-5), 1 - 1e-5);
  return Math.log(q / (1 - q));
}

/** The probability that two records are the same work. */
export function matchProbability(model: MatchModel, a: MatchRecord, b: MatchRecord): number {
  const verdict = identifierVerdict(a, b);
  if (verdict === "same") return 1;
  if (verdict === "different") return 0;
  if (!a.title.length || !b.title.length) return sameLocator(a, b) ? TITLELESS_MATCH : 0;
  if (!genericTitleAllowed(a, b)) return 0;
  if (numberedDifferently(a, b)) return 0;
  if (otherEdition(a, b)) return 0;
  const x = matchFeatures(a, b);
  // Disjoint authors, read off the features (author.share is 0 with authors on both sides) rather than
  // compared again.
  const disjoint = a.authors.length > 0 && b.authors.length > 0 && x[AUTHOR_SHARE] === 0;
  if (disjoint && !a.fromReference && !b.fromReference) return 0;
  const evidence = locatorEvidence(a, b) + (disjoint ? DISJOINT_AUTHORS : 0);
  return 1 / (1 + Math.exp(-(boostedScore(model, x) + evidence)));
}
