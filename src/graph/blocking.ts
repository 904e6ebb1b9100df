/**
 * Blocking: the keys under which records that may be the same work meet, so that each record is compared with
 * a handful of candidates rather than the whole library. CiteSeerX's key (title prefix × the first authors'
 * surnames) finds most pairs; the others survive what references lose or garble — an author list cut or
 * misspelt (title prefix × year), a title with a prefix or subtitle of its own (its longest words × surname),
 * no title at all (surname × volume × first page; a long title's first words for a record with neither authors nor year) — and identifiers meet directly.
 */
import type { MatchRecord } from "./record.ts";

const STOPWORDS = new Set(
  "a an the of in on for and to with by at from as its or is are into via using towards toward der die das und von zur zum im le la les et des du de el y".split(
    " ",
  ),
);

/** Words that carry the title: not function words, not one letter. */
export function significantWords(title: string[]): string[] {
  return title.filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** The blocking keys of a record. Generic titles give no title keys: they must meet some other way. */
export function blockingKeys(r: MatchRecord): string[] {
  const keys: string[] = [];
  if (r.doi) keys.push(`doi:${r.doi}`);
  if (r.arxiv) keys.push(`arxiv:${r.arxiv}`);
  const sig = significantWords(r.title);
  const surnames = r.authors.slice(0, 2).map((a) => a.surname);
  if (!r.genericTitle && sig.length > 0) {
    // Two words under a surname: a typo further on in the title still meets; three words under a year.
    const prefix = sig.slice(0, 2).join(" ");
    for (const s of surnames) keys.push(`t:${prefix}|${s}`);
    if (r.year !== undefined) keys.push(`ty:${sig.slice(0, 3).join(" ")}|${r.year}`);
    if (sig.length >= 3 && surnames.length) {
      const longest = [...sig].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
      keys.push(`tl:${longest.slice(0, 2).sort().join(" ")}|${surnames[0]}`);
    }
    // A long title alone is specific enough to meet on: for references without authors or year.
    if (sig.length >= 4) keys.push(`tt:${sig.slice(0, 5).join(" ")}`);
  }
  if (surnames.length && r.volume && r.page) keys.push(`vp:${surnames[0]}|${r.volume}|${r.page}`);
  return [...new Set(keys)];
}
