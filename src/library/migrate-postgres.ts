/**
 * Moving a SQLite library into PostgreSQL (`citegraph migrate --to postgres://…`): every table copied row for
 * row with its ids (a work's URL names the same work after), by COPY in one transaction — a failure leaves the
 * target as it was — then the search index built from the copied works, then verified: the same number of rows
 * in every table, and a sample of works spread over the id range read through both stores' getWork the same.
 *
 * The way back (PostgreSQL → SQLite) is migrate-sqlite.ts.
 */
import { existsSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type Database from "better-sqlite3";
import type pg from "pg";
import { inTransaction, newPool, safeUrl } from "../store/postgres/connection.ts";
import { arrayLiteral, copyRows } from "../store/postgres/copy.ts";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import { dropLibrary, migrate, POSTINGS_KEY, POSTINGS_OF_INDEX, TABLES } from "../store/postgres/schema.ts";
import { searchDocument } from "../store/postgres/search-text.ts";
import { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Store, WorkId } from "../store/types.ts";
import { FolderPdfCopies, libraryPdfCopies } from "./pdf-copies.ts";
import { fileStoreDir, storedPdfPath, storedSha1s } from "./pdf-files.ts";

/** A migration refused or failed, with the reason: the URL (password hidden) and the table concerned. */
export class MigrateError extends Error {}

export interface MigrateOptions {
  /** The SQLite library. */
  from: string;
  /** The PostgreSQL database's URL. */
  to: string;
  /** Replace whatever library the target holds; without it a target with any rows is refused. */
  replace?: boolean;
  /** Works compared through getWork after the copy (spread over the id range). */
  sample?: number;
  onProgress?: (p: { table: string; rows: number; done: boolean }) => void;
}

export interface MigrateReport {
  tables: { table: string; rows: number }[];
  /** Works read through both stores and found equal. */
  verifiedWorks: number;
  /** PDF copies moved from the library's folder into the database's `pdf_files`. */
  pdfs: number;
  seconds: number;
}

export const DEFAULT_SAMPLE = 200;
/** A PDF copy moved at most: bytea's limit, well above any ingest limit. */
const MAX_COPY_BYTES = 1000 * 1024 * 1024;
/** PDF copies between progress reports. */
const PROGRESS_PDFS = 100;
/** Rows between progress reports. */
const PROGRESS_EVERY = 10_000;

/** SQLite's value → PostgreSQL's, for the columns whose types differ (schema.ts says why). */
type Convert = (v: unknown) => unknown;
const flag: Convert = (v) => (v === null ? null : v ? "t" : "f");
const jsonList: Convert = (v) =>
  v === null || v === undefined ? null : arrayLiteral(JSON.parse(String(v)) as (string | number)[]);
const CONVERSIONS: Record<string, Record<string, Convert>> = {
  works: { in_library: flag },
  work_rank: { in_library: flag },
  citations: { self: flag },
  refs: { contexts: jsonList, ambiguous: jsonList },
  authors: { given_names: jsonList },
  work_merges: { documents: jsonList, refs: jsonList },
};

/** The tables copied as they are; work_fts is built, work_fts_totals follows from it. */
const COPIED = TABLES.filter((t) => t !== "work_fts" && t !== "work_fts_totals");

export async function migrateToPostgres(opts: MigrateOptions): Promise<MigrateReport> {
  const started = Date.now();
  const where = safeUrl(opts.to);
  if (!existsSync(opts.from)) throw new MigrateError(`no SQLite library at ${opts.from}`);
  const source = new SqliteStore(opts.from);
  const pool = newPool(opts.to, { max: 2, statementTimeoutMs: 0 });
  try {
    await connect(pool, where);
    await prepareTarget(pool, where, opts.replace ?? false);
    const tables = await copyLibrary(source.db, pool, where, opts.onProgress);
    const verifiedWorks = await verify(source, opts.to, opts.sample ?? DEFAULT_SAMPLE);
    const pdfs = await copyPdfs(opts.from, opts.to, opts.onProgress);
    return { tables, verifiedWorks, pdfs, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end().catch(() => {});
    await source.close();
  }
}

/**
 * The library's PDF copies, from its folder (`LIBRARY.files`) into the PostgreSQL library's table, one at a time
 * (each at most a PDF in memory); the folder is left as it was. A copy that cannot be read names its file.
 */
async function copyPdfs(from: string, to: string, onProgress: MigrateOptions["onProgress"]): Promise<number> {
  const folder = new FolderPdfCopies(fileStoreDir(from));
  const target = libraryPdfCopies(to, { maxBytes: MAX_COPY_BYTES });
  let n = 0;
  try {
    for await (const sha1 of storedSha1s(folder.where)) {
      const bytes = await folder.get(sha1).catch((e: Error) => {
        throw new MigrateError(`cannot read ${storedPdfPath(folder.where, sha1)}: ${e.message}`);
      });
      if (bytes) await target.put(sha1, bytes);
      if (++n % PROGRESS_PDFS === 0) onProgress?.({ table: "pdf_files", rows: n, done: false });
    }
    onProgress?.({ table: "pdf_files", rows: n, done: true });
  } finally {
    await target.close();
  }
  return n;
}

async function connect(pool: pg.Pool, where: string): Promise<void> {
  try {
    await pool.query("SELECT 1");
  } catch (e) {
    throw new MigrateError(`cannot connect to ${where}: ${(e as Error).message}`);
  }
}

/** Refuses a target holding rows of a library (unless replacing it), then gives it the current schema. */
async function prepareTarget(pool: pg.Pool, where: string, replace: boolean): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1::text[])",
    [[...TABLES, "schema_migrations"]],
  );
  const present = rows.map((r) => r.name).filter((n) => n !== "schema_migrations");
  const nonEmpty: string[] = [];
  for (const table of present) {
    const { rows: any } = await pool.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS x`);
    if (any[0].x) nonEmpty.push(table);
  }
  if (nonEmpty.length && !replace)
    throw new MigrateError(
      `${where} already holds a library (rows in ${nonEmpty.join(", ")}): give --replace to replace it, or another database`,
    );
  if (replace && rows.length) await dropLibrary(pool);
  try {
    await migrate(pool);
  } catch (e) {
    throw new MigrateError(`cannot create the library's tables in ${where}: ${(e as Error).message}`);
  }
}

