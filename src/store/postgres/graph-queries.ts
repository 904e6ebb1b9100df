/**
 * Reading the citation graph around a work, an author or a venue in PostgreSQL: the queries of
 * store/sqlite/graph-queries.ts with the same answers — the same bounds (a work cited ten thousand times reads
 * its first 1,000 citers), the same orders (text compared byte by byte, COLLATE "C", as SQLite compares it) and
 * the same ranking of leaders.
 */
import type pg from "pg";
import type { CslItem } from "../../formats/csl.ts";
import { authorIndicators } from "../author-indicators.ts";
import type { AuthorDetail, RankedEntity, RelatedKind, WorkId } from "../types.ts";

type Queryable = Pick<pg.Pool, "query">;

/** Citing (or cited) works looked at when relating a work. */
const RELATED_SCAN = 1000;
/** An author's works looked at for the indicators. */
const AUTHOR_WORKS = 5000;
/** Works read for an author's affiliations, and affiliations shown. */
const AFFILIATION_WORKS = 500;
const AFFILIATIONS_SHOWN = 5;

async function rows<T>(db: Queryable, text: string, values: unknown[]): Promise<T[]> {
  return (await db.query(text, values)).rows as T[];
}

/** Co-citation or bibliographic coupling, strongest first. */
export async function relatedWorkIds(
  db: Queryable,
  id: WorkId,
  kind: RelatedKind,
  limit: number,
): Promise<{ id: WorkId; strength: number }[]> {
  const sql =
    kind === "co-citation"
      ? `SELECT c2.cited_id AS id, count(*)::int AS strength
         FROM (SELECT citing_id FROM citations WHERE cited_id = $1 ORDER BY citing_id LIMIT ${RELATED_SCAN}) c1
         JOIN citations c2 ON c2.citing_id = c1.citing_id
         WHERE c2.cited_id <> $1 GROUP BY c2.cited_id ORDER BY strength DESC, c2.cited_id LIMIT $2`
      : `SELECT c2.citing_id AS id, count(*)::int AS strength
         FROM (SELECT cited_id FROM citations WHERE citing_id = $1 ORDER BY cited_id LIMIT ${RELATED_SCAN}) c1
         JOIN citations c2 ON c2.cited_id = c1.cited_id
         WHERE c2.citing_id <> $1 GROUP BY c2.citing_id ORDER BY strength DESC, c2.citing_id LIMIT $2`;
  return rows(db, sql, [id, limit]);
}

/** An author's name variants, works (most cited first), indicators, citations per year and co-authors. */
export async function authorDetail(
  db: Queryable,
  id: number,
): Promise<(Omit<AuthorDetail, "works"> & { workIds: WorkId[] }) | undefined> {
  const [author] = await rows<{ id: number; name: string }>(
    db,
    "SELECT id, name FROM authors WHERE id = $1",
    [id],
  );
  if (!author) return undefined;
  const [works, variants, perYear, coAuthors, affiliations] = await Promise.all([
    rows<{ id: number; cited_by: number; self_cited: number }>(
      db,
      `SELECT r.id, r.cited_by, r.self_cited FROM work_authors a JOIN work_rank r ON r.id = a.work_id
       WHERE a.author_id = $1 GROUP BY r.id ORDER BY r.cited_by DESC, r.id LIMIT ${AUTHOR_WORKS}`,
      [id],
    ),
    rows<{ name: string }>(
      db,
      `SELECT name, count(*) AS n FROM work_authors WHERE author_id = $1 GROUP BY name
       ORDER BY n DESC, name COLLATE "C"`,
      [id],
    ),
    rows<{ year: number; citations: number }>(
      db,
      `SELECT cr.year AS year, count(*)::int AS citations FROM work_authors a
       JOIN citations c ON c.cited_id = a.work_id JOIN work_rank cr ON cr.id = c.citing_id
       WHERE a.author_id = $1 AND cr.year IS NOT NULL GROUP BY cr.year ORDER BY cr.year`,
      [id],
    ),
    rows<{ id: number; name: string; works: number }>(
      db,
      `SELECT b.author_id AS id, au.name AS name, count(DISTINCT b.work_id)::int AS works
       FROM work_authors a JOIN work_authors b ON b.work_id = a.work_id AND b.author_id <> a.author_id
       JOIN authors au ON au.id = b.author_id
       WHERE a.author_id = $1 GROUP BY b.author_id, au.name ORDER BY works DESC, au.name COLLATE "C", b.author_id LIMIT 20`,
      [id],
    ),
    affiliationsOf(db, id),
  ]);
  return {
    id: author.id,
    name: author.name,
    variants: variants.map((v) => v.name),
    ...authorIndicators(works),
    citationsPerYear: perYear,
    coAuthors,
    affiliations,
  };
}

/**
 * An author's affiliations (store/sqlite/graph-queries.ts affiliationsOf says whose they are). The CSL-JSON is
 * read here rather than in SQL: it is stored as text, exactly as written, and need not be valid for PostgreSQL's
 * json (which refuses what JSON.stringify writes for a lone surrogate). Only items that mention affiliations are
 * read; the first 500 whose affiliations are a list count, as SQLite's json_type(…) = 'array' selects them.
 */
