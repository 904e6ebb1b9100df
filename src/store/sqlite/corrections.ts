/**
 * Corrections of works' metadata in SQLite: each one a row of work_corrections (who, when, why, the values it
 * set and those it replaced). Filing's primitives for them (src/graph/filing/rows.ts; applied by the vote in
 * src/graph/filing/works.ts, recorded and reverted by src/graph/filing/correct.ts), and a work's list.
 */
import type Database from "better-sqlite3";
import type { Correction, CorrectionFields } from "../../graph/corrections.ts";
import type { CorrectionRows, NewCorrection } from "../../graph/filing/rows.ts";
import { type CorrectionRow, correctionOf } from "../correction-row.ts";

export class SqliteCorrectionRows implements CorrectionRows {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      active: db
        .prepare("SELECT fields FROM work_corrections WHERE work_id = ? AND reverted_at IS NULL ORDER BY id")
        .pluck(),
      insert: db.prepare(
        "INSERT INTO work_corrections (work_id, fields, previous, editor, note, made_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      revert: db.prepare("UPDATE work_corrections SET reverted_at = ?, reverted_by = ? WHERE id = ?"),
      get: db.prepare("SELECT * FROM work_corrections WHERE id = ?"),
      ofWork: db.prepare("SELECT * FROM work_corrections WHERE work_id = ? ORDER BY id DESC LIMIT ?"),
      move: db.prepare("UPDATE work_corrections SET work_id = ? WHERE work_id = ?"),
    };
  }

  active(workId: number): CorrectionFields[] {
    return (this.s.active.all(workId) as string[]).map((f) => JSON.parse(f) as CorrectionFields);
  }

  insert(c: NewCorrection): number {
    const fields = JSON.stringify(c.fields);
    const previous = JSON.stringify(c.previous);
    return Number(this.s.insert.run(c.workId, fields, previous, c.editor, c.note, c.at).lastInsertRowid);
  }

  revert(id: number, at: number, by: string): void {
    this.s.revert.run(at, by, id);
  }

  get(id: number): Correction | undefined {
    const r = this.s.get.get(id) as CorrectionRow | undefined;
    return r && correctionOf(r);
  }

  move(fromWork: number, toWork: number): void {
    this.s.move.run(toWork, fromWork);
  }

  /** A work's corrections, newest first. */
  ofWork(workId: number, limit: number): Correction[] {
    return (this.s.ofWork.all(workId, limit) as CorrectionRow[]).map(correctionOf);
  }
}
