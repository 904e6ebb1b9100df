/**
 * Corrections of works' metadata in PostgreSQL: filing's primitives for them (src/graph/filing/rows.ts), as
 * store/sqlite/corrections.ts — the fields and what they replaced kept as the JSON text SQLite keeps.
 */
import type { Correction, CorrectionFields } from "../../graph/corrections.ts";
import type { CorrectionRows, NewCorrection } from "../../graph/filing/rows.ts";
import { type CorrectionRow, correctionOf } from "../correction-row.ts";
import type { NextIds, Sql } from "./sql.ts";

export class PgCorrectionRows implements CorrectionRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async active(workId: number): Promise<CorrectionFields[]> {
    const rows = await this.sql.query<{ fields: string }>(
      "SELECT fields FROM work_corrections WHERE work_id = $1 AND reverted_at IS NULL ORDER BY id",
      [workId],
    );
    return rows.map((r) => JSON.parse(r.fields) as CorrectionFields);
  }

  async insert(c: NewCorrection): Promise<number> {
    const id = await this.ids.take("work_corrections");
    await this.sql.query(
      `INSERT INTO work_corrections (id, work_id, fields, previous, editor, note, made_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, c.workId, JSON.stringify(c.fields), JSON.stringify(c.previous), c.editor, c.note, c.at],
    );
    return id;
  }

  async revert(id: number, at: number, by: string): Promise<void> {
    await this.sql.query("UPDATE work_corrections SET reverted_at = $1, reverted_by = $2 WHERE id = $3", [
      at,
      by,
      id,
    ]);
  }

  async get(id: number): Promise<Correction | undefined> {
    const [r] = await this.sql.query<CorrectionRow>("SELECT * FROM work_corrections WHERE id = $1", [id]);
    return r && correctionOf(r);
  }

  async move(fromWork: number, toWork: number): Promise<void> {
    await this.sql.query("UPDATE work_corrections SET work_id = $1 WHERE work_id = $2", [toWork, fromWork]);
  }
}
