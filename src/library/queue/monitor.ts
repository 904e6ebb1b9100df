/**
 * Watching a queue without working it: `citegraph queue` and the server's admin page read its numbers over a
 * connection of their own (one, opened when first asked), without starting pg-boss or creating anything.
 */
import pg from "pg";
import { safeUrl } from "../../store/postgres/url.ts";
import { QUEUE_SCHEMA } from "./job.ts";
import { type QueueStatus, queueStatus } from "./status.ts";

export class QueueMonitor {
  private pool?: pg.Pool;

  constructor(readonly url: string) {}

  async status(): Promise<QueueStatus> {
    if (!this.pool) {
      this.pool = new pg.Pool({
        connectionString: this.url,
        max: 1,
        application_name: "citegraph-queue",
        connectionTimeoutMillis: 10_000,
        idleTimeoutMillis: 30_000,
        statement_timeout: 30_000,
      });
      // An idle connection the server drops must not crash a server that only shows numbers.
      this.pool.on("error", () => {});
    }
    const pool = this.pool;
    try {
      return await queueStatus({ executeSql: (text, values) => pool.query(text, values) }, QUEUE_SCHEMA);
    } catch (e) {
      throw new Error(`the queue at ${safeUrl(this.url)} cannot be read: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
    this.pool = undefined;
  }
}
