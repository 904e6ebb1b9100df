/**
 * The PostgreSQL store's own behaviour on a real server (what the migration tests in src/library/ do not reach):
 * an empty database gets the schema and reads as an empty library, opening it twice at once migrates once, a
 * database from a newer citegraph is refused with the URL (password hidden), and openStore() picks this store
 * for a postgres:// URL, which files what it is given.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import pg from "pg";
import { importFiles } from "../../library/import.ts";
import { testPostgres } from "../../testing/postgres.ts";
import { tempDir } from "../../testing/temp-store.ts";
import { doc } from "../contract/inputs.ts";
import { openStore } from "../open.ts";
import { PostgresStore } from "./postgres-store.ts";
import { MIGRATIONS } from "./schema.ts";
import { safeUrl } from "./url.ts";

const postgres = await testPostgres();

test("a URL is shown without its password", () => {
  assert.equal(safeUrl("postgres://me:s3cret@db.example/lib"), "postgres://me:***@db.example/lib");
  assert.equal(
    safeUrl("postgresql://me@db/lib?password=s3cret&sslmode=require"),
    "postgresql://me@db/lib?password=***&sslmode=require",
  );
  assert.equal(safeUrl("postgres://me@/lib?host=/tmp/pg"), "postgres://me@/lib?host=/tmp/pg");
});

describe("the PostgreSQL store", { skip: postgres.skip }, () => {
  test("an empty database becomes an empty library; two opening at once migrate it once", async () => {
    const db = await postgres.newDatabase();
    try {
      const [a, b] = await Promise.all([PostgresStore.open(db.url), PostgresStore.open(db.url)]);
      try {
        assert.deepEqual(await a.stats(), {
          works: 0,
          worksInLibrary: 0,
          worksCitedOnly: 0,
          documents: 0,
          references: 0,
          referencesResolved: 0,
          citations: 0,
          selfCitations: 0,
          authors: 0,
          failures: 0,
        });
        const found = await b.search({
          query: { kind: "term", field: "any", word: "anything" },
          sort: "relevance",
          offset: 0,
          limit: 10,
          includeCitations: true,
          citationBoost: true,
          facets: true,
        });
        assert.deepEqual(found, { total: 0, ids: [], facets: { year: [], venue: [], author: [] } });
        assert.equal(await a.earliestChange(), undefined);
        assert.equal(await a.getWork(1), undefined);
        const { rows } = await a.pool.query("SELECT version FROM schema_migrations");
        assert.deepEqual(
          rows.map((r) => r.version).sort(),
          MIGRATIONS.map((m) => m.version),
        );
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    } finally {
      await db.drop();
    }
  });

  test("PDF copies are stored as they are; clearing a file's failures, when it has none, writes nothing", async () => {
    const db = await postgres.newDatabase();
    try {
      const store = await PostgresStore.open(db.url);
      try {
        // A compressible payload: stored with pglz it would shrink, stored EXTERNAL it keeps its size.
        const bytes = Buffer.from("BT /F1 12 Tf (the same line again) Tj ET\n".repeat(5000));
        await store.pool.query("INSERT INTO pdf_files (sha1, bytes, added_at) VALUES ($1, $2, 0)", [
          "a".repeat(40),
          bytes,
        ]);
        const { rows } = await store.pool.query(
          "SELECT pg_column_compression(bytes) AS compression, pg_column_size(bytes) AS size FROM pdf_files",
        );
        assert.deepEqual(rows, [{ compression: null, size: bytes.byteLength }]);

        const version = async () =>
          Number((await store.pool.query("SELECT version FROM write_version")).rows[0].version);
        const before = await version();
        await store.clearFailures(["paper.pdf"]);
        assert.equal(await version(), before, "no write transaction for nothing to clear");
        await store.recordFailures([
          { source: "paper.pdf", location: "paper.pdf", reason: "corrupt: no xref" },
        ]);
        await store.recordFailures([
          { source: "other.pdf", location: "other.pdf", reason: "corrupt: no xref" },
        ]);
        await store.clearFailures(["paper.pdf"]);
        assert.deepEqual(
          (await store.failures()).map((f) => f.source),
          ["other.pdf"],
        );
        assert.equal(await version(), before + 3, "two failures recorded, one cleared");
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });

  test("a library from a newer citegraph is refused, naming the database but not the password", async () => {
    const db = await postgres.newDatabase();
    try {
      const first = await PostgresStore.open(db.url);
      await first.pool.query("INSERT INTO schema_migrations VALUES (99, 'from the future', 0)");
      await first.close();
      const secret = db.url.replace("postgres://postgres@", "postgres://postgres:hunter2@");
      await assert.rejects(PostgresStore.open(secret), (e: Error) => {
        assert.match(
          e.message,
          /cannot open the library postgres:\/\/postgres:\*\*\*@.*: the library was written by a newer citegraph \(schema version 99/,
        );
        assert.doesNotMatch(e.message, /hunter2/);
        return true;
      });
    } finally {
      await db.drop();
    }
  });

  test("openStore opens a postgres:// URL as this store, which files, merges, corrects and rebuilds", async () => {
    const db = await postgres.newDatabase();
    try {
      const store = openStore(db.url);
      try {
        assert.equal((await store.stats()).works, 0);
        const result = await store.upsertDocuments([
          doc("a", { title: "A work", author: ["Lee, Ann"], year: 2000 }),
          doc("b", { title: "Another work", author: ["Lee, Ann"], year: 2001 }),
        ]);
        assert.deepEqual(result, { added: 2, updated: 0, unchanged: 0 });
        const { mergeId } = await store.mergeWorks(1, 2, "one paper");
        assert.deepEqual(await store.retiredWork(2), { into: 1 });
        assert.deepEqual(await store.splitMerge(mergeId), { workId: 2 });
        const c = await store.correctWork(1, { title: "A corrected work" }, { editor: "me" });
        assert.equal((await store.getWork(1))?.title, "A corrected work");
        await store.revertCorrection(c.id, "me");
        assert.equal((await store.getWork(1))?.title, "A work");
        assert.equal((await store.rebuildGraph()).citedOnly, 0);
        assert.equal((await store.stats()).authors, 1);
      } finally {
        await store.close();
      }
      // What the store created is a library a plain client sees.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT count(*)::int AS n FROM works");
        assert.equal(rows[0].n, 2);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  test("a record whose JSON escapes a NUL is filed (PostgreSQL stores no NUL in text: it never reaches the store)", async () => {
    const db = await postgres.newDatabase();
    const dir = tempDir("citegraph-pg-nul-");
    const file = join(dir, "nul.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({
        id: "n\u0000ul",
        title: "A title\u0000 with a NUL",
        author: ["Smith, J\u0000ohn", { family: "Do\u0000e", given: "Jane" }],
        abstract: "An abstract\u0000.",
        references: ["Lee, A. (1999). A printed\u0000 reference. Journal.", "x\u0000y", { id: "i\u0000d" }],
      })}\n`,
    );
    const store = openStore(db.url);
    try {
      const report = await importFiles(store, [file]);
      assert.deepEqual([report.added, report.failed], [1, 0], JSON.stringify(report.errors));
      const [work] = await store.getWorks([1]);
      assert.equal(work.title, "A title with a NUL");
      assert.deepEqual(
        work.authors.map((a) => a.name),
        ["J ohn Smith", "Jane Do e"], // a control character is read as a space, as in every field
      );
      assert.equal((await store.stats()).references, 3);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
