/**
 * Write transactions on a SQLite library. Filing (src/graph/filing/) is asynchronous — so that a store over a
 * network can answer it with promises — while better-sqlite3's db.transaction() takes only a synchronous
 * function; so a write here is BEGIN IMMEDIATE … COMMIT (or ROLLBACK) by hand, around an async function.
 *
 * - One write at a time on a store object: web uploads, corrections and an import share one connection, and two
 *   async writers must never interleave inside one transaction. Each waits its turn (a promise chain).
 * - Reads wait while a transaction is open (idle()), so that they never see a write half-done. With SQLite's
 *   primitives answering at once, a transaction runs to its end within one turn of the event loop anyway.
 * - SQLite has one writer per file: while another process writes, BEGIN IMMEDIATE fails and is tried again
 *   with growing pauses that leave this thread free (a server goes on answering), up to WRITE_WAIT_MS. IMMEDIATE
 *   takes the lock before the first read, so another process's commit cannot make this one's reads stale
 *   halfway (SQLite would refuse its first write then, without waiting).
 * - Each transaction says whether rows read before it may be stale: PRAGMA data_version changes only when
 *   another connection commits, and a rollback undoes what this one wrote. Filing drops its caches then.
 */
import type Database from "better-sqlite3";
import { WriteQueue } from "../write-queue.ts";

/** How long a write waits, in all, for another process to finish writing. */
export const WRITE_WAIT_MS = 10 * 60_000;

/** What the rows kept beside the connection do when a transaction begins or rolls back. */
export interface TransactionHooks {
  begin(): void;
  rolledBack(): void;
}

export class SqliteWrites {
  /** Writes of this store object, one after another. */
  private readonly queue = new WriteQueue();
  /** Settles when the open transaction ends; undefined while none is open. */
  private open: Promise<void> | undefined;
  /** data_version when this connection's last transaction began (undefined: none yet). */
  private version: number | undefined;
  private rolledBack = false;
  /** Transactions this store ended (committed or rolled back), which data_version does not count. */
  ended = 0;
  private readonly dataVersion;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly hooks: TransactionHooks,
  ) {
    this.dataVersion = db.prepare("PRAGMA data_version").pluck();
  }

  /** Runs `fn` in one write transaction, after the writes queued before it. */
  transaction<T>(fn: (stale: boolean) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.whenFree(fn));
  }

  /** A synchronous write in one transaction. */
  run<T>(fn: () => T): Promise<T> {
    return this.transaction(async () => fn());
  }

  /** Resolves once no transaction of this store is open. */
  idle(): Promise<void> | undefined {
    return this.open;
  }

  /** Tries while another process holds the write lock, pausing longer each time, up to WRITE_WAIT_MS. */
  private async whenFree<T>(fn: (stale: boolean) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let pause = 10; ; pause = Math.min(pause * 2, 500)) {
      try {
        return await this.once(fn);
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() - started + pause > WRITE_WAIT_MS)
          throw new Error(
            `the library is busy: another process has been writing to ${this.path} for over ${WRITE_WAIT_MS / 60_000} minutes`,
          );
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async once<T>(fn: (stale: boolean) => Promise<T>): Promise<T> {
    this.db.exec("BEGIN IMMEDIATE");
    let ended = () => {};
    this.open = new Promise<void>((resolve) => {
      ended = resolve;
    });
    try {
      const version = this.dataVersion.get() as number;
      const stale = this.rolledBack || version !== this.version;
      this.version = version;
      this.rolledBack = false;
      this.hooks.begin();
      const value = await fn(stale);
      this.db.exec("COMMIT");
      return value;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      this.rolledBack = true;
      this.hooks.rolledBack();
      throw e;
    } finally {
      this.ended++;
      this.open = undefined;
      ended();
    }
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds the write lock. */
function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}
