/**
 * Filing's primitives (src/graph/filing/rows.ts) for references, in PostgreSQL: SQL only, no decisions, as
 * store/sqlite/reference-rows.ts. The works an ambiguous reference fits are a bigint[] (refs.ambiguous),
 * rewritten in SQL when a work goes or moves, keeping each id once where it first stood as SQLite's JSON list.
 */
import type { CslItem } from "../../formats/csl.ts";
import type { CitingReference, NewReference, ReferenceRows } from "../../graph/filing/rows.ts";
import { referenceValues } from "../reference-values.ts";
import type { NextIds, Sql } from "./sql.ts";

/** A refs row's columns, in the order of referenceValues after the id. */
const REF_COLUMNS = [
  "id",
  "document_id",
  "position",
  "raw",
  "csl",
  "target",
  "work_id",
  "contexts",
  "ambiguous",
  "kind",
];

export class PgReferenceRows implements ReferenceRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async worksCitedBy(documentId: number): Promise<number[]> {
    // In the list's order, as SQLite reads them (its unique index on document_id, position).
    const rows = await this.sql.query<{ work_id: number }>(
      "SELECT work_id FROM refs WHERE document_id = $1 AND work_id IS NOT NULL ORDER BY position",
      [documentId],
    );
    return rows.map((r) => r.work_id);
  }

  async deleteOfDocument(documentId: number): Promise<void> {
    await this.sql.query("DELETE FROM refs WHERE document_id = $1", [documentId]);
    this.ids.deleted("refs");
  }

  async insert(r: NewReference): Promise<void> {
    const id = await this.ids.take("refs");
    await this.sql.insertLater("refs", REF_COLUMNS, [id, ...referenceValues(r, (xs) => xs)]);
  }

  async waiting(target: string): Promise<CitingReference[]> {
    return this.sql.query<CitingReference>(
      `SELECT r.id, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id
       WHERE r.target = $1 AND r.work_id IS NULL ORDER BY r.id`,
      [target],
    );
  }

  async waitedFor(targets: string[]): Promise<Set<string>> {
    if (!targets.length) return new Set();
    const rows = await this.sql.query<{ target: string }>(
      "SELECT DISTINCT target FROM refs WHERE target = ANY($1::text[]) AND work_id IS NULL",
      [targets],
    );
    return new Set(rows.map((r) => r.target));
  }

  async point(ids: number[], workId: number | null): Promise<void> {
    if (!ids.length) return;
    await this.sql.query("UPDATE refs SET work_id = $1, ambiguous = NULL WHERE id = ANY($2::bigint[])", [
      workId,
      ids,
    ]);
  }

  async setAmbiguous(id: number, workIds: number[]): Promise<void> {
    await this.sql.query("UPDATE refs SET work_id = NULL, ambiguous = $1 WHERE id = $2", [workIds, id]);
  }

  async itemsTo(workId: number, limit: number): Promise<(CitingReference & { item: CslItem })[]> {
    const rows = await this.sql.query<{ id: number; csl: string; citing: number }>(
      `SELECT r.id, r.csl, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id
       WHERE r.work_id = $1 AND r.kind = 'item' ORDER BY r.id LIMIT $2`,
      [workId, limit],
    );
    return rows.map((r) => ({ id: r.id, citing: r.citing, item: JSON.parse(r.csl) as CslItem }));
  }

  async fieldsTo(workId: number, limit: number): Promise<CslItem[]> {
    const rows = await this.sql.query<{ csl: string }>(
      "SELECT csl FROM refs WHERE work_id = $1 AND kind = 'item' ORDER BY id LIMIT $2",
      [workId, limit],
    );
    return rows.map((r) => JSON.parse(r.csl) as CslItem);
  }

  async anyItems(): Promise<boolean> {
    const [row] = await this.sql.query<{ any: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM refs WHERE kind = 'item') AS any",
    );
    return row.any;
  }

  async countTo(workId: number, limit: number): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      "SELECT count(*) AS n FROM (SELECT 1 FROM refs WHERE work_id = $1 AND kind = 'item' LIMIT $2) x",
      [workId, limit],
    );
    return row.n;
  }

  async idsTo(workId: number): Promise<number[]> {
    const rows = await this.sql.query<{ id: number }>("SELECT id FROM refs WHERE work_id = $1 ORDER BY id", [
      workId,
    ]);
    return rows.map((r) => r.id);
  }

  async citedBefore(id: number): Promise<number[]> {
    // A reference list names each work once: the works cited before this entry.
    const rows = await this.sql.query<{ work_id: number }>(
      `SELECT DISTINCT b.work_id FROM refs r JOIN refs b ON b.document_id = r.document_id
       WHERE r.id = $1 AND b.position < r.position AND b.work_id IS NOT NULL`,
      [id],
    );
    return rows.map((r) => r.work_id);
  }

  async move(ids: number[], workId: number): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.sql.query<{ id: number; citing: number }>(
      `WITH moved AS (UPDATE refs SET work_id = $1 WHERE id = ANY($2::bigint[]) RETURNING id, document_id)
       SELECT m.id, d.work_id AS citing FROM moved m JOIN documents d ON d.id = m.document_id`,
      [workId, ids],
    );
    const citing = new Map(rows.map((r) => [r.id, r.citing]));
    return ids.flatMap((id) => {
      const w = citing.get(id);
      return w === undefined ? [] : [w];
    });
  }

  async worksOf(ids: number[]): Promise<Map<number, number | null>> {
    if (!ids.length) return new Map();
    const rows = await this.sql.query<{ id: number; work_id: number | null }>(
      "SELECT id, work_id FROM refs WHERE id = ANY($1::bigint[])",
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.work_id]));
  }

  async renameInAmbiguous(
    from: number,
    to: number | null,
  ): Promise<(CitingReference & { only: number | null })[]> {
    // `from` replaced by `to` (dropped when null), each id once where it first stood.
    await this.sql.query(
      `UPDATE refs SET ambiguous = ARRAY(
         SELECT v FROM unnest(ambiguous) WITH ORDINALITY u(x, i)
         CROSS JOIN LATERAL (SELECT CASE WHEN x = $1::bigint THEN $2::bigint ELSE x END AS v) c
         WHERE v IS NOT NULL GROUP BY v ORDER BY min(i))
       WHERE ambiguous IS NOT NULL AND $1::bigint = ANY(ambiguous)`,
      [from, to],
    );
    // References left fitting one work or none, in the order SQLite reads them (its index on document_id).
    return this.sql.query<CitingReference & { only: number | null }>(
      `SELECT r.id, d.work_id AS citing, r.ambiguous[1] AS only FROM refs r
       JOIN documents d ON d.id = r.document_id
       WHERE r.ambiguous IS NOT NULL AND cardinality(r.ambiguous) <= 1 ORDER BY r.document_id, r.id`,
    );
  }
}