/** Copies every table, then builds the search index, in one transaction. The rows copied, by table. */
async function copyLibrary(
  db: Database.Database,
  pool: pg.Pool,
  where: string,
  onProgress: MigrateOptions["onProgress"],
): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  await inTransaction(pool, async (client) => {
    for (const table of COPIED) {
      const columns = await sharedColumns(db, client, table, where);
      const convert = columns.map((c) => CONVERSIONS[table]?.[c]);
      const select = db.prepare(`SELECT ${columns.join(", ")} FROM ${table}`).raw();
      const rows = counted(
        table,
        (select.iterate() as Iterable<unknown[]>)[Symbol.iterator](),
        (row) => row.map((v, i) => (convert[i] ? convert[i]!(v) : v)),
        onProgress,
      );
      out.push({ table, rows: await copyTable(client, table, columns, rows, where) });
    }
    out.push({
      table: "work_fts",
      rows: await withPostingsAfter(client, () => buildSearchIndex(db, client, where, onProgress)),
    });
    // Ids given from here on continue above the copied ones.
    const { rows: identities } = await client.query<{ table: string }>(
      "SELECT table_name AS table FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'",
    );
    for (const { table } of identities)
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
        [table],
      );
    // bm25's totals as FTS5 keeps them, which count rows deleted since (schema.ts says why).
    const totals = fts5Totals(db);
    await client.query("DELETE FROM work_fts_totals");
    await client.query("INSERT INTO work_fts_totals (rows, tokens) VALUES ($1, $2)", [
      totals.rows,
      totals.tokens,
    ]);
  });
  await pool.query("ANALYZE");
  return out;
}

