/**
 * Filing's primitives (src/graph/filing/rows.ts) for documents, in SQLite: SQL only, no decisions. Lists of ids
 * or source ids are passed as one JSON array (json_each), so that a bulk read is one statement.
 */
import type Database from "better-sqlite3";
import type { CslItem } from "../../formats/csl.ts";
import type { DocumentContent, DocumentRows, StoredDocument } from "../../graph/filing/rows.ts";
import { type DocumentRow, toDocument } from "../document-row.ts";

type Db = Database.Database;

export class SqliteDocumentRows implements DocumentRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      bySource: db.prepare("SELECT id, work_id, sha1 FROM documents WHERE source_id = ?"),
      bySources: db.prepare(
        "SELECT d.id, d.work_id, d.sha1, d.source_id FROM json_each(?) j JOIN documents d ON d.source_id = j.value",
      ),
      bySha1: db.prepare(
        "SELECT id, work_id, sha1 FROM documents WHERE sha1 = ? AND source_id IS NULL LIMIT 1",
      ),
      byWorkDoi: db.prepare(
        `SELECT d.id, d.work_id, d.sha1 FROM works w JOIN documents d ON d.work_id = w.id
         WHERE w.doi = ? AND d.source_id IS NULL ORDER BY d.id LIMIT 1`,
      ),
      insert: db.prepare(
        "INSERT INTO documents (work_id, source_id, sha1, kind, source, csl, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      update: db.prepare(
        "UPDATE documents SET sha1 = ?, kind = ?, source = ?, csl = ?, updated_at = ? WHERE id = ?",
      ),
      idsOf: db.prepare("SELECT id FROM documents WHERE work_id = ? ORDER BY id").pluck(),
      itemsOf: db.prepare("SELECT csl FROM documents WHERE work_id = ? ORDER BY id").pluck(),
      firstItemsOf: db.prepare("SELECT csl FROM documents WHERE work_id = ? ORDER BY id LIMIT ?").pluck(),
      worksOf: db
        .prepare("SELECT d.id, d.work_id FROM json_each(?) j JOIN documents d ON d.id = j.value")
        .raw(),
      move: db.prepare("UPDATE documents SET work_id = ? WHERE id IN (SELECT value FROM json_each(?))"),
    };
  }

  bySource(sourceIds: string[]): Map<string, StoredDocument> {
    const out = new Map<string, StoredDocument>();
    if (sourceIds.length === 1) {
      const d = toDocument(this.s.bySource.get(sourceIds[0]) as DocumentRow | undefined);
      if (d) out.set(sourceIds[0], d);
    } else if (sourceIds.length)
      for (const d of this.s.bySources.all(JSON.stringify(sourceIds)) as (DocumentRow & {
        source_id: string;
      })[])
        out.set(d.source_id, toDocument(d) as StoredDocument);
    return out;
  }

  bySha1(sha1: string): StoredDocument | undefined {
    return toDocument(this.s.bySha1.get(sha1) as DocumentRow | undefined);
  }

  byWorkDoi(doi: string): StoredDocument | undefined {
    return toDocument(this.s.byWorkDoi.get(doi) as DocumentRow | undefined);
  }

  insert(workId: number, sourceId: string | null, c: DocumentContent): number {
    const csl = JSON.stringify(c.item);
    return Number(
      this.s.insert.run(workId, sourceId, c.sha1, c.kind, c.source, csl, c.now, c.now).lastInsertRowid,
    );
  }

  update(id: number, c: DocumentContent): void {
    this.s.update.run(c.sha1, c.kind, c.source, JSON.stringify(c.item), c.now, id);
  }

  idsOf(workId: number): number[] {
    return this.s.idsOf.all(workId) as number[];
  }

  itemsOf(workId: number, limit?: number): CslItem[] {
    const rows = (
      limit === undefined ? this.s.itemsOf.all(workId) : this.s.firstItemsOf.all(workId, limit)
    ) as string[];
    return rows.map((csl) => JSON.parse(csl) as CslItem);
  }

  worksOf(ids: number[]): Map<number, number> {
    return new Map(this.s.worksOf.all(JSON.stringify(ids)) as [number, number][]);
  }

  move(ids: number[], workId: number): void {
    this.s.move.run(workId, JSON.stringify(ids));
  }
}
