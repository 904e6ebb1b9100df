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
