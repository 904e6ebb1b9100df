/**
 * `citegraph migrate` against a real PostgreSQL server: a library built on SQLite through the normal write path
 * (the demo, the S2ORC sample when ../shared/datasets is there, records with full text, contexts and ambiguous
 * references, merges, a split, corrections and failures), moved to PostgreSQL, must give the same answer to every
 * read of the Store interface (migrate-postgres-same-reads.ts). Also: the migration's refusal of a non-empty target, --replace,
 * a bad URL, and its verification catching a difference.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import pg from "pg";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import { POSTINGS_DRIFT, testPostgres } from "../testing/postgres.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { buildDemo } from "./demo.ts";
import { importFiles } from "./import.ts";
import { MigrateError, migrateToPostgres, verifyMigration } from "./migrate-postgres.ts";
import { addOwnRecords, editHistory, sameLibrary, sameReads } from "./migrate-postgres-same-reads.ts";
import { FolderPdfCopies, libraryPdfCopies } from "./pdf-copies.ts";
import { fileStoreDir } from "./pdf-files.ts";

const postgres = await testPostgres();
const S2ORC = join(
  import.meta.dirname,
  "../../../shared/datasets/corpora/s2orc-sample/metadata_sample.jsonl",
);

sameReads(
  "citegraph migrate: a SQLite library read through PostgreSQL",
  async () => {
    const t = tempStore();
    await buildDemo(t.store);
    if (existsSync(S2ORC)) await importFiles(t.store, [S2ORC]);
    await addOwnRecords(t.store);
    await editHistory(t.store);
    const db = await postgres.newDatabase();
    const report = await migrateToPostgres({ from: t.path, to: db.url });
    assert.ok(report.verifiedWorks > 0);
    const store = await PostgresStore.open(db.url);
    return sameLibrary(t, db, store);
  },
  { skip: postgres.skip },
);

test("citegraph migrate moves the library's PDF copies from its folder into the database", {
  skip: postgres.skip,
}, async () => {
  const t = tempStore();
  const db = await postgres.newDatabase();
  const moved = libraryPdfCopies(db.url);
  try {
    await t.store.upsertDocuments([doc("a", { title: "One work", author: ["Lee, Ann"], year: 2000 })]);
    const folder = new FolderPdfCopies(fileStoreDir(t.path));
    const pdfs = ["%PDF-1.4 one", "%PDF-1.4 two"].map((text) => {
      const bytes = new TextEncoder().encode(text);
      return { bytes, sha1: createHash("sha1").update(bytes).digest("hex") };
    });
    for (const p of pdfs) await folder.put(p.sha1, p.bytes);
    const report = await migrateToPostgres({ from: t.path, to: db.url });
    assert.equal(report.pdfs, 2);
    for (const p of pdfs) assert.deepEqual(await moved.get(p.sha1), new Uint8Array(p.bytes));
    assert.equal(await moved.has("f".repeat(40)), false);
    assert.ok(await folder.has(pdfs[0].sha1), "the folder is left as it was");
  } finally {
    await moved.close();
    await db.drop();
    await t.cleanup();
  }
});

/** The demo library built on SQLite and migrated into a new database; `check` runs with a client on it. */
async function withMigratedDemo(check: (client: pg.Client, url: string) => Promise<void>): Promise<void> {
  const t = tempStore();
  const db = await postgres.newDatabase();
  const client = new pg.Client({ connectionString: db.url });
  try {
    await buildDemo(t.store);
    await migrateToPostgres({ from: t.path, to: db.url });
    await client.connect();
    await check(client, db.url);
  } finally {
    await client.end().catch(() => {});
    await db.drop();
    await t.cleanup();
  }
}

test(
  "citegraph migrate leaves the library analyzed: the planner knows its tables' sizes from the first search",
  {
    skip: postgres.skip,
  },
  () =>
    withMigratedDemo(async (client) => {
      // The tables a search and a filing read join; the copy wrote them all in one transaction, which autovacuum
      // would see only a minute later (docs/benchmarks.md, "PostgreSQL upkeep after imports").
      const big = [
        "works",
        "work_rank",
        "work_fts",
        "work_terms",
        "work_authors",
        "authors",
        "refs",
        "citations",
      ];
      const { rows } = await client.query<{ relname: string; last_analyze: Date | null; estimated: number }>(
        `SELECT s.relname, s.last_analyze, c.reltuples::float8 AS estimated
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = ANY($1::text[])`,
        [big],
      );
      assert.deepEqual(rows.map((r) => r.relname).sort(), [...big].sort());
      for (const r of rows) {
        assert.ok(r.last_analyze, `${r.relname} was never analyzed`);
        const { rows: n } = await client.query(`SELECT count(*)::float8 AS n FROM ${r.relname}`);
        assert.ok(n[0].n > 0, `${r.relname} holds rows`);
        // Under 30,000 rows ANALYZE reads them all: its count is exact.
        assert.equal(r.estimated, n[0].n, `${r.relname}: the planner's count of rows`);
      }
    }),
);

