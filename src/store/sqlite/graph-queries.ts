/**
 * Reading the citation graph around a work or an author: related works by co-citation and by shared
 * references, and an author's works with their indicators. Every query is bounded: a work cited ten thousand
 * times, or a reference every paper shares, must not make one page read the whole graph.
 */
import { authorIndicators } from "../author-indicators.ts";
import type { AuthorDetail, RankedEntity, RelatedKind, WorkId } from "../types.ts";
import type { StatementCache } from "./statement-cache.ts";

/** Citing (or cited) works looked at when relating a work: the most cited of them first. */
const RELATED_SCAN = 1000;
/** An author's works looked at for the indicators; far more than any real author has. */
const AUTHOR_WORKS = 5000;

/**
 * Works related to `id` with their strength: co-citation — cited together with it by the same papers — or
 * bibliographic coupling (CiteSeerX's Active Bibliography) — citing the same works it cites.
 */
export function relatedWorkIds(
  statements: StatementCache,
  id: WorkId,
  kind: RelatedKind,
  limit: number,
): { id: WorkId; strength: number }[] {
  const sql =
    kind === "co-citation"
      ? `SELECT c2.cited_id AS id, count(*) AS strength
         FROM (SELECT citing_id FROM citations WHERE cited_id = @id LIMIT ${RELATED_SCAN}) c1
         JOIN citations c2 ON c2.citing_id = c1.citing_id
         WHERE c2.cited_id <> @id GROUP BY c2.cited_id ORDER BY strength DESC, c2.cited_id LIMIT @limit`
      : `SELECT c2.citing_id AS id, count(*) AS strength
         FROM (SELECT cited_id FROM citations WHERE citing_id = @id LIMIT ${RELATED_SCAN}) c1
         JOIN citations c2 ON c2.cited_id = c1.cited_id
         WHERE c2.citing_id <> @id GROUP BY c2.citing_id ORDER BY strength DESC, c2.citing_id LIMIT @limit`;
  return statements.get(sql).all({ id, limit }) as { id: WorkId; strength: number }[];
}

