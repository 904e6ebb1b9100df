/**
 * Rebuilding the citation graph from the documents and their references alone, by filing the documents again
 * in the order they came, through the same steps as the incremental path: a library work becomes visible to the
 * matcher when its first document's turn comes (taking over a work only cited that its record matches, as a
 * promotion would), then the document's references are resolved. Cited-only works are dropped first and found
 * again; every edge and count is recomputed. For a library filed without later updates of its records the
 * result is the incremental one (a test and bench:graph check it); an updated record's references are resolved
 * as if it had had its present content from the start. After a change of matcher, or to check.
 *
 * Ids stay: library works keep theirs, and a cited-only work found again gets back the id it had — the one the
 * first of its references pointed at before. A cited-only id not found again redirects to the work most of its
 * references went to (or is gone, when none resolves).
 */
import type { Filing } from "./filing.ts";
import { findWork, isAmbiguous } from "./find.ts";
import { absorb, joinSameWork } from "./merge.ts";
import { setAuthors } from "./people.ts";
import { reconsiderNeighbours, resolveReference } from "./references.ts";
import { settleWorks } from "./settle.ts";
import { deleteWork, referenceJoined, setKeys } from "./works.ts";

/** Documents read at a time. */
const PAGE = 2000;

export interface RebuildResult {
  references: number;
  resolved: number;
  ambiguous: number;
  citedOnly: number;
}

export async function rebuildGraph(f: Filing): Promise<RebuildResult> {
  const rows = f.rows;
  // Where each reference to a cited-only work pointed before is remembered: the ids to give back. People too
  // are found again, in the order their works come: who a name is depends on what came before.
  await rows.rebuild.reset();
  f.known.clear();
  for (const id of await rows.works.citedOnlyIds()) await deleteWork(f, id);
  const visible = new Set<number>();
  for (let after = 0; ; ) {
    const page = await rows.rebuild.documents(after, PAGE);
    if (!page.length) break;
    for (let i = 0; i < page.length; i++) {
      const d = page[i];
      if (!visible.has(d.workId)) {
        const found = await findWork(f, d.item, true, d.workId);
        if (found && !isAmbiguous(found)) {
          await joinSameWork(f, found.id, found.join);
          if (!found.inLibrary) await absorb(f, d.workId, found.id);
        }
        await setKeys(f, d.workId, d.workItem, true, true);
        await setAuthors(f, d.workId, d.workItem, true);
        visible.add(d.workId);
        await reconsiderNeighbours(f, d.workId);
      }
      const citedHere = new Set<number>();
      const refs = await rows.rebuild.referencesOf(d.id);
      for (let k = 0; k < refs.length; k++) {
        const r = refs[k];
        const { cited, ambiguous, joined } = await resolveReference(
          f,
          r.kind,
          r.target,
          r.item,
          r.previous ?? undefined,
          citedHere,
        );
        if (cited !== null) citedHere.add(cited);
        await rows.rebuild.resolve(r.id, cited, ambiguous);
        if (joined !== undefined) await referenceJoined(f, joined);
      }
      // As the incremental path settles them (fileDocuments): before the next document is matched.
      await settleWorks(f);
    }
    after = page[page.length - 1].id;
  }
  await giveBackCitedOnlyIds(f);
  await rows.edges.rebuildAll();
  await redirectLostIds(f);
  await rows.rebuild.finish();
  return rows.rebuild.counts();
}

/**
 * After a rebuild, a cited-only work made under a new id (the reference that made it did not point at it
 * before: the order of events differed) takes the retired id most of its references pointed at, if that id is
 * free. Only cited-only works are renumbered: they have no documents and no edges yet (edges are rebuilt after).
 */
async function giveBackCitedOnlyIds(f: Filing): Promise<void> {
  const proposals = (await f.rows.rebuild.earlierIds()).sort(
    (a, b) => b.n - a.n || a.earlier - b.earlier || a.work - b.work,
  );
  const moved = new Set<number>();
  for (const { work, earlier } of proposals) {
    if (moved.has(work) || !(await f.rows.history.isRetired(earlier))) continue;
    if ((await f.rows.works.get([earlier])).has(earlier)) continue;
    moved.add(work);
    await renumberCitedOnly(f, work, earlier);
  }
}

/** Gives a cited-only work another id (one retired, given back): every row that names it follows. */
async function renumberCitedOnly(f: Filing, from: number, to: number): Promise<void> {
  await f.rows.history.unretire(to);
  await f.rows.works.renumber(from, to);
  await f.rows.history.retire(from, to, Date.now());
  f.known.works.deleted(from);
  f.known.works.forget(to);
  f.known.keys.clear();
  f.known.splitPairs = undefined;
  f.dirty.touched.add(from);
  f.dirty.touched.add(to);
}

/** Cited-only ids not found again redirect where most of their references went (ties: the lowest id). */
async function redirectLostIds(f: Filing): Promise<void> {
  const best = new Map<number, { work: number | null; n: number }>();
  for (const { earlier, work, n } of await f.rows.rebuild.laterWorks()) {
    const b = best.get(earlier);
    if (work === null) {
      if (!b) best.set(earlier, { work: null, n: 0 });
    } else if (!b || b.work === null || n > b.n || (n === b.n && work < b.work))
      best.set(earlier, { work, n });
  }
  await f.rows.history.redirect([...best].map(([id, b]) => [id, b.work]));
}
