/** Citation indicators of an author's (or any set of) works, as INSPIRE and Google Scholar define them. */

/** The largest h such that h works have at least h citations each (Hirsch 2005). */
export function hIndex(citations: number[]): number {
  const sorted = [...citations].sort((a, b) => b - a);
  let h = 0;
  while (h < sorted.length && sorted[h] >= h + 1) h++;
  return h;
}

/** How many works have at least 10 citations (Google Scholar's i10-index). */
export function i10Index(citations: number[]): number {
  return citations.filter((c) => c >= 10).length;
}

/**
 * Author disambiguation within a block of names that share a surname and first initial ("smith_j"): which of
 * the people already known under the block a new occurrence of the name is. CiteSeerX clusters such blocks by a
 * learned distance over co-authors, venues, affiliations and title words; with no labelled data to learn from,
 * these are the rules that distance mostly learns:
 * - two given names written out in full that differ ("John", "James") are two people, and so are two middle
 *   initials that differ ("J. R.", "J. K.");
 * - among the people the name can be, the one who shares the most co-authors with it wins; with none shared,
 *   the one with the most works (the surname-and-initial fallback: "J. Smith" with no other clue is the most
 *   prolific J. Smith);
 * - a name that can be none of them is a new person.
 */
export interface AuthorProfile {
  id: number;
  /** The folded given names this person's works print: "john r", "j r", "j". */
  givenNames: string[];
  /** Author keys of their co-authors. */
  coAuthors: Set<string>;
  works: number;
}

export interface AuthorOccurrence {
  /** The folded given name as printed ("john r", "j"), empty when none. */
  given: string;
  /** Author keys of the other authors of the work. */
  coAuthors: string[];
}

/** Whether two folded given names can belong to one person: "john" ~ "j" ~ "j r", not "john" ~ "james". */
export function compatibleGivenNames(a: string, b: string): boolean {
  const x = a.split(" ").filter(Boolean);
  const y = b.split(" ").filter(Boolean);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i][0] !== y[i][0]) return false;
    // Both written out: they must agree (one may be the other's start: "chris", "christopher").
    if (x[i].length > 1 && y[i].length > 1 && !x[i].startsWith(y[i]) && !y[i].startsWith(x[i])) return false;
  }
  return true;
}

/** The id of the person an occurrence is, or undefined for a new person. */
export function chooseAuthor(occurrence: AuthorOccurrence, people: AuthorProfile[]): number | undefined {
  let best: { id: number; shared: number; works: number } | undefined;
  for (const p of people) {
    if (occurrence.given && !p.givenNames.every((g) => compatibleGivenNames(g, occurrence.given))) continue;
    const shared = occurrence.coAuthors.filter((k) => p.coAuthors.has(k)).length;
    if (!best || shared > best.shared || (shared === best.shared && p.works > best.works))
      best = { id: p.id, shared, works: p.works };
  }
  return best?.id;
}
