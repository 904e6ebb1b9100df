/**
 * Filing's primitives (src/graph/filing/rows.ts) for the graph's history — retired ids, merges and their
 * splits — and for rebuild-graph, in PostgreSQL, as store/sqlite/graph-edits.ts. SQL only: which merges happen,
 * which ids are given back and where lost ids redirect is decided in src/graph/filing/.
 */
import type { HistoryRows, NewMerge, RebuildRows, StoredMerge } from "../../graph/filing/rows.ts";
import {
  type RebuildDocumentRow,
  type RebuildReferenceRow,
  rebuildDocumentOf,
  rebuildReferenceOf,
} from "../rebuild-row.ts";
import type { NextIds, Sql } from "./sql.ts";

export class PgHistoryRows implements HistoryRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async retire(id: number, into: number | null, at: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO retired_works (id, into_id, retired_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id, retired_at = excluded.retired_at`,
      [id, into, at],
    );
  }

  async redirect(redirects: [id: number, into: number | null][]): Promise<void> {
    if (!redirects.length) return;
    await this.sql.query(
      `UPDATE retired_works r SET into_id = x.into_id
       FROM unnest($1::bigint[], $2::bigint[]) AS x(id, into_id) WHERE r.id = x.id`,
      [redirects.map(([id]) => id), redirects.map(([, into]) => into)],
    );
  }

  async unretire(id: number): Promise<void> {
    await this.sql.query("DELETE FROM retired_works WHERE id = $1", [id]);
  }

  async isRetired(id: number): Promise<boolean> {
    return (await this.sql.query("SELECT 1 FROM retired_works WHERE id = $1", [id])).length > 0;
  }

  async retiredInto(id: number): Promise<number | null | undefined> {
    const [row] = await this.sql.query<{ into_id: number | null }>(
      "SELECT into_id FROM retired_works WHERE id = $1",
      [id],
    );
    return row?.into_id;
  }

  async splitPairs(): Promise<[number, number][]> {
    const rows = await this.sql.query<{ into_id: number; split_into: number }>(
      "SELECT into_id, split_into FROM work_merges WHERE split_at IS NOT NULL ORDER BY id",
    );
    return rows.map((r) => [r.into_id, r.split_into]);
  }

  async insertMerge(m: NewMerge): Promise<number> {
    const id = await this.ids.take("work_merges");
    await this.sql.query(
      `INSERT INTO work_merges (id, into_id, from_id, from_csl, documents, refs, note, merged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, m.into, m.from, m.fromCsl, m.documents, m.refs, m.note, m.at],
    );
    return id;
  }

  async merge(id: number): Promise<StoredMerge | undefined> {
    const [m] = await this.sql.query<{
      into_id: number;
      from_id: number;
      from_csl: string;
      documents: number[];
      refs: number[];
      split_at: number | null;
    }>("SELECT into_id, from_id, from_csl, documents, refs, split_at FROM work_merges WHERE id = $1", [id]);
    return (
      m && {
        intoId: m.into_id,
        fromId: m.from_id,
        fromCsl: m.from_csl,
        documents: m.documents,
        refs: m.refs,
        splitAt: m.split_at,
      }
    );
  }

  async markSplit(id: number, at: number, into: number): Promise<void> {
    await this.sql.query("UPDATE work_merges SET split_at = $1, split_into = $2 WHERE id = $3", [
      at,
      into,
      id,
    ]);
  }
}

/**
 * rebuild-graph's own rows: where references pointed before (a temporary table of the transaction's session,
 * dropped at its end), documents in order.
 */
export class PgRebuildRows implements RebuildRows {
  constructor(
    private readonly sql: Sql,
    private readonly ids: NextIds,
  ) {}

  async reset(): Promise<void> {
    for (const text of [
      "DROP TABLE IF EXISTS pg_temp.rebuild_previous",
      "CREATE TEMP TABLE rebuild_previous (ref_id bigint PRIMARY KEY, work_id bigint NOT NULL) ON COMMIT DROP",
      `INSERT INTO rebuild_previous SELECT r.id, r.work_id FROM refs r JOIN works w ON w.id = r.work_id
       WHERE NOT w.in_library`,
      "CREATE INDEX ON rebuild_previous (work_id)",
      "ANALYZE rebuild_previous",
      "UPDATE refs SET work_id = NULL, ambiguous = NULL WHERE kind <> 'link'",
      "DELETE FROM citations",
      "DELETE FROM work_keys",
      "DELETE FROM work_authors",
      "DELETE FROM authors",
    ])
      await this.sql.query(text);
    // People are found again from the first id, as SQLite numbers an emptied table.
    this.ids.deleted("authors");
  }

  async documents(after: number, limit: number) {
    const rows = await this.sql.query<RebuildDocumentRow>(
      `SELECT d.id, d.work_id, d.csl AS item, w.csl FROM documents d JOIN works w ON w.id = d.work_id
       WHERE d.id > $1 ORDER BY d.id LIMIT $2`,
      [after, limit],
    );
    return rows.map(rebuildDocumentOf);
  }

  async referencesOf(documentId: number) {
    const rows = await this.sql.query<RebuildReferenceRow>(
      `SELECT r.id, r.kind, r.target, r.csl, p.work_id AS previous FROM refs r
       LEFT JOIN rebuild_previous p ON p.ref_id = r.id
       WHERE r.document_id = $1 AND r.kind <> 'link' ORDER BY r.position`,
      [documentId],
    );
    return rows.map(rebuildReferenceOf);
  }

  async resolve(id: number, workId: number | null, ambiguous: number[] | undefined): Promise<void> {
    await this.sql.query("UPDATE refs SET work_id = $1, ambiguous = $2 WHERE id = $3", [
      workId,
      ambiguous ?? null,
      id,
    ]);
  }

  async earlierIds(): Promise<{ work: number; earlier: number; n: number }[]> {
    return this.sql.query(
      `SELECT r.work_id AS work, p.work_id AS earlier, count(*) AS n FROM refs r
       JOIN rebuild_previous p ON p.ref_id = r.id JOIN works w ON w.id = r.work_id
       WHERE NOT w.in_library AND r.work_id <> p.work_id
         AND r.work_id NOT IN (SELECT work_id FROM rebuild_previous)
       GROUP BY r.work_id, p.work_id ORDER BY r.work_id, p.work_id`,
    );
  }

  async laterWorks(): Promise<{ earlier: number; work: number | null; n: number }[]> {
    return this.sql.query(
      `SELECT p.work_id AS earlier, r.work_id AS work, count(*) AS n FROM rebuild_previous p
       JOIN refs r ON r.id = p.ref_id WHERE p.work_id NOT IN (SELECT id FROM works)
       GROUP BY p.work_id, r.work_id ORDER BY p.work_id, r.work_id NULLS FIRST`,
    );
  }

  async finish(): Promise<void> {
    await this.sql.query("DROP TABLE IF EXISTS pg_temp.rebuild_previous");
  }

  async counts(): Promise<{ references: number; resolved: number; ambiguous: number; citedOnly: number }> {
    const [row] = await this.sql.query<{
      references: number;
      resolved: number;
      ambiguous: number;
      citedOnly: number;
    }>(
      `SELECT (SELECT count(*) FROM refs) AS "references",
              (SELECT count(*) FROM refs WHERE work_id IS NOT NULL) AS resolved,
              (SELECT count(*) FROM refs WHERE ambiguous IS NOT NULL) AS ambiguous,
              (SELECT count(*) FROM works WHERE NOT in_library) AS "citedOnly"`,
    );
    return row;
  }
}
