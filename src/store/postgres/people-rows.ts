/**
 * Filing's primitives (src/graph/filing/rows.ts) for people and for the citation edges, in PostgreSQL: SQL only,
 * as store/sqlite/people-rows.ts. Edges are derived set-wise from references, for every work of a settle in one
 * statement, with the self-citation flag (the two works share a person) computed in the same statement.
 */
import type { EdgeRows, PeopleRows, Person } from "../../graph/filing/rows.ts";
import type { NextIds, Sql } from "./sql.ts";

export class PgPeopleRows implements PeopleRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async block(key: string): Promise<Person[]> {
    // The key and its numbered variants ("smith_j", "smith_j#2", …), compared and ordered as SQLite compares
    // text (bytes), whatever the database's collation: who a name is may depend on the order.
    const rows = await this.sql.query<{ id: number; key: string; given_names: string[] }>(
      `SELECT id, key, given_names FROM authors
       WHERE key = $1 OR (key COLLATE "C" > $2 AND key COLLATE "C" < $3) ORDER BY key COLLATE "C"`,
      [key, `${key}#`, `${key}#\uffff`],
    );
    return rows.map((b) => ({ id: b.id, key: b.key, givenNames: b.given_names }));
  }

  async blocks(wanted: string[]): Promise<Map<string, Person[]>> {
    const keys = [...new Set(wanted)];
    const out = new Map<string, Person[]>(keys.map((k) => [k, []]));
    if (!keys.length) return out;
    // As block(), for every key at once: each block's people in byte order of their keys.
    const rows = await this.sql.query<{ block: string; id: number; key: string; given_names: string[] }>(
      `SELECT u.block, a.id, a.key, a.given_names FROM unnest($1::text[], $2::text[], $3::text[]) u(block, lo, hi)
       CROSS JOIN LATERAL (SELECT id, key, given_names FROM authors
         WHERE key = u.block OR (key COLLATE "C" > u.lo AND key COLLATE "C" < u.hi)) a
       ORDER BY u.block, a.key COLLATE "C"`,
      [keys, keys.map((k) => `${k}#`), keys.map((k) => `${k}#\uffff`)],
    );
    for (const r of rows)
      (out.get(r.block) as Person[]).push({ id: r.id, key: r.key, givenNames: r.given_names });
    return out;
  }

  async insert(key: string, name: string, givenNames: string[]): Promise<number> {
    const id = await this.ids.take("authors");
    await this.sql.insertLater("authors", ["id", "key", "name", "given_names"], [id, key, name, givenNames]);
    return id;
  }

  async setGivenNames(id: number, givenNames: string[]): Promise<void> {
    await this.sql.query("UPDATE authors SET given_names = $1 WHERE id = $2", [givenNames, id]);
  }

  async coAuthorKeys(id: number, limit: number): Promise<string[]> {
    // The first `limit` in the order SQLite meets them: the person's works in id order, each one's authors in
    // order.
    const rows = await this.sql.query<{ key: string }>(
      `SELECT key FROM (
         SELECT DISTINCT ON (a.key) a.key, w1.work_id, w2.position
         FROM work_authors w1 JOIN work_authors w2 ON w2.work_id = w1.work_id AND w2.author_id <> w1.author_id
         JOIN authors a ON a.id = w2.author_id WHERE w1.author_id = $1
         ORDER BY a.key, w1.work_id, w2.position) k
       ORDER BY work_id, position LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => r.key);
  }

  async workCount(id: number): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      "SELECT count(*) AS n FROM work_authors WHERE author_id = $1",
      [id],
    );
    return row.n;
  }

  async ofWork(workId: number): Promise<number[]> {
    const rows = await this.sql.query<{ author_id: number }>(
      "SELECT author_id FROM work_authors WHERE work_id = $1 ORDER BY position",
      [workId],
    );
    return rows.map((r) => r.author_id);
  }

  async link(workId: number, position: number, personId: number, name: string): Promise<void> {
    await this.sql.insertLater(
      "work_authors",
      ["work_id", "position", "author_id", "name"],
      [workId, position, personId, name],
      "ON CONFLICT DO NOTHING",
    );
  }

  async unlinkAll(workId: number): Promise<void> {
    await this.sql.query("DELETE FROM work_authors WHERE work_id = $1", [workId]);
  }
}

/** Edges from the references of the documents of the works in $1, with the self-citation flag. */
const EDGES_FROM = `INSERT INTO citations (cited_id, citing_id, self)
  SELECT DISTINCT r.work_id, d.work_id, EXISTS (
    SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
    WHERE a.work_id = d.work_id AND b.work_id = r.work_id)
  FROM documents d JOIN refs r ON r.document_id = d.id
  WHERE d.work_id = ANY($1::bigint[]) AND r.work_id IS NOT NULL AND r.work_id <> d.work_id
  ON CONFLICT DO NOTHING`;

export class PgEdgeRows implements EdgeRows {
  constructor(private readonly sql: Sql) {}

  async citedFrom(workId: number): Promise<number[]> {
    const rows = await this.sql.query<{ cited_id: number }>(
      "SELECT cited_id FROM citations WHERE citing_id = $1 ORDER BY cited_id",
      [workId],
    );
    return rows.map((r) => r.cited_id);
  }

  async replaceFrom(workIds: number[], fresh: ReadonlySet<number>): Promise<number[]> {
    if (!workIds.length) return [];
    // Edges about to go: their targets lose a citation.
    const stale = workIds.filter((id) => !fresh.has(id));
    const gone = stale.length
      ? await this.sql.query<{ cited_id: number }>(
          "DELETE FROM citations WHERE citing_id = ANY($1::bigint[]) RETURNING cited_id",
          [stale],
        )
      : [];
    await this.sql.query(EDGES_FROM, [workIds]);
    const now = await this.sql.query<{ cited_id: number }>(
      "SELECT cited_id FROM citations WHERE citing_id = ANY($1::bigint[])",
      [workIds],
    );
    return [...gone, ...now].map((r) => r.cited_id);
  }

  async markSelf(workIds: number[]): Promise<number[]> {
    if (!workIds.length) return [];
    await this.sql.query(
      `UPDATE citations c SET self = EXISTS (
         SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
         WHERE a.work_id = c.citing_id AND b.work_id = c.cited_id)
       WHERE c.citing_id = ANY($1::bigint[]) OR c.cited_id = ANY($1::bigint[])`,
      [workIds],
    );
    const rows = await this.sql.query<{ cited_id: number }>(
      "SELECT cited_id FROM citations WHERE citing_id = ANY($1::bigint[])",
      [workIds],
    );
    return rows.map((r) => r.cited_id);
  }

  async recount(workIds: number[]): Promise<void> {
    if (!workIds.length) return;
    await this.sql.query(
      `UPDATE work_rank w SET cited_by = c.n, self_cited = c.self
       FROM (SELECT id, (SELECT count(*) FROM citations WHERE cited_id = id) AS n,
                    (SELECT count(*) FROM citations WHERE cited_id = id AND self) AS self
             FROM unnest($1::bigint[]) id) c
       WHERE w.id = c.id`,
      [workIds],
    );
  }

  async rebuildAll(): Promise<void> {
    await this.sql.query("DELETE FROM citations");
    await this.sql.query(EDGES_FROM.replace("d.work_id = ANY($1::bigint[]) AND ", ""));
    await this.sql.query(
      `UPDATE work_rank w SET cited_by = coalesce(c.n, 0), self_cited = coalesce(c.self, 0)
       FROM work_rank w2 LEFT JOIN (SELECT cited_id, count(*) AS n, count(*) FILTER (WHERE self) AS self
                                     FROM citations GROUP BY cited_id) c ON c.cited_id = w2.id
       WHERE w.id = w2.id AND (w.cited_by <> coalesce(c.n, 0) OR w.self_cited <> coalesce(c.self, 0))`,
    );
  }
}
