/**
 * The ingest queue: pg-boss 10 in a PostgreSQL database (queue/location.ts says which), in a schema of its own,
 * `citegraph_queue`, that holds pg-boss's tables and the queued PDFs' bytes — one schema to back up, watch or
 * drop, beside a PostgreSQL library's tables without touching them.
 *
 * Why pg-boss: it is a queue in the database every worker already reaches (no broker to install), it takes jobs
 * with `FOR UPDATE SKIP LOCKED` (many workers, no job taken twice at once), and it has the rest this needs as
 * options — retries with backoff, expiry of a job whose worker died, a dead-letter queue — and nothing citegraph
 * would have to maintain. What it lacks (failing without retries, giving a job back) is two statements in
 * queue/tables.ts.
 */
import PgBoss from "pg-boss";
import { safeUrl } from "../../store/postgres/url.ts";
import { DEAD_LETTER_QUEUE, INGEST_QUEUE, QUEUE_SCHEMA } from "./job.ts";
import { createPdfTable } from "./pdf-bytes.ts";
import type { Db } from "./tables.ts";
import { createUploadTable } from "./upload-jobs.ts";

export interface OpenQueueOptions {
  /**
   * A worker runs pg-boss's maintenance — expiring the jobs of dead workers, archiving finished ones — every
   * `maintenanceSeconds` (one process at a time does it, whichever comes first). Commands that only enqueue or
   * count leave it to the workers.
   */
  maintain?: boolean;
  maintenanceSeconds?: number;
  /** Where pg-boss's errors go (a lost connection it will retry); one line each. */
  onError?: (e: Error) => void;
}

/** Connections a process keeps to the queue: a lane at a time uses one; two lanes' worth spare for counting. */
const POOL_SIZE = 4;

export class IngestQueue {
  private constructor(
    readonly boss: PgBoss,
    readonly url: string,
  ) {}

  readonly schema = QUEUE_SCHEMA;

  /** pg-boss's own pool, for the statements of queue/tables.ts and pdf-bytes.ts. */
  get db(): Db {
    return this.boss.getDb() as Db;
  }

  /**
   * Opens the queue, creating its schema, queues and table when missing (idempotent; safe from several
   * processes at once: pg-boss migrates under an advisory lock, and so does the PDF table).
   */
  static async open(url: string, options: OpenQueueOptions = {}): Promise<IngestQueue> {
    const boss = new PgBoss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: POOL_SIZE,
      application_name: "citegraph-queue",
      supervise: options.maintain ?? false,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
      schedule: false,
    });
    boss.on("error", options.onError ?? (() => {}));
    try {
      await boss.start();
      // The dead-letter queue first: a job names it, and pg-boss checks that it exists.
      await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, policy: "standard" });
      await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: "standard" });
      await createPdfTable(boss.getDb() as Db, QUEUE_SCHEMA);
      await createUploadTable(boss.getDb() as Db, QUEUE_SCHEMA);
    } catch (e) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw new Error(`the queue at ${safeUrl(url)} cannot be opened: ${(e as Error).message}`);
    }
    return new IngestQueue(boss, url);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
