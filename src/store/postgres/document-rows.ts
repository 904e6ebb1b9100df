/**
 * Filing's primitives (src/graph/filing/rows.ts) for documents, in PostgreSQL: SQL only, no decisions, as
 * store/sqlite/document-rows.ts. Where SQLite's answer has an order (or a first row), the order is written out.
 */
import type { CslItem } from "../../formats/csl.ts";
import type { DocumentContent, DocumentRows, StoredDocument } from "../../graph/filing/rows.ts";
import { type DocumentRow, toDocument } from "../document-row.ts";
import type { NextIds, Sql } from "./sql.ts";

export class PgDocumentRows implements DocumentRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async bySource(sourceIds: string[]): Promise<Map<string, StoredDocument>> {
    const out = new Map<string, StoredDocument>();
    if (!sourceIds.length) return out;
    const rows = await this.sql.query<DocumentRow & { source_id: string }>(
      "SELECT id, work_id, sha1, source_id FROM documents WHERE source_id = ANY($1::text[])",
      [sourceIds],
    );
    for (const d of rows) out.set(d.source_id, toDocument(d) as StoredDocument);
    return out;
  }

  async bySha1(sha1: string): Promise<StoredDocument | undefined> {
    const [d] = await this.sql.query<DocumentRow>(
      "SELECT id, work_id, sha1 FROM documents WHERE sha1 = $1 AND source_id IS NULL ORDER BY id LIMIT 1",
      [sha1],
    );
    return toDocument(d);
  }

  async byWorkDoi(doi: string): Promise<StoredDocument | undefined> {
    const [d] = await this.sql.query<DocumentRow>(
      `SELECT d.id, d.work_id, d.sha1 FROM works w JOIN documents d ON d.work_id = w.id
       WHERE w.doi = $1 AND d.source_id IS NULL ORDER BY d.id LIMIT 1`,
      [doi],
    );
    return toDocument(d);
  }

  async insert(workId: number, sourceId: string | null, c: DocumentContent): Promise<number> {
    const id = await this.ids.take("documents");
    await this.sql.insertLater(
      "documents",
      ["id", "work_id", "source_id", "sha1", "kind", "source", "csl", "added_at", "updated_at"],
      [id, workId, sourceId, c.sha1, c.kind, c.source, JSON.stringify(c.item), c.now, c.now],
    );
    return id;
  }

  async update(id: number, c: DocumentContent): Promise<void> {
    await this.sql.query(
      "UPDATE documents SET sha1 = $1, kind = $2, source = $3, csl = $4, updated_at = $5 WHERE id = $6",
      [c.sha1, c.kind, c.source, JSON.stringify(c.item), c.now, id],
    );
  }

  async idsOf(workId: number): Promise<number[]> {
    const rows = await this.sql.query<{ id: number }>(
      "SELECT id FROM documents WHERE work_id = $1 ORDER BY id",
      [workId],
    );
    return rows.map((r) => r.id);
  }

  async itemsOf(workId: number, limit?: number): Promise<CslItem[]> {
    const rows = await this.sql.query<{ csl: string }>(
      "SELECT csl FROM documents WHERE work_id = $1 ORDER BY id LIMIT $2",
      [workId, limit ?? null],
    );
    return rows.map((r) => JSON.parse(r.csl) as CslItem);
  }

  async worksOf(ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.sql.query<DocumentRow>(
      "SELECT id, work_id FROM documents WHERE id = ANY($1::bigint[])",
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.work_id]));
  }

  async move(ids: number[], workId: number): Promise<void> {
    await this.sql.query("UPDATE documents SET work_id = $1 WHERE id = ANY($2::bigint[])", [workId, ids]);
  }
}
