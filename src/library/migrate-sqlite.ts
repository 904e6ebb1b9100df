/**
 * Moving a PostgreSQL library back into a SQLite file (`citegraph migrate --from postgres://… --to lib.db`): the
 * way back of migrate-postgres.ts, so that a library is never locked into a server. Every table is read in one
 * snapshot (a read-only REPEATABLE READ transaction, through a cursor: memory stays flat) and written row for row
 * with its ids into a new file, in one SQLite transaction; SQLite's search index is then built from the copied
 * works. The file is written under a temporary name, verified, and renamed at the end, so a failure leaves nothing
 * behind and an existing library is replaced only when asked and only by a verified one. Verified as the way there is: the same number of rows in
 * every table, and a sample of works read the same through both stores. The PDF copies follow, from the table
 * `pdf_files` into the folder beside the file.
 *
 * One thing is not carried over as it was: bm25's totals. FTS5 counts rows it has deleted until it is rebuilt,
 * and so do the PostgreSQL store's totals; the new index is built from scratch and counts only the works there
 * are. Search finds the same works; scores (and so the order of near ties) may move by that much.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import type pg from "pg";
import { newPool, safeUrl } from "../store/postgres/connection.ts";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import { TABLES } from "../store/postgres/schema.ts";
import { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { SqliteWorkRows } from "../store/sqlite/work-rows.ts";
import {
  DEFAULT_SAMPLE,
  MigrateError,
  type MigrateReport,
  sameWorks,
  sampleIds,
} from "./migrate-postgres.ts";
import { FolderPdfCopies } from "./pdf-copies.ts";
import { fileStoreDir } from "./pdf-files.ts";

export interface MigrateBackOptions {
  /** The PostgreSQL database's URL. */
  from: string;
  /** The SQLite library to write. */
  to: string;
  /** Replace the file if there is one; without it an existing file is refused. */
  replace?: boolean;
  sample?: number;
  onProgress?: (p: { table: string; rows: number; done: boolean }) => void;
}

/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 5_000;

/** The tables copied as they are; SQLite builds its own search index (work_fts) from the works. */
const COPIED = TABLES.filter((t) => t !== "work_fts" && t !== "work_fts_totals");

export async function migrateToSqlite(opts: MigrateBackOptions): Promise<MigrateReport> {
  const started = Date.now();
  const where = safeUrl(opts.from);
  if (existsSync(opts.to) && !opts.replace)
    throw new MigrateError(`${opts.to} exists: give --replace to replace it, or another file`);
  const temporary = `${opts.to}.migrating-${process.pid}`;
  const pool = newPool(opts.from, { max: 2, statementTimeoutMs: 0 });
  let target: SqliteStore | undefined;
  try {
    await holdsLibrary(pool, where);
    target = new SqliteStore(temporary);
    const tables = await copyTables(pool, target, where, opts.onProgress);
    buildSearchIndex(target, opts.onProgress);
    await target.close();
    target = undefined;
    // Verified before it takes the place of a file given with --replace: a library that fails is never kept.
    const verifiedWorks = await verify(opts.from, temporary, opts.sample ?? DEFAULT_SAMPLE);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${opts.to}${suffix}`, { force: true });
    renameSync(temporary, opts.to);
    const pdfs = await copyPdfs(pool, opts.to, opts.onProgress);
    return { tables, verifiedWorks, pdfs, seconds: (Date.now() - started) / 1000 };
  } finally {
    await target?.close().catch(() => {});
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${temporary}${suffix}`, { force: true });
    await pool.end().catch(() => {});
  }
}

/**
 * The library's PDF copies, from its table `pdf_files` into the folder beside the new file (`FILE.files`, where a
 * SQLite library keeps them), one at a time: memory holds one PDF. The table is left as it was.
 */
async function copyPdfs(
  pool: pg.Pool,
  to: string,
  onProgress: MigrateBackOptions["onProgress"],
): Promise<number> {
  const folder = new FolderPdfCopies(fileStoreDir(to));
  let n = 0;
  for (let after = ""; ; ) {
    const { rows } = await pool.query<{ sha1: string }>(
      "SELECT sha1 FROM pdf_files WHERE sha1 > $1 ORDER BY sha1 LIMIT 1000",
      [after],
    );
    if (!rows.length) break;
    for (const { sha1 } of rows) {
      const { rows: found } = await pool.query<{ bytes: Buffer }>(
        "SELECT bytes FROM pdf_files WHERE sha1 = $1",
        [sha1],
      );
      if (found.length) await folder.put(sha1, found[0].bytes);
      if (++n % 100 === 0) onProgress?.({ table: "pdf_files", rows: n, done: false });
    }
    after = rows[rows.length - 1].sha1;
  }
  onProgress?.({ table: "pdf_files", rows: n, done: true });
  return n;
}

