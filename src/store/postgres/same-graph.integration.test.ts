/**
 * The same writes make the same library on both stores: the demo, the 1,000 S2ORC records (when
 * ../shared/datasets is there), records with full text, contexts and ambiguous references, failures, merges, a
 * split, corrections, a rebuild-graph and records filed again after it — each written to a SQLite and a PostgreSQL
 * store (not moved by migrate) — then every read of the Store interface must answer the same on both
 * (src/library/migrate-postgres-same-reads.ts), search included.
 *
 * Both stores run the same filing on the same clock: Date.now is held at one value an operation, the same for
 * both, so that the times they record (added, updated, merged, corrected) are equal too.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildDemo } from "../../library/demo.ts";
import { importFiles } from "../../library/import.ts";
import {
  addOwnRecords,
  editHistory,
  sameLibrary,
  sameReads,
} from "../../library/migrate-postgres-same-reads.ts";
import { AUTHOR_IDS_DRIFT, testPostgres } from "../../testing/postgres.ts";
import { doc, tempStore } from "../../testing/temp-store.ts";
import type { Store } from "../types.ts";
import { PostgresStore } from "./postgres-store.ts";

const postgres = await testPostgres();
const S2ORC = join(
  import.meta.dirname,
  "../../../../shared/datasets/corpora/s2orc-sample/metadata_sample.jsonl",
);

/** Runs one operation on both stores at the same held time; their answers must be equal. */
async function onBoth<T>(
  stores: Store[],
  at: number,
  what: string,
  op: (s: Store) => Promise<T>,
): Promise<T> {
  const real = Date.now;
  Date.now = () => at;
  try {
    const answers: T[] = [];
    for (const s of stores) answers.push(await op(s));
    assert.deepStrictEqual(answers[1], answers[0], `${what}: the same answer on both stores`);
    return answers[0];
  } finally {
    Date.now = real;
  }
}

sameReads(
  "the PostgreSQL store's writes: a library written to both stores reads the same",
  async () => {
    const t = tempStore();
    const db = await postgres.newDatabase();
    const store = await PostgresStore.open(db.url);
    const stores = [t.store, store];
    let at = 1_700_000_000_000;
    const step = <T>(what: string, op: (s: Store) => Promise<T>) => {
      at += 1000;
      return onBoth(stores, at, what, op);
    };
    try {
      await step("demo", (s) => buildDemo(s));
      if (existsSync(S2ORC)) {
        const report = await step("S2ORC", (s) => importFiles(s, [S2ORC]));
        assert.ok(report.added >= 900, `S2ORC records filed (${report.added})`);
      } else
        console.log(`# the S2ORC sample is not at ${S2ORC}: the library is the demo and the records here`);
      await step("own records", (s) => addOwnRecords(s));
      await step("merges, a split, corrections", (s) => editHistory(s));
      const rebuilt = await step("rebuild-graph", (s) => s.rebuildGraph());
      assert.ok(rebuilt.references > 0);
      // Filing after a rebuild: a record changed (its references written again), another new.
      await step("records after the rebuild", (s) =>
        s.upsertDocuments([
          doc("twin-a", { title: "Parallel copying collection", author: ["Smith, John"], year: 2002 }, [
            { item: { title: "Compilers for dynamic languages", author: [{ family: "Ungar" }] } },
          ]),
          doc("late", { title: "Late garbage", author: ["Ungar, David", "Smith, John"], year: 2004 }, [
            { id: "twin-a" },
            { raw: "D. Ungar. Generation scavenging. SDE 1984." },
          ]),
        ]),
      );
      // What the author facet counts (work_rank.author_ids, kept by triggers) follows every write above.
      const drift = await store.pool.query(AUTHOR_IDS_DRIFT);
      assert.equal(drift.rows[0].n, 0, "work_rank.author_ids are the works' authors");
      const linked = await store.pool.query(
        "SELECT count(*)::int AS n FROM work_rank WHERE author_ids <> '{}'",
      );
      assert.ok(linked.rows[0].n > 100, "works with authors");
      await step("failures cleared", (s) => s.clearFailures(["empty.pdf"]));
      await step("a failure again", (s) =>
        s.recordFailures([{ source: "empty.pdf", reason: "no-text: the PDF has no text" }]),
      );
    } catch (e) {
      await sameLibrary(t, db, store).cleanup();
      throw e;
    }
    return sameLibrary(t, db, store);
  },
  { skip: postgres.skip },
);
