/**
 * Search over the SQLite library: one FTS5 MATCH ranks with bm25 (field weights as CiteSeerX's), filtered to
 * library works unless cited-only ones are asked for, with exact totals and facets over the whole result set.
 */
import type Database from "better-sqlite3";
import { type OrderKey, orderKeys as sharedOrderKeys } from "../order-keys.ts";
import type { Facets, FacetValue, SearchIds, SearchRequest } from "../types.ts";
import { FacetIndex } from "./facet-index.ts";
import { BM25_WEIGHTS, type CompiledQuery, compileQuery } from "./fts.ts";
import { RecentCache } from "./recent-cache.ts";
import { StatementCache } from "./statement-cache.ts";

/** Strength of the citation boost in relevance order: a work cited 100 times ranks as if 46% more relevant. */
const BOOST = 0.1;
const FACET_SIZE = 10;

/** Hits fetched for the first pages in one pass: most result sets are smaller, and then need no count. */
const PREFETCH = 500;
/** Result sets above this size get their facets from the in-memory index. */
const IN_MEMORY_FACETS = 20_000;
/**
 * Result prefixes kept (each up to PREFETCH ids, about 4 KB): a query asked again, or paged through, is answered
 * from memory until the library changes — as a search engine's query result cache.
 */
const PREFIX_CACHE = 1000;
/** Facet results kept for repeated queries (paging, sorting): they do not depend on the page or the order. */
const FACET_CACHE = 200;

interface Plan {
  compiled: CompiledQuery | null;
  from: string;
  where: string;
  params: (string | number)[];
  score: string | null;
  /** The cheapest exact count: the FTS index alone when nothing else filters. */
  count: string;
}

/**
 * The SQL of a request. `filterLibrary` is false when the library holds no cited-only works: then the
 * in_library condition filters nothing, and a plain MATCH can be counted without joining every hit.
 */
function plan(req: SearchRequest, filterLibrary: boolean): Plan {
  const conds: string[] = [];
  const params: (string | number)[] = [];
  let from = "work_rank w";
  let score: string | null = null;
  const c = req.query ? compileQuery(req.query) : null;
  if (c) {
    if (c.match !== null) {
      from = "work_fts JOIN work_rank w ON w.id = work_fts.rowid";
      conds.push("work_fts MATCH ?");
      params.push(c.match);
      score = `bm25(work_fts, ${BM25_WEIGHTS.join(", ")})`;
    }
    conds.push(...c.conditions);
    params.push(...c.params);
  }
  // Without a MATCH the condition is kept even when it filters nothing: the order's indexes begin with it.
  if (!req.includeCitations && (filterLibrary || score === null)) conds.push("w.in_library = 1");
  const where = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  const count =
    score !== null && conds.length === 1
      ? "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?"
      : `SELECT count(*) FROM ${from} ${where}`;
  return { compiled: c, from, where, params, score, count };
}

/** The key count() keeps a plan's total under. */
function countKey(p: Plan): string {
  return JSON.stringify([p.count, p.params]);
}

function orderBy(req: SearchRequest, p: Plan): string {
  return orderKeys(req, p)
    .map((k) => `${k.expr}${k.desc ? " DESC" : ""}`)
    .join(", ");
}

/**
 * The keys of a result order, ties ending on the id: ORDER BY for pages by offset (orderBy), and the position a
 * page by cursor starts after (afterCondition).
 */
function orderKeys(req: SearchRequest, p: Plan): OrderKey[] {
  const relevance = p.score
    ? req.citationBoost
      ? `${p.score} * (1.0 + ${BOOST} * ln(1 + w.cited_by))`
      : p.score
    : null;
  return sharedOrderKeys(req.sort, relevance, { yearMissing: "w.year IS NULL" });
}

/**
 * The condition "comes after this position" over keys k0…kn (as the columns k0…kn of a subquery): for some i,
 * the keys before i equal the position's and key i comes after its value — NULL first ascending, last descending.
 */
function afterCondition(keys: OrderKey[], values: (number | null)[]): { sql: string; params: number[] } {
  const params: number[] = [];
  const alternatives: string[] = [];
  keys.forEach((key, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      if (values[j] === null) parts.push(`k${j} IS NULL`);
      else {
        parts.push(`k${j} = ?`);
        params.push(values[j] as number);
      }
    }
    const v = values[i];
    if (v === null) {
      if (key.desc) return; // nothing comes after NULL when NULLs are last
      parts.push(`k${i} IS NOT NULL`);
    } else {
      parts.push(key.desc ? `(k${i} < ?${key.nullable ? ` OR k${i} IS NULL` : ""})` : `k${i} > ?`);
      params.push(v);
    }
    alternatives.push(`(${parts.join(" AND ")})`);
  });
  return { sql: alternatives.length ? alternatives.join(" OR ") : "0", params };
}

