/**
 * Connecting to a PostgreSQL library: a pg Pool whose values arrive as the SQLite store gives them (64-bit
 * integers as numbers, CSL-JSON as the exact text stored), and URLs shown without their password.
 */
import pg from "pg";

export { isPostgresUrl, safeUrl } from "./url.ts";

/** A library that cannot be opened or read, with the URL it was at (password hidden). */
export class PostgresLibraryError extends Error {}

/** Ids, counts and milliseconds are 64-bit in PostgreSQL and far below 2^53 here: numbers, as SQLite gives. */
const INT8 = 20;
const INT8_ARRAY = 1016;
const NUMERIC = 1700;
const JSON_OID = 114;

const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY as never) as (v: string) => (string | null)[];

const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === "binary") return pg.types.getTypeParser(oid as never, "binary");
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    if (oid === INT8_ARRAY)
      return (v: string) => parseInt8Array(v).map((x) => (x === null ? null : Number(x)));
    // JSON is read as the text written: CSL-JSON is compared as written, and parsed where it is used.
    if (oid === JSON_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid as never, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** Connections one store keeps open at most. */
const POOL_SIZE = 4;
/** No one statement of a read runs longer than this (a runaway query must not hold a connection for ever). */
const STATEMENT_TIMEOUT_MS = 120_000;

export function newPool(url: string, options: { max?: number; statementTimeoutMs?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? POOL_SIZE,
    types: TYPES,
    connectionTimeoutMillis: 30_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    application_name: "citegraph",
    // No JIT compilation: PostgreSQL compiles a statement whose estimated cost is high with LLVM, and a search of
    // a million works is estimated so — a phrase answered in 50 ms took 0.8 s more to compile (docs/benchmarks.md,
    // "phrases from the postings' positions"). citegraph's statements are short. Options in the URL come first.
    options: "-c jit=off",
  });
  // An idle connection the server drops (a restart) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/**
 * Runs `fn` in one transaction on a client of the pool: committed when it returns, rolled back when it throws (the
 * error is the caller's), the client released either way.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const value = await fn(client);
    await client.query("COMMIT");
    return value;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
