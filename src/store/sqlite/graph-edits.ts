/**
 * Filing's primitives (src/graph/filing/rows.ts) for the graph's history — retired ids, merges and their
 * splits — and for rebuild-graph, in SQLite; and the merge history as the store lists it. SQL only: which
 * merges happen, which ids are given back and where lost ids redirect is decided in src/graph/filing/.
 */
import type Database from "better-sqlite3";
import type { CslItem } from "../../formats/csl.ts";
import type { HistoryRows, NewMerge, RebuildRows, StoredMerge } from "../../graph/filing/rows.ts";
import {
  type RebuildDocumentRow,
  type RebuildReferenceRow,
  rebuildDocumentOf,
  rebuildReferenceOf,
} from "../rebuild-row.ts";
import type { MergeRecord } from "../types.ts";

type Db = Database.Database;

interface MergeRow {
  id: number;
  into_id: number;
  from_id: number;
  from_csl: string;
  documents: string;
  refs: string;
  note: string | null;
  merged_at: number;
  split_at: number | null;
  split_into: number | null;
}

export class SqliteHistoryRows implements HistoryRows {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      retire: db.prepare("INSERT OR REPLACE INTO retired_works (id, into_id, retired_at) VALUES (?, ?, ?)"),
      redirect: db.prepare("UPDATE retired_works SET into_id = ? WHERE id = ?"),
      unretire: db.prepare("DELETE FROM retired_works WHERE id = ?"),
      isRetired: db.prepare("SELECT 1 FROM retired_works WHERE id = ?").pluck(),
      retiredInto: db.prepare("SELECT into_id FROM retired_works WHERE id = ?"),
      splitPairs: db.prepare("SELECT into_id, split_into FROM work_merges WHERE split_at IS NOT NULL").raw(),
      insertMerge: db.prepare(
        "INSERT INTO work_merges (into_id, from_id, from_csl, documents, refs, note, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      merge: db.prepare("SELECT * FROM work_merges WHERE id = ?"),
      markSplit: db.prepare("UPDATE work_merges SET split_at = ?, split_into = ? WHERE id = ?"),
    };
  }

  retire(id: number, into: number | null, at: number): void {
    this.s.retire.run(id, into, at);
  }

  redirect(redirects: [id: number, into: number | null][]): void {
    for (const [id, into] of redirects) this.s.redirect.run(into, id);
  }

  unretire(id: number): void {
    this.s.unretire.run(id);
  }

  isRetired(id: number): boolean {
    return this.s.isRetired.get(id) !== undefined;
  }

  retiredInto(id: number): number | null | undefined {
    return (this.s.retiredInto.get(id) as { into_id: number | null } | undefined)?.into_id;
  }

  splitPairs(): [number, number][] {
    return this.s.splitPairs.all() as [number, number][];
  }

  insertMerge(m: NewMerge): number {
    const documents = JSON.stringify(m.documents);
    const refs = JSON.stringify(m.refs);
    return Number(
      this.s.insertMerge.run(m.into, m.from, m.fromCsl, documents, refs, m.note, m.at).lastInsertRowid,
    );
  }

  merge(id: number): StoredMerge | undefined {
    const m = this.s.merge.get(id) as MergeRow | undefined;
    return (
      m && {
        intoId: m.into_id,
        fromId: m.from_id,
        fromCsl: m.from_csl,
        documents: JSON.parse(m.documents) as number[],
        refs: JSON.parse(m.refs) as number[],
        splitAt: m.split_at,
      }
    );
  }

  markSplit(id: number, at: number, into: number): void {
    this.s.markSplit.run(at, into, id);
  }

  /** The merge history, newest first. */
  merges(limit: number): MergeRecord[] {
    return (
      this.db.prepare("SELECT * FROM work_merges ORDER BY id DESC LIMIT ?").all(limit) as MergeRow[]
    ).map((m) => ({
      id: m.id,
      into: m.into_id,
      from: m.from_id,
      fromTitle: (JSON.parse(m.from_csl) as CslItem).title ?? "",
      documents: (JSON.parse(m.documents) as number[]).length,
      references: (JSON.parse(m.refs) as number[]).length,
      note: m.note ?? undefined,
      mergedAt: m.merged_at,
      splitAt: m.split_at ?? undefined,
      splitInto: m.split_into ?? undefined,
    }));
  }
}

