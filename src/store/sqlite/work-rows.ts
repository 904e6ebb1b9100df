/**
 * Filing's primitives (src/graph/filing/rows.ts) for works and their blocking keys, in SQLite: SQL only, no
 * decisions. A works row is mirrored in work_rank (what search filters and sorts on) and in the FTS5 index;
 * lists of ids are passed as one JSON array (json_each), so that a bulk read is one statement.
 */
import type Database from "better-sqlite3";
import type { KeyRows, StoredWork, WorkRow, WorkRows, WorkText } from "../../graph/filing/rows.ts";
import { workValues } from "../work-values.ts";
import { ftsRow } from "./fts.ts";

type Db = Database.Database;

/** Blocking keys looked up in one statement: a record has at most fourteen (src/graph/blocking.ts). */
const KEYS_PER_LOOKUP = 14;
/** Venue ids kept by name; venues are only ever added. */
const MAX_VENUES = 200_000;

export class SqliteWorkRows implements WorkRows {
  private readonly s;
  private readonly venueIds = new Map<string, number>();
  /** The id the next new work gets, within the running transaction (undefined: read it). */
  private nextId: number | undefined;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare("SELECT id, in_library, csl FROM works WHERE id = ?"),
      getMany: db.prepare(
        "SELECT w.id, w.in_library, w.csl FROM json_each(?) j JOIN works w ON w.id = j.value",
      ),
      byDoi: db.prepare("SELECT id, in_library FROM works WHERE doi = ?"),
      byArxiv: db.prepare("SELECT id, in_library FROM works WHERE arxiv = ? LIMIT 1"),
      /** Above every id ever given, so that no id names two works (retired_works keeps the gone). */
      maxId: db
        .prepare(
          "SELECT max(coalesce((SELECT max(id) FROM works), 0), coalesce((SELECT max(id) FROM retired_works), 0))",
        )
        .pluck(),
      insert: db.prepare(
        `INSERT INTO works (id, in_library, type, title, year, venue, doi, arxiv, url, abstract, keywords, csl, added_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE works SET in_library = ?, type = ?, title = ?, year = ?, venue = ?, doi = ?, arxiv = ?, url = ?, abstract = ?,
         keywords = ?, csl = ?, updated_at = ? WHERE id = ?`,
      ),
      insertRank: db.prepare(
        "INSERT INTO work_rank (id, in_library, year, venue_id, added_at) VALUES (?, ?, ?, ?, ?)",
      ),
      updateRank: db.prepare("UPDATE work_rank SET in_library = ?, year = ?, venue_id = ? WHERE id = ?"),
      setInLibrary: db.prepare("UPDATE works SET in_library = ? WHERE id = ?"),
      setRankInLibrary: db.prepare("UPDATE work_rank SET in_library = ? WHERE id = ?"),
      setBody: db.prepare("UPDATE works SET body = ? WHERE id = ?"),
      venueByName: db.prepare("SELECT id FROM venues WHERE name = ?").pluck(),
      insertVenue: db.prepare("INSERT INTO venues (name) VALUES (?)"),
      text: db.prepare("SELECT title, abstract, venue, body FROM works WHERE id = ?"),
      authorNames: db.prepare("SELECT name FROM work_authors WHERE work_id = ? ORDER BY position").pluck(),
      ftsDelete: db.prepare("DELETE FROM work_fts WHERE rowid = ?"),
      ftsInsert: db.prepare(
        "INSERT INTO work_fts (rowid, title, abstract, body, venue, authors, title_x, abstract_x, body_x, venue_x, authors_x) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      isOrphan: db.prepare(
        `SELECT 1 FROM works w WHERE w.id = @id AND w.in_library = 0
           AND NOT EXISTS (SELECT 1 FROM refs WHERE work_id = @id) AND NOT EXISTS (SELECT 1 FROM documents WHERE work_id = @id)`,
      ),
      deleteCitationsFrom: db.prepare("DELETE FROM citations WHERE citing_id = ?"),
      deleteCitationsTo: db.prepare("DELETE FROM citations WHERE cited_id = ?"),
      deleteWorkAuthors: db.prepare("DELETE FROM work_authors WHERE work_id = ?"),
      deleteRank: db.prepare("DELETE FROM work_rank WHERE id = ?"),
      delete: db.prepare("DELETE FROM works WHERE id = ?"),
      citedOnly: db.prepare("SELECT id FROM works WHERE in_library = 0").pluck(),
      renumber: [
        "UPDATE works SET id = @to WHERE id = @from",
        "UPDATE work_rank SET id = @to WHERE id = @from",
        "UPDATE work_keys SET work_id = @to WHERE work_id = @from",
        "UPDATE work_authors SET work_id = @to WHERE work_id = @from",
        "UPDATE refs SET work_id = @to WHERE work_id = @from",
        "UPDATE work_merges SET into_id = @to WHERE into_id = @from",
        "UPDATE retired_works SET into_id = @to WHERE into_id = @from",
        `UPDATE refs SET ambiguous = (SELECT json_group_array(DISTINCT v) FROM
           (SELECT CASE WHEN value = @from THEN @to ELSE value END AS v FROM json_each(refs.ambiguous)) WHERE v IS NOT NULL)
         WHERE ambiguous IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(refs.ambiguous) WHERE value = @from)`,
      ].map((sql) => db.prepare(sql)),
    };
  }

  /** A transaction begins: the next id is read again. */
  begin(): void {
    this.nextId = undefined;
  }

  /** A transaction rolled back: venues it added are gone. */
  rolledBack(): void {
    this.venueIds.clear();
  }

  get(ids: number[]): Map<number, StoredWork> {
    type Row = { id: number; in_library: number; csl: string };
    const rows =
      ids.length === 1
        ? [this.s.get.get(ids[0]) as Row | undefined].filter((r): r is Row => r !== undefined)
        : ids.length
          ? (this.s.getMany.all(JSON.stringify(ids)) as Row[])
          : [];
    return new Map(rows.map((r) => [r.id, { id: r.id, inLibrary: r.in_library === 1, csl: r.csl }]));
  }

  venuesAhead(): void {
    // Read as works are written: in the process a lookup costs no more in bulk.
  }

  byDois(dois: string[]): Map<string, { id: number; inLibrary: boolean }> {
    // In the process, one DOI at a time costs nothing more (and filing does not read ahead on SQLite).
    const out = new Map<string, { id: number; inLibrary: boolean }>();
    for (const doi of dois) {
      const w = this.byDoi(doi);
      if (w) out.set(doi, w);
    }
    return out;
  }

  byDoi(doi: string): { id: number; inLibrary: boolean } | undefined {
    const w = this.s.byDoi.get(doi) as { id: number; in_library: number } | undefined;
    return w && { id: w.id, inLibrary: w.in_library === 1 };
  }

  byArxiv(arxiv: string): { id: number; inLibrary: boolean } | undefined {
    const w = this.s.byArxiv.get(arxiv) as { id: number; in_library: number } | undefined;
    return w && { id: w.id, inLibrary: w.in_library === 1 };
  }

  newId(): number {
    // Read once a transaction, then counted up: no other writer runs inside it.
    this.nextId ??= (this.s.maxId.get() as number) + 1;
    return this.nextId++;
  }

  insert(row: WorkRow, body?: string): void {
    const { values, year, venue } = workValues(row, row.inLibrary ? 1 : 0);
    this.s.insert.run(row.id, ...values, row.now, row.now);
    if (body !== undefined) this.s.setBody.run(body, row.id);
    this.s.insertRank.run(row.id, values[0], year, this.venueId(venue), row.now);
  }

  update(row: WorkRow): void {
    const { values, year, venue } = workValues(row, row.inLibrary ? 1 : 0);
    this.s.update.run(...values, row.now, row.id);
    this.s.updateRank.run(values[0], year, this.venueId(venue), row.id);
  }

  setInLibrary(id: number, inLibrary: boolean): void {
    this.s.setInLibrary.run(inLibrary ? 1 : 0, id);
    this.s.setRankInLibrary.run(inLibrary ? 1 : 0, id);
  }

  setBody(id: number, body: string): void {
    this.s.setBody.run(body, id);
  }

  index(id: number, text: WorkText): void {
    this.s.ftsInsert.run(id, ...ftsRow(text));
  }

  reindex(id: number): void {
    const w = this.s.text.get(id) as
      | { title: string; abstract: string | null; venue: string | null; body: string | null }
      | undefined;
    if (!w) return;
    this.s.ftsDelete.run(id);
    this.index(id, {
      title: w.title,
      abstract: w.abstract ?? undefined,
      body: w.body ?? undefined,
      venue: w.venue ?? undefined,
      authors: this.s.authorNames.all(id) as string[],
    });
  }

  isOrphan(id: number): boolean {
    return this.s.isOrphan.get({ id }) !== undefined;
  }

  delete(id: number): void {
    const s = this.s;
    s.deleteCitationsFrom.run(id);
    s.deleteCitationsTo.run(id);
    s.ftsDelete.run(id);
    s.deleteWorkAuthors.run(id);
    s.deleteRank.run(id);
    // Its blocking keys go with it (ON DELETE CASCADE).
    s.delete.run(id);
  }

  renumber(from: number, to: number): void {
    // The rows that name the work change one after the other: their keys are checked at commit.
    this.db.pragma("defer_foreign_keys = ON");
    for (const st of this.s.renumber) st.run({ from, to });
    this.s.ftsDelete.run(from);
    this.reindex(to);
  }

  citedOnlyIds(): number[] {
    return this.s.citedOnly.all() as number[];
  }

  private venueId(name: string | null): number | null {
    if (!name) return null;
    let id = this.venueIds.get(name);
    if (id === undefined) {
      id =
        (this.s.venueByName.get(name) as number | undefined) ??
        Number(this.s.insertVenue.run(name).lastInsertRowid);
      if (this.venueIds.size >= MAX_VENUES) this.venueIds.clear();
      this.venueIds.set(name, id);
    }
    return id;
  }
}