/** An author's name variants, works (most cited first), indicators, citations per year and co-authors. */
export function authorDetail(
  statements: StatementCache,
  id: number,
): (Omit<AuthorDetail, "works"> & { workIds: WorkId[] }) | undefined {
  const author = statements.get("SELECT id, name FROM authors WHERE id = ?").get(id) as
    | { id: number; name: string }
    | undefined;
  if (!author) return undefined;
  const works = statements
    .get(
      `SELECT r.id, r.cited_by, r.self_cited FROM work_authors a JOIN work_rank r ON r.id = a.work_id
       WHERE a.author_id = ? GROUP BY r.id ORDER BY r.cited_by DESC, r.id LIMIT ${AUTHOR_WORKS}`,
    )
    .all(id) as { id: number; cited_by: number; self_cited: number }[];
  const variants = statements
    .get(
      "SELECT name, count(*) AS n FROM work_authors WHERE author_id = ? GROUP BY name ORDER BY n DESC, name",
    )
    .all(id) as { name: string }[];
  const perYear = statements
    .get(
      `SELECT cr.year AS year, count(*) AS citations FROM work_authors a
       JOIN citations c ON c.cited_id = a.work_id JOIN work_rank cr ON cr.id = c.citing_id
       WHERE a.author_id = ? AND cr.year IS NOT NULL GROUP BY cr.year ORDER BY cr.year`,
    )
    .all(id) as { year: number; citations: number }[];
  const coAuthors = statements
    .get(
      `SELECT b.author_id AS id, au.name AS name, count(DISTINCT b.work_id) AS works
       FROM work_authors a JOIN work_authors b ON b.work_id = a.work_id AND b.author_id <> a.author_id
       JOIN authors au ON au.id = b.author_id
       WHERE a.author_id = ? GROUP BY b.author_id ORDER BY works DESC, au.name LIMIT 20`,
    )
    .all(id) as { id: number; name: string; works: number }[];
  const affiliations = affiliationsOf(statements, id);
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

/** Works read for an author's affiliations, and affiliations shown. */
const AFFILIATION_WORKS = 500;
const AFFILIATIONS_SHOWN = 5;

/**
 * An author's affiliations, from the title pages of their ingested papers (kept as the documents' custom
 * "affiliations"): a paper's affiliations are the author's only when the paper has one author or one
 * affiliation — the title page's marks tying authors to affiliations are not read yet. Most works first.
 */
function affiliationsOf(statements: StatementCache, id: number): { name: string; works: number }[] {
  const rows = statements
    .get(
      `SELECT json_extract(w.csl, '$.custom.affiliations') AS affiliations, json_array_length(w.csl, '$.author') AS authors
       FROM work_authors a JOIN works w ON w.id = a.work_id
       WHERE a.author_id = ? AND json_type(w.csl, '$.custom.affiliations') = 'array' LIMIT ${AFFILIATION_WORKS}`,
    )
    .all(id) as { affiliations: string; authors: number | null }[];
  const tally = new Map<string, number>();
  for (const r of rows) {
    const list = (JSON.parse(r.affiliations) as unknown[]).filter((x): x is string => typeof x === "string");
    if (r.authors !== 1 && list.length !== 1) continue;
    for (const name of new Set(list)) tally.set(name, (tally.get(name) ?? 0) + 1);
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, AFFILIATIONS_SHOWN)
    .map(([name, works]) => ({ name, works }));
}

/** Ids of the most cited works (cited-only ones too), and the most cited authors and venues, overall or of one year. */
export function leaderIds(
  statements: StatementCache,
  opts: { year?: number; limit: number },
): { works: WorkId[]; authors: RankedEntity[]; venues: RankedEntity[] } {
  const year = opts.year ?? null;
  // Two statements rather than "@year IS NULL OR …", which keeps the year index from being used.
  const filter = year === null ? "r.in_library = 1" : "r.in_library = 1 AND r.year = @year";
  // Works known only from references are cited too (on a library of PDFs, the classics its papers cite are
  // mostly such works): the most cited of each kind, each read along its index, then merged.
  const mostCited = (inLibrary: 0 | 1) =>
    `SELECT * FROM (SELECT r.id, r.cited_by FROM work_rank r WHERE r.in_library = ${inLibrary}${year === null ? "" : " AND r.year = @year"} ORDER BY r.cited_by DESC, r.id LIMIT @limit)`;
  const works = statements
    .get(`${mostCited(1)} UNION ALL ${mostCited(0)} ORDER BY cited_by DESC, id LIMIT @limit`)
    .pluck()
    .all({ year, limit: opts.limit }) as WorkId[];
  const authors = topAuthors(statements, filter, { year, limit: opts.limit });
  // Venues are few: one pass over the works counts and sums them all.
  const venues = statements
    .get(
      `SELECT v.id, v.name, t.works, t.citations FROM (
         SELECT r.venue_id, count(*) AS works, sum(r.cited_by) AS citations FROM work_rank r
         WHERE ${filter} AND r.venue_id IS NOT NULL GROUP BY r.venue_id
       ) t JOIN venues v ON v.id = t.venue_id ORDER BY t.citations DESC, t.works DESC, v.id LIMIT @limit`,
    )
    .all({ year, limit: opts.limit }) as RankedEntity[];
  return { works, authors, venues };
}

/** A venue: its name, library works and citations, and the ids of its most cited works. */
export function venueDetail(
  statements: StatementCache,
  id: number,
  limit: number,
): (RankedEntity & { topIds: WorkId[] }) | undefined {
  const venue = statements
    .get(
      `SELECT v.id, v.name, count(r.id) AS works, coalesce(sum(r.cited_by), 0) AS citations FROM venues v
       LEFT JOIN work_rank r ON r.venue_id = v.id AND r.in_library = 1 WHERE v.id = ? GROUP BY v.id`,
    )
    .get(id) as RankedEntity | undefined;
  if (!venue) return undefined;
  const topIds = statements
    .get("SELECT id FROM work_rank WHERE venue_id = ? AND in_library = 1 ORDER BY cited_by DESC, id LIMIT ?")
    .pluck()
    .all(id, limit) as WorkId[];
  return { ...venue, topIds };
}

/**
 * The most cited authors. Citations come only from cited works, so the sums read those alone, added up here
 * rather than by SQL's GROUP BY (on a 1M-work library: 1.2 s, where the one GROUP BY over every work took
 * 11 s); works are counted for the few candidates after. Ties in citations go to more works: candidates are
 * read three times over for that. A library with fewer cited authors than asked for is small, and is ranked by
 * one query over every work.
 */
function topAuthors(
  statements: StatementCache,
  filter: string,
  params: { year: number | null; limit: number },
): RankedEntity[] {
  const wanted = params.limit * 3;
  const top: { id: number; citations: number }[] = [];
  const maxId = Number(statements.get("SELECT max(id) FROM authors").pluck().get() ?? 0);
  const sums = new Float64Array(maxId + 1);
  const rows = statements
    .get(
      `SELECT wa.author_id, r.cited_by FROM work_rank r JOIN work_authors wa ON wa.work_id = r.id
       WHERE ${filter} AND r.cited_by > 0`,
    )
    .raw()
    .iterate({ year: params.year }) as Iterable<[number, number]>;
  for (const [id, cited] of rows) sums[id] += cited;
  for (let id = 1; id <= maxId; id++) {
    const citations = sums[id];
    if (citations === 0) continue;
    if (top.length === wanted && citations <= top[top.length - 1].citations) continue;
    let at = top.length;
    while (at > 0 && top[at - 1].citations < citations) at--;
    top.splice(at, 0, { id, citations });
    if (top.length > wanted) top.pop();
  }
  if (top.length < params.limit)
    return statements
      .get(
        `SELECT a.id, a.name, count(DISTINCT wa.work_id) AS works, sum(r.cited_by) AS citations FROM work_authors wa
         JOIN work_rank r ON r.id = wa.work_id JOIN authors a ON a.id = wa.author_id
         WHERE ${filter} GROUP BY a.id ORDER BY citations DESC, works DESC, a.id LIMIT @limit`,
      )
      .all(params) as RankedEntity[];
  const works = statements
    .get(
      `SELECT count(DISTINCT wa.work_id) FROM work_authors wa JOIN work_rank r ON r.id = wa.work_id
       WHERE wa.author_id = @id AND ${filter}`,
    )
    .pluck();
  const name = statements.get("SELECT name FROM authors WHERE id = ?").pluck();
  return top
    .map((c) => ({
      id: c.id,
      name: String(name.get(c.id)),
      works: Number(works.get({ id: c.id, year: params.year })),
      citations: c.citations,
    }))
    .sort((a, b) => b.citations - a.citations || b.works - a.works || a.id - b.id)
    .slice(0, params.limit);
}
