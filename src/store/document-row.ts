/** A documents row as filing reads it, the same in both stores. */
import type { StoredDocument } from "../graph/filing/rows.ts";

export interface DocumentRow {
  id: number;
  work_id: number;
  sha1: string;
}

export const toDocument = (d: DocumentRow | undefined): StoredDocument | undefined =>
  d && { id: d.id, workId: d.work_id, sha1: d.sha1 };
