/**
 * Search over the PostgreSQL library, answering as store/sqlite/search.ts does: the same hits, totals, facets,
 * orders and cursor positions, and the same relevance — SQLite's bm25, computed here exactly as FTS5 computes it
 * (fts5_aux.c: k1 1.2, b 0.75, IDF from the rows each phrase matches, floored at 1e-6, document length in
 * tokens over the average), in double precision in the same order of operations, so that scores and hence
 * orders and cursors are the same numbers on both stores.
 *
 * A phrase's weighted frequency in a row (FTS5's sum of column weights over its instances) is read from the
 * postings (postings.ts) without opening a tsvector: a word's weighted count, or a phrase's instances counted from
 * its words' positions, each worth its field's weight (search-text.ts). Where PostgreSQL keeps less than FTS5 — at
 * most 256 positions of one lexeme, positions up to 16383 — a very long body's counts and late phrases differ;
 * metadata never does.
 */
import type pg from "pg";
import { type OrderKey, orderKeys as sharedOrderKeys } from "../order-keys.ts";
import type { Facets, FacetValue, SearchIds, SearchRequest } from "../types.ts";
import { phraseRows, testSql } from "./postings.ts";
import { type CompiledQuery, compileQuery, Params, type Phrase, type TextQuery } from "./tsquery.ts";

/** Strength of the citation boost in relevance order, as store/sqlite/search.ts. */
const BOOST = "0.1::float8";
const FACET_SIZE = 10;

interface Plan {
  compiled: CompiledQuery | null;
  /** work_rank w, and work_fts f when a condition reads it. */
  from: string;
  /** Every condition but the match (which ranked() answers from the phrases' rows). */
  conditions: string[];
  where: string;
  /** Values of the conditions' placeholders, which come first in every statement of the plan. */
  params: Params;
}

function plan(req: SearchRequest): Plan {
  const params = new Params();
  const c = req.query ? compileQuery(req.query, params) : null;
  const conditions = [...(c?.conditions ?? [])];
  if (!req.includeCitations) conditions.push("w.in_library");
  const from = c?.conditionsReadText ? "work_rank w JOIN work_fts f ON f.id = w.id" : "work_rank w";
  const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
  return { compiled: c, from, conditions, where, params };
}

/**
 * bm25 of the plan's match, as FTS5 computes it, over `s` (the statistics: N, average length, each phrase's IDF),
 * each phrase's weighted frequency in the row (`freq(i)`) and the row's length. Negative, better first, as FTS5's.
 */
function bm25(phrases: number, freq: (i: number) => string, length: string): string {
  const terms = Array.from({ length: phrases }, (_, i) => {
    const f = freq(i);
    return ` + s.idf${i} * ((${f} * (1.2::float8 + 1.0::float8)) / (${f} + 1.2::float8 * ((1::float8 - 0.75::float8) + 0.75::float8 * ${length}::float8 / s.avgdl)))`;
  });
  return `(-1.0::float8 * (0.0::float8${terms.join("")}))`;
}

/**
 * The statistics bm25 needs, once a statement: the rows and tokens of the index, and for each phrase the rows it
 * matches (counted in one pass over p, a row a work matching any), whence its IDF — log((N − n + 0.5) / (n + 0.5)), at
 * least 1e-6.
 */
function statistics(phrases: number): string {
  const range = Array.from({ length: phrases }, (_, i) => i);
  const counts = range.map((i) => `count(f${i})::float8 AS n${i}`).join(", ");
  const idfs = range.map((i) => `, CASE WHEN v${i} <= 0 THEN 1e-6::float8 ELSE v${i} END AS idf${i}`);
  const logs = range.map((i) => `, ln(((t.n - d.n${i}) + 0.5::float8) / (d.n${i} + 0.5::float8)) AS v${i}`);
  return `s AS MATERIALIZED (SELECT n, avgdl${idfs.join("")} FROM (SELECT t.n, t.tokens / nullif(t.n, 0) AS avgdl${logs.join("")}
    FROM (SELECT coalesce(sum(rows), 0)::float8 AS n, coalesce(sum(tokens), 0)::float8 AS tokens FROM work_fts_totals) t,
    (SELECT ${counts} FROM p) d) x)`;
}

/** The keys of a result order, ties ending on the id (store/sqlite/search.ts orderKeys). */
function orderKeys(req: SearchRequest, relevanceScore: string | null): OrderKey[] {
  const relevance = relevanceScore
    ? req.citationBoost
      ? `${relevanceScore} * (1.0::float8 + ${BOOST} * ln((1 + w.cited_by)::float8))`
      : relevanceScore
    : null;
  return sharedOrderKeys(req.sort, relevance, { yearMissing: "(w.year IS NULL)::int" });
}

/** ORDER BY over key expressions (or their aliases), NULLs placed as SQLite places them. */
function orderBy(keys: OrderKey[], name: (k: OrderKey, i: number) => string): string {
  return keys.map((k, i) => `${name(k, i)}${k.desc ? " DESC NULLS LAST" : " ASC NULLS FIRST"}`).join(", ");
}

