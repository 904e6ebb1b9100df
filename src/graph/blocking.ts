/**
 * Blocking: the keys under which records that may be the same work meet, so that each record is compared with
 * a handful of candidates rather than the whole library. CiteSeerX's key (title prefix × the first authors'
 * surnames) finds most pairs; the others survive what references lose or garble — an author list cut or
 * misspelt (title prefix × year), a title with a prefix or subtitle of its own (its longest words × surname; its
 * last words × year, and alone when long), a title cut to its first word, typos and words run together (letter
 * prefixes × surname prefix), no title at all (surname × volume × first page; a title's first words for a record
 * with neither authors nor year) — and identifiers meet directly.
 */
import type { MatchRecord } from "./record.ts";

const STOPWORDS = new Set(
  "a an the of in on for and to with by at from as its or is are into via using towards toward der die das und von zur zum im auf dem den des ein eine einer zu mit fur uber als le la les et des du de au aux un une sur pour dans il lo gli della delle dei del di da nel nella per con el y".split(
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
    // A long first word alone, under the first surname: a title given in full and cut to its first word
    // ("Risikogesellschaft. Auf dem Weg in eine andere Moderne" and "Risikogesellschaft").
    if (sig[0].length >= 8 && surnames.length) keys.push(`t1:${sig[0]}|${surnames[0]}`);
    if (r.year !== undefined) keys.push(`ty:${sig.slice(0, 3).join(" ")}|${r.year}`);
    // Its last three words under the year: a title whose start the parser took with something else ("Finlay,
    // Politics in Renaissance Venice" when a surname stands alone before it).
    if (r.year !== undefined && sig.length >= 3) keys.push(`te:${sig.slice(-3).join(" ")}|${r.year}`);
    // A long title's last four words alone: its start garbled or prefixed ("j. vandenberg . the sdss skyserver …").
    if (sig.length >= 5) keys.push(`tz:${sig.slice(-4).join(" ")}`);
    if (sig.length >= 3 && surnames.length) {
      const longest = [...sig].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
      keys.push(`tl:${longest.slice(0, 2).sort().join(" ")}|${surnames[0]}`);
    }
    // A title of three words or more alone is specific enough to meet on: for references without authors or year,
    // and for a report or standard cited by its title only ("Vocabulary for 3GPP specifications"); a title of two
    // words only when there is nothing else to meet on.
    const bare = r.authors.length === 0 && r.year === undefined;
    if (sig.length >= 3 || (bare && sig.length >= 2)) keys.push(`tt:${sig.slice(0, 5).join(" ")}`);
  }
  // Typos and words run together or apart hide a title from the keys above ("Self-Organaizing Maps",
  // "An Introduction toQuantum Field Theory"): the first four letters of its first three words, and its first
  // sixteen letters with the spaces taken out, each under the first four letters of the first surname (itself
  // often garbled at its end: "PeskinME").
  if (!r.genericTitle && sig.length >= 2 && surnames.length) {
    const who = surnames[0].slice(0, 4);
    keys.push(
      `tp:${sig
        .slice(0, 3)
        .map((w) => w.slice(0, 4))
        .join(" ")}|${who}`,
    );
    const letters = r.title.join("");
    if (letters.length >= 16) keys.push(`tc:${letters.slice(0, 16)}|${who}`);
  }
  // Volume and page under either of the first two names: "GEANT4 Collaboration, S. Agostinelli et al." and
  // "S. Agostinelli et al." meet.
  if (r.volume && r.page) for (const s of surnames) keys.push(`vp:${s}|${r.volume}|${r.page}`);
  return [...new Set(keys)];
}
