/**
 * A person's edits of the graph: merging two works by hand, splitting a merge again (the absorbed work comes
 * back under its own id), and following a retired id to the work it is part of now.
 */
import type { CslItem } from "../../formats/csl.ts";
import type { Filing } from "./filing.ts";
import { exists } from "./find.ts";
import { mergeInto, moveWork } from "./merge.ts";
import type { GraphRows } from "./rows.ts";
import { insertWork, setInLibrary } from "./works.ts";

/** A merge or split refused, with the reason. */
export class GraphEditError extends Error {}

/** Merges followed from a retired id to the work it is part of now (a chain is short; a loop cannot be). */
const MAX_MERGE_HOPS = 64;

/** The live work an id names: itself, or the work it was merged into (followed through later merges). */
export async function liveWork(rows: GraphRows, id: number): Promise<number | undefined> {
  let at: number | null | undefined = id;
  for (let hops = 0; at !== null && at !== undefined && hops < MAX_MERGE_HOPS; hops++) {
    if ((await rows.works.get([at])).has(at)) return at;
    at = await rows.history.retiredInto(at);
  }
  return undefined;
}

/** Makes `from` part of `into` by hand. Returns the merge's id in the history. */
export async function mergeWorks(f: Filing, into: number, from: number, note?: string): Promise<number> {
  if (into === from) throw new GraphEditError(`work ${into} cannot be merged with itself`);
  if (!(await exists(f, from))) throw new GraphEditError(`no work ${from}`);
  if (!(await exists(f, into))) throw new GraphEditError(`no work ${into}`);
  return mergeInto(f, into, from, note);
}

/**
 * Undoes a merge: the absorbed work comes back under its own id with the documents and references the merge
 * moved, and the history records the split. References filed since the merge stay where the matcher put them.
 */
export async function splitMerge(f: Filing, mergeId: number): Promise<number> {
  const rows = f.rows;
  const m = await rows.history.merge(mergeId);
  if (!m) throw new GraphEditError(`no merge ${mergeId}`);
  if (m.splitAt !== null) throw new GraphEditError(`merge ${mergeId} was split already`);
  // The work it joined may have been merged on since: what the merge moved is there now.
  const into = await liveWork(rows, m.intoId);
  if (into === undefined)
    throw new GraphEditError(`merge ${mergeId}: work ${m.intoId}, which it joined, is gone from the library`);
  const documentWorks = await rows.documents.worksOf(m.documents);
  const documents = m.documents.filter((d) => documentWorks.get(d) === into);
  const refWorks = await rows.refs.worksOf(m.refs);
  const refs = m.refs.filter((r) => refWorks.get(r) === into);
  const workId = await insertWork(
    f,
    JSON.parse(m.fromCsl) as CslItem,
    documents.length > 0,
    undefined,
    m.fromId,
  );
  f.dirty.fresh.add(workId);
  await moveWork(f, into, workId, documents, refs);
  if (!(await rows.documents.idsOf(into)).length) await setInLibrary(f, into, false);
  f.dirty.canonical.add(into);
  f.dirty.canonical.add(workId);
  // The absorbed work's corrections were idle while it was gone; they are its own again.
  await rows.corrections.move(m.fromId, workId);
  await rows.history.markSplit(mergeId, f.now, workId);
  f.known.splitPairs = undefined;
  return workId;
}
