/**
 * PostgreSQL for the stores: that the tests' server works (src/testing/postgres.ts), and the whole store contract
 * on the PostgreSQL store. Skipped with one line locally when there is no server; in CI
 * (CI=true) a missing server fails this file instead.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import pg from "pg";
import { testPostgres } from "../../testing/postgres.ts";
import { PostgresStore } from "../postgres/postgres-store.ts";
import { storeContract } from "./index.ts";

const postgres = await testPostgres();

describe("the tests' PostgreSQL server", { skip: postgres.skip }, () => {
  test("a fresh database round-trips text in several scripts, and is gone once dropped", async () => {
    const db = await postgres.newDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows: here } = await client.query(
        "SELECT current_database() AS name, count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'",
      );
      assert.deepEqual(here, [{ name: db.name, tables: 0 }], "its own database, empty");
      await client.query("CREATE TABLE works (id bigint PRIMARY KEY, title text NOT NULL)");
      const titles = [
        "Ökonomische Theorie der Demokratie", // Latin with diacritics
        "Теория экономической демократии", // Cyrillic
        "Οικονομική θεωρία της δημοκρατίας", // Greek
        "民主主义的经济理论", // Han
        "النظرية الاقتصادية للديمقراطية", // Arabic, right to left
        "e\u0301conomie 𝔇𝔢𝔪𝔬𝔠𝔯𝔞𝔠𝔶 📚", // a combining accent, astral-plane letters and an emoji
      ];
      for (const [i, title] of titles.entries())
        await client.query("INSERT INTO works (id, title) VALUES ($1, $2)", [i + 1, title]);
      const { rows } = await client.query("SELECT title, char_length(title) AS chars FROM works ORDER BY id");
      assert.deepEqual(
        rows.map((r) => r.title),
        titles,
      );
      // Characters, not bytes: the server stores UTF-8 (an SQL_ASCII database would count bytes here).
      assert.deepEqual(
        rows.map((r) => r.chars),
        titles.map((t) => [...t].length),
      );
      const { rows: encoding } = await client.query("SHOW server_encoding");
      assert.equal(encoding[0].server_encoding, "UTF8");
    } finally {
      await client.end();
    }
    await db.drop();
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    try {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname = $1", [
        db.name,
      ]);
      assert.equal(rows[0].n, 0, "the database was dropped");
    } finally {
      await admin.end();
    }
  });

  test("two fresh databases are apart: tests running side by side never see each other's tables", async () => {
    const [a, b] = await Promise.all([postgres.newDatabase(), postgres.newDatabase()]);
    try {
      assert.notEqual(a.name, b.name);
      const one = new pg.Client({ connectionString: a.url });
      const two = new pg.Client({ connectionString: b.url });
      await Promise.all([one.connect(), two.connect()]);
      try {
        await one.query("CREATE TABLE only_here (x int)");
        const { rows } = await two.query(
          "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_here'",
        );
        assert.equal(rows[0].n, 0);
      } finally {
        await Promise.all([one.end(), two.end()]);
      }
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});

// The whole contract on PostgreSQL: a fresh database per test, dropped at cleanup; openAgain() is a second store on
// the same database, as another process would open it.
storeContract(
  "postgres",
  async () => {
    const db = await postgres.newDatabase();
    const store = await PostgresStore.open(db.url);
    return {
      store,
      openAgain: () => PostgresStore.open(db.url),
      cleanup: async () => {
        await store.close();
        await db.drop();
      },
    };
  },
  { skip: postgres.skip },
);