async function holdsLibrary(pool: pg.Pool, where: string): Promise<void> {
  let present: boolean;
  try {
    const { rows } = await pool.query("SELECT to_regclass('works') IS NOT NULL AS present");
    present = rows[0].present;
  } catch (e) {
    throw new MigrateError(`cannot connect to ${where}: ${(e as Error).message}`);
  }
  if (!present) throw new MigrateError(`${where} holds no citegraph library (no works table)`);
}

/** A PostgreSQL value as SQLite stores it (the reverse of migrate-postgres.ts's conversions). */
type Convert = (v: unknown) => unknown;
const number: Convert = (v) => (v === null ? null : Number(v));
const flag: Convert = (v) => (v === null ? null : v ? 1 : 0);
const numberList: Convert = (v) => (v === null ? null : JSON.stringify((v as unknown[]).map(Number)));
const textList: Convert = (v) => (v === null ? null : JSON.stringify(v));

/** How each column comes back, by its PostgreSQL type: bigints arrive as strings, lists as arrays. */
function conversion(type: string): Convert | undefined {
  if (type === "int8") return number;
  if (type === "bool") return flag;
  if (type === "_int8") return numberList;
  if (type === "_text") return textList;
  return undefined;
}

/** Every table, read in one snapshot and written in one SQLite transaction. The rows copied, by table. */
async function copyTables(
  pool: pg.Pool,
  target: SqliteStore,
  where: string,
  onProgress: MigrateBackOptions["onProgress"],
): Promise<{ table: string; rows: number }[]> {
  const client = await pool.connect();
  const out: { table: string; rows: number }[] = [];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    target.db.exec("BEGIN");
    for (const table of COPIED) {
      const columns = await sharedColumns(client, target, table, where);
      const convert = columns.map((c) => conversion(c.type));
      const names = columns.map((c) => c.name);
      const insert = target.db.prepare(
        `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
      );
      await client.query(
        `DECLARE rows_of_table NO SCROLL CURSOR FOR SELECT ${names.join(", ")} FROM ${table}`,
      );
      let n = 0;
      for (;;) {
        const { rows } = await client.query({
          text: `FETCH ${FETCH_ROWS} FROM rows_of_table`,
          rowMode: "array",
        });
        if (!rows.length) break;
        for (const row of rows as unknown[][])
          insert.run(row.map((v, i) => (convert[i] ? convert[i]!(v) : v)));
        n += rows.length;
        onProgress?.({ table, rows: n, done: false });
      }
      await client.query("CLOSE rows_of_table");
      onProgress?.({ table, rows: n, done: true });
      out.push({ table, rows: n });
    }
    target.db.exec("COMMIT");
    await client.query("COMMIT");
  } catch (e) {
    if (target.db.inTransaction) target.db.exec("ROLLBACK");
    await client.query("ROLLBACK").catch(() => {});
    if (e instanceof MigrateError) throw e;
    throw new MigrateError(`copying ${where} into SQLite failed: ${(e as Error).message}`);
  } finally {
    client.release();
  }
  return out;
}

/** The table's columns in SQLite's order, with their PostgreSQL types; PostgreSQL's table must have them all. */
async function sharedColumns(
  client: pg.PoolClient,
  target: SqliteStore,
  table: string,
  where: string,
): Promise<{ name: string; type: string }[]> {
  const ours = (target.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
    (c) => c.name,
  );
  const { rows } = await client.query<{ name: string; type: string }>(
    "SELECT column_name AS name, udt_name AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
    [table],
  );
  const theirs = new Map(rows.map((r) => [r.name, r.type]));
  const missing = ours.filter((c) => !theirs.has(c));
  if (!ours.length || missing.length)
    throw new MigrateError(
      `table ${table}: ${where} lacks columns a SQLite library has (${missing.join(", ") || "the table"}): is it a library of an older citegraph?`,
    );
  return ours.map((name) => ({ name, type: theirs.get(name) as string }));
}

/** SQLite's search index, built from every work's text and authors as the store indexes a work it writes. */
function buildSearchIndex(target: SqliteStore, onProgress: MigrateBackOptions["onProgress"]): void {
  const works = new SqliteWorkRows(target.db);
  const ids = target.db.prepare("SELECT id FROM works ORDER BY id").pluck().all() as number[];
  target.db.transaction(() => {
    for (const id of ids) works.reindex(id);
  })();
  onProgress?.({ table: "work_fts", rows: ids.length, done: true });
}

async function verify(url: string, path: string, sample: number): Promise<number> {
  const where = safeUrl(url);
  const source = await PostgresStore.open(url);
  const target = new SqliteStore(path);
  try {
    for (const table of COPIED) {
      const ours = Number(target.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
      const { rows } = await source.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      if (Number(rows[0].n) !== ours)
        throw new MigrateError(
          `verification failed: table ${table} has ${rows[0].n} rows in ${where} and ${ours} in ${path}`,
        );
    }
    return await sameWorks(source, target, sampleIds(target.db, sample), path);
  } finally {
    await source.close();
    await target.close();
  }
}