/**
 * "Comes after this position" over the keys k0…kn of a subquery (store/sqlite/search.ts afterCondition): for some
 * i, the keys before i equal the position's and key i comes after its value.
 */
function afterCondition(keys: OrderKey[], values: (number | null)[], params: Params): string {
  const alternatives: string[] = [];
  keys.forEach((key, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++)
      parts.push(values[j] === null ? `k${j} IS NULL` : `k${j} = ${params.add(values[j], "float8")}`);
    const v = values[i];
    if (v === null) {
      if (key.desc) return; // nothing comes after NULL when NULLs are last
      parts.push(`k${i} IS NOT NULL`);
    } else {
      const p = params.add(v, "float8");
      parts.push(key.desc ? `(k${i} < ${p}${key.nullable ? ` OR k${i} IS NULL` : ""})` : `k${i} > ${p}`);
    }
    alternatives.push(`(${parts.join(" AND ")})`);
  });
  return alternatives.length ? alternatives.join(" OR ") : "false";
}

type Queryable = Pick<pg.Pool, "query">;

/** A page of a result set: by offset, or after a position. */
function pageClause(req: SearchRequest, keys: OrderKey[], params: Params): { where: string; limit: string } {
  if (req.after !== undefined && req.after !== "start" && req.after.keys.length !== keys.length)
    throw new Error("a position of another order");
  const where =
    req.after === undefined || req.after === "start"
      ? ""
      : `WHERE ${afterCondition(keys, req.after.keys, params)}`;
  const offset = req.after === undefined ? ` OFFSET ${params.add(req.offset, "bigint")}` : "";
  return { where, limit: `LIMIT ${params.add(req.limit, "bigint")}${offset}` };
}

/**
 * Year, venue and author counts over `hits` (id, year, venue_id, author_ids) as JSON columns, as facets() counts
 * them. An author's count is of works: author_ids holds each author of a work once (schema version 7).
 */
const FACET_COLUMNS = `,
  (SELECT coalesce(json_agg(json_build_array(year, n) ORDER BY year), '[]')::text FROM
    (SELECT year, count(*) AS n FROM hits WHERE year IS NOT NULL GROUP BY year) y) AS year,
  (SELECT coalesce(json_agg(json_build_array(v.name, t.n) ORDER BY t.n DESC, t.venue_id), '[]')::text FROM
    (SELECT venue_id, count(*) AS n FROM hits WHERE venue_id IS NOT NULL GROUP BY venue_id ORDER BY n DESC, venue_id
     LIMIT ${FACET_SIZE}) t JOIN venues v ON v.id = t.venue_id) AS venue,
  (SELECT coalesce(json_agg(json_build_array(a.name, t.n) ORDER BY t.n DESC, t.author_id), '[]')::text FROM
    (SELECT author_id, count(*) AS n FROM (SELECT unnest(author_ids) AS author_id FROM hits) u
     GROUP BY author_id ORDER BY n DESC, author_id LIMIT ${FACET_SIZE}) t JOIN authors a ON a.id = t.author_id) AS author`;

/** The columns of work_rank `w` the facets count, when they are asked for. */
const FACETED = ", w.author_ids";

/** A facet column: JSON as text. */
function facetValues(json: string): FacetValue[] {
  return (JSON.parse(json) as [string | number, number][]).map(([value, count]) => ({
    value: String(value),
    count: Number(count),
  }));
}

export class PostgresSearch {
  constructor(private readonly db: Queryable) {}

  async search(req: SearchRequest): Promise<SearchIds> {
    const p = plan(req);
    const match = p.compiled?.match;
    return match ? this.ranked(req, p, match) : this.listed(req, p);
  }