export class SqliteSearch {
  private readonly statements: StatementCache;
  private readonly facetCache = new RecentCache<Facets>(FACET_CACHE);
  /** The first PREFETCH hits of requests seen lately, least recently used first. */
  private readonly prefixCache = new RecentCache<number[]>(PREFIX_CACHE);
  /** Exact totals of queries seen lately: paging through a result set counts it once (FACET_CACHE entries). */
  private readonly countCache = new RecentCache<number>(FACET_CACHE);
  private readonly facetIndex: FacetIndex;
  /**
   * Where facets are counted: "auto" uses the in-memory index (facet-index.ts) once it is built or for result
   * sets above IN_MEMORY_FACETS (smaller ones are counted faster in SQL than the index is built); tests force
   * one way or the other.
   */
  facetMode: "auto" | "sql" | "memory" = "auto";
  private citedOnly: boolean | undefined;
  private dataVersion = -1;

  constructor(db: Database.Database) {
    this.statements = new StatementCache(db);
    this.facetIndex = new FacetIndex(db);
  }

  /** Forgets what depends on the library's contents. */
  invalidate(): void {
    this.forgetResults();
    this.facetIndex.drop();
  }

  /** The store wrote these works (created, changed, deleted): patch what depends on them. */
  worksChanged(ids: Iterable<number>): void {
    this.forgetResults();
    this.facetIndex.update(ids);
  }

  /**
   * Forgets the answers kept for queries seen lately (results, counts, facets, prefix expansions), not the facet
   * index, which is the library's and built once a process: what a query asked for the first time costs.
   */
  forgetResults(): void {
    this.prefixCache.clear();
    this.facetCache.clear();
    this.countCache.clear();
    this.citedOnly = undefined;
  }

