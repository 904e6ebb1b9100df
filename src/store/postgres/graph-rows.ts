/**
 * Every filing primitive of the PostgreSQL library (src/graph/filing/rows.ts), and the library as a FilingStore:
 * the graph's decisions (src/graph/filing/) over these rows, in the write transactions of write.ts. Reads go over
 * a network, so filing reads a batch's candidates ahead, in bulk (readAhead).
 */
import type pg from "pg";
import type { FilingStore, GraphRows } from "../../graph/filing/rows.ts";
import { PgCorrectionRows } from "./corrections.ts";
import { PgDocumentRows } from "./document-rows.ts";
import { PgHistoryRows, PgRebuildRows } from "./graph-edits.ts";
import { PgEdgeRows, PgPeopleRows } from "./people-rows.ts";
import { PgReferenceRows } from "./reference-rows.ts";
import { NextIds, poolSql, type Sql, TransactionSql } from "./sql.ts";
import { PgKeyRows, PgWorkRows } from "./work-rows.ts";
import { PostgresWrites, type TransactionHooks } from "./write.ts";

export class PgGraphRows implements GraphRows {
  readonly documents: PgDocumentRows;
  readonly works: PgWorkRows;
  readonly keys: PgKeyRows;
  readonly refs: PgReferenceRows;
  readonly people: PgPeopleRows;
  readonly edges: PgEdgeRows;
  readonly history: PgHistoryRows;
  readonly corrections: PgCorrectionRows;
  readonly rebuild: PgRebuildRows;

  constructor(
    readonly sql: Sql,
    readonly ids: NextIds,
  ) {
    this.documents = new PgDocumentRows(sql, ids);
    this.works = new PgWorkRows(sql, ids);
    this.keys = new PgKeyRows(sql);
    this.refs = new PgReferenceRows(sql, ids);
    this.people = new PgPeopleRows(sql, ids);
    this.edges = new PgEdgeRows(sql);
    this.history = new PgHistoryRows(sql, ids);
    this.corrections = new PgCorrectionRows(sql, ids);
    this.rebuild = new PgRebuildRows(sql, ids);
  }
}

/** The rows of write transactions, on the client of the one running, with its ids. */
class WritingRows extends PgGraphRows implements TransactionHooks {
  constructor(private readonly session: TransactionSql) {
    const ids = new NextIds(session);
    super(session, ids);
  }

  begin(client: pg.PoolClient): void {
    this.session.client = client;
    this.ids.clear();
    this.works.begin();
  }

  /** Held inserts go before COMMIT. */
  beforeCommit(): Promise<void> {
    return this.session.send();
  }

  ended(): void {
    this.session.ended();
    this.ids.clear();
  }

  rolledBack(): void {
    this.works.rolledBack();
  }
}

/** The library's writes: filing's store, and the transactions other writes (failures) run in. */
export interface PostgresWriting {
  filing: FilingStore;
  writes: PostgresWrites;
  /** The rows inside the running write transaction (for writes that are not filing's). */
  sql: Sql;
  /** The rows, read outside a transaction. */
  rows: PgGraphRows;
}

export function postgresWriting(pool: pg.Pool, url: string): PostgresWriting {
  const session = new TransactionSql();
  const writing = new WritingRows(session);
  const writes = new PostgresWrites(pool, url, writing);
  const readSql = poolSql(pool);
  // Reads outside a transaction never give ids.
  const rows = new PgGraphRows(readSql, new NextIds(readSql));
  return {
    filing: {
      rows,
      readAhead: true,
      transaction: (fn) => writes.transaction((stale) => fn(writing, { stale })),
    },
    writes,
    sql: session,
    rows,
  };
}
