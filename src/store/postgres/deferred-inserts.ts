/**
 * Inserts that return nothing, held back and sent together: filing writes a record's references, blocking keys,
 * people, author links and search index row one at a time, each a round trip to a server over a network. Held
 * per statement shape (table, columns, conflict clause) and sent as one multi-row INSERT a shape, they cost a
 * round trip a batch of rows instead of one a row.
 *
 * A read must still see every write before it (FilingStore's contract), and a later write must still find the
 * rows it depends on, so held rows are sent — by TransactionSql, before its next statement — when:
 * - the statement names their table (a read of it, an update, a delete of its rows), or a table that points at
 *   it (PARENTS: a row written there may point at a held one): that table's rows, and those of the tables it
 *   points at, go first;
 * - it deletes anything or changes constraints (a delete cascades into tables it does not name; SET CONSTRAINTS
 *   and a renumbering `SET id` change how foreign keys are checked): everything held goes first;
 * - the transaction commits (write.ts): everything.
 * Parents are sent before the rows that point at them (ORDER: works first, documents before refs, authors before
 * work_authors); within a shape the rows keep their order. Nothing is held outside a transaction, and a rollback forgets what is held.
 */

/**
 * The tables whose foreign keys point at tables that may be held, and those tables: a statement naming one has
 * them sent first (a row it writes may point at a held row). Every table pointing at works is here.
 */
const PARENTS: Record<string, string[]> = {
  work_rank: ["works", "venues"],
  documents: ["works"],
  refs: ["documents", "works"],
  citations: ["works"],
  work_authors: ["authors", "works"],
  work_keys: ["works"],
  work_fts: ["works"],
};
/** The order held tables are sent in: every table after those it points at. */
const ORDER = [
  "venues",
  "works",
  "work_rank",
  "authors",
  "documents",
  "refs",
  "work_keys",
  "work_authors",
  "work_fts",
];
/** Statements that may touch rows of tables they do not name: everything held goes before them. */
const REACHES_FURTHER = /\bDELETE\b|\bTRUNCATE\b|\bDROP\b|\bSET\s+CONSTRAINTS\b|\bSET\s+id\b/i;

/** Rows held for one statement shape. */
interface Held {
  table: string;
  columns: string[];
  /** What follows VALUES (e.g. ON CONFLICT DO NOTHING). */
  suffix: string;
  rows: unknown[][];
}

export interface Statement {
  text: string;
  values: unknown[];
}

/** pg's limit of parameters to one statement (a 16-bit count). */
const MAX_PARAMETERS = 65_535;
/** Rows held in all before they are sent anyway, to bound memory. */
const MAX_HELD_ROWS = 20_000;

/** Whether a statement names a table (as a whole word: work_fts is not work_fts_totals). */
const named = (text: string, table: string) => new RegExp(`\\b${table}\\b`, "i").test(text);

/** Where a held table is sent among others; a table not in ORDER would be sent last. */
function rank(table: string): number {
  const i = ORDER.indexOf(table);
  return i < 0 ? ORDER.length : i;
}

export class DeferredInserts {
  private readonly held = new Map<string, Held>();
  private count = 0;

  /** Holds one row; returns whether so many are held that they should be sent now. */
  add(table: string, columns: string[], row: unknown[], suffix = ""): boolean {
    const shape = `${table}(${columns.join(",")})${suffix}`;
    let held = this.held.get(shape);
    if (!held) {
      held = { table, columns, suffix, rows: [] };
      this.held.set(shape, held);
    }
    held.rows.push(row);
    return ++this.count >= MAX_HELD_ROWS;
  }

  /** The held rows that must be sent before this statement runs, as INSERTs in order; forgets them. */
  before(text: string): Statement[] {
    if (!this.count) return [];
    if (REACHES_FURTHER.test(text)) return this.all();
    const tables = new Set<string>();
    for (const table of new Set([...this.heldTables(), ...Object.keys(PARENTS)]))
      if (named(text, table)) {
        tables.add(table);
        for (const parent of PARENTS[table] ?? []) tables.add(parent);
      }
    return tables.size ? this.take(tables) : [];
  }

  /** Every held row, as INSERTs in order; forgets them. */
  all(): Statement[] {
    return this.count ? this.take(new Set(this.heldTables())) : [];
  }

  private heldTables(): string[] {
    return [...this.held.values()].map((h) => h.table);
  }

  /** A transaction ended or rolled back: nothing held is to be sent. */
  forget(): void {
    this.held.clear();
    this.count = 0;
  }

  /** The held rows of these tables, parents first, as multi-row INSERTs within pg's parameter limit. */
  private take(tables: Set<string>): Statement[] {
    const shapes = [...this.held].filter(([, h]) => tables.has(h.table));
    shapes.sort(([, a], [, b]) => rank(a.table) - rank(b.table));
    const statements: Statement[] = [];
    for (const [shape, h] of shapes) {
      this.held.delete(shape);
      this.count -= h.rows.length;
      const perRow = h.columns.length;
      const rowsPerStatement = Math.floor(MAX_PARAMETERS / perRow);
      for (let start = 0; start < h.rows.length; start += rowsPerStatement) {
        const rows = h.rows.slice(start, start + rowsPerStatement);
        const tuples = rows.map(
          (_, r) => `(${h.columns.map((_, c) => `$${r * perRow + c + 1}`).join(", ")})`,
        );
        statements.push({
          text: `INSERT INTO ${h.table} (${h.columns.join(", ")}) VALUES ${tuples.join(", ")} ${h.suffix}`,
          values: rows.flat(),
        });
      }
    }
    return statements;
  }
}
