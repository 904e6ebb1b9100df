/**
 * Upkeep after writes (upkeep.ts), on a real PostgreSQL server: a write transaction that changes a table by more
 * than a tenth (and a thousand rows) leaves it analyzed when it returns, a small one does not; and
 * work_fts_totals' rows of differences are folded into one once TOTALS_ROWS have been added, the totals — and so
 * every search's scores — unchanged. Autovacuum is switched off for the library's tables first, so that any
 * statistics found come from the store.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testPostgres } from "../../testing/postgres.ts";
import { doc } from "../contract/inputs.ts";
import { PostgresStore } from "./postgres-store.ts";
import { ANALYZE_MIN_ROWS, PostgresUpkeep, TOTALS_ROWS } from "./upkeep.ts";

const postgres = await testPostgres();

const WORDS = "alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron sigma upsilon omega".split(
  " ",
);

/** A record with a title and an abstract of its own words: a few dozen postings. */
function record(i: number) {
  const words = WORDS.map((w, j) => `${w}${(i * 7 + j) % 97}`);
  return doc(`r${i}`, {
    title: `${words.slice(0, 5).join(" ")} number ${i}`,
    author: [`Author${i % 13}, Ann`],
    year: 1990 + (i % 30),
    abstract: words.join(" "),
  });
}

async function openQuiet(url: string): Promise<PostgresStore> {
  const store = await PostgresStore.open(url);
  const { rows } = await store.pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
  );
  for (const { name } of rows)
    await store.pool.query(`ALTER TABLE "${name}" SET (autovacuum_enabled = false)`);
  return store;
}

/** A table's rows at its last statistics (reltuples): -1 until it is first analyzed or vacuumed. */
async function rowsAtLastCount(store: PostgresStore, table: string): Promise<number> {
  const { rows } = await store.pool.query(
    "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass",
    [table],
  );
  return Number(rows[0].n);
}

describe("PostgreSQL upkeep after writes", { skip: postgres.skip }, () => {
  test("a transaction that changes a table by a tenth leaves it analyzed; a small one does not", async () => {
    const db = await postgres.newDatabase();
    const store = await openQuiet(db.url);
    try {
      // The migration that made work_terms analyzed it empty (0 rows); work_rank was never analyzed (-1).
      const asMigrated = await rowsAtLastCount(store, "work_terms");
      await store.upsertDocuments([record(0)]);
      const terms = Number((await store.pool.query("SELECT count(*) AS n FROM work_terms")).rows[0].n);
      assert.ok(terms > 0 && terms < ANALYZE_MIN_ROWS, `one record: ${terms} postings`);
      assert.equal(
        await rowsAtLastCount(store, "work_terms"),
        asMigrated,
        "not analyzed after a small write",
      );

      await store.upsertDocuments(Array.from({ length: 60 }, (_, i) => record(i + 1)));
      const after = Number((await store.pool.query("SELECT count(*) AS n FROM work_terms")).rows[0].n);
      assert.ok(after > ANALYZE_MIN_ROWS, `a batch: ${after} postings`);
      assert.equal(await rowsAtLastCount(store, "work_terms"), after, "analyzed by the batch's commit");
      const { rows } = await store.pool.query(
        "SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'work_terms' AND attname = 'lexeme'",
      );
      assert.equal(rows[0].n, 1, "the planner has the postings' statistics");
      assert.equal(await rowsAtLastCount(store, "work_rank"), -1, "61 works: too few rows to analyze");

      // Another small write: far from a tenth of the postings, so no new ANALYZE.
      await store.upsertDocuments([record(100)]);
      assert.equal(await rowsAtLastCount(store, "work_terms"), after);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  test("work_fts_totals is folded once TOTALS_ROWS rows of differences are added, to the same totals", async () => {
    const db = await postgres.newDatabase();
    const store = await openQuiet(db.url);
    try {
      const totals = async () => {
        const { rows } = await store.pool.query(
          "SELECT count(*)::int AS rows, sum(rows)::int AS n, sum(tokens)::int AS tokens FROM work_fts_totals",
        );
        return rows[0] as { rows: number; n: number; tokens: number };
      };
      // Every record writes the same statements and has as many tokens: each adds the same to N and tokens.
      await store.upsertDocuments([record(0)]);
      const step = await totals();
      let folds = 0;
      let last = step.rows;
      for (let i = 1; i <= 2 * TOTALS_ROWS; i++) {
        await store.upsertDocuments([record(i)]);
        const t = await totals();
        assert.ok(t.rows <= TOTALS_ROWS, `${t.rows} rows of differences after ${i + 1} writes`);
        assert.deepEqual([t.n, t.tokens], [(i + 1) * step.n, (i + 1) * step.tokens], "the same totals");
        if (t.rows < last) folds++;
        last = t.rows;
      }
      assert.ok(folds >= 1, "folded at least once");
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

test("a reading holds the earlier transactions' counts not yet flushed: a transaction's own are the difference", async () => {
  const upkeep = new PostgresUpkeep({ query: async () => ({ rows: [] }) } as never);
  const reading = (changed: number) => [
    { name: "public.work_terms", relname: "work_terms", changed, inserted: changed, rows: 2806 },
  ];
  // A batch: 2,806 rows, a tenth and more of the table — analyzed.
  upkeep.committed(reading(2806), []);
  assert.deepEqual((await upkeep.afterCommit()).analyzed, ["public.work_terms"]);
  // 46 more, in a transaction whose readings still hold the 2,806 not yet flushed: 46 rows, no ANALYZE.
  upkeep.committed(reading(2852), reading(2806));
  assert.deepEqual((await upkeep.afterCommit()).analyzed, []);
  // Flushed before the next: 300 rows, 346 so far.
  upkeep.committed(reading(300), []);
  assert.deepEqual((await upkeep.afterCommit()).analyzed, []);
  // 1,000 more on top of those 300 not yet flushed: 1,346 since the ANALYZE — due again.
  upkeep.committed(reading(1300), reading(300));
  assert.deepEqual((await upkeep.afterCommit()).analyzed, ["public.work_terms"]);
});
