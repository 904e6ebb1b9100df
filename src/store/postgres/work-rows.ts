/**
 * Filing's primitives (src/graph/filing/rows.ts) for works and their blocking keys, in PostgreSQL: SQL only, no
 * decisions, as store/sqlite/work-rows.ts. A works row is mirrored in work_rank (what search filters and sorts
 * on) and in work_fts, the search index row built by search-text.ts exactly as `citegraph migrate` builds it.
 * Lists of ids go as one array parameter, so that a bulk read is one round trip.
 */
import type { KeyRows, StoredWork, WorkRow, WorkRows, WorkText } from "../../graph/filing/rows.ts";
import { workValues } from "../work-values.ts";
import { searchDocument } from "./search-text.ts";
import type { NextIds, Sql } from "./sql.ts";

/** A works row's columns as insert writes them: the id, workValues' (in_library to csl), body and times. */
const WORK_COLUMNS = [
  "id",
  "in_library",
  "type",
  "title",
  "year",
  "venue",
  "doi",
  "arxiv",
  "url",
  "abstract",
  "keywords",
  "csl",
  "body",
  "added_at",
  "updated_at",
];

/** Venue ids kept by name; venues are only ever added. */
const MAX_VENUES = 200_000;

interface Flagged {
  id: number;
  in_library: boolean;
}

export class PgWorkRows implements WorkRows {
  private readonly venueIds = new Map<string, number>();
  /** Venues read ahead and not there, within the running transaction: added without asking again. */
  private readonly absentVenues = new Set<string>();
  /** The id the next new work gets, within the running transaction (undefined: read it). */
  private nextId: number | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  /** A transaction begins: the next id is read again, and venues another writer may have added meanwhile. */
  begin(): void {
    this.nextId = undefined;
    this.absentVenues.clear();
  }

  /** A transaction rolled back: venues it added are gone. */
  rolledBack(): void {
    this.venueIds.clear();
    this.absentVenues.clear();
  }

  async venuesAhead(names: string[]): Promise<void> {
    const wanted = [...new Set(names)].filter((n) => !this.venueIds.has(n) && !this.absentVenues.has(n));
    if (!wanted.length) return;
    const rows = await this.sql.query<{ id: number; name: string }>(
      "SELECT id, name FROM venues WHERE name = ANY($1::text[])",
      [wanted],
    );
    const found = new Map(rows.map((r) => [r.name, Number(r.id)]));
    for (const name of wanted) {
      const id = found.get(name);
      if (id === undefined) this.absentVenues.add(name);
      else this.keepVenue(name, id);
    }
  }

