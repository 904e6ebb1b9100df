import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { doc, tempDir, tempStore } from "../../testing/temp-store.ts";
import type { Store } from "../types.ts";
import { MIGRATIONS } from "./schema.ts";
import { SqliteStore } from "./sqlite-store.ts";

const DOWNS = { title: "An economic theory of democracy", author: ["Downs, Anthony"], year: 1957 };

test("a reference written differently from the work's record still resolves to it", async () => {
  const { store, cleanup } = tempStore();
  try {
    await store.upsertDocuments([doc("downs", DOWNS)]);
    await store.upsertDocuments([
      doc("a", { title: "Voting", author: ["Lee, Ann"], year: 2001 }, [
        {
          item: {
            title: "An Economic Theory of Democrasy",
            author: [{ family: "Downs", given: "A." }],
            issued: { "date-parts": [[1958]] },
          },
        },
      ]),
    ]);
    const stats = await store.stats();
    assert.equal(stats.worksCitedOnly, 0, "no second work for the misspelt reference");
    const downs = (await store.getWork(1))!;
    assert.equal(downs.citedBy, 1);
  } finally {
    await cleanup();
  }
});

test("a reference that fits two works equally is left unresolved and listed as ambiguous", async () => {
  const { store, cleanup } = tempStore();
  try {
    // Two library records of one title, author and year, told apart only by their DOIs.
    await store.upsertDocuments([
      doc("x1", { ...DOWNS, DOI: "10.1000/one" }),
      doc("x2", { ...DOWNS, DOI: "10.1000/two" }),
    ]);
    assert.equal((await store.stats()).worksInLibrary, 2);
    await store.upsertDocuments([
      doc("c", { title: "Citing paper", author: ["Kim, Bo"], year: 2000 }, [
        {
          item: {
            title: DOWNS.title,
            author: [{ family: "Downs", given: "Anthony" }],
            issued: { "date-parts": [[1957]] },
          },
        },
        { doi: "10.1000/two" },
      ]),
    ]);
    const { total, items } = await store.ambiguousReferences({ offset: 0, limit: 10 });
    assert.equal(total, 1);
    assert.equal(items[0].citing.title, "Citing paper");
    assert.deepEqual(items[0].candidates.map((c) => c.id).sort(), [1, 2]);
    const [one, two] = await store.getWorks([1, 2]);
    assert.equal(one.citedBy, 0, "an ambiguous reference counts for neither work");
    assert.equal(two.citedBy, 1, "the DOI reference counts");
    const citing = (await store.getWork(3))!;
    assert.deepEqual(citing.references[0].ambiguous?.sort(), [1, 2]);
    assert.equal(citing.references[0].work, undefined);
  } finally {
    await cleanup();
  }
});

/** The graph as titles, which both paths must agree on whatever ids they gave. */
async function graphSnapshot(store: Store): Promise<string[]> {
  const lines: string[] = [];
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const w of await Promise.all(ids.map((id) => store.getWork(id)))) {
      const citing = await store.citedBy(w!.id, { sort: "citations", offset: 0, limit: 100 });
      lines.push(
        `${w!.title} [${w!.inLibrary ? "library" : "cited"}] cited by ${w!.citedBy} (${w!.selfCited} self): ${citing.items
          .map((c) => c.work.title)
          .sort()
          .join(
            "; ",
          )} | refs: ${w!.references.map((r) => r.work?.title ?? (r.ambiguous ? "ambiguous" : "-")).join("; ")}`,
      );
    }
    after = ids[ids.length - 1];
  }
  return lines.sort();
}

test("rebuild-graph gives the graph the incremental path kept, whatever order the records came in", async () => {
  const { store, cleanup } = tempStore();
  try {
    const ref = (title: string, family: string, year?: number) => ({
      item: {
        title,
        author: [{ family, given: "A." }],
        ...(year ? { issued: { "date-parts": [[year]] } } : {}),
      },
    });
    // Papers citing works before they arrive, variants of one cited-only work, ids, DOIs, a self-citation.
    await store.upsertDocuments([
      doc("p1", { title: "Tracing compilers for dynamic languages", author: ["Gal, Andreas"], year: 2009 }, [
        ref("Virtual machine interpreters", "Holloway", 2001),
        ref("Garbage collection: algorithms for automatic memory management", "Jones", 1996),
        { id: "p3" },
      ]),
    ]);
    await store.upsertDocuments([
      doc(
        "p2",
        { title: "Virtual machine interpreters", author: ["Holloway, Grace"], year: 2001, DOI: "10.1000/vm" },
        [
          ref("Garbage Collection - Algorithms for Automatic Memory Management", "Jones", 1996),
          ref("Tracing compilers for dynamic languages", "Gal", 2009),
        ],
      ),
      doc(
        "p3",
        { title: "Inline caches revisited", author: ["Gal, Andreas", "Holloway, Grace"], year: 2010 },
        [
          { doi: "10.1000/vm" },
          ref("Tracing compilers for dynamic languages", "Gal", 2009),
          ref("A history of Lisp", "McCarthy", 1978),
        ],
      ),
    ]);
    const incremental = await graphSnapshot(store);
    const result = await store.rebuildGraph();
    assert.equal(result.references, 8);
    assert.equal(result.resolved, 8);
    assert.deepEqual(await graphSnapshot(store), incremental);
    const stats = await store.stats();
    assert.equal(stats.worksCitedOnly, 2, "the two garbage-collection references are one cited-only work");
    const gc = await store.search({
      query: { kind: "term", field: "title", word: "garbage" },
      sort: "relevance",
      offset: 0,
      limit: 5,
      includeCitations: true,
      citationBoost: false,
      facets: false,
    });
    assert.equal(gc.total, 1, "the search index lost no cited-only work and kept no stale one");
    assert.equal((await store.getWorks(gc.ids))[0].citedBy, 2);
  } finally {
    await cleanup();
  }
});

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
        [1, 2],
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