async function affiliationsOf(db: Queryable, id: number): Promise<{ name: string; works: number }[]> {
  const candidates = await rows<{ csl: string }>(
    db,
    `SELECT w.csl FROM work_authors a JOIN works w ON w.id = a.work_id
     WHERE a.author_id = $1 AND strpos(w.csl, '"affiliations"') > 0 ORDER BY a.work_id, a.position LIMIT ${AUTHOR_WORKS}`,
    [id],
  );
  const tally = new Map<string, number>();
  let read = 0;
  for (const { csl } of candidates) {
    const item = JSON.parse(csl) as CslItem & { custom?: { affiliations?: unknown } };
    const affiliations = item.custom?.affiliations;
    if (!Array.isArray(affiliations)) continue;
    if (++read > AFFILIATION_WORKS) break;
    const authors = Array.isArray(item.author) ? item.author.length : null;
    const list = affiliations.filter((x): x is string => typeof x === "string");
    if (authors !== 1 && list.length !== 1) continue;
    for (const name of new Set(list)) tally.set(name, (tally.get(name) ?? 0) + 1);
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, AFFILIATIONS_SHOWN)
    .map(([name, works]) => ({ name, works }));
}

/** The most cited works (cited-only ones too), authors and venues, overall or of one year. */
export async function leaderIds(
  db: Queryable,
  opts: { year?: number; limit: number },
): Promise<{ works: WorkId[]; authors: RankedEntity[]; venues: RankedEntity[] }> {
  const year = opts.year ?? null;
  const filter = year === null ? "r.in_library" : "r.in_library AND r.year = $2";
  const values = year === null ? [opts.limit] : [opts.limit, year];
  const mostCited = (inLibrary: boolean) =>
    `(SELECT r.id, r.cited_by FROM work_rank r WHERE ${inLibrary ? "" : "NOT "}r.in_library${year === null ? "" : " AND r.year = $2"} ORDER BY r.cited_by DESC, r.id LIMIT $1)`;
  const [works, authors, venues] = await Promise.all([
    rows<{ id: number }>(
      db,
      `SELECT id FROM (${mostCited(true)} UNION ALL ${mostCited(false)}) t ORDER BY cited_by DESC, id LIMIT $1`,
      values,
    ),
    topAuthors(db, filter, values, opts.limit),
    rows<RankedEntity>(
      db,
      `SELECT v.id, v.name, t.works, t.citations FROM (
         SELECT r.venue_id, count(*)::int AS works, sum(r.cited_by)::bigint AS citations FROM work_rank r
         WHERE ${filter} AND r.venue_id IS NOT NULL GROUP BY r.venue_id
       ) t JOIN venues v ON v.id = t.venue_id ORDER BY t.citations DESC, t.works DESC, v.id LIMIT $1`,
      values,
    ),
  ]);
  return { works: works.map((w) => w.id), authors, venues };
}

/**
 * The most cited authors, ranked as store/sqlite/graph-queries.ts topAuthors ranks them: the 3 × limit authors
 * with the most citations (ties to the smaller id) are the candidates, ordered by citations, then works, then id;
 * when fewer than `limit` authors are cited at all, every author of the filtered works is ranked instead.
 */
async function topAuthors(
  db: Queryable,
  filter: string,
  values: unknown[],
  limit: number,
): Promise<RankedEntity[]> {
  const candidates = await rows<RankedEntity>(
    db,
    `WITH top AS (
       SELECT wa.author_id AS id, sum(r.cited_by)::bigint AS citations FROM work_rank r
       JOIN work_authors wa ON wa.work_id = r.id WHERE ${filter} AND r.cited_by > 0
       GROUP BY wa.author_id ORDER BY citations DESC, wa.author_id LIMIT $1 * 3)
     SELECT t.id, a.name, (SELECT count(DISTINCT wa.work_id)::int FROM work_authors wa JOIN work_rank r ON r.id = wa.work_id
                           WHERE wa.author_id = t.id AND ${filter}) AS works, t.citations
     FROM top t JOIN authors a ON a.id = t.id ORDER BY t.citations DESC, works DESC, t.id LIMIT $1`,
    values,
  );
  const cited = await rows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM work_rank r JOIN work_authors wa ON wa.work_id = r.id
     WHERE ${filter} AND r.cited_by > 0 GROUP BY wa.author_id LIMIT $1) t`,
    values,
  );
  if (cited[0].n >= limit) return candidates;
  return rows<RankedEntity>(
    db,
    `SELECT a.id, a.name, count(DISTINCT wa.work_id)::int AS works, sum(r.cited_by)::bigint AS citations
     FROM work_authors wa JOIN work_rank r ON r.id = wa.work_id JOIN authors a ON a.id = wa.author_id
     WHERE ${filter} GROUP BY a.id ORDER BY citations DESC, works DESC, a.id LIMIT $1`,
    values,
  );
}

/** A venue: its name, library works and citations, and the ids of its most cited works. */
export async function venueDetail(
  db: Queryable,
  id: number,
  limit: number,
): Promise<(RankedEntity & { topIds: WorkId[] }) | undefined> {
  const [venue] = await rows<RankedEntity>(
    db,
    `SELECT v.id, v.name, count(r.id)::int AS works, coalesce(sum(r.cited_by), 0)::bigint AS citations FROM venues v
     LEFT JOIN work_rank r ON r.venue_id = v.id AND r.in_library WHERE v.id = $1 GROUP BY v.id`,
    [id],
  );
  if (!venue) return undefined;
  const top = await rows<{ id: number }>(
    db,
    "SELECT id FROM work_rank WHERE venue_id = $1 AND in_library ORDER BY cited_by DESC, id LIMIT $2",
    [id, limit],
  );
  return { ...venue, topIds: top.map((t) => t.id) };
}
