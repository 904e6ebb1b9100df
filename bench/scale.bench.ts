/**
 * npm run bench:scale [-- --size N] [--skip-pdfs] [--skip-records] [--skip-workers]
 *
 * The same libraries on SQLite and on PostgreSQL, built the same way, checked to be the same graph, then timed:
 * - the shared PDFs (../shared/datasets/pdfs) ingested into each store: identical works and counts (a check: the
 *   bench stops at a difference; by content, as ingest files documents in the order their extraction ends, so
 *   ids differ from run to run), PDF/s, each keeping its PDF copies where such a library keeps them (a folder;
 *   the database); then through the job queue with 1 and 2 `citegraph worker` processes;
 * - N works (default 100,000) of the search bench's records (bench/generate.ts: real ACL Anthology records
 *   expanded by a seeded generator), imported into each store: identical works, counts and results for 200
 *   queries; import records/s; search latency p50/p99 on each, over the same queries.
 *
 * PostgreSQL: the server in CITEGRAPH_BENCH_POSTGRES (the bench creates and drops databases named
 * citegraph_t_… there), else a throwaway cluster of its own started as durable as the SQLite library is (fsync
 * on, synchronous_commit off: like SQLite's WAL with synchronous=NORMAL, a crash of the machine may lose the
 * last commits, never corrupt). Results go to bench/out/scale-N.json and to stdout as Markdown.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { ExtractPool } from "../src/library/extract-pool.ts";
import { importFiles } from "../src/library/import.ts";
import { ingestPaths, toDocumentInput } from "../src/library/ingest.ts";
import { libraryPdfCopies } from "../src/library/pdf-copies.ts";
import { listPdfFiles, readPdfFile } from "../src/library/pdf-files.ts";
import { search } from "../src/search/search.ts";
import { openStore } from "../src/store/open.ts";
import type { DocumentInput, Store } from "../src/store/types.ts";
import { orderFreeStats } from "../src/testing/graph-content.ts";
import { benchPostgres } from "../src/testing/postgres.ts";
import { answers, digest } from "./digest.ts";
import { generate, loadCorpus, makeQueries } from "./generate.ts";
import { percentile, writeJsonl } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench/out");
const CLI = join(ROOT, "bin/citegraph.js");

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const size = Number(args[args.indexOf("--size") + 1] ?? 0) || 100_000;
if (!flag("--size")) args.push("--size", String(size));

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Stops the bench when two builds differ: a timing of two different graphs means nothing. */
function same(what: string, a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    process.stderr.write(`bench:scale: ${what} differ:\n  ${JSON.stringify(a)}\n  ${JSON.stringify(b)}\n`);
    process.exit(1);
  }
}

/** A PostgreSQL library's size on disk (tables, indexes, TOAST), in MB. */
async function databaseMb(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pg_database_size(current_database()) AS bytes");
    return Math.round(Number(rows[0].bytes) / 2 ** 20);
  } finally {
    await client.end();
  }
}

async function latencies(store: Store, queries: string[]) {
  for (const q of queries) await search(store, { q, facets: true }); // warm-up
  const ms: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await search(store, { q });
    ms.push(performance.now() - t0);
  }
  return { p50: round(percentile(ms, 50), 2), p99: round(percentile(ms, 99), 2) };
}

/** Runs the CLI in a child process; resolves when it exits 0. */
function cli(argv: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err = (err + d).slice(-4000);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`citegraph ${argv.join(" ")} exited ${code}: ${err}`)),
    );
  });
}

interface Postgres {
  newDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  origin: string;
}

async function postgresServer(): Promise<Postgres> {
  const server = await benchPostgres();
  if (server.skip) {
    process.stderr.write(`bench:scale needs PostgreSQL: ${server.skip}\n`);
    process.exit(2);
  }
  return { newDatabase: () => server.newDatabase(), origin: server.origin ?? "" };
}