  /** Whether any work is cited only; re-checked after this process writes or another process commits. */
  private hasCitedOnly(): boolean {
    const version = Number(this.prepare("PRAGMA data_version").pluck().get());
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.invalidate();
    }
    this.citedOnly ??= !!this.prepare("SELECT EXISTS (SELECT 1 FROM work_rank WHERE in_library = 0)")
      .pluck()
      .get();
    return this.citedOnly;
  }

  private prepare(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  search(req: SearchRequest): SearchIds {
    const p = plan(req, this.hasCitedOnly());
    if (req.after !== undefined) return this.searchAfter(req, p);
    const sql = `SELECT w.id FROM ${p.from} ${p.where} ORDER BY ${orderBy(req, p)} LIMIT ? OFFSET ?`;
    const page = this.prepare(sql).pluck();
    let ids: number[];
    let total: number | undefined;
    if (req.offset + req.limit <= PREFETCH) {
      // Early pages: one pass fetches a little more than the page, kept for the next pages and for the query
      // asked again (until the library changes); a result set that fits needs no count.
      const key = JSON.stringify([sql, p.params]);
      let first = this.prefixCache.get(key);
      if (!first) {
        first = page.all(...p.params, PREFETCH, 0) as number[];
        this.prefixCache.set(key, first);
      }
      ids = first.slice(req.offset, req.offset + req.limit);
      if (first.length < PREFETCH) total = first.length;
    } else {
      ids = page.all(...p.params, req.limit, req.offset) as number[];
    }
    // Facets before the count: counted from memory, they count the hits as well (facetsInMemory).
    const facets = req.facets ? this.facets(req, total) : undefined;
    total ??= this.count(p);
    return { total, ids: ids.map(Number), facets };
  }

  /**
   * A page by position: the hits after `req.after` in the request's order, with the position of the last. Costs
   * the same at any depth (a bounded sort of what follows the position), where OFFSET sorts everything before it.
   */
  private searchAfter(req: SearchRequest, p: Plan): SearchIds {
    const keys = orderKeys(req, p);
    const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(", ");
    const order = keys.map((k, i) => `k${i}${k.desc ? " DESC" : ""}`).join(", ");
    const after = req.after === "start" ? { sql: "1", params: [] } : afterCondition(keys, req.after!.keys);
    if (req.after !== "start" && req.after!.keys.length !== keys.length)
      throw new Error("a position of another order");
    const sql = `SELECT id, ${keys.map((_, i) => `k${i}`).join(", ")} FROM (SELECT w.id AS id, ${columns} FROM ${p.from} ${p.where}) WHERE ${after.sql} ORDER BY ${order} LIMIT ?`;
    const rows = this.prepare(sql)
      .raw()
      .all(...p.params, ...after.params, req.limit) as (number | null)[][];
    const facets = req.facets ? this.facets(req) : undefined;
    const total = this.count(p);
    const lastRow = rows[rows.length - 1];
    return {
      total,
      ids: rows.map((r) => Number(r[0])),
      last: lastRow ? { id: Number(lastRow[0]), keys: lastRow.slice(1) } : undefined,
      facets,
    };
  }

  /** The exact number of hits of a plan, remembered until the library changes. */
  private count(p: Plan): number {
    const key = countKey(p);
    let n = this.countCache.get(key);
    if (n === undefined) {
      n = Number(
        this.prepare(p.count)
          .pluck()
          .get(...p.params),
      );
      this.countCache.set(key, n);
    }
    return n;
  }

  /** Year, venue and author counts over every hit of the request (not just one page). */
  facets(req: SearchRequest, total?: number): Facets {
    const p = plan(req, this.hasCitedOnly());
    const key = JSON.stringify([p.from, p.where, p.params]);
    const cached = this.facetCache.get(key);
    if (cached) return cached;
    const c = p.compiled;
    // In memory when the query is a MATCH with year ranges at most, and the result set is large (or the
    // index is built already); small result sets are counted faster in SQL than the index is built.
    const eligible = !c || c.conditions.length === c.years.length;
    const large = () => (total ?? this.count(p)) > IN_MEMORY_FACETS;
    const inMemory =
      eligible &&
      (this.facetMode === "memory" || (this.facetMode === "auto" && (this.facetIndex.ready || large())));
    const facets = inMemory ? this.facetsInMemory(req, p) : this.countFacets(p);
    this.facetCache.set(key, facets);
    return facets;
  }

  /**
   * Facets counted from the facet index over the MATCH's hits, and with them the number of hits the plan keeps —
   * the same filters (library, years), so the plan's exact count, kept for count() to find: a broad query's hits
   * are then read from the full-text index once for both, not twice.
   */
  private facetsInMemory(req: SearchRequest, p: Plan): Facets {
    const c = p.compiled;
    const hits = c?.match
      ? (this.prepare("SELECT rowid FROM work_fts WHERE work_fts MATCH ?").pluck().all(c.match) as number[])
      : null;
    const raw = this.facetIndex.count(
      hits,
      { includeCitations: req.includeCitations, years: c?.years ?? [] },
      FACET_SIZE,
    );
    this.countCache.set(countKey(p), raw.total);
    const venueName = this.prepare("SELECT name FROM venues WHERE id = ?").pluck();
    const authorName = this.prepare("SELECT name FROM authors WHERE id = ?").pluck();
    return {
      year: raw.year.map(([y, n]) => ({ value: String(y), count: n })),
      venue: raw.venue.map(([id, n]) => ({ value: String(venueName.get(id)), count: n })),
      author: raw.author.map(([id, n]) => ({ value: String(authorName.get(id)), count: n })),
    };
  }

  private countFacets(p: Plan): Facets {
    const hits = `SELECT w.id, w.year, w.venue_id FROM ${p.from} ${p.where}`;
    const rows = (sql: string) =>
      (
        this.prepare(sql)
          .raw()
          .all(...p.params) as [string | number, number][]
      ).map(([value, count]): FacetValue => ({ value: String(value), count }));
    return {
      year: rows(`SELECT year, count(*) FROM (${hits}) WHERE year IS NOT NULL GROUP BY year ORDER BY year`),
      venue: rows(
        `SELECT v.name, t.n FROM (SELECT venue_id, count(*) AS n FROM (${hits}) WHERE venue_id IS NOT NULL
         GROUP BY venue_id ORDER BY n DESC, venue_id LIMIT ${FACET_SIZE}) t JOIN venues v ON v.id = t.venue_id
         ORDER BY t.n DESC, t.venue_id`,
      ),
      author: rows(
        `SELECT a.name, t.n FROM (SELECT wa.author_id, count(DISTINCT wa.work_id) AS n FROM (${hits}) h
         JOIN work_authors wa ON wa.work_id = h.id GROUP BY wa.author_id ORDER BY n DESC, wa.author_id LIMIT ${FACET_SIZE}) t
         JOIN authors a ON a.id = t.author_id ORDER BY t.n DESC, t.author_id`,
      ),
    };
  }
}
