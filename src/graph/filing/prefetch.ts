/**
 * Reading a batch ahead: the blocking keys of its records and of their references, then the works under them,
 * each in one bulk read — so that a store over a network answers a batch's matching in a few round trips
 * instead of one or two a reference. The caches they land in (known.ts) are kept true as filing writes, so that
 * what the batch itself creates or changes is seen by its later records. With them, what filing otherwise asks
 * one at a time a record — documents by source id, works by DOI, the name blocks of authors, whether references
 * wait for a record, venues — is read in one call each and kept by the transaction's rows (rows-ahead.ts).
 */

import { type CslItem, normalizeDoi } from "../../formats/csl.ts";
import { authorKey } from "../keys.ts";
import type { DocumentInput } from "./documents.ts";
import type { Filing, MatchSource } from "./filing.ts";

/** Documents whose candidates are read together: enough for few round trips, few enough to bound memory. */
export const PREFETCH_DOCUMENTS = 250;

export async function prefetch(f: Filing, documents: DocumentInput[]): Promise<void> {
  f.forgetAhead();
  // A record filed before with the same content changes nothing and matches nothing (an import run again). The
  // records references name by id are read with them (documents-ahead.ts).
  const sourceIds = documents.flatMap((d) => (d.sourceId ? [d.sourceId] : []));
  const named = documents.flatMap((d) => d.references.flatMap((r) => ("id" in r ? [r.id] : [])));
  const stored =
    sourceIds.length || named.length ? await f.rows.documents.bySource([...sourceIds, ...named]) : undefined;
  const hashes: number[] = [];
  const authors = new Set<string>();
  const ahead = (item: CslItem, source: MatchSource) => {
    hashes.push(...f.keyHashes(item, f.matchRecord(item, source, true)));
    for (const name of item.author ?? []) {
      const key = authorKey(name);
      if (key && !f.known.blocks.has(key)) authors.add(key);
    }
  };
  for (const d of documents) {
    if (d.sourceId && stored?.get(d.sourceId)?.sha1 === d.sha1) continue;
    ahead(d.item, "record");
    for (const ref of d.references) if ("item" in ref && ref.item) ahead(ref.item, "reference");
  }
  // The name blocks of the authors a new work may be given (a record's; a reference's that makes a new work).
  if (authors.size)
    for (const [key, people] of await f.rows.people.blocks([...authors])) f.known.keepBlock(key, people);
  await readOneAtATimeAhead(f, documents);
  if (!hashes.length) return;
  const ids = await f.known.keys.candidates(f.rows.keys, hashes);
  await f.known.works.get(f.rows.works, ids);
}

/** What filing asks one at a time a record, read in bulk; kept by the transaction's rows (rows-ahead.ts). */
async function readOneAtATimeAhead(f: Filing, documents: DocumentInput[]): Promise<void> {
  const items = documents.flatMap((d) => [
    d.item,
    ...d.references.flatMap((r) => ("item" in r ? [r.item] : [])),
  ]);
  // Whether references wait for the records' ids and DOIs (almost never: answered at once then).
  const targets = documents.flatMap((d) => {
    const doi = normalizeDoi(d.item.DOI);
    return [...(d.sourceId ? [`id:${d.sourceId}`] : []), ...(doi ? [`doi:${doi}`] : [])];
  });
  if (targets.length) await f.rows.refs.waitedFor(targets);
  // The works holding the DOIs the records and their references name (works-ahead.ts).
  const dois = [
    ...items.map((item) => normalizeDoi(item.DOI)),
    ...documents.flatMap((d) => d.references.map((r) => ("doi" in r ? normalizeDoi(r.doi) : undefined))),
  ].filter((doi): doi is string => !!doi);
  if (dois.length) await f.rows.works.byDois(dois);
  // The venues of the works they may make or change.
  const venues = items.flatMap((item) => (item["container-title"] ? [item["container-title"]] : []));
  if (venues.length) await f.rows.works.venuesAhead(venues);
}