async function benchPdfs(pg: Postgres, dir: string) {
  const root = join(datasetsDir(), "pdfs");
  const files = await listPdfFiles([root]);
  const cores = availableParallelism();
  const result: Record<string, unknown> = { pdfs: files.length };

  const sqlite = openStore(join(dir, "pdfs.db"));
  let t0 = performance.now();
  const sqliteCopies = libraryPdfCopies(join(dir, "pdfs.db"));
  await ingestPaths(sqlite, [root], { jobs: cores, copies: sqliteCopies });
  await sqliteCopies.close();
  const sqliteSeconds = seconds(t0);
  const db = await pg.newDatabase();
  const postgres = openStore(db.url);
  t0 = performance.now();
  const postgresCopies = libraryPdfCopies(db.url);
  await ingestPaths(postgres, [root], { jobs: cores, copies: postgresCopies });
  await postgresCopies.close();
  const postgresSeconds = seconds(t0);
  // Ingest files documents in the order their extraction ends, so ids differ from run to run: by content.
  const a = await digest(sqlite, false);
  same("the PDF libraries' works on SQLite and PostgreSQL", a, await digest(postgres, false));
  same(
    "the PDF libraries' stats",
    orderFreeStats(await sqlite.stats()),
    orderFreeStats(await postgres.stats()),
  );
  const plainDigest = a.digest;
  result.stats = await sqlite.stats();
  await postgres.close();
  await db.drop();
  result.works = a.works;
  result.ingest = {
    sqlite: { seconds: round(sqliteSeconds), pdfsPerSecond: round(files.length / sqliteSeconds, 2) },
    postgres: { seconds: round(postgresSeconds), pdfsPerSecond: round(files.length / postgresSeconds, 2) },
    threads: cores,
  };

  // Filing alone, the part that runs one at a time (SQLite's one writer, PostgreSQL's writers' lock): the PDFs
  // extracted first, then filed one a transaction, as a worker files them. Its rate is a queue's ceiling.
  const pool = new ExtractPool(cores);
  const extracted = await Promise.all(
    files.map(async (path) => {
      const file = await readPdfFile(path, 100 * 2 ** 20);
      const reply = await pool.extract(file.bytes, {}, 120_000);
      return reply.doc && toDocumentInput(reply.doc, path, file.sha1);
    }),
  );
  const inputs = extracted.filter((d): d is DocumentInput => d !== undefined);
  await pool.close();
  const filing: Record<string, unknown> = { documents: inputs.length };
  for (const kind of ["sqlite", "postgres"] as const) {
    const target = kind === "sqlite" ? undefined : await pg.newDatabase();
    const store = openStore(target ? target.url : join(dir, "filing.db"));
    t0 = performance.now();
    for (const input of inputs) await store.upsertDocuments([input]);
    const s = seconds(t0);
    filing[kind] = { seconds: round(s, 2), pdfsPerSecond: round(inputs.length / s) };
    await store.close();
    await target?.drop();
  }
  result.filing = filing;

  if (!flag("--skip-workers")) {
    const workers: Record<number, unknown> = {};
    for (const n of [1, 2]) {
      const db = await pg.newDatabase();
      const env = { CITEGRAPH_DB: db.url };
      await cli(["ingest", "--queue", root], env);
      t0 = performance.now();
      await Promise.all(
        Array.from({ length: n }, () => cli(["worker", "--exit-when-idle", "--concurrency", "1"], env)),
      );
      const s = seconds(t0);
      const store = openStore(db.url);
      // Workers file in the order jobs end; a graph that depends on that order is reported, not hidden.
      const sameGraph = (await digest(store, false)).digest === plainDigest;
      const stats = await store.stats();
      await store.close();
      await db.drop();
      workers[n] = { seconds: round(s), pdfsPerSecond: round(files.length / s, 2), sameGraph, stats };
    }
    result.workers = workers;
  }
  await sqlite.close();
  return result;
}

