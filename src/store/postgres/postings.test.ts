/**
 * work_terms, the postings search ranks from (postings.ts): that the triggers keep them equal to the lexemes of
 * work_fts through inserts, reindexing (a correction), merges and deletes; that a library from before them gets
 * them when it is opened (schema versions 4 and 6) and then answers as before; and the prefix ranges they are read by.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseQuery } from "../../search/query-parser.ts";
import { POSTINGS_DRIFT, testPostgres } from "../../testing/postgres.ts";
import { doc } from "../contract/inputs.ts";
import type { SearchRequest } from "../types.ts";
import { PostgresStore } from "./postgres-store.ts";
import { following } from "./postings.ts";

const postgres = await testPostgres();

test("a prefix's range ends at the prefix with its last character counted up, past the surrogates", () => {
  assert.equal(following("T:ab"), "T:ac");
  assert.equal(following("a:z"), "a:{");
  assert.equal(following("t:\u{d7ff}"), "t:\u{e000}");
  assert.equal(following("t:é"), "t:ê");
  assert.equal(following("t:\u{10ffff}"), null);
  assert.equal(following(""), null);
});

function request(q: string, after?: SearchRequest["after"]): SearchRequest {
  return {
    query: parseQuery(q).node,
    sort: "relevance",
    offset: 0,
    limit: 5,
    includeCitations: true,
    citationBoost: true,
    facets: true,
    after,
  };
}

const QUERIES = ["virtual", "virt*", '"virtual machine"', "machine -java", "java OR garbage", "smith*"];

describe("work_terms", { skip: postgres.skip }, () => {
  test("positions as bytes: every position read back as written, and found only where it is", async () => {
    const db = await postgres.newDatabase();
    const store = await PostgresStore.open(db.url);
    try {
      const all = await store.pool.query(
        `SELECT array_agg(x.p) AS back FROM posting_positions(
           (SELECT string_agg(posting_position(p), ''::bytea ORDER BY p) FROM generate_series(1, 16383) p)) x`,
      );
      assert.deepEqual(
        all.rows[0].back,
        Array.from({ length: 16383 }, (_, i) => i + 1),
      );
      // Positions whose bytes, side by side, hold another position's bytes across their boundary: 129 is
      // 0x81 0x01 and 257 0x82 0x01, and a naive two-byte code would find 0x01 0x82 (386 here: 0x83 0x02) in them.
      const held = [1, 129, 257, 300, 16383];
      const found = await store.pool.query(
        `SELECT array_agg(q ORDER BY q) AS found FROM generate_series(1, 16383) q
         WHERE position(posting_position(q) IN (SELECT string_agg(posting_position(p), ''::bytea ORDER BY p) FROM unnest($1::int[]) p)) > 0`,
        [held],
      );
      assert.deepEqual(found.rows[0].found, held);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  test("follow every write of work_fts, and a library from before them gets them when opened", async () => {
    const db = await postgres.newDatabase();
    try {
      let store = await PostgresStore.open(db.url);
      await store.upsertDocuments([
        doc("a", {
          title: "Virtual machines",
          author: ["Smith, John"],
          year: 2001,
          abstract: "A virtual machine.",
        }),
        doc("b", { title: "The Java virtual machine", author: ["Smithson, Ann"], year: 1999 }),
        doc("c", { title: "Garbage collection in a virtual machine", author: ["Jones, Kim"], year: 2004 }),
        doc("d", { title: "Virtual memory", author: ["Smith, John"], year: 1998 }),
      ]);
      const ids = await store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true });
      assert.equal(ids.length, 4);
      const drift = async () => (await store.pool.query(POSTINGS_DRIFT)).rows[0].n;
      const terms = async () =>
        (await store.pool.query("SELECT count(*)::int AS n FROM work_terms")).rows[0].n;
      assert.ok((await terms()) > 20, "postings written with the works");
      assert.equal(await drift(), 0);

      await store.correctWork(ids[1], { title: "The Java machine" }, { editor: "test" });
      await store.mergeWorks(ids[0], ids[3], "one paper");
      assert.equal(await drift(), 0, "after a correction (reindexed) and a merge (deleted, reindexed)");
      const before = await Promise.all(QUERIES.map((q) => store.search(request(q))));
      assert.ok(
        before.every((r) => r.total > 0) && before.some((r) => r.total > 1),
        "queries that find works",
      );

      // A library of schema version 3: no postings, which opening it builds from work_fts (version 4), then again
      // with their positions (version 6).
      const rows = await terms();
      await store.pool.query(
        `DROP TABLE work_terms; DROP FUNCTION work_terms_added, work_terms_removed CASCADE;
         DROP FUNCTION work_terms_of, posting_position, posting_positions;
         DELETE FROM schema_migrations WHERE version IN (4, 6)`,
      );
      await store.close();
      store = await PostgresStore.open(db.url);
      assert.equal(await terms(), rows);
      assert.equal(await drift(), 0);
      assert.deepEqual(await Promise.all(QUERIES.map((q) => store.search(request(q)))), before);

      await store.correctWork(ids[2], { title: "Collecting garbage" }, { editor: "test" });
      assert.equal(await drift(), 0, "the upgraded library's triggers");
      // No write of the store updates a work_fts row in place (reindexing deletes and inserts), but one could.
      await store.pool.query(
        "UPDATE work_fts SET document = document || $$'t:extra':90A$$::tsvector, length = length + 1 WHERE id = $1",
        [ids[1]],
      );
      assert.equal(await drift(), 0, "after an update in place");
      assert.equal((await store.search(request("extra"))).total, 1);
      await store.close();
    } finally {
      await db.drop();
    }
  });
});
