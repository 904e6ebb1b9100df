/**
 * A work_corrections row as both stores keep it (fields and what they replaced as JSON text) and the Correction
 * it reads as — one definition, so that a correction reads the same on SQLite and PostgreSQL.
 */
import type { Correction, CorrectionFields } from "../graph/corrections.ts";

export interface CorrectionRow {
  id: number;
  work_id: number;
  fields: string;
  previous: string;
  editor: string;
  note: string | null;
  made_at: number;
  reverted_at: number | null;
  reverted_by: string | null;
}

export function correctionOf(r: CorrectionRow): Correction {
  return {
    id: r.id,
    workId: r.work_id,
    fields: JSON.parse(r.fields) as CorrectionFields,
    previous: JSON.parse(r.previous) as CorrectionFields,
    editor: r.editor,
    note: r.note ?? undefined,
    madeAt: r.made_at,
    revertedAt: r.reverted_at ?? undefined,
    revertedBy: r.reverted_by ?? undefined,
  };
}
