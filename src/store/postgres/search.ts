/**
 * Search over the PostgreSQL library, answering as store/sqlite/search.ts does: the same hits, totals, facets,
 * orders and cursor positions, and the same relevance — SQLite's bm25, computed here exactly as FTS5 computes it
 * (fts5_aux.c: k1 1.2, b 0.75, IDF from the rows each phrase matches, floored at 1e-6, document length in
 * tokens over the average), in double precision in the same order of operations, so that scores and hence
 * orders and cursors are the same numbers on both stores.
 *
 * A phrase's weighted frequency in a row (FTS5's sum of column weights over its instances) is ts_rank_cd with
 * the field weights and no normalisation: over a query of one phrase, each occurrence is one cover worth its
 * field's weight (search-text.ts RANK_WEIGHTS). Where PostgreSQL keeps less than FTS5 — at most 256 positions
 * of one lexeme, positions up to 16383 — a very long body's counts and late phrases differ; metadata never does.
 */
import type pg from "pg";
import { type OrderKey, orderKeys as sharedOrderKeys } from "../order-keys.ts";
import type { Facets, FacetValue, SearchIds, SearchRequest } from "../types.ts";
import { RANK_SCALE, RANK_WEIGHTS } from "./search-text.ts";
import { type CompiledQuery, compileQuery, Params } from "./tsquery.ts";

/** Strength of the citation boost in relevance order, as store/sqlite/search.ts. */
const BOOST = "0.1::float8";
const FACET_SIZE = 10;

interface Plan {
  compiled: CompiledQuery | null;
  from: string;
  where: string;
  /** Values of `where`'s placeholders, which come first in every statement of the plan. */
  params: Params;
  /** The tsquery's placeholder, when the query has words to rank by. */
  match: string | null;
}

function plan(req: SearchRequest): Plan {
  const params = new Params();
  const conds: string[] = [];
  const c = req.query ? compileQuery(req.query, params) : null;
  let match: string | null = null;
  if (c?.match) {
    match = params.add(c.match.query, "tsquery");
    conds.push(`f.document @@ ${match}`);
  }
  if (c) conds.push(...c.conditions);
  if (!req.includeCitations) conds.push("w.in_library");
  const from = c?.readsText ? "work_rank w JOIN work_fts f ON f.id = w.id" : "work_rank w";
  const where = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  return { compiled: c, from, where, params, match };
}

/**
 * bm25 of the plan's match, as FTS5 computes it, over `s` (the statistics: N, average length, each phrase's IDF)
 * and `f` (the row). Negative, better first, as FTS5's.
 */
function bm25(phrases: number): string {
  const terms = Array.from({ length: phrases }, (_, i) => {
    const freq = `(ts_rank_cd('${RANK_WEIGHTS}'::float4[], f.document, s.q${i}, 0)::float8 * ${RANK_SCALE}::float8)`;
    return ` + s.idf${i} * ((${freq} * (1.2::float8 + 1.0::float8)) / (${freq} + 1.2::float8 * ((1::float8 - 0.75::float8) + 0.75::float8 * f.length::float8 / s.avgdl)))`;
  });
  return `(-1.0::float8 * (0.0::float8${terms.join("")}))`;
}

/**
 * The statistics bm25 needs, computed once a statement (a CTE): the rows and tokens of the index, and for each
 * phrase the rows it matches, whence its IDF — log((N − n + 0.5) / (n + 0.5)), at least 1e-6.
 */
function statistics(phrases: string[], params: Params): string {
  const columns = phrases.map((q, i) => {
    const p = params.add(q, "tsquery");
    return `${p} AS q${i}, (SELECT CASE WHEN v <= 0 THEN 1e-6::float8 ELSE v END FROM (SELECT ln(((t.n - h.n) + 0.5::float8) / (h.n + 0.5::float8)) AS v FROM (SELECT count(*)::float8 AS n FROM work_fts WHERE document @@ ${p}) h) x) AS idf${i}`;
  });
  return `s AS MATERIALIZED (SELECT t.n, t.tokens / nullif(t.n, 0) AS avgdl${columns.map((c) => `, ${c}`).join("")}
    FROM (SELECT coalesce(sum(rows), 0)::float8 AS n, coalesce(sum(tokens), 0)::float8 AS tokens FROM work_fts_totals) t)`;
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

export class PostgresSearch {
  constructor(private readonly db: Queryable) {}

  async search(req: SearchRequest): Promise<SearchIds> {
    const p = plan(req);
    const phrases = p.compiled?.match?.phrases ?? [];
    const params = cloneParams(p.params);
    const stats = phrases.length ? statistics(phrases, params) : null;
    const keys = orderKeys(req, stats ? bm25(phrases.length) : null);
    const withStats = stats ? `WITH ${stats} ` : "";
    const fromStats = stats ? `s, ${p.from}` : p.from;
    if (req.after !== undefined && req.after !== "start" && req.after.keys.length !== keys.length)
      throw new Error("a position of another order");
    const counted = Promise.all([this.count(p), req.facets ? this.facets(p) : undefined]);
    if (req.after !== undefined) {
      const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(", ");
      const after = req.after === "start" ? "true" : afterCondition(keys, req.after.keys, params);
      const sql = `${withStats}SELECT id, ${keys.map((_, i) => `k${i}`).join(", ")} FROM (SELECT w.id AS id, ${columns} FROM ${fromStats} ${p.where}) h
        WHERE ${after} ORDER BY ${orderBy(keys, (_, i) => `k${i}`)} LIMIT ${params.add(req.limit, "bigint")}`;
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
    const sql = `${withStats}SELECT w.id FROM ${fromStats} ${p.where} ORDER BY ${orderBy(keys, (k) => k.expr)}
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
    const hits = `SELECT w.id, w.year, w.venue_id FROM ${p.from} ${p.where}`;
    const rows = async (sql: string): Promise<FacetValue[]> =>
      (await this.db.query({ text: sql, values: p.params.values, rowMode: "array" })).rows.map(
        ([value, count]) => ({ value: String(value), count: Number(count) }),
      );
    const [year, venue, author] = await Promise.all([
      rows(`SELECT year, count(*) FROM (${hits}) h WHERE year IS NOT NULL GROUP BY year ORDER BY year`),
      rows(
        `SELECT v.name, t.n FROM (SELECT venue_id, count(*) AS n FROM (${hits}) h WHERE venue_id IS NOT NULL
         GROUP BY venue_id ORDER BY n DESC, venue_id LIMIT ${FACET_SIZE}) t JOIN venues v ON v.id = t.venue_id
         ORDER BY t.n DESC, t.venue_id`,
      ),
      rows(
        `SELECT a.name, t.n FROM (SELECT wa.author_id, count(DISTINCT wa.work_id) AS n FROM (${hits}) h
         JOIN work_authors wa ON wa.work_id = h.id GROUP BY wa.author_id ORDER BY n DESC, wa.author_id LIMIT ${FACET_SIZE}) t
         JOIN authors a ON a.id = t.author_id ORDER BY t.n DESC, t.author_id`,
      ),
    ]);
    return { year, venue, author };
  }
}

function cloneParams(p: Params): Params {
  const out = new Params();
  for (const v of p.values) out.values.push(v);
  return out;
}
