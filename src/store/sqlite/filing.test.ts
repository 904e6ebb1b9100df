/**
 * The SQLite library as filing's store (src/graph/filing/ over store/sqlite/write.ts): what filing keeps of rows
 * between transactions is dropped when another connection wrote or a transaction rolled back, async writers on
 * one store object take turns, reads never see a write half-done, and reading ahead (as a store over a network
 * files) gives the same graph as reading as filing goes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../../formats/csl.ts";
import { doc, tempStore } from "../../testing/temp-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

test("another connection's writes are seen: people and works filing kept are read again", async () => {
  const { store, path, cleanup } = tempStore();
  const other = new SqliteStore(path);
  try {
    await store.upsertDocuments([
      doc("a", { title: "Routing in ad hoc networks", author: "Smith, John", year: 1999 }),
    ]);
    // The other connection adds a second person to the name block and retitles the work.
    await other.upsertDocuments([
      doc("b", { title: "Mobile IP for everyone", author: "Smith, James", year: 1996 }),
    ]);
    const [a] = await other.listWorkIds({ afterId: 0, limit: 1, includeCitations: false });
    await other.correctWork(a, { title: "Ad hoc on-demand distance vector routing" }, { editor: "test" });
    // This connection files a third James Smith, and a reference by the corrected title.
    const cites = {
      title: "Ad hoc on-demand distance vector routing",
      author: [{ family: "Smith", given: "J." }],
    };
    await store.upsertDocuments([
      doc("c", { title: "Wireless mesh routing", author: "Smith, James", year: 2001 }, [
        { item: { ...cites, issued: { "date-parts": [[1999]] } } as CslItem },
      ]),
    ]);
    const works = await store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true });
    const byTitle = new Map((await store.getWorks(works)).map((w) => [w.title, w]));
    const james = byTitle.get("Mobile IP for everyone")?.authors[0];
    assert.equal(byTitle.get("Wireless mesh routing")?.authors[0].id, james?.id, "the same James Smith");
    assert.equal(works.length, 3, "the reference found the retitled work: no cited-only work was made");
    assert.equal((await store.getWork(a))?.citedBy, 1);
  } finally {
    await other.close();
    await cleanup();
  }
});

test("a change that fails halfway leaves nothing, and filing afterwards is as on a fresh library", async () => {
  const { store, cleanup } = tempStore();
  const fresh = tempStore();
  const records = [
    doc("a", { title: "Routing in ad hoc networks", author: "Perkins, C.", year: 1999 }),
    doc("b", { title: "Mobile IP", author: "Johnson, D.", year: 1996 }, [
      { item: { title: "Routing in ad hoc networks", author: [{ family: "Perkins" }] } as CslItem },
      { item: { title: "Dynamic source routing", author: [{ family: "Johnson" }] } as CslItem },
    ]),
  ];
  // A record that cannot be written (a value JSON has no form for) comes last in its batch.
  const broken = doc("c", { title: "Broken", author: "Nobody, N." });
  (broken.item as unknown as { note: bigint }).note = 1n;
  try {
    await assert.rejects(store.upsertDocuments([...records, broken]), /BigInt/);
    assert.equal((await store.stats()).documents, 0);
    assert.deepEqual(await store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true }), []);
    await store.upsertDocuments(records);
    await fresh.store.upsertDocuments(records);
    const ids = await store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true });
    assert.deepEqual(ids, await fresh.store.listWorkIds({ afterId: 0, limit: 10, includeCitations: true }));
    const summaries = async (s: SqliteStore) => (await s.getWorks(ids)).map(({ addedAt: _, ...w }) => w);
    assert.deepEqual(await summaries(store), await summaries(fresh.store));
  } finally {
    await fresh.cleanup();
    await cleanup();
  }
});

test("writes on one store take turns, and a read never sees one half-done", async () => {
  const { store, cleanup } = tempStore();
  try {
    const batch = (from: number) =>
      Array.from({ length: 40 }, (_, i) =>
        doc(`r${from + i}`, {
          title: `Paper number ${from + i} on routing`,
          author: "Perkins, C.",
          year: 2000,
        }),
      );
    const seen = new Set<number>();
    let writing = true;
    // Reads keep starting while the writes run (each in a later microtask, as a request handler's would).
    const reader = (async () => {
      while (writing) {
        seen.add((await store.listWorkIds({ afterId: 0, limit: 1000, includeCitations: true })).length);
        await Promise.resolve();
      }
    })();
    const [first, second] = await Promise.all([
      store.upsertDocuments(batch(0)),
      store.upsertDocuments(batch(40)),
      store.recordFailures([{ source: "x", location: "y", reason: "syntax: a failure filed meanwhile" }]),
    ]);
    writing = false;
    await reader;
    assert.equal(first.added + second.added, 80);
    assert.equal((await store.stats()).documents, 80);
    assert.ok(
      [...seen].every((n) => n === 0 || n === 40 || n === 80),
      `reads saw only whole batches: ${[...seen].sort((a, b) => a - b).join(", ")}`,
    );
  } finally {
    await cleanup();
  }
});

/** A seeded library whose references meet many candidates: shared words and names, typos, initials, updates. */
function lookalikeLibrary(seed: number, size: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const words = "routing mobile ad hoc networks wireless mesh sensor energy secure".split(" ");
  const people = ["Perkins, C.", "Johnson, David", "Johnson, D. B.", "Maltz, D.", "Royer, E.", "Smith, John"];
  const items = Array.from({ length: size }, () => ({
    title: Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(words)).join(" "),
    author: pick(people),
    year: 1995 + Math.floor(random() * 10),
  }));
  const cite = (i: number) => {
    const t = items[i].title.split(" ");
    if (random() < 0.3) t[0] = `${t[0].slice(0, 1)}${t[0].slice(2)}${t[0].slice(1, 2)}`;
    return { title: t.join(" "), author: [{ family: items[i].author.split(",")[0] }] } as CslItem;
  };
  return items.map((fields, i) =>
    doc(
      `g${i}`,
      fields,
      Array.from({ length: i ? 4 : 0 }, () => ({ item: cite(Math.floor(random() * i)) })),
    ),
  );
}

