/** The graph on SQLite only: what needs the SQLite file itself (an old schema, raw SQL as the oracle). */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { doc, tempDir, tempStore } from "../../testing/temp-store.ts";
import { MIGRATIONS } from "./schema.ts";
import { SqliteStore } from "./sqlite-store.ts";

const DOWNS = { title: "An economic theory of democracy", author: ["Downs, Anthony"], year: 1957 };

test("a library written before the matcher is migrated: its works get blocking keys and match references", async () => {
  const dir = tempDir();
  const path = join(dir, "old.db");
  try {
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0].sql);
    raw.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    raw.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', 0)").run();
    const csl = JSON.stringify({
      type: "book",
      title: DOWNS.title,
      author: [{ family: "Downs", given: "Anthony" }],
      issued: { "date-parts": [[1957]] },
    });
    raw
      .prepare(
        "INSERT INTO works (id, in_library, type, title, year, csl, match_key, match_hash, added_at, updated_at) VALUES (1, 0, 'book', ?, 1957, ?, 'k', 1, 0, 0)",
      )
      .run(DOWNS.title, csl);
    raw.prepare("INSERT INTO work_rank (id, in_library, year, added_at) VALUES (1, 0, 1957, 0)").run();
    raw.close();
    const store = new SqliteStore(path);
    try {
      assert.deepEqual(
        store.db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all(),
        MIGRATIONS.map((m) => m.version),
      );
      assert.ok(
        Number(store.db.prepare("SELECT count(*) FROM work_keys WHERE work_id = 1").pluck().get()) > 0,
      );
      await store.upsertDocuments([
        doc("a", { title: "Citing", author: ["Lee, Ann"], year: 2000 }, [
          { item: { title: DOWNS.title, author: [{ family: "Downs", given: "A." }] } },
        ]),
      ]);
      assert.equal((await store.getWorks([1]))[0].citedBy, 1);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the most cited authors and venues: the fast path ranks as one query over every work would", async () => {
  const { store, cleanup } = tempStore();
  try {
    // 40 papers by 12 authors in 5 venues over 3 years, citing earlier papers at random (seeded).
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const names = Array.from({ length: 12 }, (_, i) => `Author${String.fromCharCode(65 + i)}, Ann`);
    const batch = Array.from({ length: 40 }, (_, i) =>
      doc(
        `p${i}`,
        {
          title: `Paper number ${i} on topic ${i % 7}`,
          author: [names[Math.floor(random() * 12)], names[Math.floor(random() * 12)]],
          year: 2000 + (i % 3),
          "container-title": `Venue ${i % 5}`,
        },
        Array.from({ length: Math.floor(random() * 4) }, () => ({ id: `p${Math.floor(random() * 40)}` })),
      ),
    );
    await store.upsertDocuments(batch);
    for (const year of [undefined, 2001]) {
      for (const limit of [1, 3]) {
        const got = await store.leaders({ year, limit });
        const filter = year === undefined ? "r.in_library = 1" : `r.in_library = 1 AND r.year = ${year}`;
        const expected = store.db
          .prepare(
            `SELECT a.id, a.name, count(DISTINCT wa.work_id) AS works, sum(r.cited_by) AS citations FROM work_authors wa
             JOIN work_rank r ON r.id = wa.work_id JOIN authors a ON a.id = wa.author_id
             WHERE ${filter} GROUP BY a.id ORDER BY citations DESC, works DESC, a.id LIMIT ?`,
          )
          .all(limit);
        assert.ok(got.authors[0].citations > 0);
        assert.deepEqual(got.authors, expected, `authors, year ${year}, limit ${limit}`);
        const venues = store.db
          .prepare(
            `SELECT v.id, v.name, count(*) AS works, sum(r.cited_by) AS citations FROM work_rank r
             JOIN venues v ON v.id = r.venue_id WHERE ${filter} GROUP BY v.id
             ORDER BY citations DESC, works DESC, v.id LIMIT ?`,
          )
          .all(limit);
        assert.deepEqual(got.venues, venues, `venues, year ${year}, limit ${limit}`);
      }
    }
  } finally {
    await cleanup();
  }
});
