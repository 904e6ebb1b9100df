/**
 * Filing's primitives (src/graph/filing/rows.ts) for references, in SQLite: SQL only, no decisions. The works
 * an ambiguous reference fits are a JSON list in refs.ambiguous, rewritten in SQL when a work goes or moves.
 */
import type Database from "better-sqlite3";
import type { CslItem } from "../../formats/csl.ts";
import type { CitingReference, NewReference, ReferenceRows } from "../../graph/filing/rows.ts";
import { referenceValues } from "../reference-values.ts";

type Db = Database.Database;

export class SqliteReferenceRows implements ReferenceRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      worksCitedBy: db
        .prepare("SELECT work_id FROM refs WHERE document_id = ? AND work_id IS NOT NULL")
        .pluck(),
      deleteOfDocument: db.prepare("DELETE FROM refs WHERE document_id = ?"),
      insert: db.prepare(
        "INSERT INTO refs (document_id, position, raw, csl, target, work_id, contexts, ambiguous, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      waiting: db.prepare(
        "SELECT r.id, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id WHERE r.target = ? AND r.work_id IS NULL",
      ),
      isWaited: db.prepare("SELECT 1 FROM refs WHERE target = ? AND work_id IS NULL LIMIT 1").pluck(),
      point: db.prepare("UPDATE refs SET work_id = ?, ambiguous = NULL WHERE id = ?"),
      setAmbiguous: db.prepare("UPDATE refs SET work_id = NULL, ambiguous = ? WHERE id = ?"),
      itemsTo: db.prepare(
        `SELECT r.id, r.csl, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id
         WHERE r.work_id = ? AND r.kind = 'item' ORDER BY r.id LIMIT ?`,
      ),
      fieldsTo: db
        .prepare("SELECT csl FROM refs WHERE work_id = ? AND kind = 'item' ORDER BY id LIMIT ?")
        .pluck(),
      anyItems: db.prepare("SELECT EXISTS (SELECT 1 FROM refs WHERE kind = 'item')").pluck(),
      countTo: db
        .prepare("SELECT count(*) FROM (SELECT 1 FROM refs WHERE work_id = ? AND kind = 'item' LIMIT ?)")
        .pluck(),
      idsTo: db.prepare("SELECT id FROM refs WHERE work_id = ? ORDER BY id").pluck(),
      /** The works a reference's list cites before it: a reference list names each work once. */
      citedBefore: db
        .prepare(
          `SELECT DISTINCT b.work_id FROM refs r JOIN refs b ON b.document_id = r.document_id
           WHERE r.id = @id AND b.position < r.position AND b.work_id IS NOT NULL`,
        )
        .pluck(),
      move: db.prepare("UPDATE refs SET work_id = ? WHERE id = ?"),
      citing: db
        .prepare("SELECT d.work_id FROM refs r JOIN documents d ON d.id = r.document_id WHERE r.id = ?")
        .pluck(),
      worksOf: db.prepare("SELECT r.id, r.work_id FROM json_each(?) j JOIN refs r ON r.id = j.value").raw(),
      /** Lists of an ambiguous reference's works: `from` replaced by `to` (dropped when null), each id once. */
      renameAmbiguous: db.prepare(
        `UPDATE refs SET ambiguous = (SELECT json_group_array(DISTINCT v) FROM
           (SELECT CASE WHEN value = @from THEN @to ELSE value END AS v FROM json_each(refs.ambiguous)) WHERE v IS NOT NULL)
         WHERE ambiguous IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(refs.ambiguous) WHERE value = @from)`,
      ),
      /** Ambiguous references left fitting one work or none. */
      settledAmbiguous: db.prepare(
        `SELECT r.id, d.work_id AS citing, json_extract(r.ambiguous, '$[0]') AS only FROM refs r
         JOIN documents d ON d.id = r.document_id
         WHERE r.ambiguous IS NOT NULL AND json_array_length(r.ambiguous) <= 1`,
      ),
    };
  }

  worksCitedBy(documentId: number): number[] {
    return this.s.worksCitedBy.all(documentId) as number[];
  }

  deleteOfDocument(documentId: number): void {
    this.s.deleteOfDocument.run(documentId);
  }

  insert(r: NewReference): void {
    this.s.insert.run(...referenceValues(r, (xs) => JSON.stringify(xs)));
  }

  waiting(target: string): CitingReference[] {
    return this.s.waiting.all(target) as CitingReference[];
  }

  waitedFor(targets: string[]): Set<string> {
    // In the process, one target at a time costs nothing more (and filing does not read ahead on SQLite).
    return new Set(targets.filter((t) => this.s.isWaited.get(t) !== undefined));
  }

  point(ids: number[], workId: number | null): void {
    for (const id of ids) this.s.point.run(workId, id);
  }

  setAmbiguous(id: number, workIds: number[]): void {
    this.s.setAmbiguous.run(JSON.stringify(workIds), id);
  }

  itemsTo(workId: number, limit: number): (CitingReference & { item: CslItem })[] {
    return (this.s.itemsTo.all(workId, limit) as { id: number; csl: string; citing: number }[]).map((r) => ({
      id: r.id,
      citing: r.citing,
      item: JSON.parse(r.csl) as CslItem,
    }));
  }

  fieldsTo(workId: number, limit: number): CslItem[] {
    return (this.s.fieldsTo.all(workId, limit) as string[]).map((csl) => JSON.parse(csl) as CslItem);
  }

  anyItems(): boolean {
    return this.s.anyItems.get() === 1;
  }

  countTo(workId: number, limit: number): number {
    return this.s.countTo.get(workId, limit) as number;
  }

  idsTo(workId: number): number[] {
    return this.s.idsTo.all(workId) as number[];
  }

  citedBefore(id: number): number[] {
    return this.s.citedBefore.all({ id }) as number[];
  }

  move(ids: number[], workId: number): number[] {
    for (const id of ids) this.s.move.run(workId, id);
    return ids.map((id) => this.s.citing.get(id) as number);
  }

  worksOf(ids: number[]): Map<number, number | null> {
    return new Map(this.s.worksOf.all(JSON.stringify(ids)) as [number, number | null][]);
  }

  renameInAmbiguous(from: number, to: number | null): (CitingReference & { only: number | null })[] {
    this.s.renameAmbiguous.run({ from, to });
    return this.s.settledAmbiguous.all() as (CitingReference & { only: number | null })[];
  }
}
