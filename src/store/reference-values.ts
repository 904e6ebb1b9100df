/**
 * A refs row's values as both stores insert them, in the order document_id, position, raw, csl, target, work_id,
 * contexts, ambiguous, kind. Lists are kept as each store keeps them (SQLite: JSON text; PostgreSQL: arrays), so
 * the caller says how.
 */
import type { NewReference } from "../graph/filing/rows.ts";

export function referenceValues(r: NewReference, list: (xs: readonly unknown[]) => unknown) {
  return [
    r.documentId,
    r.position,
    r.raw,
    r.item ? JSON.stringify(r.item) : null,
    r.target,
    r.workId,
    r.contexts ? list(r.contexts) : null,
    r.ambiguous ? list(r.ambiguous) : null,
    r.kind,
  ] as const;
}