  async get(ids: number[]): Promise<Map<number, StoredWork>> {
    if (!ids.length) return new Map();
    const rows = await this.sql.query<{ id: number; in_library: boolean; csl: string }>(
      "SELECT id, in_library, csl FROM works WHERE id = ANY($1::bigint[])",
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, inLibrary: r.in_library, csl: r.csl }]));
  }

  async byDoi(doi: string): Promise<{ id: number; inLibrary: boolean } | undefined> {
    const [w] = await this.sql.query<Flagged>("SELECT id, in_library FROM works WHERE doi = $1", [doi]);
    return w && { id: w.id, inLibrary: w.in_library };
  }

  async byDois(dois: string[]): Promise<Map<string, { id: number; inLibrary: boolean }>> {
    if (!dois.length) return new Map();
    const rows = await this.sql.query<Flagged & { doi: string }>(
      "SELECT id, in_library, doi FROM works WHERE doi = ANY($1::text[])",
      [dois],
    );
    return new Map(rows.map((w) => [w.doi, { id: w.id, inLibrary: w.in_library }]));
  }

  async byArxiv(arxiv: string): Promise<{ id: number; inLibrary: boolean } | undefined> {
    const [w] = await this.sql.query<Flagged>(
      "SELECT id, in_library FROM works WHERE arxiv = $1 ORDER BY id LIMIT 1",
      [arxiv],
    );
    return w && { id: w.id, inLibrary: w.in_library };
  }

  async newId(): Promise<number> {
    // Read once a transaction, then counted up: the writers' lock keeps every other writer out meanwhile.
    if (this.nextId === undefined) {
      const [row] = await this.sql.query<{ id: number }>(
        `SELECT greatest(coalesce((SELECT max(id) FROM works), 0), coalesce((SELECT max(id) FROM retired_works), 0)) + 1 AS id`,
      );
      this.nextId = row.id;
    }
    return this.nextId++;
  }

  async insert(row: WorkRow, body?: string): Promise<void> {
    const { values, year, venue } = workValues(row, row.inLibrary);
    const venueId = await this.venueId(venue);
    // The works row and its work_rank row, held and sent with others (deferred-inserts.ts).
    const [inLibrary, ...rest] = values;
    await this.sql.insertLater("works", WORK_COLUMNS, [
      row.id,
      inLibrary,
      ...rest,
      body ?? null,
      row.now,
      row.now,
    ]);
    await this.sql.insertLater(
      "work_rank",
      ["id", "in_library", "year", "venue_id", "added_at"],
      [row.id, inLibrary, year, venueId, row.now],
    );
  }

  async update(row: WorkRow): Promise<void> {
    const { values, year, venue } = workValues(row, row.inLibrary);
    const venueId = await this.venueId(venue);
    await this.sql.query(
      `WITH w AS (
         UPDATE works SET in_library = $1, type = $2, title = $3, year = $4, venue = $5, doi = $6, arxiv = $7, url = $8,
           abstract = $9, keywords = $10, csl = $11, updated_at = $12 WHERE id = $13 RETURNING id)
       UPDATE work_rank SET in_library = $1, year = $14, venue_id = $15 WHERE id IN (SELECT id FROM w)`,
      [...values, row.now, row.id, year, venueId],
    );
  }

  async setInLibrary(id: number, inLibrary: boolean): Promise<void> {
    await this.sql.query(
      `WITH w AS (UPDATE works SET in_library = $2 WHERE id = $1)
       UPDATE work_rank SET in_library = $2 WHERE id = $1`,
      [id, inLibrary],
    );
  }

  async setBody(id: number, body: string): Promise<void> {
    await this.sql.query("UPDATE works SET body = $2 WHERE id = $1", [id, body]);
  }

  async index(id: number, text: WorkText): Promise<void> {
    const d = searchDocument(text);
    await this.sql.insertLater("work_fts", ["id", "document", "length"], [id, d.document, d.length]);
  }

  async reindex(id: number): Promise<void> {
    const [w] = await this.sql.query<{
      title: string;
      abstract: string | null;
      venue: string | null;
      body: string | null;
      authors: string[];
    }>(
      `SELECT title, abstract, venue, body,
         ARRAY(SELECT name FROM work_authors WHERE work_id = $1 ORDER BY position) AS authors
       FROM works WHERE id = $1`,
      [id],
    );
    if (!w) return;
    // Deleted and written again, as FTS5 does: bm25's totals count the new row and keep the old (schema.ts).
    await this.sql.query("DELETE FROM work_fts WHERE id = $1", [id]);
    await this.index(id, {
      title: w.title,
      abstract: w.abstract ?? undefined,
      body: w.body ?? undefined,
      venue: w.venue ?? undefined,
      authors: w.authors,
    });
  }

  async isOrphan(id: number): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM works w WHERE w.id = $1 AND NOT w.in_library
         AND NOT EXISTS (SELECT 1 FROM refs WHERE work_id = $1) AND NOT EXISTS (SELECT 1 FROM documents WHERE work_id = $1)`,
      [id],
    );
    return rows.length > 0;
  }

  async delete(id: number): Promise<void> {
    for (const text of [
      "DELETE FROM citations WHERE citing_id = $1 OR cited_id = $1",
      "DELETE FROM work_fts WHERE id = $1",
      "DELETE FROM work_authors WHERE work_id = $1",
      // Its blocking keys and rank row go with it (ON DELETE CASCADE).
      "DELETE FROM works WHERE id = $1",
    ])
      await this.sql.query(text, [id]);
  }

  async renumber(from: number, to: number): Promise<void> {
    // The rows that name the work change one after the other: their foreign keys are checked at commit.
    await this.sql.query("SET CONSTRAINTS ALL DEFERRED");
    for (const text of [
      "UPDATE works SET id = $2 WHERE id = $1",
      "UPDATE work_rank SET id = $2 WHERE id = $1",
      "UPDATE work_keys SET work_id = $2 WHERE work_id = $1",
      "UPDATE work_authors SET work_id = $2 WHERE work_id = $1",
      "UPDATE refs SET work_id = $2 WHERE work_id = $1",
      "UPDATE work_merges SET into_id = $2 WHERE into_id = $1",
      "UPDATE retired_works SET into_id = $2 WHERE into_id = $1",
      // As SQLite's json_group_array(DISTINCT …): `from` becomes `to`, each id kept once where it first stood.
      `UPDATE refs SET ambiguous = ARRAY(
         SELECT v FROM unnest(array_replace(ambiguous, $1::bigint, $2::bigint)) WITH ORDINALITY u(v, i)
         GROUP BY v ORDER BY min(i))
       WHERE ambiguous IS NOT NULL AND $1::bigint = ANY(ambiguous)`,
      "DELETE FROM work_fts WHERE id = $1",
    ])
      await this.sql.query(text, [from, to]);
    await this.reindex(to);
  }

  async citedOnlyIds(): Promise<number[]> {
    // In the order SQLite reads them (its index on in_library, updated_at, id): rebuild-graph drops them so.
    const rows = await this.sql.query<{ id: number }>(
      "SELECT id FROM works WHERE NOT in_library ORDER BY updated_at, id",
    );
    return rows.map((r) => r.id);
  }

  private async venueId(name: string | null): Promise<number | null> {
    if (!name) return null;
    let id = this.venueIds.get(name);
    if (id !== undefined) return id;
    if (this.absentVenues.delete(name)) {
      // Known not to be there (venuesAhead): added with the next id, held and sent with the works rows.
      id = await this.ids.take("venues");
      await this.sql.insertLater("venues", ["id", "name"], [id, name]);
    } else {
      // Found, or added with the next id, in one round trip; the id goes back when the venue was there.
      const next = await this.ids.take("venues");
      const [row] = await this.sql.query<{ id: number }>(
        `WITH found AS (SELECT id FROM venues WHERE name = $1),
           added AS (INSERT INTO venues (id, name) SELECT $2::bigint, $1::text WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING id)
         SELECT id FROM found UNION ALL SELECT id FROM added`,
        [name, next],
      );
      id = Number(row.id);
      if (id !== next) this.ids.giveBack("venues", next);
    }
    this.keepVenue(name, id);
    return id;
  }

  private keepVenue(name: string, id: number): void {
    if (this.venueIds.size >= MAX_VENUES) this.venueIds.clear();
    this.venueIds.set(name, id);
  }
}

export class PgKeyRows implements KeyRows {
  constructor(private readonly sql: Sql) {}

  async lists(wanted: number[], limit: number): Promise<Map<number, number[]>> {
    const hashes = [...new Set(wanted)];
    const out = new Map<number, number[]>(hashes.map((h) => [h, []]));
    if (!hashes.length) return out;
    // Each key's first works in id order (the primary key's order, as SQLite reads them), all keys at once.
    const rows = await this.sql.query<{ h: number; work_id: number }>(
      `SELECT h, k.work_id FROM unnest($1::bigint[]) h
       CROSS JOIN LATERAL (SELECT work_id FROM work_keys WHERE key_hash = h ORDER BY work_id LIMIT $2) k`,
      [hashes, Math.trunc(limit)],
    );
    for (const r of rows) (out.get(r.h) as number[]).push(r.work_id);
    return out;
  }

  async set(workId: number, hashes: number[], replace: boolean): Promise<void> {
    if (replace) await this.sql.query("DELETE FROM work_keys WHERE work_id = $1", [workId]);
    for (const h of new Set(hashes))
      await this.sql.insertLater("work_keys", ["key_hash", "work_id"], [h, workId], "ON CONFLICT DO NOTHING");
  }
}
