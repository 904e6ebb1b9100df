/**
 * Corrections of works' metadata in the library: each one a row of work_corrections (who, when, why, the values
 * it set and those it replaced), applied by the writer's vote (write.ts recanonicalize) on top of what the
 * sources say. Reverting marks the row and votes again, so the history is never rewritten.
 */

import type { CslItem } from "../../formats/csl.ts";
import {
  type Correction,
  CorrectionError,
  type CorrectionFields,
  changesNothing,
  currentValues,
  validateCorrection,
  validateNote,
} from "../../graph/corrections.ts";
import { SqliteGraphWriter } from "./graph-edits.ts";

interface CorrectionRow {
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

function correctionOf(r: CorrectionRow): Correction {
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

export class SqliteCorrectionWriter extends SqliteGraphWriter {
  /**
   * Records a correction of a library work and applies it. Refused, with the reason: an unknown or cited-only
   * work (its metadata is the references' vote, and its id does not survive rebuild-graph), a field that cannot
   * be corrected or a bad value, a correction that changes nothing.
   */
  correctWork(
    workId: number,
    raw: Record<string, unknown>,
    by: { editor: string; note?: string },
  ): { value: Correction; touched: Set<number> } {
    const fields = validateCorrection(raw);
    const editor = validateNote("editor", by.editor) ?? "";
    if (!editor) throw new CorrectionError("editor: a correction needs the name of who made it");
    const note = validateNote("note", by.note);
    return this.change((dirty, now) => {
      const row = this.db.prepare("SELECT in_library, csl FROM works WHERE id = ?").get(workId) as
        | { in_library: number; csl: string }
        | undefined;
      if (!row) throw new CorrectionError(`no work ${workId}`);
      if (row.in_library !== 1)
        throw new CorrectionError(
          `work ${workId} is known only from references: its metadata is what they say (corrections are for works in the library)`,
        );
      const item = JSON.parse(row.csl) as CslItem;
      if (changesNothing(item, fields)) throw new CorrectionError("the correction changes nothing");
      const id = Number(
        this.db
          .prepare(
            "INSERT INTO work_corrections (work_id, fields, previous, editor, note, made_at) VALUES (?, ?, ?, ?, ?, ?)",
          )
          .run(
            workId,
            JSON.stringify(fields),
            JSON.stringify(currentValues(item, fields)),
            editor,
            note ?? null,
            now,
          ).lastInsertRowid,
      );
      dirty.canonical.add(workId);
      return this.correction(id)!;
    });
  }

  /** Reverts a correction: the work shows again what the vote and the other corrections give. */
  revertCorrection(id: number, editor: string): { value: Correction; touched: Set<number> } {
    const by = validateNote("editor", editor);
    if (!by) throw new CorrectionError("editor: a revert needs the name of who made it");
    return this.change((dirty, now) => {
      const c = this.correction(id);
      if (!c) throw new CorrectionError(`no correction ${id}`);
      if (c.revertedAt !== undefined) throw new CorrectionError(`correction ${id} was reverted already`);
      this.db
        .prepare("UPDATE work_corrections SET reverted_at = ?, reverted_by = ? WHERE id = ?")
        .run(now, by, id);
      dirty.canonical.add(c.workId);
      return this.correction(id)!;
    });
  }

  correction(id: number): Correction | undefined {
    const r = this.db.prepare("SELECT * FROM work_corrections WHERE id = ?").get(id) as
      | CorrectionRow
      | undefined;
    return r && correctionOf(r);
  }

  /** A work's corrections, newest first. */
  corrections(workId: number, limit: number): Correction[] {
    return (
      this.db
        .prepare("SELECT * FROM work_corrections WHERE work_id = ? ORDER BY id DESC LIMIT ?")
        .all(workId, limit) as CorrectionRow[]
    ).map(correctionOf);
  }
}