/**
 * The search index written with its postings (work_terms, schema.ts versions 4 and 6) made after it, in one statement,
 * and their key built after them — not by the trigger that keeps them row by row, which enters every posting into
 * the key's B-tree one at a time: at 1,000,000 works, 84 million postings took 30 of the migration's 37 minutes
 * (docs/benchmarks.md, "PostgreSQL search at 1,000,000 works"). The same rows, the same key, the trigger on again
 * after; all inside the migration's transaction.
 */
async function withPostingsAfter(client: pg.PoolClient, writeIndex: () => Promise<number>): Promise<number> {
  await client.query("ALTER TABLE work_fts DISABLE TRIGGER work_terms_insert");
  await client.query("ALTER TABLE work_terms DROP CONSTRAINT work_terms_pkey");
  const rows = await writeIndex();
  await client.query(POSTINGS_OF_INDEX);
  // The key's sort in memory rather than in many runs on disk, for this transaction only.
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  await client.query(`ALTER TABLE work_terms ADD CONSTRAINT work_terms_pkey ${POSTINGS_KEY}`);
  await client.query("ALTER TABLE work_fts ENABLE TRIGGER work_terms_insert");
  return rows;
}

/** The table's columns, in SQLite's order, which PostgreSQL's table must have too. */
async function sharedColumns(
  db: Database.Database,
  client: pg.PoolClient,
  table: string,
  where: string,
): Promise<string[]> {
  const theirs = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const { rows } = await client.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  const ours = new Set(rows.map((r) => r.name));
  const missing = theirs.filter((c) => !ours.has(c));
  if (!theirs.length || missing.length)
    throw new MigrateError(
      `table ${table}: the SQLite library's columns (${theirs.join(", ")}) do not fit ${where}'s (missing: ${missing.join(", ") || "the table"})`,
    );
  return theirs;
}

/** Rows passed through a conversion, reporting progress every PROGRESS_EVERY rows and at the end. */
function* counted(
  table: string,
  rows: Iterator<unknown[]>,
  convert: (row: unknown[]) => unknown[],
  onProgress: MigrateOptions["onProgress"],
): Generator<unknown[]> {
  let n = 0;
  for (let r = rows.next(); !r.done; r = rows.next()) {
    yield convert(r.value);
    if (++n % PROGRESS_EVERY === 0) onProgress?.({ table, rows: n, done: false });
  }
  onProgress?.({ table, rows: n, done: true });
}

async function copyTable(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: Iterable<unknown[]>,
  where: string,
): Promise<number> {
  try {
    return await copyRows(client, table, columns, rows);
  } catch (e) {
    const err = e as Error & { where?: string };
    throw new MigrateError(
      `copying table ${table} into ${where} failed: ${err.message}${err.where ? ` (${err.where})` : ""}`,
    );
  }
}

/** The search index of every work (search-text.ts), from its text and its authors' names as printed. */
async function buildSearchIndex(
  db: Database.Database,
  client: pg.PoolClient,
  where: string,
  onProgress: MigrateOptions["onProgress"],
): Promise<number> {
  const authors = db.prepare("SELECT name FROM work_authors WHERE work_id = ? ORDER BY position").pluck();
  // Two statements cannot step at once on one connection: each page of works is read whole, then indexed.
  function* rows(): Generator<unknown[]> {
    let after = -1;
    for (;;) {
      const page = db
        .prepare("SELECT id, title, abstract, venue, body FROM works WHERE id > ? ORDER BY id LIMIT 1000")
        .raw()
        .all(after) as [number, string, string | null, string | null, string | null][];
      if (!page.length) return;
      for (const [id, title, abstract, venue, body] of page) {
        const d = searchDocument({
          title,
          abstract: abstract ?? undefined,
          venue: venue ?? undefined,
          body: body ?? undefined,
          authors: authors.all(id) as string[],
        });
        yield [id, d.document, d.length];
      }
      after = page[page.length - 1][0];
    }
  }
  return copyTable(
    client,
    "work_fts",
    ["id", "document", "length"],
    counted("work_fts", rows(), (r) => r, onProgress),
    where,
  );
}

/**
 * Row counts equal table by table, and a sample of works deep-equal through both stores' getWork: the number of
 * works compared. Throws a MigrateError naming the first difference.
 */
