/**
 * Two works that are one: merged, by the matcher or by hand, each merge recorded (what it moved, the absorbed
 * work's metadata) so that a wrong one can be split again and the history stays readable.
 */
import { libraryJoinAllowed } from "../score.ts";
import type { Filing } from "./filing.ts";
import { documentRecords, exists, splitApart } from "./find.ts";
import { deleteWork, setInLibrary } from "./works.ts";

/**
 * The works the matcher found to be one work with `into` (a record fitted them all equally): merged into it,
 * each merge recorded in the history with the matcher as its author, so that it can be split again.
 */
export async function joinSameWork(f: Filing, into: number, others: number[]): Promise<void> {
  for (const from of others) {
    if (from === into || !(await exists(f, from))) continue;
    // Never the work a document is being filed into (its id is in use until the document is written), never two
    // works a person split apart.
    if (from === f.filing || (await splitApart(f, into, from))) continue;
    // Two library works join only if every record of one may join every record of the other.
    const mine = await documentRecords(f, into);
    const theirs = await documentRecords(f, from);
    if (!mine.every((a) => theirs.every((b) => libraryJoinAllowed(a, b)))) continue;
    await mergeInto(f, into, from, "the matcher: the same work, fitted equally by one record");
  }
}

/**
 * Makes `from` part of `into`: its documents and the references to it move over, its citations follow, and
 * its id redirects to `into` from now on. Returns the merge's id in the history.
 */
export async function mergeInto(f: Filing, into: number, from: number, note?: string): Promise<number> {
  const rows = f.rows;
  const fromCsl = ((await rows.works.get([from])).get(from) as { csl: string }).csl;
  const documents = await rows.documents.idsOf(from);
  const refs = await rows.refs.idsTo(from);
  await moveWork(f, from, into, documents, refs);
  await deleteWork(f, from, into);
  if (documents.length) await setInLibrary(f, into, true);
  f.dirty.canonical.add(into);
  return rows.history.insertMerge({ into, from, fromCsl, documents, refs, note: note ?? null, at: f.now });
}

/** Moves documents and references from one work to another and marks what that makes stale. */
export async function moveWork(
  f: Filing,
  from: number,
  to: number,
  documents: number[],
  refs: number[],
): Promise<void> {
  const { dirty, rows } = f;
  if (documents.length) await rows.documents.move(documents, to);
  if (refs.length) for (const citing of await rows.refs.move(refs, to)) dirty.citing.add(citing);
  for (const w of [from, to]) {
    dirty.citing.add(w);
    dirty.cited.add(w);
    dirty.orphans.add(w);
  }
}

/** A library work takes over a work only cited: the references to it move over, and it is gone. */
export async function absorb(f: Filing, into: number, citedOnly: number): Promise<void> {
  await f.rows.refs.move(await f.rows.refs.idsTo(citedOnly), into);
  await deleteWork(f, citedOnly, into);
}
