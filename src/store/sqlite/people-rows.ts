/**
 * Filing's primitives (src/graph/filing/rows.ts) for people and for the citation edges, in SQLite: SQL only.
 * Edges are derived set-wise from references — one INSERT … SELECT a citing work — with the self-citation
 * flag (the two works share a person) computed in the same statement.
 */
import type Database from "better-sqlite3";
import type { EdgeRows, PeopleRows, Person } from "../../graph/filing/rows.ts";

type Db = Database.Database;

export class SqlitePeopleRows implements PeopleRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      /** The people of a name block: the key itself and its numbered variants ("smith_j", "smith_j#2", …). */
      block: db.prepare("SELECT id, key, given_names FROM authors WHERE key = ? OR (key > ? AND key < ?)"),
      insert: db.prepare("INSERT INTO authors (key, name, given_names) VALUES (?, ?, ?)"),
      setGivenNames: db.prepare("UPDATE authors SET given_names = ? WHERE id = ?"),
      coAuthorKeys: db
        .prepare(
          `SELECT DISTINCT a.key FROM work_authors w1 JOIN work_authors w2 ON w2.work_id = w1.work_id AND w2.author_id <> w1.author_id
           JOIN authors a ON a.id = w2.author_id WHERE w1.author_id = ? LIMIT ?`,
        )
        .pluck(),
      workCount: db.prepare("SELECT count(*) FROM work_authors WHERE author_id = ?").pluck(),
      ofWork: db.prepare("SELECT author_id FROM work_authors WHERE work_id = ? ORDER BY position").pluck(),
      link: db.prepare(
        "INSERT OR IGNORE INTO work_authors (work_id, position, author_id, name) VALUES (?, ?, ?, ?)",
      ),
      unlinkAll: db.prepare("DELETE FROM work_authors WHERE work_id = ?"),
    };
  }

  block(key: string): Person[] {
    return (
      this.s.block.all(key, `${key}#`, `${key}#\uffff`) as { id: number; key: string; given_names: string }[]
    ).map((b) => ({ id: b.id, key: b.key, givenNames: JSON.parse(b.given_names) as string[] }));
  }

  blocks(keys: string[]): Map<string, Person[]> {
    // In the process, one block at a time costs nothing more (and filing does not read ahead on SQLite).
    return new Map(keys.map((key) => [key, this.block(key)]));
  }

  insert(key: string, name: string, givenNames: string[]): number {
    return Number(this.s.insert.run(key, name, JSON.stringify(givenNames)).lastInsertRowid);
  }

  setGivenNames(id: number, givenNames: string[]): void {
    this.s.setGivenNames.run(JSON.stringify(givenNames), id);
  }

  coAuthorKeys(id: number, limit: number): string[] {
    return this.s.coAuthorKeys.all(id, limit) as string[];
  }

  workCount(id: number): number {
    return this.s.workCount.get(id) as number;
  }

  ofWork(workId: number): number[] {
    return this.s.ofWork.all(workId) as number[];
  }

  link(workId: number, position: number, personId: number, name: string): void {
    this.s.link.run(workId, position, personId, name);
  }

  unlinkAll(workId: number): void {
    this.s.unlinkAll.run(workId);
  }
}

export class SqliteEdgeRows implements EdgeRows {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      citedFrom: db.prepare("SELECT cited_id FROM citations WHERE citing_id = ?").pluck(),
      deleteFrom: db.prepare("DELETE FROM citations WHERE citing_id = ?"),
      /** Edges from a work's references, with the self-citation flag: the two works share an author. */
      insertFrom: db.prepare(
        `INSERT OR IGNORE INTO citations (cited_id, citing_id, self)
         SELECT r.work_id, d.work_id, EXISTS (
           SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
           WHERE a.work_id = d.work_id AND b.work_id = r.work_id)
         FROM documents d JOIN refs r ON r.document_id = d.id
         WHERE d.work_id = @id AND r.work_id IS NOT NULL AND r.work_id <> @id`,
      ),
      /** Self-citation flags of every edge touching a work, after its authors changed. */
      markSelf: db.prepare(
        `UPDATE citations SET self = EXISTS (
           SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
           WHERE a.work_id = citations.citing_id AND b.work_id = citations.cited_id)
         WHERE citing_id = @id OR cited_id = @id`,
      ),
      recount: db.prepare(
        `UPDATE work_rank SET cited_by = (SELECT count(*) FROM citations WHERE cited_id = @id),
           self_cited = (SELECT count(*) FROM citations WHERE cited_id = @id AND self = 1) WHERE id = @id`,
      ),
    };
  }

  citedFrom(workId: number): number[] {
    return this.s.citedFrom.all(workId) as number[];
  }

  replaceFrom(workIds: number[], fresh: ReadonlySet<number>): number[] {
    const s = this.s;
    const changed: number[] = [];
    for (const id of workIds) {
      // Edges about to go: their targets lose a citation.
      if (!fresh.has(id)) {
        changed.push(...(s.citedFrom.all(id) as number[]));
        s.deleteFrom.run(id);
      }
      s.insertFrom.run({ id });
      changed.push(...(s.citedFrom.all(id) as number[]));
    }
    return changed;
  }

  markSelf(workIds: number[]): number[] {
    for (const id of workIds) this.s.markSelf.run({ id });
    return workIds.flatMap((id) => this.s.citedFrom.all(id) as number[]);
  }

  recount(workIds: number[]): void {
    for (const id of workIds) this.s.recount.run({ id });
  }

  rebuildAll(): void {
    this.db.exec(`DELETE FROM citations;
      INSERT OR IGNORE INTO citations (cited_id, citing_id, self)
        SELECT r.work_id, d.work_id, EXISTS (
          SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
          WHERE a.work_id = d.work_id AND b.work_id = r.work_id)
        FROM documents d JOIN refs r ON r.document_id = d.id
        WHERE r.work_id IS NOT NULL AND r.work_id <> d.work_id;
      UPDATE work_rank SET
        cited_by = (SELECT count(*) FROM citations WHERE cited_id = work_rank.id),
        self_cited = (SELECT count(*) FROM citations WHERE cited_id = work_rank.id AND self = 1);`);
  }
}
