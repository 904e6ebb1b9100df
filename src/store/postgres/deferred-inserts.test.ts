/**
 * Held inserts (deferred-inserts.ts): what a statement makes send first, in which order, and — on a real
 * PostgreSQL library — that a read inside the transaction sees every held row, a row pointing at a held parent
 * is written after it, COMMIT sends what is left, and a rollback sends nothing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import pg from "pg";
import { testPostgres } from "../../testing/postgres.ts";
import { DeferredInserts } from "./deferred-inserts.ts";
import { migrate } from "./schema.ts";
import { TransactionSql } from "./sql.ts";

const postgres = await testPostgres();

const tablesOf = (statements: { text: string }[]) =>
  statements.map((s) => (/^INSERT INTO (\w+)/.exec(s.text) as RegExpExecArray)[1]);

describe("held inserts", () => {
  test("a statement naming none of the held tables (or their children) sends nothing", () => {
    const held = new DeferredInserts();
    held.add("work_keys", ["key_hash", "work_id"], [1, 2], "ON CONFLICT DO NOTHING");
    assert.deepEqual(held.before("SELECT id FROM venues WHERE name = $1"), []);
    assert.deepEqual(held.before("SELECT * FROM work_fts_totals"), [], "work_fts_totals is not work_keys");
    assert.deepEqual(tablesOf(held.all()), ["work_keys"]);
    assert.deepEqual(held.all(), [], "sent once");
  });

  test("a read of a held table sends its rows and its held parents', parents first, one statement a shape", () => {
    const held = new DeferredInserts();
    held.add(
      "work_authors",
      ["work_id", "position", "author_id", "name"],
      [7, 0, 1, "A"],
      "ON CONFLICT DO NOTHING",
    );
    held.add("authors", ["id", "key", "name", "given_names"], [1, "a_b", "A", []]);
    held.add("works", ["id", "in_library"], [7, true]);
    held.add(
      "work_authors",
      ["work_id", "position", "author_id", "name"],
      [7, 1, 1, "A"],
      "ON CONFLICT DO NOTHING",
    );
    held.add("refs", ["id", "document_id"], [1, 1]);
    const sent = held.before("SELECT author_id FROM work_authors WHERE work_id = $1");
    assert.deepEqual(tablesOf(sent), ["works", "authors", "work_authors"]);
    assert.match(
      sent[2].text,
      /VALUES \(\$1, \$2, \$3, \$4\), \(\$5, \$6, \$7, \$8\) ON CONFLICT DO NOTHING$/,
    );
    assert.deepEqual(sent[2].values, [7, 0, 1, "A", 7, 1, 1, "A"]);
    assert.deepEqual(tablesOf(held.all()), ["refs"], "the rest stays held");
  });

  test("a write to a table pointing at a held one sends that one first; a delete sends everything", () => {
    const held = new DeferredInserts();
    held.add("works", ["id"], [7]);
    held.add("refs", ["id"], [1]);
    assert.deepEqual(tablesOf(held.before("INSERT INTO citations (cited_id, citing_id) VALUES ($1, $2)")), [
      "works",
    ]);
    held.add("works", ["id"], [8]);
    assert.deepEqual(tablesOf(held.before("DELETE FROM venues WHERE id = $1")), ["works", "refs"]);
  });

  test("rows beyond pg's parameter limit go in several statements", () => {
    const held = new DeferredInserts();
    for (let i = 0; i < 40_000; i++) held.add("work_keys", ["key_hash", "work_id"], [i, 1]);
    const sent = held.all();
    assert.equal(sent.length, 2);
    assert.equal(sent[0].values.length + sent[1].values.length, 80_000);
    assert.ok(sent.every((s) => s.values.length <= 65_535));
  });
});

describe("held inserts on PostgreSQL", { skip: postgres.skip }, () => {
  test("reads see held rows, parents go first, COMMIT sends the rest, ROLLBACK none", async () => {
    const db = await postgres.newDatabase();
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      await migrate(pool);
      const sql = new TransactionSql();
      const client = await pool.connect();
      try {
        sql.client = client;
        await client.query("BEGIN");
        // Held: a work, then an author and the link pointing at both (work_authors' shape held before authors').
        await sql.insertLater(
          "works",
          ["id", "in_library", "type", "title", "csl", "added_at", "updated_at"],
          [1, true, "article", "T", "{}", 0, 0],
        );
        await sql.insertLater("work_authors", ["work_id", "position", "author_id", "name"], [1, 1, 9, "Z"]);
        await sql.insertLater("authors", ["id", "key", "name", "given_names"], [10, "y_b", "Y", []]);
        await sql.insertLater("authors", ["id", "key", "name", "given_names"], [9, "z_a", "Z", []]);
        await sql.insertLater("work_authors", ["work_id", "position", "author_id", "name"], [1, 0, 10, "Y"]);
        const links = await sql.query<{ name: string }>(
          "SELECT name FROM work_authors WHERE work_id = 1 ORDER BY position",
        );
        assert.deepEqual(
          links.map((l) => l.name),
          ["Y", "Z"],
        );
        await sql.insertLater("work_keys", ["key_hash", "work_id"], [5, 1]);
        await sql.send();
        await client.query("COMMIT");
        const [keys] = (await pool.query("SELECT count(*)::int AS n FROM work_keys")).rows;
        assert.equal(keys.n, 1, "sent before COMMIT");

        await client.query("BEGIN");
        await sql.insertLater("work_keys", ["key_hash", "work_id"], [6, 1]);
        await client.query("ROLLBACK");
        sql.ended();
        const [after] = (await pool.query("SELECT count(*)::int AS n FROM work_keys")).rows;
        assert.equal(after.n, 1, "nothing of a rolled-back transaction");
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});
