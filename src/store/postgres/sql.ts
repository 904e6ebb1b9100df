/**
 * What the PostgreSQL filing rows run their SQL on, and the ids they give. The same rows serve reads outside a
 * transaction (on the pool) and the writes of one (on its client, set when it begins: write.ts).
 *
 * Ids are given as SQLite gives an INTEGER PRIMARY KEY — one above the largest in the table — rather than by the
 * tables' identity sequences: a sequence is not rolled back and never goes down, while SQLite reuses the id of a
 * last row deleted (a record's references written again, authors after rebuild-graph); both stores must give
 * the same ids for the same writes. Writers hold the writers' lock (write.ts), so the largest id is read once a
 * transaction and counted up, and read again after a delete from the table.
 */
import type pg from "pg";

export interface Sql {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
}

/** SQL on a pool (each statement on whichever connection is free: reads outside a transaction). */
export function poolSql(pool: pg.Pool): Sql {
  return {
    query: async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[],
  };
}

/** SQL on the client of the transaction running now (set by the writer when it begins, unset when it ends). */
export class TransactionSql implements Sql {
  client: pg.PoolClient | undefined;

  async query<T>(text: string, values?: unknown[]): Promise<T[]> {
    if (!this.client) throw new Error("a write outside a transaction of the PostgreSQL library");
    return (await this.client.query(text, values)).rows as T[];
  }
}

/** The tables whose ids the store gives (works' ids are filing's: WorkRows.newId). */
export type IdTable =
  | "documents"
  | "refs"
  | "authors"
  | "venues"
  | "work_merges"
  | "work_corrections"
  | "failures";

/** The next id of each table, within one write transaction. */
export class NextIds {
  private readonly next = new Map<IdTable, number>();

  constructor(private readonly sql: Sql) {}

  async take(table: IdTable): Promise<number> {
    let id = this.next.get(table);
    if (id === undefined) {
      const [row] = await this.sql.query<{ id: number }>(
        `SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`,
      );
      id = row.id;
    }
    this.next.set(table, id + 1);
    return id;
  }

  /** `count` consecutive ids, the first returned. */
  async takeMany(table: IdTable, count: number): Promise<number> {
    const first = await this.take(table);
    this.next.set(table, first + count);
    return first;
  }

  /** Rows of the table were deleted: its largest id is read again (SQLite may give a deleted one again). */
  deleted(table: IdTable): void {
    this.next.delete(table);
  }

  /** A transaction begins or ended: every count is read again. */
  clear(): void {
    this.next.clear();
  }
}
