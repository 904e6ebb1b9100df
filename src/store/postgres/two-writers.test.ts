/**
 * Several processes filing into one PostgreSQL library at once (job-queue workers): two PostgresStore objects on
 * one database — two pools, two sessions, as two processes would have — file in parallel. Filing decides from
 * what it reads, so without the writers' lock two filers would both make the work a reference names; without
 * the version counter a filer would decide from what it kept of rows another process has changed since.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testPostgres } from "../../testing/postgres.ts";
import { doc } from "../contract/inputs.ts";
import type { DocumentInput } from "../types.ts";
import { PostgresStore } from "./postgres-store.ts";

const postgres = await testPostgres();

/** Batches filed by each writer. */
const BATCHES = 8;
/** Documents a batch. */
const PER_BATCH = 5;

/** Words enough for a distinct title a paper: titles alike would be matched as one work. */
const WORDS = (
  "adaptive bayesian cache dynamic elastic federated graph hashing index journal kernel lattice memory " +
  "network optimal parallel quantum random sparse tensor unified vector wavelet zero"
).split(" ");

/** A batch of papers, each citing the same work nobody has filed yet. */
function batch(writer: number, n: number): DocumentInput[] {
  return Array.from({ length: PER_BATCH }, (_, i) => {
    const k = (writer * BATCHES + n) * PER_BATCH + i;
    const title = [0, 1, 2].map((d) => WORDS[Math.floor(k / WORDS.length ** d) % WORDS.length]).join(" ");
    return doc(
      `${writer}-${n}-${i}`,
      {
        title: `${title} for ${WORDS[(k * 7) % WORDS.length]} systems`,
        author: [`${WORDS[k % WORDS.length]}son, ${WORDS[(k * 3) % WORDS.length]}`],
        year: 1990 + (k % 30),
      },
      [
        {
          item: {
            title: "A shared foundation of distributed scheduling",
            author: [{ family: "Lamport", given: "Leslie" }],
            issued: { "date-parts": [[1978]] },
          },
        },
      ],
    );
  });
}

describe("two PostgreSQL stores filing into one library at once", { skip: postgres.skip }, () => {
  let db: Awaited<ReturnType<typeof postgres.newDatabase>>;
  let a: PostgresStore;
  let b: PostgresStore;

  before(async () => {
    db = await postgres.newDatabase();
    [a, b] = await Promise.all([PostgresStore.open(db.url), PostgresStore.open(db.url)]);
  });

  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  test("references to the same new work from parallel batches make one work, cited by every paper", async () => {
    const file = async (store: PostgresStore, writer: number) => {
      for (let n = 0; n < BATCHES; n++) await store.upsertDocuments(batch(writer, n));
    };
    await Promise.all([file(a, 0), file(b, 1)]);
    const papers = 2 * BATCHES * PER_BATCH;
    const stats = await b.stats();
    assert.equal(stats.worksInLibrary, papers);
    assert.equal(stats.worksCitedOnly, 1, "one cited-only work, not one a writer");
    assert.equal(stats.works, papers + 1);
    assert.equal(stats.references, papers);
    assert.equal(stats.referencesResolved, papers);
    assert.equal(stats.citations, papers);
    const found = await a.search({
      query: { kind: "phrase", field: "title", words: ["shared", "foundation"], exact: false },
      sort: "relevance",
      offset: 0,
      limit: 10,
      includeCitations: true,
      citationBoost: true,
      facets: false,
    });
    assert.equal(found.total, 1);
    const [shared] = await a.getWorks(found.ids);
    assert.equal(shared.citedBy, papers, "Cited by N counts every paper");
    const cited = await b.citedBy(shared.id, { sort: "citations", offset: 0, limit: 1000 });
    assert.equal(cited.total, papers);
    assert.equal(cited.items.length, papers);
    // Ids are given one after another, none twice, none skipped (as SQLite gives them).
    const ids = await a.listWorkIds({ afterId: 0, limit: 1000, includeCitations: true });
    assert.deepEqual(
      ids,
      Array.from({ length: papers + 1 }, (_, i) => i + 1),
    );
  });

  test("a writer sees what another wrote since its last write: people another process added are not added again", async () => {
    // a reads the name block "lee_a" (one person, Ann); b adds a second person to it (Alan); a then files Alan
    // again, and must find b's person — from what it kept of the block, it would add "lee_a#2" a second time.
    await a.upsertDocuments([doc("lee-1", { title: "First by Ann Lee", author: ["Lee, Ann"], year: 1990 })]);
    await b.upsertDocuments([
      doc("lee-2", { title: "First by Alan Lee", author: ["Lee, Alan"], year: 1991 }),
    ]);
    await a.upsertDocuments([
      doc("lee-3", { title: "Second by Alan Lee", author: ["Lee, Alan"], year: 1992 }),
    ]);
    const ids = await a.listWorkIds({ afterId: 0, limit: 1000, includeCitations: false });
    const works = await a.getWorks(ids.slice(-3));
    assert.deepEqual(
      works.map((w) => w.title),
      ["First by Ann Lee", "First by Alan Lee", "Second by Alan Lee"],
    );
    const [ann, alan, alanAgain] = works.map((w) => w.authors[0].id);
    assert.notEqual(ann, alan, "two people");
    assert.equal(alanAgain, alan, "Alan is the person b made");
    // Caches of whole-library answers follow the other store's writes too.
    const before = await a.stats();
    await b.recordFailures([{ source: "other.bib", reason: "syntax: seen by the other store" }]);
    assert.equal((await a.stats()).failures, before.failures + 1);
    assert.deepEqual(
      (await a.failures()).map((f) => f.source),
      ["other.bib"],
    );
  });

  test("a write that fails is rolled back whole, and the next write of the same store is not misled", async () => {
    const before = await a.stats();
    await assert.rejects(a.correctWork(999_999, { title: "Nothing here" }, { editor: "me" }));
    await assert.rejects(a.splitMerge(12345));
    assert.deepEqual(await a.stats(), before);
    await a.upsertDocuments([doc("after-failure", { title: "Filed after a failure", author: ["Lee, Ann"] })]);
    assert.equal((await b.stats()).worksInLibrary, before.worksInLibrary + 1);
  });
});