  /**
   * A query with words: one statement — each phrase's rows (postings.ts), the statistics, the hits with their
   * order keys computed once, then the page, the total and the facets over those hits.
   */
  private async ranked(req: SearchRequest, p: Plan, match: TextQuery): Promise<SearchIds> {
    const params = cloneParams(p.params);
    const index = (phrase: Phrase) => match.phrases.indexOf(phrase);
    const each = match.phrases.map(
      (phrase, i) => `SELECT ${i} AS i, id, freq, length FROM (${phraseRows(phrase, params)}) p${i}`,
    );
    // Every phrase's rows in one list, summed into one row a work in one pass (fi: phrase i's frequency, null
    // where it does not match): a join of each phrase's rows with the others would be planned from estimates of
    // their sizes, which a range of lexemes does not give well. The list sorted by work first: the planner then
    // groups it in order, where it would hash it (spilling to disk past work_mem at 50,000 works) or split it
    // among parallel workers (each a process started for a statement of milliseconds), and the works come out in
    // id order, so that the hits' probes of work_rank read its index and pages in order — together half the
    // time of the 200 bench queries at 100,000 works (docs/benchmarks.md, "PostgreSQL search: postings sorted").
    const sums = match.phrases.map((_, i) => `, sum(freq) FILTER (WHERE i = ${i}) AS f${i}`);
    const ctes = [
      `p AS MATERIALIZED (SELECT id, max(length) AS length${sums.join("")} FROM (${each.join(" UNION ALL ")} ORDER BY id) ph GROUP BY id)`,
      statistics(match.phrases.length),
    ];
    const keys = orderKeys(
      req,
      bm25(match.phrases.length, (i) => `coalesce(p.f${i}, 0::float8)`, "p.length"),
    );
    const text = p.compiled?.conditionsReadText ? " JOIN work_fts f ON f.id = w.id" : "";
    const conds = [testSql(match.test, (phrase) => `p.f${index(phrase)} IS NOT NULL`), ...p.conditions];
    ctes.push(
      `hits AS MATERIALIZED (SELECT w.id, w.year, w.venue_id${req.facets ? FACETED : ""}, ${keys.map((k, i) => `${k.expr} AS k${i}`).join(", ")}
       FROM s, p JOIN work_rank w ON w.id = p.id${text} WHERE ${conds.join(" AND ")})`,
    );
    const k = keys.map((_, i) => `k${i}`).join(", ");
    const order = orderBy(keys, (_, i) => `h.k${i}`);
    const page = pageClause(req, keys, params);
    const sql = `WITH ${ctes.join(",\n")}
      SELECT h.id, ${keys.map((_, i) => `h.k${i}`).join(", ")}, x.* FROM (SELECT count(*) AS total${req.facets ? FACET_COLUMNS : ""} FROM hits) x
      LEFT JOIN LATERAL (SELECT id, ${k} FROM hits ${page.where} ORDER BY ${orderBy(keys, (_, i) => `k${i}`)} ${page.limit}) h ON true
      ORDER BY ${order}`;
    const { rows } = await this.db.query({ text: sql, values: params.values, rowMode: "array" });
    const n = keys.length + 1;
    const first = rows[0] as unknown[];
    const hits = rows.filter((r) => r[0] !== null) as unknown[][];
    const last = hits[hits.length - 1] as (number | null)[] | undefined;
    return {
      total: Number(first[n]),
      ids: hits.map((r) => Number(r[0])),
      ...(req.after === undefined ? {} : { last: last && { id: Number(last[0]), keys: last.slice(1, n) } }),
      facets: req.facets
        ? {
            year: facetValues(first[n + 1] as string),
            venue: facetValues(first[n + 2] as string),
            author: facetValues(first[n + 3] as string),
          }
        : undefined,
    };
  }

  /** Browsing, or a query without words to rank by: the page in an order the indexes of work_rank give. */
  private async listed(req: SearchRequest, p: Plan): Promise<SearchIds> {
    const params = cloneParams(p.params);
    const keys = orderKeys(req, null);
    const counted = Promise.all([this.count(p), req.facets ? this.facets(p) : undefined]);
    if (req.after !== undefined) {
      const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(", ");
      const page = pageClause(req, keys, params);
      const sql = `SELECT id, ${keys.map((_, i) => `k${i}`).join(", ")} FROM (SELECT w.id AS id, ${columns} FROM ${p.from} ${p.where}) h
        ${page.where} ORDER BY ${orderBy(keys, (_, i) => `k${i}`)} ${page.limit}`;
      const [{ rows }, [total, facets]] = await Promise.all([
        this.db.query({ text: sql, values: params.values, rowMode: "array" }),
        counted,
      ]);
      const last = rows[rows.length - 1] as (number | null)[] | undefined;
      return {
        total,
        ids: rows.map((r) => Number(r[0])),
        last: last ? { id: Number(last[0]), keys: last.slice(1) } : undefined,
        facets,
      };
    }
    const sql = `SELECT w.id FROM ${p.from} ${p.where} ORDER BY ${orderBy(keys, (k) => k.expr)}
      LIMIT ${params.add(req.limit, "bigint")} OFFSET ${params.add(req.offset, "bigint")}`;
    const [{ rows }, [total, facets]] = await Promise.all([
      this.db.query({ text: sql, values: params.values, rowMode: "array" }),
      counted,
    ]);
    return { total, ids: rows.map((r) => Number(r[0])), facets };
  }

  /** The exact number of hits. */
  private async count(p: Plan): Promise<number> {
    const { rows } = await this.db.query({
      text: `SELECT count(*) FROM ${p.from} ${p.where}`,
      values: p.params.values,
      rowMode: "array",
    });
    return Number(rows[0][0]);
  }

  /** Year, venue and author counts over every hit (store/sqlite/search.ts countFacets). */
  private async facets(p: Plan): Promise<Facets> {
    const hits = `SELECT w.id, w.year, w.venue_id${FACETED} FROM ${p.from} ${p.where}`;
    const { rows } = await this.db.query({
      text: `WITH hits AS MATERIALIZED (${hits}) SELECT count(*)${FACET_COLUMNS} FROM hits`,
      values: p.params.values,
      rowMode: "array",
    });
    const [, year, venue, author] = rows[0];
    return { year: facetValues(year), venue: facetValues(venue), author: facetValues(author) };
  }
}

function cloneParams(p: Params): Params {
  const out = new Params();
  for (const v of p.values) out.values.push(v);
  return out;
}
