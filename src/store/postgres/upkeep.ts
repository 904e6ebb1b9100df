/**
 * Upkeep of a PostgreSQL library after its writes: the planner's statistics, and bm25's totals.
 *
 * - Statistics. A library's tables grow from nothing by whole batches (an import files 2,000 records a
 *   transaction), faster than autovacuum looks (once a minute): until it does, the planner guesses sizes, and
 *   plans a join of a filing read or a search as if a name had hundreds of works — a hash join over a whole
 *   table where three index probes do (docs/benchmarks.md, "PostgreSQL upkeep"). So each write transaction
 *   reads, just before its COMMIT, the rows it changed in each table (pg_stat_xact_user_tables: counters the
 *   server keeps anyway), and once this process has changed a table by more than autovacuum's own measure
 *   (ANALYZE_FRACTION of its rows at the last count, at least ANALYZE_MIN_ROWS), the table is analyzed right
 *   after the COMMIT. ANALYZE samples (30,000 rows whatever the size), so it costs about a second at 100,000
 *   works; a table is analyzed at most once a commit, and after that only when it has grown by another tenth
 *   (some 25 times while it grows tenfold, once a commit while a batch is more than a tenth of it).
 *   Other processes' writes are left to autovacuum, as before.
 * - bm25's totals. work_fts_totals gains a row of differences for every statement writing work_fts (schema.ts
 *   says why: concurrent writers never queue on one row), and every ranked search sums them all: a library
 *   filled one PDF a transaction would sum a row a PDF. Once TOTALS_ROWS rows have been added,
 *   compact_work_fts_totals() folds them into one (safe beside writers and readers: a reader sums the rows of
 *   its snapshot, before or after the fold, to the same totals).
 */
import type pg from "pg";

/** Rows changed, as a share of a table's rows at its last statistics, after which it is analyzed again. */
export const ANALYZE_FRACTION = 0.1;
/** Fewer rows changed never start an ANALYZE (autovacuum's threshold is 50; a batch is thousands). */
export const ANALYZE_MIN_ROWS = 1000;
/** Rows of differences in work_fts_totals that this process leaves before folding them into one. */
export const TOTALS_ROWS = 64;

/**
 * The rows the open transaction changed (with those of the backend's earlier transactions whose counts are not
 * yet flushed: read at BEGIN too, and committed() takes the difference), a table a row, and the table's rows at its last statistics
 * (reltuples; -1 for a table never analyzed or vacuumed), the table named with its schema and quoted (a queue's
 * tables may share the transaction: store/postgres is not all there is in the database). Read just before
 * COMMIT, in the same round trip.
 */
export const CHANGED_ROWS_SQL = `SELECT format('%I.%I', x.schemaname, x.relname) AS name, x.relname::text AS relname, (x.n_tup_ins + x.n_tup_upd + x.n_tup_del)::float8 AS changed,
    x.n_tup_ins::float8 AS inserted, c.reltuples::float8 AS rows
  FROM pg_stat_xact_user_tables x JOIN pg_class c ON c.oid = x.relid
  WHERE x.n_tup_ins + x.n_tup_upd + x.n_tup_del > 0`;

export interface ChangedRows {
  /** Schema and table, quoted: what ANALYZE is given. */
  name: string;
  /** The table's own name. */
  relname: string;
  changed: number;
  inserted: number;
  rows: number;
}

export class PostgresUpkeep {
  /** Rows this process's commits changed in each table since it last analyzed it. */
  private readonly changed = new Map<string, number>();
  /** Rows this process's commits added to work_fts_totals since it last folded them. */
  private totalsAdded = 0;
  /** The tables the last commit made due for ANALYZE. */
  private due: string[] = [];

  constructor(private readonly pool: Pick<pg.Pool, "query">) {}

  /**
   * Counts what a committed transaction changed: CHANGED_ROWS_SQL read right after its BEGIN (`before`) and right
   * before its COMMIT (`after`). The server (PostgreSQL 15) shows there a backend's counts not yet flushed to its
   * shared statistics, and flushes them only between transactions, at most once a second: a reading holds the
   * earlier transactions' counts too, so the transaction's own are the difference of its two readings.
   */
  committed(after: ChangedRows[], before: ChangedRows[] = []): void {
    const earlier = new Map(before.map((r) => [r.name, r]));
    for (const r of after) {
      const e = earlier.get(r.name);
      const changed = Number(r.changed) - Number(e?.changed ?? 0);
      this.changed.set(r.name, (this.changed.get(r.name) ?? 0) + changed);
      if (r.relname === "work_fts_totals") this.totalsAdded += Number(r.inserted) - Number(e?.inserted ?? 0);
    }
    this.due = after
      .filter((r) => this.dueForAnalyze(r.name, Number(r.rows)))
      .map((r) => r.name)
      .sort();
  }

  private dueForAnalyze(table: string, rowsAtLastCount: number): boolean {
    const n = this.changed.get(table) ?? 0;
    return n >= ANALYZE_MIN_ROWS && n >= ANALYZE_FRACTION * Math.max(rowsAtLastCount, 0);
  }

  /**
   * After the COMMIT (outside the writers' lock: ANALYZE does not block reads or writes): the tables due, analyzed
   * in one statement, and the totals folded when due. Returns what it did, for tests and logs.
   */
  async afterCommit(): Promise<{ analyzed: string[]; compacted: boolean }> {
    const analyzed = this.due;
    this.due = [];
    if (analyzed.length) {
      // Names from the server's own catalogue, quoted there (format's %I).
      await this.pool.query(`ANALYZE ${analyzed.join(", ")}`);
      for (const t of analyzed) this.changed.delete(t);
    }
    const compacted = this.totalsAdded >= TOTALS_ROWS;
    if (compacted) {
      await this.pool.query("SELECT compact_work_fts_totals()");
      this.totalsAdded = 0;
    }
    return { analyzed, compacted };
  }
}