/** rebuild-graph's own rows: where references pointed before (a temporary table), documents in order. */
export class SqliteRebuildRows implements RebuildRows {
  private readonly resolveRef;
  /** Compiled once the temporary table exists (reset), for every document of the rebuild. */
  private refsOf: Database.Statement | undefined;

  constructor(private readonly db: Db) {
    this.resolveRef = db.prepare("UPDATE refs SET work_id = ?, ambiguous = ? WHERE id = ?");
  }

  reset(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.rebuild_previous;
      CREATE TEMP TABLE rebuild_previous (ref_id INTEGER PRIMARY KEY, work_id INTEGER NOT NULL);
      INSERT INTO rebuild_previous SELECT r.id, r.work_id FROM refs r JOIN works w ON w.id = r.work_id
        WHERE w.in_library = 0;
      UPDATE refs SET work_id = NULL, ambiguous = NULL WHERE kind <> 'link';
      DELETE FROM citations; DELETE FROM work_keys; DELETE FROM work_authors; DELETE FROM authors;`);
    this.refsOf = this.db.prepare(
      `SELECT r.id, r.kind, r.target, r.csl, p.work_id AS previous FROM refs r
       LEFT JOIN temp.rebuild_previous p ON p.ref_id = r.id
       WHERE r.document_id = ? AND r.kind <> 'link' ORDER BY r.position`,
    );
  }

  documents(after: number, limit: number) {
    return (
      this.db
        .prepare(
          "SELECT d.id, d.work_id, d.csl AS item, w.csl FROM documents d JOIN works w ON w.id = d.work_id WHERE d.id > ? ORDER BY d.id LIMIT ?",
        )
        .all(after, limit) as RebuildDocumentRow[]
    ).map(rebuildDocumentOf);
  }

  referencesOf(documentId: number) {
    return ((this.refsOf as Database.Statement).all(documentId) as RebuildReferenceRow[]).map(
      rebuildReferenceOf,
    );
  }

  resolve(id: number, workId: number | null, ambiguous: number[] | undefined): void {
    this.resolveRef.run(workId, ambiguous ? JSON.stringify(ambiguous) : null, id);
  }

  earlierIds(): { work: number; earlier: number; n: number }[] {
    return this.db
      .prepare(
        `SELECT r.work_id AS work, p.work_id AS earlier, count(*) AS n FROM refs r
         JOIN temp.rebuild_previous p ON p.ref_id = r.id JOIN works w ON w.id = r.work_id
         WHERE w.in_library = 0 AND r.work_id <> p.work_id
           AND r.work_id NOT IN (SELECT work_id FROM temp.rebuild_previous)
         GROUP BY r.work_id, p.work_id`,
      )
      .all() as { work: number; earlier: number; n: number }[];
  }

  laterWorks(): { earlier: number; work: number | null; n: number }[] {
    return this.db
      .prepare(
        `SELECT p.work_id AS earlier, r.work_id AS work, count(*) AS n FROM temp.rebuild_previous p
         JOIN refs r ON r.id = p.ref_id WHERE p.work_id NOT IN (SELECT id FROM works)
         GROUP BY p.work_id, r.work_id`,
      )
      .all() as { earlier: number; work: number | null; n: number }[];
  }

  finish(): void {
    this.refsOf = undefined;
    this.db.exec("DROP TABLE IF EXISTS temp.rebuild_previous");
  }

  counts(): { references: number; resolved: number; ambiguous: number; citedOnly: number } {
    const n = (sql: string) => Number(this.db.prepare(sql).pluck().get());
    return {
      references: n("SELECT count(*) FROM refs"),
      resolved: n("SELECT count(*) FROM refs WHERE work_id IS NOT NULL"),
      ambiguous: n("SELECT count(*) FROM refs WHERE ambiguous IS NOT NULL"),
      citedOnly: n("SELECT count(*) FROM works WHERE in_library = 0"),
    };
  }
}