export class SqliteKeyRows implements KeyRows {
  /**
   * For each limit asked, (key hash, work) for each number of keys (1 to KEYS_PER_LOOKUP), each key's works in
   * id order: the order of the primary key (key_hash, work_id). The limit is written into the SQL: bound as a
   * parameter, or with an ORDER BY, the lookup is several times slower.
   */
  private readonly lookups = new Map<number, Database.Statement[]>();
  private readonly deleteKeys;
  private readonly insertKey;

  constructor(private readonly db: Db) {
    this.deleteKeys = db.prepare("DELETE FROM work_keys WHERE work_id = ?");
    this.insertKey = db.prepare("INSERT OR IGNORE INTO work_keys (key_hash, work_id) VALUES (?, ?)");
  }

  lists(wanted: number[], limit: number): Map<number, number[]> {
    const hashes = [...new Set(wanted)];
    const lookups = this.lookupsFor(limit);
    const out = new Map<number, number[]>();
    for (let i = 0; i < hashes.length; i += KEYS_PER_LOOKUP) {
      const chunk = hashes.slice(i, i + KEYS_PER_LOOKUP);
      for (const h of chunk) out.set(h, []);
      for (const [h, id] of lookups[chunk.length].all(...chunk) as [number, number][])
        (out.get(h) as number[]).push(id);
    }
    return out;
  }

  set(workId: number, hashes: number[], replace: boolean): void {
    if (replace) this.deleteKeys.run(workId);
    for (const h of hashes) this.insertKey.run(h, workId);
  }

  private lookupsFor(limit: number): Database.Statement[] {
    let lookups = this.lookups.get(limit);
    if (!lookups) {
      const one = `SELECT key_hash, work_id FROM (SELECT key_hash, work_id FROM work_keys WHERE key_hash = ? LIMIT ${Math.trunc(limit)})`;
      lookups = Array.from({ length: KEYS_PER_LOOKUP + 1 }, (_, n) =>
        this.db.prepare(Array.from({ length: Math.max(n, 1) }, () => one).join(" UNION ALL ")).raw(),
      );
      this.lookups.set(limit, lookups);
    }
    return lookups;
  }
}
