/** The SQLite library file itself: its migrations, pragmas and query plans. */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { doc, tempStore } from "../../testing/temp-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

test("migrations are recorded; a library from a newer citegraph is refused with a clear message", async () => {
  const { store, path, cleanup } = tempStore();
  try {
    const versions = store.db.prepare("SELECT version FROM schema_migrations").pluck().all();
    assert.deepEqual(versions, [1, 2, 3, 4, 5, 6]);
    assert.equal(store.db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(store.db.pragma("foreign_keys", { simple: true }), 1);
    await store.close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 0)").run();
    raw.close();
    assert.throws(() => new SqliteStore(path), /newer citegraph/);
  } finally {
    await cleanup();
  }
});

test("a library analysed before migration 4 is analysed again, so browsing keeps its order's index", async () => {
  const { store, path, cleanup } = tempStore();
  try {
    await store.upsertDocuments(
      Array.from({ length: 50 }, (_, i) => doc(`w${i}`, { title: `Work ${i}`, year: 1990 + (i % 20) })),
    );
    await store.close();
    // As an older citegraph left it: analysed (bench runs PRAGMA optimize), without the oldest-first index.
    const raw = new Database(path);
    // Rank rows alone are enough for the planner's statistics: many works, all in the library.
    raw.pragma("foreign_keys = OFF");
    raw.exec(`WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
      INSERT INTO work_rank (id, in_library, year, cited_by, added_at) SELECT i, 1, 1950 + i % 70, i % 13, i FROM n`);
    raw.exec("DROP INDEX work_rank_year_asc; DELETE FROM schema_migrations WHERE version = 4; ANALYZE;");
    raw.close();
    const reopened = new SqliteStore(path);
    const plan = (order: string) =>
      (
        reopened.db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT id FROM work_rank w WHERE w.in_library = 1 ORDER BY ${order} LIMIT 10`,
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(" | ");
    assert.match(plan("w.cited_by DESC, w.id"), /USING COVERING INDEX work_rank_cited/);
    assert.match(plan("w.year IS NULL, w.year ASC, w.id ASC"), /USING COVERING INDEX work_rank_year_asc/);
    assert.doesNotMatch(plan("w.cited_by DESC, w.id"), /TEMP B-TREE/);
    await reopened.close();
  } finally {
    await cleanup();
  }
});
