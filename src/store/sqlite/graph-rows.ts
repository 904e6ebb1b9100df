/**
 * Every filing primitive of the SQLite library (src/graph/filing/rows.ts), and the library as a FilingStore:
 * the graph's decisions (src/graph/filing/) over these rows, in the write transactions of write.ts.
 */
import type Database from "better-sqlite3";
import type { FilingStore, GraphRows } from "../../graph/filing/rows.ts";
import { SqliteCorrectionRows } from "./corrections.ts";
import { SqliteDocumentRows } from "./document-rows.ts";
import { SqliteHistoryRows, SqliteRebuildRows } from "./graph-edits.ts";
import { SqliteEdgeRows, SqlitePeopleRows } from "./people-rows.ts";
import { SqliteReferenceRows } from "./reference-rows.ts";
import { SqliteKeyRows, SqliteWorkRows } from "./work-rows.ts";
import type { SqliteWrites, TransactionHooks } from "./write.ts";

export class SqliteGraphRows implements GraphRows, TransactionHooks {
  readonly documents: SqliteDocumentRows;
  readonly works: SqliteWorkRows;
  readonly keys: SqliteKeyRows;
  readonly refs: SqliteReferenceRows;
  readonly people: SqlitePeopleRows;
  readonly edges: SqliteEdgeRows;
  readonly history: SqliteHistoryRows;
  readonly corrections: SqliteCorrectionRows;
  readonly rebuild: SqliteRebuildRows;

  constructor(db: Database.Database) {
    this.documents = new SqliteDocumentRows(db);
    this.works = new SqliteWorkRows(db);
    this.keys = new SqliteKeyRows(db);
    this.refs = new SqliteReferenceRows(db);
    this.people = new SqlitePeopleRows(db);
    this.edges = new SqliteEdgeRows(db);
    this.history = new SqliteHistoryRows(db);
    this.corrections = new SqliteCorrectionRows(db);
    this.rebuild = new SqliteRebuildRows(db);
  }

  begin(): void {
    this.works.begin();
  }

  rolledBack(): void {
    this.works.rolledBack();
  }
}

/**
 * The library as filing writes to it: these rows, in the store's write transactions. Reads are in-process and
 * cheap, so filing reads as it goes rather than ahead — unless asked to (`readAhead`: tests check that reading
 * ahead, as a store over a network does, files the same graph).
 */
export function sqliteFilingStore(
  rows: SqliteGraphRows,
  writes: SqliteWrites,
  readAhead = false,
): FilingStore {
  return {
    rows,
    readAhead,
    transaction: (fn) => writes.transaction((stale) => fn(rows, { stale })),
  };
}
