/**
 * npm run bench:pg-search [-- --size N] [--rounds R] [--keep DIR] [--pg-from-sqlite]
 *   [--baseline CHECKOUT [--baseline-rounds B]]
 *
 * Search alone, SQLite against PostgreSQL, on one library of N generated works (bench/generate.ts, default
 * 10,000) built once on each store: first the 200 bench queries' answers are compared (ids, totals and facets of
 * page 1, and page 2 by cursor; the bench stops at a difference), then each store's `search` is timed over the
 * same queries, R rounds (3) alternating, p50/p99 per round and their medians:
 * - SQLite as bench:scale times it (its searcher's caches warm: a query asked again is answered from memory);
 *   with its answers to queries forgotten before each query but its facet index kept (what a query seen for the
 *   first time costs a running server: the fair comparison); and cold (its caches and facet index emptied before
 *   each query: the index is built again by every large query with facets, which a server does once);
 * - PostgreSQL, and with --baseline the PostgreSQL search of another checkout (its src/store/postgres/search.ts,
 *   e.g. a worktree of the previous commit) on the same database, alternating with this one (in the first B
 *   rounds only, all by default: at 100,000 works the old search takes minutes a round);
 * - with and without facets.
 * Only the store's ranking is timed (ids, total, facets), not the page's metadata and snippets (search/search.ts),
 * which cost the same on both stores' sides of the comparison.
 *
 * --keep DIR keeps the two libraries (DIR/works-N.db and the database named in DIR/works-N.pg) and reuses them on
 * the next run: building 100,000 works takes minutes. PostgreSQL: CITEGRAPH_BENCH_POSTGRES, else a throwaway
 * cluster (src/testing/postgres.ts benchPostgres); --keep needs the former.
 *
 * --pg-from-sqlite builds the PostgreSQL library from the SQLite one by `citegraph migrate` (every row copied with
 * its ids, the search index built from the copied works, then verified) instead of importing the records again:
 * at 1,000,000 works an import into PostgreSQL takes hours (≈260 records/s), a migration a fraction of that. The
 * library is the same rows, so the same answers (checked below as always), but laid out by one COPY where an
 * import leaves the space of its batches' updates: timings may differ a little from an imported library's.
 * Then VACUUM (ANALYZE), as autovacuum would do to an imported library soon after.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { importFiles } from "../src/library/import.ts";
import { migrateToPostgres } from "../src/library/migrate-postgres.ts";
import { parseQuery } from "../src/search/query-parser.ts";
import { openStore } from "../src/store/open.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { SearchIds, SearchRequest } from "../src/store/types.ts";
import { benchPostgres } from "../src/testing/postgres.ts";
import { generate, loadCorpus, makeQueries } from "./generate.ts";
import { percentile, writeJsonl } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const size = Number(option("--size") ?? 10_000);
const rounds = Number(option("--rounds") ?? 3);
const keep = option("--keep");
const baseline = option("--baseline");
const baselineRounds = Number(option("--baseline-rounds") ?? rounds);
const pgFromSqlite = args.includes("--pg-from-sqlite");

type Searcher = (req: SearchRequest) => Promise<SearchIds>;

function request(q: string, facets: boolean, after?: SearchRequest["after"]): SearchRequest {
  return {
    query: parseQuery(q).node,
    sort: "relevance",
    offset: 0,
    limit: 10,
    includeCitations: false,
    citationBoost: true,
    facets,
    after,
  };
}

/** The libraries: built, or found where --keep left them. */
async function libraries(): Promise<{ sqlitePath: string; pgUrl: string; cleanup(): Promise<void> }> {
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), "citegraph-pgsearch-"));
  mkdirSync(dir, { recursive: true });
  const sqlitePath = join(dir, `works-${size}.db`);
  const urlFile = join(dir, `works-${size}.pg`);
  if (keep && existsSync(sqlitePath) && existsSync(urlFile))
    return { sqlitePath, pgUrl: readFileSync(urlFile, "utf8").trim(), cleanup: async () => {} };
  const server = await benchPostgres();
  if (server.skip) throw new Error(`bench:pg-search needs PostgreSQL: ${server.skip}`);
  const db = await server.newDatabase();
  const corpus = await loadCorpus(join(ROOT, "../shared/datasets"));
  const data = join(dir, `works-${size}.jsonl`);
  await writeJsonl(data, generate(corpus, size, 1));
  const seconds = (t0: number) => Math.round((performance.now() - t0) / 1000);
  for (const path of pgFromSqlite ? [sqlitePath] : [sqlitePath, db.url]) {
    const t0 = performance.now();
    const store = openStore(path);
    await importFiles(store, [data], { batchSize: 5000 });
    await store.close();
    process.stderr.write(
      `built ${path.startsWith("postgres") ? "PostgreSQL" : "SQLite"} library: ${seconds(t0)} s\n`,
    );
  }
  rmSync(data);
  if (pgFromSqlite) {
    const t0 = performance.now();
    const report = await migrateToPostgres({ from: sqlitePath, to: db.url });
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    await pool.query("VACUUM (ANALYZE)");
    await pool.end();
    process.stderr.write(
      `built PostgreSQL library by migrating the SQLite one: ${seconds(t0)} s (${report.verifiedWorks} works verified)\n`,
    );
  }
  if (keep) {
    writeFileSync(urlFile, `${db.url}\n`);
    return { sqlitePath, pgUrl: db.url, cleanup: async () => {} };
  }
  return {
    sqlitePath,
    pgUrl: db.url,
    cleanup: async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops the bench when two stores answer differently: timing different answers means nothing. */
async function sameAnswers(queries: string[], a: Searcher, b: Searcher, names: string): Promise<void> {
  for (const q of queries) {
    const first = await Promise.all([a(request(q, true, "start")), b(request(q, true, "start"))]);
    const next = first.map((r, i) => (r.last ? [a, b][i](request(q, false, r.last)) : undefined));
    const pages = [...first, ...(await Promise.all(next))].map((r) => r && { ...r, last: undefined });
    const [x, y, x2, y2] = pages.map((r) => JSON.stringify(r));
    if (x !== y || x2 !== y2) {
      process.stderr.write(
        `bench:pg-search: ${names} answer "${q}" differently:\n  ${x}\n  ${y}\n  ${x2}\n  ${y2}\n`,
      );
      process.exit(1);
    }
  }
}

async function time(queries: string[], searcher: Searcher, facets: boolean, before?: () => void) {
  const ms: number[] = [];
  for (const q of queries) {
    before?.();
    const req = request(q, facets);
    const t0 = performance.now();
    await searcher(req);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function main() {
  const libs = await libraries();
  const queries = makeQueries(await loadCorpus(join(ROOT, "../shared/datasets")), 200, 2);
  // Three SQLite stores on the one file: one whose caches stay warm; one whose answers to queries are forgotten
  // before each query, its facet index kept (built once a process, as a server keeps it); one whose caches and
  // facet index are both emptied before each query (what the first query of a process costs).
  const sqlite = openStore(libs.sqlitePath) as SqliteStore;
  const sqliteFirst = openStore(libs.sqlitePath) as SqliteStore;
  const sqliteCold = openStore(libs.sqlitePath) as SqliteStore;
  const postgres = openStore(libs.pgUrl);
  const searchers: Record<string, { run: Searcher; before?: () => void; rounds?: number }> = {
    "SQLite, caches warm (as bench:scale)": { run: (r) => sqlite.search(r) },
    "SQLite, answers forgotten before each query (facet index kept)": {
      run: (r) => sqliteFirst.search(r),
      before: () => sqliteFirst.searcher.forgetResults(),
    },
    "SQLite, caches emptied before each query": {
      run: (r) => sqliteCold.search(r),
      before: () => sqliteCold.searcher.invalidate(),
    },
    PostgreSQL: { run: (r) => postgres.search(r) },
  };
  let pool: pg.Pool | undefined;
  if (baseline) {
    pool = new pg.Pool({ connectionString: libs.pgUrl, max: 4 });
    const { PostgresSearch } = await import(resolve(baseline, "src/store/postgres/search.ts"));
    const old = new PostgresSearch(pool);
    searchers[`PostgreSQL, ${baseline}`] = { run: (r) => old.search(r), rounds: baselineRounds };
  }
  await sameAnswers(
    queries,
    searchers.PostgreSQL.run,
    searchers["SQLite, caches warm (as bench:scale)"].run,
    "SQLite and PostgreSQL",
  );
  if (baseline)
    await sameAnswers(
      queries,
      searchers.PostgreSQL.run,
      searchers[`PostgreSQL, ${baseline}`].run,
      "PostgreSQL and the baseline",
    );
  // As bench:scale times SQLite: every query asked once before (its caches hold the answers).
  for (const q of queries) for (const facets of [false, true]) await sqlite.search(request(q, facets));
  const results: Record<string, { p50: number; p99: number }[]> = {};
  for (let round = 0; round < rounds; round++)
    for (const facets of [false, true])
      for (const [name, s] of Object.entries(searchers)) {
        if (round >= (s.rounds ?? rounds)) continue;
        const key = `${name}${facets ? ", with facets" : ""}`;
        results[key] ??= [];
        results[key].push(await time(queries, s.run, facets, s.before));
      }
  const rows = ["| store | p50 ms | p99 ms | rounds (p50 / p99) |", "|---|---|---|---|"];
  for (const [name, rs] of Object.entries(results))
    rows.push(
      `| ${name} | ${fmt(median(rs.map((r) => r.p50)))} | ${fmt(median(rs.map((r) => r.p99)))} | ${rs.map((r) => `${fmt(r.p50)} / ${fmt(r.p99)}`).join(", ")} |`,
    );
  process.stdout.write(
    `${size.toLocaleString("en-US")} works, ${queries.length} queries, page 1 (10 ids), relevance order, ${rounds} rounds; same answers checked\n\n${rows.join("\n")}\n`,
  );
  await sqlite.close();
  await sqliteFirst.close();
  await sqliteCold.close();
  await postgres.close();
  await pool?.end();
  await libs.cleanup();
}

await main();
