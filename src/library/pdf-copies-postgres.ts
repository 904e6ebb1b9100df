/**
 * A PostgreSQL library's PDF copies: the table `pdf_files` of its own database (store/postgres/schema.ts, version
 * 3), one row a PDF, its bytes as bytea — every process of the library, on whichever machine, reads and writes
 * them where it already connects. pg is loaded on first use; the pool is small (a copy is one statement).
 */
import type pg from "pg";
import { DEFAULT_PDF_LIMITS } from "../pdf/types.ts";
import { safeUrl } from "../store/postgres/url.ts";
import type { PdfCopies } from "./pdf-copies.ts";
import { checkSha1, isSha1 } from "./pdf-files.ts";

/** Connections held for copies at most: each call is one statement. */
const POOL_SIZE = 2;
/** bytea holds at most 1 GB; a copy is refused well before. */
const MAX_BYTEA = 1024 * 1024 * 1024 - 1024;

export class PostgresPdfCopies implements PdfCopies {
  readonly where: string;
  private readonly maxBytes: number;
  private pool: Promise<pg.Pool> | undefined;

  /** `maxBytes`: the largest copy kept (the ingest limit of one PDF; at least DEFAULT_PDF_LIMITS.maxBytes). */
  constructor(
    private readonly url: string,
    options: { maxBytes?: number } = {},
  ) {
    this.where = `the library's database ${safeUrl(url)} (table pdf_files)`;
    this.maxBytes = Math.min(MAX_BYTEA, Math.max(DEFAULT_PDF_LIMITS.maxBytes, options.maxBytes ?? 0));
  }

  /** The pool, once the library's schema (this table included) is there: opening a new library creates it. */
  private connect(): Promise<pg.Pool> {
    this.pool ??= (async () => {
      const { newPool } = await import("../store/postgres/connection.ts");
      const { migrate } = await import("../store/postgres/schema.ts");
      const pool = newPool(this.url, { max: POOL_SIZE });
      try {
        await migrate(pool);
      } catch (e) {
        await pool.end();
        throw new Error(`cannot open ${this.where}: ${(e as Error).message}`);
      }
      return pool;
    })();
    return this.pool;
  }

  async put(sha1: string, bytes: Uint8Array): Promise<boolean> {
    checkSha1(sha1);
    if (bytes.byteLength > this.maxBytes)
      throw new Error(
        `the PDF ${sha1} has ${bytes.byteLength} bytes, above the limit of ${this.maxBytes} for a copy in ${this.where}`,
      );
    const pool = await this.connect();
    const { rowCount } = await pool.query(
      "INSERT INTO pdf_files (sha1, bytes, added_at) VALUES ($1, $2, $3) ON CONFLICT (sha1) DO NOTHING",
      [sha1, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Date.now()],
    );
    return rowCount === 1;
  }

  async get(sha1: string): Promise<Uint8Array | undefined> {
    if (!isSha1(sha1)) return undefined;
    const pool = await this.connect();
    const { rows } = await pool.query<{ bytes: Buffer }>("SELECT bytes FROM pdf_files WHERE sha1 = $1", [
      sha1,
    ]);
    const bytes = rows[0]?.bytes;
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  }

  async has(sha1: string): Promise<boolean> {
    if (!isSha1(sha1)) return false;
    const pool = await this.connect();
    return (await pool.query("SELECT 1 FROM pdf_files WHERE sha1 = $1", [sha1])).rows.length > 0;
  }

  async remove(sha1: string): Promise<void> {
    checkSha1(sha1);
    const pool = await this.connect();
    await pool.query("DELETE FROM pdf_files WHERE sha1 = $1", [sha1]);
  }

  /** Nothing is ever half written: a row is inserted whole or not at all. */
  async tidy(): Promise<void> {}

  async close(): Promise<void> {
    const pool = await this.pool?.catch(() => undefined);
    this.pool = undefined;
    if (pool && !pool.ended) await pool.end();
  }
}
