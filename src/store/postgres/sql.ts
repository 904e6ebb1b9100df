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
import { DeferredInserts, type Statement } from "./deferred-inserts.ts";

export interface Sql {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  /**
   * An INSERT of one row that returns nothing, which may be held and sent later with others of its shape
   * (deferred-inserts.ts: before anything that could see it; a held table's held parents go first).
   */
  insertLater(table: string, columns: string[], row: unknown[], suffix?: string): Promise<void>;
}

/** The INSERT of one row, as sent at once. */
function insertNow(
  sql: Sql,
  table: string,
  columns: string[],
  row: unknown[],
  suffix = "",
): Promise<unknown> {
  const params = columns.map((_, i) => `$${i + 1}`).join(", ");
  return sql.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${params}) ${suffix}`, row);
}

/** SQL on a pool (each statement on whichever connection is free: reads outside a transaction). */
export function poolSql(pool: pg.Pool): Sql {
  const sql: Sql = {
    query: async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[],
    insertLater: async (table, columns, row, suffix) => {
      await insertNow(sql, table, columns, row, suffix);
    },
  };
  return sql;
}

/** SQL on the client of the transaction running now (set by the writer when it begins, unset when it ends). */
export class TransactionSql implements Sql {
  client: pg.PoolClient | undefined;
  private readonly held = new DeferredInserts();

  async query<T>(text: string, values?: unknown[]): Promise<T[]> {
    await this.run(this.held.before(text));
    return (await this.connected().query(text, values)).rows as T[];
  }

  async insertLater(table: string, columns: string[], row: unknown[], suffix?: string): Promise<void> {
    if (this.held.add(table, columns, row, suffix)) await this.send();
  }

  private async run(statements: Statement[]): Promise<void> {
    for (const s of statements) await this.connected().query(s.text, s.values);
  }

  /** Sends the held inserts: before COMMIT, and before any statement that could see them. */
  send(): Promise<void> {
    return this.run(this.held.all());
  }

  /** The transaction ended (committed or rolled back): nothing held is to be sent. */
  ended(): void {
    this.client = undefined;
    this.held.forget();
  }

  private connected(): pg.PoolClient {
    if (!this.client) throw new Error("a write outside a transaction of the PostgreSQL library");
    return this.client;
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

  /** The id just taken was not used: the next one is it again (as SQLite gives ids). */
  giveBack(table: IdTable, id: number): void {
    if (this.next.get(table) === id + 1) this.next.set(table, id);
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
