/**
 * The end of every filing transaction: what it made stale is recomputed, never incremented blindly — metadata
 * voted again, cited-only works nobody cites any more dropped, the edges of every work that cites differently
 * derived again from its references, self-citation flags, and the counts of every work an edge came to or went
 * from. So "Cited by N" always equals the length of the list behind it.
 */
import type { Filing } from "./filing.ts";
import { deleteWork, recanonicalize } from "./works.ts";

export async function settle(f: Filing): Promise<void> {
  const { dirty, rows } = f;
  for (const w of dirty.canonical) await recanonicalize(f, w);
  // Orphans first: an ambiguous reference that fitted one may be left fitting one work, and resolve to it.
  for (const w of dirty.orphans) {
    // An orphan cites nothing (it has no documents) and nothing cites it (no reference points at it).
    if (await rows.works.isOrphan(w)) await deleteWork(f, w, dirty.movedTo.get(w));
  }
  if (dirty.citing.size)
    for (const w of await rows.edges.replaceFrom([...dirty.citing], dirty.fresh)) dirty.cited.add(w);
  if (dirty.authors.size) {
    for (const w of dirty.authors) dirty.cited.add(w);
    for (const w of await rows.edges.markSelf([...dirty.authors])) dirty.cited.add(w);
  }
  if (dirty.cited.size) await rows.edges.recount([...dirty.cited]);
  for (const id of dirty.fresh) dirty.touched.add(id);
}
