/**
 * The way back, on a real PostgreSQL server: a library written on PostgreSQL (the demo, records with full text
 * and ambiguous references, merges, a split, corrections, a failure) moved into a new SQLite file reads the same
 * through both stores — every work, the history, the failures — and a move that fails leaves no file behind.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import { TABLES } from "../store/postgres/schema.ts";
import { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { testPostgres } from "../testing/postgres.ts";
import { tempDir } from "../testing/temp-store.ts";
import { buildDemo } from "./demo.ts";
import { migrateToPostgres } from "./migrate-postgres.ts";
import { addOwnRecords, editHistory } from "./migrate-postgres-same-reads.ts";
import { migrateToSqlite } from "./migrate-sqlite.ts";

const postgres = await testPostgres();

describe("citegraph migrate back to SQLite", { skip: postgres.skip }, () => {
  test("a library written on PostgreSQL reads the same from the SQLite file it is moved into", async () => {
    const db = await postgres.newDatabase();
    const dir = tempDir("citegraph-back-");
    try {
      const pg = await PostgresStore.open(db.url);
      try {
        await buildDemo(pg);
        await addOwnRecords(pg);
        await editHistory(pg);
        await pg.recordFailures([{ source: "bad.pdf", location: "bad.pdf", reason: "corrupt: not a PDF" }]);
      } finally {
        await pg.close();
      }
      const to = join(dir, "back.db");
      const report = await migrateToSqlite({ from: db.url, to });
      const source = await PostgresStore.open(db.url);
      const target = new SqliteStore(to);
      try {
        const ids = await source.listWorkIds({ afterId: 0, limit: 10_000, includeCitations: true });
        assert.ok(ids.length > 30);
        assert.equal(report.verifiedWorks, ids.length, "every work compared (fewer than the sample)");
        for (const id of ids)
          assert.deepEqual(await target.getWork(id), await source.getWork(id), `work ${id}`);
        assert.deepEqual(await target.stats(), await source.stats());
        assert.deepEqual(await target.merges(100), await source.merges(100));
        assert.deepEqual(await target.failures(), await source.failures());
        const retired = (await source.merges(100)).map((m) => m.from);
        for (const id of retired)
          assert.deepEqual(await target.retiredWork(id), await source.retiredWork(id));
        // The moved library is a library: it takes writes, giving ids above the copied ones.
        const before = (await target.stats()).works;
        await target.upsertDocuments([
          {
            sourceId: "new",
            sha1: "n".repeat(40),
            kind: "record",
            source: "t",
            item: { title: "A new work after the move", type: "article" },
            references: [],
          },
        ]);
        assert.equal((await target.stats()).works, before + 1);
      } finally {
        await source.close();
        await target.close();
      }
      await assert.rejects(migrateToSqlite({ from: db.url, to }), /back\.db exists: give --replace/);
      // A target that cannot be written: refused, and nothing is left of it.
      await assert.rejects(migrateToSqlite({ from: db.url, to: join(dir, "no-such-folder", "x.db") }));
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.includes("migrating")),
        [],
        "no temporary file left behind",
      );
      assert.equal(existsSync(join(dir, "no-such-folder")), false);
    } finally {
      await db.drop();
    }
  });

  test("SQLite → PostgreSQL → SQLite gives back every row of every table as it was", async () => {
    const db = await postgres.newDatabase();
    const dir = tempDir("citegraph-round-");
    try {
      const from = join(dir, "first.db");
      const first = new SqliteStore(from);
      await buildDemo(first);
      await addOwnRecords(first);
      await editHistory(first);
      await first.close();
      await migrateToPostgres({ from, to: db.url });
      const to = join(dir, "again.db");
      await migrateToSqlite({ from: db.url, to });
      const a = new SqliteStore(from);
      const b = new SqliteStore(to);
      try {
        for (const table of TABLES.filter((t) => t !== "work_fts" && t !== "work_fts_totals")) {
          const rows = (store: SqliteStore) =>
            (store.db.prepare(`SELECT * FROM ${table}`).all() as object[])
              .map((r) => JSON.stringify(r))
              .sort();
          const [before, after] = [rows(a), rows(b)];
          assert.ok(before.length > 0 || table === "failures", `${table} has rows to compare`);
          assert.deepEqual(after, before, table);
        }
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await db.drop();
    }
  });
});