export async function verifyMigration(opts: { from: string; to: string; sample?: number }): Promise<number> {
  if (!existsSync(opts.from)) throw new MigrateError(`no SQLite library at ${opts.from}`);
  const source = new SqliteStore(opts.from);
  try {
    return await verify(source, opts.to, opts.sample ?? DEFAULT_SAMPLE);
  } finally {
    await source.close();
  }
}

async function verify(source: SqliteStore, url: string, sample: number): Promise<number> {
  const where = safeUrl(url);
  const target = await PostgresStore.open(url);
  try {
    for (const table of [...COPIED, "work_fts"]) {
      const theirs = Number(source.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
      const { rows } = await target.pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      if (Number(rows[0].n) !== theirs)
        throw new MigrateError(
          `verification failed: table ${table} has ${theirs} rows in the SQLite library and ${rows[0].n} in ${where}`,
        );
    }
    const totals = fts5Totals(source.db);
    const { rows } = await target.pool.query<{ rows: number; tokens: number }>(
      "SELECT coalesce(sum(rows), 0) AS rows, coalesce(sum(tokens), 0) AS tokens FROM work_fts_totals",
    );
    if (!isDeepStrictEqual({ rows: Number(rows[0].rows), tokens: Number(rows[0].tokens) }, totals))
      throw new MigrateError(
        `verification failed: the search index's totals (bm25's rows and tokens) are ${JSON.stringify(totals)} in the SQLite library and ${JSON.stringify(rows[0])} in ${where}`,
      );
    return await sameWorks(source, target, sampleIds(source.db, sample), where);
  } finally {
    await target.close();
  }
}

/**
 * Reads each of these works through both stores and throws a MigrateError naming the first that differs
 * (`where`: the copy, as messages name it); the number of works compared. Both ways of migrating verify so.
 */
export async function sameWorks(a: Store, b: Store, ids: WorkId[], where: string): Promise<number> {
  for (const id of ids) {
    const [x, y] = await Promise.all([a.getWork(id), b.getWork(id)]);
    if (!isDeepStrictEqual(x, y))
      throw new MigrateError(
        `verification failed: work ${id} reads differently from ${where} (${firstDifference(x, y)})`,
      );
  }
  return ids.length;
}

/**
 * FTS5's own totals of the SQLite library's index (its "averages" record, rowid 1 of work_fts_data: SQLite
 * varints, the row count then each column's tokens): bm25's N and total length.
 */
export function fts5Totals(db: Database.Database): { rows: number; tokens: number } {
  const record = db.prepare("SELECT block FROM work_fts_data WHERE id = 1").pluck().get() as
    | Buffer
    | undefined;
  if (!record?.length) return { rows: 0, tokens: 0 };
  const values: number[] = [];
  for (let i = 0; i < record.length; ) {
    let v = 0;
    for (let n = 0; ; n++) {
      const byte = record[i++];
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    values.push(v);
  }
  return { rows: values[0], tokens: values.slice(1).reduce((a, b) => a + b, 0) };
}

/** Up to `n` work ids spread evenly over the library's ids, first and last included. */
export function sampleIds(db: Database.Database, n: number): WorkId[] {
  const total = Number(db.prepare("SELECT count(*) FROM works").pluck().get());
  if (total === 0 || n <= 0) return [];
  const step = total <= n ? 1 : (total - 1) / (n - 1);
  const wanted = new Set<number>();
  for (let i = 0; i < Math.min(n, total); i++) wanted.add(Math.round(i * step));
  const out: WorkId[] = [];
  let at = 0;
  for (const id of db.prepare("SELECT id FROM works ORDER BY id").pluck().iterate() as Iterable<number>) {
    if (wanted.has(at)) out.push(id);
    at++;
  }
  return out;
}

/** Where two values first differ, as a path ("references[3].work.title"). */
function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (isDeepStrictEqual(a, b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k,
      );
      if (d) return d;
    }
  }
  return `${path || "the work"}: ${short(a)} ≠ ${short(b)}`;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
