/**
 * Write transactions on a PostgreSQL library, for any number of processes on any number of machines (job-queue
 * workers, several `citegraph serve`).
 *
 * - Writers run one at a time, library-wide: each transaction takes a transaction-level advisory lock
 *   (pg_advisory_xact_lock) right after BEGIN, released by COMMIT or ROLLBACK. Filing decides from what it reads
 *   (is there a work for this reference yet? which id is next?), so two filers deciding at once could both make
 *   the same new work; under the lock the second one reads the first one's work and joins it. Filing a batch
 *   takes milliseconds a record; extraction — the cost, a quarter of a second of CPU a PDF — runs outside the
 *   lock, in parallel. Locks on blocking keys instead would let filers overlap, but a filing decision reads many
 *   keys, ids are counted (works, documents, people) and settle touches the works around: the ordering of such
 *   locks, and deadlocks between them, would cost more than the overlap gains while filing is not the bottleneck
 *   (docs/architecture.md).
 * - After the lock, the transaction bumps write_version's one row. The version it reads says whether another
 *   process committed since this store's last transaction (it moved by more than one): then what filing keeps of
 *   rows read before is stale, as it is after a rollback. Readers key caches of whole-library answers on it.
 * - In this process, writes queue (a promise chain), so that one connection at a time waits for the lock and the
 *   pool stays free for reads; reads never wait, and see what was committed.
 * - Waiting for the lock is bounded (WRITE_WAIT_MS, as SQLite's writer waits), and so is each statement of a
 *   write (a rebuild of a large library runs long statements; a runaway one must not hold the lock for ever).
 */
import type pg from "pg";
import { WriteQueue } from "../write-queue.ts";
import { CHANGED_ROWS_SQL, type ChangedRows, PostgresUpkeep } from "./upkeep.ts";
import { safeUrl } from "./url.ts";

/** How long a write waits, in all, for another process to finish writing. */
export const WRITE_WAIT_MS = 10 * 60_000;
/** The longest one statement of a write may run. */
const WRITE_STATEMENT_MS = 30 * 60_000;
/** Any number: the advisory lock of "writing a citegraph library" (one library a database). */
export const WRITE_LOCK = 0x63697477;

/** What the rows kept beside the connection do when a transaction begins or ends. */
export interface TransactionHooks {
  begin(client: pg.PoolClient): void;
  /** Writes held back (deferred-inserts.ts) are sent before COMMIT. */
  beforeCommit(): Promise<void>;
  ended(): void;
  rolledBack(): void;
}

export class PostgresWrites {
  /** Writes of this store object, one after another. */
  private readonly queue = new WriteQueue();
  /** write_version as this store's last transaction left it (undefined: none yet). */
  private version: number | undefined;
  private rolledBack = false;
  /** Statistics and bm25's totals kept up after the commits (upkeep.ts). */
  readonly upkeep: PostgresUpkeep;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly hooks: TransactionHooks,
  ) {
    this.upkeep = new PostgresUpkeep(pool);
  }

  /** Runs `fn` in one write transaction, after the writes queued before it; `stale` as FilingStore says. */
  transaction<T>(fn: (stale: boolean) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const value = await this.once(fn);
      // The write is committed whatever upkeep does: statistics and the totals' fold only make reads faster (and
      // autovacuum gathers the statistics in time anyway), so a failure here must not fail the write.
      await this.upkeep.afterCommit().catch(() => {});
      return value;
    });
  }

  private async once<T>(fn: (stale: boolean) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const { version, changedBefore } = await this.begin(client);
      const stale = this.rolledBack || this.version === undefined || version !== this.version + 1;
      this.version = version;
      this.rolledBack = false;
      this.hooks.begin(client);
      try {
        const value = await fn(stale);
        await this.hooks.beforeCommit();
        // What the transaction changed, read before it ends, in the COMMIT's round trip.
        const [changed] = (await client.query(`${CHANGED_ROWS_SQL}; COMMIT`)) as unknown as [
          pg.QueryResult<ChangedRows>,
        ];
        this.upkeep.committed(changed.rows, changedBefore);
        return value;
      } catch (e) {
        await client.query("ROLLBACK").catch((r: Error) => {
          broken = r;
        });
        this.rolledBack = true;
        this.hooks.rolledBack();
        throw e;
      }
    } finally {
      this.hooks.ended();
      client.release(broken);
    }
  }

  /** BEGIN, the writers' lock, the version bumped: one round trip. Returns the version. */
  /** Opens a write transaction: its write_version, and the counts of changed rows before it (upkeep.ts). */
  private async begin(client: pg.PoolClient): Promise<{ version: number; changedBefore: ChangedRows[] }> {
    try {
      const results = (await client.query(
        `BEGIN; SET LOCAL statement_timeout = ${WRITE_WAIT_MS}; SELECT pg_advisory_xact_lock(${WRITE_LOCK});
         SET LOCAL statement_timeout = ${WRITE_STATEMENT_MS}; ${CHANGED_ROWS_SQL};
         UPDATE write_version SET version = version + 1 RETURNING version`,
      )) as unknown as pg.QueryResult[];
      return {
        version: Number(results[results.length - 1].rows[0].version),
        changedBefore: results[results.length - 2].rows as ChangedRows[],
      };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if ((e as { code?: string }).code === "57014")
        throw new Error(
          `the library is busy: another process has been writing to ${safeUrl(this.url)} for over ${WRITE_WAIT_MS / 60_000} minutes`,
        );
      throw e;
    }
  }
}