async function benchRecords(pg: Postgres, dir: string) {
  const datasets = join(ROOT, "../shared/datasets");
  const corpus = await loadCorpus(datasets);
  const queries = makeQueries(corpus, 200, 2);
  const data = join(dir, `works-${size}.jsonl`);
  await writeJsonl(data, generate(corpus, size, 1));

  const sqlite = openStore(join(dir, "records.db"));
  let t0 = performance.now();
  const report = await importFiles(sqlite, [data], { batchSize: 5000 });
  const sqliteSeconds = seconds(t0);
  const db = await pg.newDatabase();
  const postgres = openStore(db.url);
  t0 = performance.now();
  await importFiles(postgres, [data], { batchSize: 5000 });
  const postgresSeconds = seconds(t0);

  const works = await digest(sqlite, true);
  same("the record libraries' works on SQLite and PostgreSQL", works, await digest(postgres, true));
  same("the record libraries' stats", await sqlite.stats(), await postgres.stats());
  same("the 200 queries' first pages", await answers(sqlite, queries), await answers(postgres, queries));
  const result = {
    records: report.records,
    works: works.works,
    sizeMb: {
      sqlite: Math.round(statSync(join(dir, "records.db")).size / 2 ** 20),
      postgres: await databaseMb(db.url),
    },
    import: {
      sqlite: { seconds: round(sqliteSeconds), recordsPerSecond: Math.round(report.records / sqliteSeconds) },
      postgres: {
        seconds: round(postgresSeconds),
        recordsPerSecond: Math.round(report.records / postgresSeconds),
      },
    },
    searchMs: { sqlite: await latencies(sqlite, queries), postgres: await latencies(postgres, queries) },
  };
  await sqlite.close();
  await postgres.close();
  await db.drop();
  return result;
}

/** The table for docs/benchmarks.md. */
function markdown(r: Record<string, unknown>): string {
  // biome-ignore lint/suspicious/noExplicitAny: the JSON written above, read back for printing
  const { pdfs, records } = r as any;
  const rows = ["| | SQLite | PostgreSQL |", "|---|---|---|"];
  if (pdfs) {
    rows.push(
      `| ${pdfs.pdfs} PDFs, \`ingest\` (${pdfs.ingest.threads} threads): PDF/s | ${pdfs.ingest.sqlite.pdfsPerSecond} | ${pdfs.ingest.postgres.pdfsPerSecond} |`,
    );
    rows.push(
      `| filing alone, ${pdfs.filing.documents} extracted PDFs one a transaction (a queue's ceiling): PDF/s | ${pdfs.filing.sqlite.pdfsPerSecond} | ${pdfs.filing.postgres.pdfsPerSecond} |`,
    );
    if (pdfs.workers)
      rows.push(
        `| the same through the queue, 1 worker process (1 thread): PDF/s | | ${pdfs.workers[1].pdfsPerSecond} |`,
        `| 2 worker processes (1 thread each): PDF/s | | ${pdfs.workers[2].pdfsPerSecond} (${round(pdfs.workers[2].pdfsPerSecond / pdfs.workers[1].pdfsPerSecond, 2)}× one) |`,
      );
  }
  if (records)
    rows.push(
      `| ${records.records.toLocaleString("en-US")} records imported: records/s | ${records.import.sqlite.recordsPerSecond.toLocaleString("en-US")} | ${records.import.postgres.recordsPerSecond.toLocaleString("en-US")} |`,
      `| library size on disk | ${records.sizeMb.sqlite} MB | ${records.sizeMb.postgres} MB |`,
      `| search p50 / p99, 200 queries, page 1 with snippets | ${records.searchMs.sqlite.p50} / ${records.searchMs.sqlite.p99} ms | ${records.searchMs.postgres.p50} / ${records.searchMs.postgres.p99} ms |`,
    );
  return `${rows.join("\n")}\n\nSame graph on both stores: checked (the bench stops at a difference).\n`;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const pg = await postgresServer();
  const dir = mkdtempSync(join(tmpdir(), "citegraph-scale-"));
  const result: Record<string, unknown> = {
    size,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    postgres: pg.origin,
  };
  try {
    if (!flag("--skip-pdfs")) result.pdfs = await benchPdfs(pg, dir);
    if (!flag("--skip-records")) result.records = await benchRecords(pg, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(join(OUT, `scale-${size}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${markdown(result)}\n`);
}

await main();