test(
  "citegraph migrate writes the postings after the index: the same rows and key the triggers keep, which are on after",
  {
    skip: postgres.skip,
  },
  () =>
    withMigratedDemo(async (client, url) => {
      const count = async () => (await client.query("SELECT count(*)::int AS n FROM work_terms")).rows[0].n;
      const before = await count();
      assert.ok(before > 100, "the demo's postings");
      assert.equal((await client.query(POSTINGS_DRIFT)).rows[0].n, 0);
      const key = await client.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'work_terms'");
      assert.deepEqual(
        key.rows.map((r) => r.indexdef),
        [
          "CREATE UNIQUE INDEX work_terms_pkey ON public.work_terms USING btree (lexeme, work_id) INCLUDE (freq, length, positions)",
        ],
      );
      // A work filed after the migration gets its postings from the trigger, turned on again.
      const store = await PostgresStore.open(url);
      try {
        await store.upsertDocuments([
          doc("after", { title: "Zymurgical lexemes", author: ["Lee, Ann"], year: 2001 }),
        ]);
      } finally {
        await store.close();
      }
      assert.ok((await count()) > before);
      // The title's word as written, under its field's tag (store/postgres/search-text.ts).
      const written = await client.query(
        "SELECT count(*)::int AS n FROM work_terms WHERE lexeme = 'T:zymurgical'",
      );
      assert.equal(written.rows[0].n, 1);
      assert.equal((await client.query(POSTINGS_DRIFT)).rows[0].n, 0);
    }),
);

describe("citegraph migrate: refusals and errors", { skip: postgres.skip }, () => {
  test("a non-empty target is refused unless --replace; a bad URL or a missing library is named", async () => {
    const t = tempStore();
    const db = await postgres.newDatabase();
    try {
      await t.store.upsertDocuments([doc("a", { title: "One work", author: ["Lee, Ann"], year: 2000 })]);
      const first = await migrateToPostgres({ from: t.path, to: db.url });
      assert.deepEqual(first.tables.find((x) => x.table === "works")?.rows, 1);
      await t.store.upsertDocuments([doc("b", { title: "Another work", author: ["Lee, Ann"], year: 2001 })]);
      await assert.rejects(migrateToPostgres({ from: t.path, to: db.url }), (e: Error) => {
        assert.ok(e instanceof MigrateError);
        assert.match(e.message, /already holds a library \(rows in works/);
        assert.match(e.message, /--replace/);
        return true;
      });
      const again = await migrateToPostgres({ from: t.path, to: db.url, replace: true });
      assert.equal(again.tables.find((x) => x.table === "works")?.rows, 2);
      assert.equal(again.verifiedWorks, 2);

      const secret = db.url
        .replace("postgres://postgres@", "postgres://postgres:hunter2@")
        .replace(db.name, "no_such_db");
      await assert.rejects(migrateToPostgres({ from: t.path, to: secret }), (e: Error) => {
        assert.ok(e instanceof MigrateError);
        assert.match(e.message, /cannot connect to postgres:\/\/postgres:\*\*\*@.*no_such_db/);
        assert.doesNotMatch(e.message, /hunter2/);
        return true;
      });
      await assert.rejects(
        migrateToPostgres({ from: join(t.path, "..", "missing.db"), to: db.url }),
        /no SQLite library at/,
      );
    } finally {
      await db.drop();
      await t.cleanup();
    }
  });

  test("verification names a work that reads differently, and a table whose rows differ", async () => {
    const t = tempStore();
    const db = await postgres.newDatabase();
    try {
      await t.store.upsertDocuments([
        doc("a", { title: "One work", author: ["Lee, Ann"], year: 2000 }),
        doc("b", { title: "Another work", author: ["Lee, Ann"], year: 2001 }),
      ]);
      await migrateToPostgres({ from: t.path, to: db.url });
      assert.equal(await verifyMigration({ from: t.path, to: db.url }), 2);
      // The copy changed behind the migration's back: verifying again must see it.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query("UPDATE works SET title = 'Tampered' WHERE id = 2");
        await assert.rejects(
          verifyMigration({ from: t.path, to: db.url }),
          /work 2 reads differently .*title: "Another work" ≠ "Tampered"/,
        );
        await client.query(
          "DELETE FROM failures; INSERT INTO failures (source, reason, at) VALUES ('x', 'y', 1)",
        );
        await assert.rejects(
          verifyMigration({ from: t.path, to: db.url }),
          /table failures has 0 rows in the SQLite library and 1 in postgres:/,
        );
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
      await t.cleanup();
    }
  });
});
