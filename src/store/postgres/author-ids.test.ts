/**
 * work_rank.author_ids, what the author facet counts (schema version 7): that the triggers keep each work's row
 * equal to its links in work_authors through filing, corrections of authors, merges and a work_rank row written
 * after its links; and that a library from before them gets them when it is opened.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseQuery } from "../../search/query-parser.ts";
import { AUTHOR_IDS_DRIFT, testPostgres } from "../../testing/postgres.ts";
import { doc } from "../contract/inputs.ts";
import { PostgresStore } from "./postgres-store.ts";

const postgres = await testPostgres();

describe("work_rank.author_ids", { skip: postgres.skip }, () => {
  test("follow the works' authors, and a library from before them gets them when opened", async () => {
    const db = await postgres.newDatabase();
    let store = await PostgresStore.open(db.url);
    try {
      const drift = async () => (await store.pool.query(AUTHOR_IDS_DRIFT)).rows[0].n;
      const authorsOf = async (id: number) =>
        (await store.pool.query("SELECT cardinality(author_ids) AS n FROM work_rank WHERE id = $1", [id]))
          .rows[0].n;
      await store.upsertDocuments([
        doc("a", { title: "Virtual machines", author: ["Smith, John", "Lee, Ann"], year: 2001 }),
        doc("b", { title: "The Java virtual machine", author: ["Smith, John"], year: 1999 }),
        doc("c", { title: "Garbage collection", author: ["Jones, Kim", "Lee, Ann"], year: 2004 }),
        doc("d", { title: "Virtual memory", author: ["Smith, John"], year: 1998 }),
      ]);
      const ids = await store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true });
      assert.equal(ids.length, 4);
      assert.equal(await drift(), 0);
      assert.equal(await authorsOf(ids[0]), 2);

      await store.correctWork(
        ids[1],
        {
          author: [
            { family: "Okafor", given: "Ngozi" },
            { family: "Smith", given: "John" },
          ],
        },
        { editor: "test" },
      );
      assert.equal(await authorsOf(ids[1]), 2, "a correction's authors");
      await store.mergeWorks(ids[0], ids[3], "one paper");
      assert.equal(await drift(), 0, "after a correction and a merge");

      // A work_rank row written after its work's links (no write of the store does so today; one could).
      await store.pool.query(
        `WITH gone AS (DELETE FROM work_rank WHERE id = $1 RETURNING *)
         INSERT INTO work_rank (id, in_library, year, venue_id, cited_by, self_cited, added_at)
         SELECT id, in_library, year, venue_id, cited_by, self_cited, added_at FROM gone`,
        [ids[2]],
      );
      assert.equal(await authorsOf(ids[2]), 2);

      const facets = async () =>
        (
          await store.search({
            query: parseQuery("virtual OR garbage").node,
            sort: "relevance",
            offset: 0,
            limit: 10,
            includeCitations: true,
            citationBoost: true,
            facets: true,
          })
        ).facets?.author;
      const before = await facets();
      assert.ok(
        before?.some((a) => a.count === 2),
        "an author counted in two works",
      );

      // A library of schema version 6: no author_ids, which opening it fills from work_authors.
      await store.pool.query(
        `ALTER TABLE work_rank DROP COLUMN author_ids;
         DROP FUNCTION refresh_author_ids, work_authors_added, work_authors_removed, work_rank_added CASCADE;
         DELETE FROM schema_migrations WHERE version = 7`,
      );
      await store.close();
      store = await PostgresStore.open(db.url);
      assert.equal(await drift(), 0);
      assert.deepEqual(await facets(), before);
      await store.upsertDocuments([
        doc("e", { title: "Virtual garbage", author: ["Lee, Ann", "Lee, Ann"], year: 2010 }),
      ]);
      assert.equal(await drift(), 0, "the upgraded library's triggers, an author named twice counted once");
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
