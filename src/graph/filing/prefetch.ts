/**
 * Reading a batch's candidates ahead: the blocking keys of its records and of their references, then the works
 * under them, each in one bulk read — so that a store over a network answers a batch's matching in a few round
 * trips instead of one or two a reference. The caches they land in (known.ts) are kept true as filing writes,
 * so that what the batch itself creates or changes is seen by its later records.
 */

import type { CslItem } from "../../formats/csl.ts";
import type { DocumentInput } from "./documents.ts";
import type { Filing, MatchSource } from "./filing.ts";

/** Documents whose candidates are read together: enough for few round trips, few enough to bound memory. */
export const PREFETCH_DOCUMENTS = 250;

export async function prefetch(f: Filing, documents: DocumentInput[]): Promise<void> {
  f.forgetAhead();
  // A record filed before with the same content changes nothing and matches nothing (an import run again).
  const sourceIds = documents.flatMap((d) => (d.sourceId ? [d.sourceId] : []));
  const stored = sourceIds.length ? await f.rows.documents.bySource(sourceIds) : undefined;
  const hashes: number[] = [];
  const ahead = (item: CslItem, source: MatchSource) =>
    hashes.push(...f.keyHashes(item, f.matchRecord(item, source, true)));
  for (const d of documents) {
    if (d.sourceId && stored?.get(d.sourceId)?.sha1 === d.sha1) continue;
    ahead(d.item, "record");
    for (const ref of d.references) if ("item" in ref && ref.item) ahead(ref.item, "reference");
  }
  if (!hashes.length) return;
  const ids = await f.known.keys.candidates(f.rows.keys, hashes);
  await f.known.works.get(f.rows.works, ids);
}
