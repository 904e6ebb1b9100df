/**
 * Filing a batch of records: each document onto its work (INSPIRE's identity cascade: the same source id, else
 * the same content, updates its document; otherwise the matcher finds its work or a new one is made), its
 * metadata voted at once, its look-alikes' references reconsidered, the references waiting for it resolved,
 * and its own references filed.
 */

import { type CslItem, normalizeDoi } from "../../formats/csl.ts";
import type { ReferenceInput } from "../../formats/record.ts";
import type { Filing } from "./filing.ts";
import { findWork, isAmbiguous } from "./find.ts";
import { joinSameWork } from "./merge.ts";
import { PREFETCH_DOCUMENTS, prefetch } from "./prefetch.ts";
import { reconsiderNeighbours, replaceReferences, resolvePending } from "./references.ts";
import type { StoredDocument } from "./rows.ts";
import { settleWorks } from "./settle.ts";
import { insertWork, recanonicalize, setWork } from "./works.ts";

/** One record to file in the library: a document of some work, with its reference list. */
export interface DocumentInput {
  /** The record's own id (JSONL id, BibTeX key, "s2:…", "acl:…"); the same id later updates this document. */
  sourceId?: string;
  /** sha1 of the record's content (or of the PDF): the same content again changes nothing. */
  sha1: string;
  /** "record" for imported metadata, "pdf" for an ingested file. */
  kind: "record" | "pdf";
  /** Where it came from, for the reader: a file path. */
  source: string;
  item: CslItem;
  references: ReferenceInput[];
  /** Full text (an ingested PDF's body), searchable with `text:`. */
  body?: string;
}

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** Files a batch, in order, each document's votes and orphans settled before the next is filed (settleWorks). */
export async function fileDocuments(f: Filing, batch: DocumentInput[]): Promise<UpsertResult> {
  const result: UpsertResult = { added: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < batch.length; i++) {
    if (f.readAhead && i % PREFETCH_DOCUMENTS === 0)
      await prefetch(f, batch.slice(i, i + PREFETCH_DOCUMENTS));
    result[await fileDocument(f, batch[i])]++;
    await settleWorks(f);
  }
  return result;
}

/** The document a record updates: the one with its source id, else (id-less) the same content or DOI. */
async function existingDocument(f: Filing, input: DocumentInput): Promise<StoredDocument | undefined> {
  const documents = f.rows.documents;
  if (input.sourceId) return (await documents.bySource([input.sourceId])).get(input.sourceId);
  const doi = normalizeDoi(input.item.DOI);
  return (await documents.bySha1(input.sha1)) ?? (doi ? await documents.byWorkDoi(doi) : undefined);
}

async function fileDocument(f: Filing, input: DocumentInput): Promise<keyof UpsertResult> {
  const rows = f.rows;
  const existing = await existingDocument(f, input);
  if (existing && existing.sha1 === input.sha1) return "unchanged";
  const content = { sha1: input.sha1, kind: input.kind, source: input.source, item: input.item, now: f.now };
  let documentId: number;
  let workId: number;
  /** A work made for this record just now: stored as the vote of its one document already (insertWork). */
  let made = false;
  if (existing) {
    documentId = existing.id;
    workId = existing.workId;
    await rows.documents.update(documentId, content);
    await setWork(f, workId, input.item, true);
  } else {
    const match = await findWork(f, input.item, true);
    // A document always gets a work: when it fits several equally, a new one (a merge can follow).
    const found = isAmbiguous(match) ? undefined : match;
    if (found) {
      workId = found.id;
      await joinSameWork(f, workId, found.join);
      // A work known only from references becomes a library work (its metadata is voted again just below,
      // where the document outweighs the references).
      if (!found.inLibrary) await setWork(f, workId, input.item, true);
    } else {
      workId = await insertWork(f, input.item, true, input.body);
      f.dirty.fresh.add(workId);
      made = true;
    }
    documentId = await rows.documents.insert(workId, input.sourceId ?? null, content);
  }
  // Only a work made for this record has its full text already (insertWork). Not "made in this transaction":
  // a work an earlier record of the same batch created as cited only, which this record turned out to be, has
  // none yet — so the text was lost when the citing paper came in the same batch and kept when it came in an
  // earlier one (issue 16: one batch and one-document batches gave MapReduce with and without its full text).
  if (input.body !== undefined && !made) {
    // The full text goes in before the index row is written again with it.
    await rows.works.setBody(workId, input.body);
    await rows.works.reindex(workId);
  }
  // Voted at once, not at the end of the batch: what the next document or reference is matched against must not
  // depend on where a batch ends (rebuild-graph, which has no batches, must find the same). A work made just
  // now for this record holds the vote of its one document (and no corrections): voting again changes nothing.
  if (!made) await recanonicalize(f, workId);
  f.filing = workId;
  try {
    await reconsiderNeighbours(f, workId);
    // References that waited for this record's id or DOI (a changed record may bring a new DOI).
    await resolvePending(f, workId, input.sourceId, input.item);
    await replaceReferences(f, documentId, workId, input.references, !existing);
  } finally {
    f.filing = undefined;
  }
  return existing ? "updated" : "added";
}