test("reading ahead, as a store over a network files, gives the same graph as reading as filing goes", async () => {
  const asYouGo = tempStore();
  const ahead = tempStore();
  const aheadStore = new SqliteStore(`${ahead.path}.ahead`, { readAhead: true });
  try {
    const records = lookalikeLibrary(7, 120);
    for (const store of [asYouGo.store, aheadStore]) {
      for (let i = 0; i < records.length; i += 50) await store.upsertDocuments(records.slice(i, i + 50));
      // Some records again with another title, a merge by hand and its split, then everything filed again.
      await store.upsertDocuments(
        records.slice(0, 30).map((r) => doc(r.sourceId, { ...r.item, title: `${r.item.title} revisited` })),
      );
      const [a, b] = await store.listWorkIds({ afterId: 2, limit: 2, includeCitations: false });
      const m = await store.mergeWorks(a, b);
      await store.splitMerge(m.mergeId);
    }
    const dump = (store: SqliteStore) =>
      Object.fromEntries(
        [
          "SELECT id, in_library, doi, csl FROM works ORDER BY id",
          "SELECT id, work_id, ambiguous FROM refs ORDER BY id",
          "SELECT id, key, given_names FROM authors ORDER BY id",
          "SELECT work_id, position, author_id FROM work_authors ORDER BY work_id, position",
          "SELECT cited_id, citing_id, self FROM citations ORDER BY cited_id, citing_id",
          "SELECT id, into_id FROM retired_works ORDER BY id",
          "SELECT key_hash, work_id FROM work_keys ORDER BY key_hash, work_id",
        ].map((sql) => [sql, store.db.prepare(sql).raw().all()]),
      );
    const before = dump(asYouGo.store);
    assert.ok((before["SELECT id, work_id, ambiguous FROM refs ORDER BY id"] as unknown[]).length > 300);
    assert.deepEqual(dump(aheadStore), before);
    await asYouGo.store.rebuildGraph();
    await aheadStore.rebuildGraph();
    assert.deepEqual(dump(aheadStore), dump(asYouGo.store));
  } finally {
    await aheadStore.close();
    await ahead.cleanup();
    await asYouGo.cleanup();
  }
});
