/**
 * rebuild-graph's rows as both stores read them (CSL kept as JSON text in each), so that a rebuild sees the same
 * documents and references on SQLite and PostgreSQL.
 */
import type { CslItem } from "../formats/csl.ts";
import type { RebuildDocument, RebuildReference, ReferenceKind } from "../graph/filing/rows.ts";

export interface RebuildDocumentRow {
  id: number;
  work_id: number;
  item: string;
  csl: string;
}

export interface RebuildReferenceRow {
  id: number;
  kind: ReferenceKind;
  target: string | null;
  csl: string | null;
  previous: number | null;
}

export const rebuildDocumentOf = (d: RebuildDocumentRow): RebuildDocument => ({
  id: d.id,
  workId: d.work_id,
  item: JSON.parse(d.item) as CslItem,
  workItem: JSON.parse(d.csl) as CslItem,
});

export const rebuildReferenceOf = (r: RebuildReferenceRow): RebuildReference => ({
  id: r.id,
  kind: r.kind,
  target: r.target,
  item: r.csl ? (JSON.parse(r.csl) as CslItem) : undefined,
  previous: r.previous,
});
