/**
 * Works as filing writes them: created with an id never given before, their canonical metadata voted from their
 * sources (src/graph/canonical.ts) with people's corrections on top, their blocking keys and authors following
 * every change, and retired (never given again) when they go.
 */
import { type CslItem, normalizeDoi } from "../../formats/csl.ts";
import { canonicalItem } from "../canonical.ts";
import { applyCorrections } from "../corrections.ts";
import type { Filing } from "./filing.ts";
import { exists } from "./find.ts";
import { setAuthors } from "./people.ts";
import type { Awaitable } from "./rows.ts";

/** References a cited-only work's metadata is voted from. */
const CANONICAL_REFERENCES = 50;

/**
 * Creates a work. `reclaim` is the id it had before, retired meanwhile (rebuild-graph finding a cited-only work
 * again, a split giving the absorbed work back): it is given back, so that the work keeps its URL.
 */
export async function insertWork(
  f: Filing,
  given: CslItem,
  inLibrary: boolean,
  body?: string,
  reclaim?: number,
): Promise<number> {
  const rows = f.rows;
  // Stored as the vote of its one source, so that voting again with no new source changes nothing.
  const item = canonicalItem([{ item: given, document: inLibrary }]);
  let id: number;
  if (reclaim !== undefined && (await rows.history.isRetired(reclaim)) && !(await exists(f, reclaim))) {
    await rows.history.unretire(reclaim);
    id = reclaim;
  } else id = await rows.works.newId();
  await rows.works.insert({ id, inLibrary, item, doi: normalizeDoi(item.DOI) ?? null, now: f.now }, body);
  await setKeys(f, id, item, inLibrary, true, given);
  const authors = await setAuthors(f, id, item, true);
  // A new work's index row is written once, with the full text in it.
  await rows.works.index(id, {
    title: item.title ?? "",
    abstract: item.abstract,
    body,
    venue: item["container-title"],
    authors,
  });
  return id;
}

/** Replaces a work's canonical metadata (the index row and author links with it). */
export async function setWork(f: Filing, id: number, item: CslItem, inLibrary: boolean): Promise<void> {
  const rows = f.rows;
  f.dirty.touched.add(id);
  // A DOI already held by another work stays with that work: merging is the citation-graph stage's call.
  let doi = normalizeDoi(item.DOI) ?? null;
  if (doi && ((await rows.works.byDoi(doi))?.id ?? id) !== id) doi = null;
  await rows.works.update({ id, inLibrary, item, doi, now: f.now });
  await setKeys(f, id, item, inLibrary, false);
  const before = (await rows.people.ofWork(id)).join(",");
  await setAuthors(f, id, item, false);
  const after = (await rows.people.ofWork(id)).join(",");
  if (before !== after) f.dirty.authors.add(id);
  await rows.works.reindex(id);
}

/**
 * Replaces a work's blocking keys, from its canonical metadata `item` (voted from `from`, when that was the
 * item just matched: its match record serves, see Filing.workRecord).
 */
export function setKeys(
  f: Filing,
  id: number,
  item: CslItem,
  inLibrary: boolean,
  isNew: boolean,
  from?: CslItem,
): Awaitable<void> {
  const { record, hashes } = f.workRecord(item, inLibrary, from);
  // Kept for the lookups to come: the work was just written, so it is likely to be a candidate soon.
  f.known.works.wrote(id, inLibrary, record);
  f.known.keys.wrote(id, hashes);
  return f.rows.keys.set(id, hashes, !isNew);
}

/** Marks a work as held by the library or only cited, keys and all. */
export async function setInLibrary(f: Filing, id: number, inLibrary: boolean): Promise<void> {
  await f.rows.works.setInLibrary(id, inLibrary);
  const stored = (await f.rows.works.get([id])).get(id);
  if (stored) await setKeys(f, id, JSON.parse(stored.csl) as CslItem, inLibrary, false);
  f.dirty.touched.add(id);
}

/**
 * Deletes a work and its derived rows; the works it cited lose a citation (recounted in settle). Its id is
 * retired, never given again: it redirects to `into` when the work became part of another, and ambiguous
 * references that fitted it fit `into` instead (renameInAmbiguous).
 */
export async function deleteWork(f: Filing, id: number, into?: number): Promise<void> {
  const rows = f.rows;
  await rows.history.retire(id, into ?? null, Date.now());
  await renameInAmbiguous(f, id, into ?? null);
  for (const c of await rows.edges.citedFrom(id)) f.dirty.cited.add(c);
  await rows.works.delete(id);
  f.known.works.deleted(id);
  f.known.keys.wrote(id, []);
  f.dirty.touched.add(id);
}

/**
 * A work that is gone (`to` null) or now part of `to` leaves the lists of works that ambiguous references fit:
 * the list names `to` instead (once), and a reference left fitting one work resolves to it.
 */
export async function renameInAmbiguous(f: Filing, from: number, to: number | null): Promise<void> {
  for (const r of await f.rows.refs.renameInAmbiguous(from, to)) {
    await f.rows.refs.point([r.id], r.only);
    f.dirty.citing.add(r.citing);
    if (r.only !== null) f.dirty.cited.add(r.only);
  }
}

/**
 * Votes a work's canonical metadata again (src/graph/canonical.ts) from its documents — or, for a work only
 * cited, from the first CANONICAL_REFERENCES references to it, after which more cannot change the vote much.
 */
export async function recanonicalize(f: Filing, id: number): Promise<void> {
  const rows = f.rows;
  const stored = (await rows.works.get([id])).get(id);
  if (!stored) return;
  const documents = await rows.documents.itemsOf(id);
  const sources = documents.length
    ? documents.map((item) => ({ item, document: true }))
    : (await rows.refs.fieldsTo(id, CANONICAL_REFERENCES)).map((item) => ({ item, document: false }));
  if (!sources.length) return;
  // A person's corrections stand over the vote (src/graph/corrections.ts).
  const item = applyCorrections(canonicalItem(sources), await rows.corrections.active(id));
  if (JSON.stringify(item) !== stored.csl) await setWork(f, id, item, stored.inLibrary);
}

/**
 * A reference joined a cited-only work: its metadata is voted again, at once — unless the vote already has all
 * the references it reads, when one more cannot change it.
 */
export async function referenceJoined(f: Filing, id: number): Promise<void> {
  if ((await f.rows.refs.countTo(id, CANONICAL_REFERENCES + 1)) <= CANONICAL_REFERENCES)
    await recanonicalize(f, id);
}
