/**
 * What a change made stale is recomputed, never incremented blindly — metadata voted again, cited-only works
 * nobody cites any more dropped, the edges of every work that cites differently derived again from its
 * references, self-citation flags, and the counts of every work an edge came to or went from. So "Cited by N"
 * always equals the length of the list behind it.
 *
 * Two steps: what the matcher reads (settleWorks: votes and orphans) after every document, and the rest
 * (settle: edges and counts, which no filing decision reads) once, at the end of the transaction.
 */
import type { Filing } from "./filing.ts";
import { deleteWork, recanonicalize } from "./works.ts";

/**
 * The works a document's filing left to vote again or to drop, settled before the next document is filed —
 * not at the end of the transaction: an orphan left standing, or a work's vote left stale, is a candidate the
 * next records may match, so that where a transaction ended would change the graph (issue 16: a cited-only work
 * whose only reference a look-alike's arrival moved away took the next record's reference in one transaction,
 * and was gone before it one record a transaction).
 */
export async function settleWorks(f: Filing): Promise<void> {
  const { dirty, rows } = f;
  for (const w of dirty.canonical) await recanonicalize(f, w);
  dirty.canonical.clear();
  // Orphans after the vote: an ambiguous reference that fitted one may be left fitting one work, and resolve to it.
  for (const w of dirty.orphans) {
    // An orphan cites nothing (it has no documents) and nothing cites it (no reference points at it).
    if (await rows.works.isOrphan(w)) await deleteWork(f, w, dirty.movedTo.get(w));
  }
  dirty.orphans.clear();
  dirty.movedTo.clear();
}

/** The end of every filing transaction. */
export async function settle(f: Filing): Promise<void> {
  const { dirty, rows } = f;
  await settleWorks(f);
  if (dirty.citing.size)
    for (const w of await rows.edges.replaceFrom([...dirty.citing], dirty.fresh)) dirty.cited.add(w);
  if (dirty.authors.size) {
    for (const w of dirty.authors) dirty.cited.add(w);
    for (const w of await rows.edges.markSelf([...dirty.authors])) dirty.cited.add(w);
  }
  if (dirty.cited.size) await rows.edges.recount([...dirty.cited]);
  for (const id of dirty.fresh) dirty.touched.add(id);
}
