/**
 * Contract: filing records — adding, updating, references waiting for their target, cited-only works, counts
 * that equal their lists, failures, and what another connection to the same library sees.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { authorKey } from "../../graph/keys.ts";
import type { Store, WorkId } from "../types.ts";
import type { NewStore } from "./harness.ts";
import { doc, searchTitle } from "./inputs.ts";

/** A small deterministic random generator, so a failing case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The work each document is filed in, by the record's own id: what the brute force checks counts against. */
async function workOfSource(store: Store): Promise<Map<string, WorkId>> {
  const workOf = new Map<string, WorkId>();
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const id of ids)
      for (const d of (await store.getWork(id))!.documents) if (d.sourceId) workOf.set(d.sourceId, id);
    after = ids[ids.length - 1];
  }
  return workOf;
}

export function recordsContract(newStore: NewStore): void {
  test("the same records twice add nothing; a changed record updates its work", async () => {
    const { store, cleanup } = await newStore();
    try {
      const a = doc("a", { title: "Virtual machines everywhere", author: ["Smith, John"], year: 2001 });
      assert.deepEqual(await store.upsertDocuments([a]), { added: 1, updated: 0, unchanged: 0 });
      assert.deepEqual(await store.upsertDocuments([a]), { added: 0, updated: 0, unchanged: 1 });
      const changed = doc("a", { title: "Virtual machines nowhere", author: ["Smith, John"], year: 2002 });
      assert.deepEqual(await store.upsertDocuments([changed]), { added: 0, updated: 1, unchanged: 0 });
      const stats = await store.stats();
      assert.equal(stats.works, 1);
      assert.equal(stats.documents, 1);
      const w = await store.getWork(1);
      assert.equal(w?.title, "Virtual machines nowhere");
      assert.equal(w?.year, 2002);
      // The index follows the update: the old title is gone, the new one found.
      const find = async (word: string) =>
        (
          await store.search({
            query: { kind: "term", field: "title", word },
            sort: "relevance",
            offset: 0,
            limit: 10,
            includeCitations: true,
            citationBoost: false,
            facets: false,
          })
        ).total;
      assert.equal(await find("everywhere"), 0);
      assert.equal(await find("nowhere"), 1);
    } finally {
      await cleanup();
    }
  });

  test("a record with the DOI of a known work becomes another document of that work", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([doc("x", { title: "Paper", author: ["Lee, A."], DOI: "10.1000/ABC" })]);
      await store.upsertDocuments([
        doc("y", { title: "Paper (preprint)", author: ["Lee, Ann"], DOI: "https://doi.org/10.1000/abc" }),
      ]);
      const stats = await store.stats();
      assert.equal(stats.works, 1);
      assert.equal(stats.documents, 2);
      assert.equal((await store.getWork(1))?.documents.length, 2);
    } finally {
      await cleanup();
    }
  });

  test("references wait for their target and resolve when it arrives, in a later batch or file", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("citing", { title: "Citing paper", author: ["Lee, Ann"] }, [
          { id: "later" },
          { doi: "10.1000/zzz" },
        ]),
      ]);
      let w = await store.getWork(1);
      assert.deepEqual(
        w?.references.map((r) => r.target),
        ["id:later", "doi:10.1000/zzz"],
      );
      await store.upsertDocuments([doc("later", { title: "Cited paper", author: ["Kim, Bo"] })]);
      await store.upsertDocuments([
        doc(undefined, { title: "Third paper", author: ["Lee, A."], DOI: "10.1000/ZZZ" }),
      ]);
      w = await store.getWork(1);
      assert.deepEqual(
        w?.references.map((r) => r.work?.id),
        [2, 3],
      );
      const cited = await store.getWorks([2, 3]);
      assert.deepEqual(
        cited.map((c) => [c.citedBy, c.selfCited]),
        [
          [1, 0],
          [1, 1], // Lee, Ann and Lee, A. share surname and initial: a self-citation
        ],
      );
    } finally {
      await cleanup();
    }
  });

  test("cited-only works: made from references, kept out of search, promoted when the paper arrives, dropped when no longer cited", async () => {
    const { store, cleanup } = await newStore();
    try {
      const ref = {
        item: {
          title: "The Java virtual machine specification",
          author: [{ family: "Lindholm", given: "Tim" }],
        },
      };
      await store.upsertDocuments([
        doc("a", { title: "Paper A about compilers", author: ["Smith, J."] }, [ref]),
        doc("b", { title: "Paper B about compilers", author: ["Jones, K."] }, [ref]),
      ]);
      let stats = await store.stats();
      assert.equal(stats.worksCitedOnly, 1);
      const specId = (await store.getWork(1))!.references[0].work!.id;
      const spec = (await store.getWorks([specId]))[0];
      assert.equal(spec.inLibrary, false);
      assert.equal(spec.citedBy, 2);
      const q = { kind: "term" as const, field: "any" as const, word: "specification" };
      const base = { sort: "relevance" as const, offset: 0, limit: 10, citationBoost: true, facets: false };
      assert.equal((await store.search({ ...base, query: q, includeCitations: false })).total, 0);
      assert.equal((await store.search({ ...base, query: q, includeCitations: true })).total, 1);
      // The paper itself arrives: same title and first author, so it is the same work.
      await store.upsertDocuments([
        doc("spec", {
          title: "The Java Virtual Machine Specification",
          author: ["Lindholm, T."],
          year: 1996,
        }),
      ]);
      stats = await store.stats();
      assert.equal(stats.worksCitedOnly, 0);
      assert.equal(stats.works, 3);
      assert.equal((await store.getWork(specId))?.inLibrary, true);
      assert.equal((await store.getWork(specId))?.citedBy, 2);
      // Another cited-only work, then the only record citing it changes its references: it goes.
      await store.upsertDocuments([
        doc("c", { title: "Paper C", author: ["Ng, P."] }, [
          { item: { title: "An obscure report nobody has", author: [{ family: "Doe", given: "Jane" }] } },
        ]),
      ]);
      assert.equal((await store.stats()).worksCitedOnly, 1);
      await store.upsertDocuments([doc("c", { title: "Paper C", author: ["Ng, P."] }, [])]);
      assert.equal((await store.stats()).worksCitedOnly, 0);
    } finally {
      await cleanup();
    }
  });

  test("a paper cited earlier in the same batch keeps its full text, as in a batch of its own", async () => {
    // Issue 16: the work an earlier record of the batch made cited-only was taken for one made for the paper.
    const citing = doc("citing", { title: "Garbage collection in practice", author: ["Ng, P."] }, [
      {
        item: {
          title: "Generation scavenging",
          author: [{ family: "Ungar", given: "David" }],
          issued: { "date-parts": [[1984]] },
        },
      },
    ]);
    const paper = {
      ...doc("ungar", { title: "Generation Scavenging", author: ["Ungar, David"], year: 1984 }),
      kind: "pdf" as const,
      body: "A non-disruptive high performance storage reclamation algorithm with tenuring",
    };
    for (const batches of [[[citing, paper]], [[citing], [paper]]]) {
      const { store, cleanup } = await newStore();
      try {
        for (const batch of batches) await store.upsertDocuments(batch);
        const found = await store.search({
          query: { kind: "term", field: "text", word: "algorithm" },
          sort: "relevance",
          offset: 0,
          limit: 10,
          includeCitations: false,
          citationBoost: false,
          facets: false,
        });
        const what = `${batches.length} batch(es)`;
        assert.equal(found.total, 1, `${what}: its text is searchable`);
        const work = (await store.getWorks(found.ids))[0];
        assert.equal(work.hasFullText, true, `${what}: it has its full text`);
        assert.equal(work.citedBy, 1, `${what}: the reference found the paper`);
      } finally {
        await cleanup();
      }
    }
  });

  test("counts always equal the lists behind them and a brute-force recount, after random imports and updates", async () => {
    const { store, cleanup } = await newStore();
    try {
      const random = rng(42);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const people = [
        "Smith, John",
        "Smith, J.",
        "Lee, Ann",
        "Kim, Bo",
        "Müller, Jan",
        "Muller, J.",
        "Garcia, Luis",
        "Chen, Wei",
      ];
      const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
      /** The current state of each record, as the brute force sees it. */
      const current = new Map<string, { authors: string[]; refs: string[] }>();
      for (let round = 0; round < 8; round++) {
        const batch = [];
        for (let k = 0; k < 25; k++) {
          const id = pick(ids);
          const authors = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(people));
          const refs = Array.from({ length: Math.floor(random() * 6) }, () => pick(ids)).filter(
            (r) => r !== id,
          );
          current.set(id, { authors, refs });
          batch.push(
            doc(
              id,
              { title: `Work ${id} round ${round}`, author: authors },
              refs.map((r) => ({ id: r })),
            ),
          );
        }
        await store.upsertDocuments(batch);
      }
      const workOf = await workOfSource(store);
      const keys = (id: string) =>
        new Set(
          current
            .get(id)!
            .authors.map((a) => authorKey({ family: a.split(", ")[0], given: a.split(", ")[1] })),
        );
      for (const [id] of current) {
        const citing = [...current]
          .filter(([other, rec]) => other !== id && rec.refs.includes(id))
          .map(([other]) => other);
        const self = citing.filter((c) => [...keys(c)].some((k) => keys(id).has(k)));
        const w = (await store.getWorks([workOf.get(id)!]))[0];
        const list = await store.citedBy(w.id, { sort: "citations", offset: 0, limit: 1000 });
        assert.equal(w.citedBy, citing.length, `cited_by of ${id}`);
        assert.equal(list.total, w.citedBy, `list total of ${id}`);
        assert.equal(list.items.length, w.citedBy, `list length of ${id}`);
        assert.equal(w.selfCited, self.length, `self_cited of ${id}`);
        assert.equal(list.items.filter((i) => i.self).length, w.selfCited);
      }
    } finally {
      await cleanup();
    }
  });

  test("failures are recorded once per place, with the reason", async () => {
    const { store, cleanup } = await newStore();
    try {
      const f = { source: "x.bib", location: "x.bib:3 (record 1)", reason: "bad" };
      await store.recordFailures([f]);
      await store.recordFailures([f]);
      const list = await store.failures();
      assert.equal(list.length, 1);
      assert.equal(list[0].reason, "bad");
    } finally {
      await cleanup();
    }
  });

  test("totals and facets follow writes, this process's and another's", async () => {
    const { store, openAgain, cleanup } = await newStore();
    const other = await openAgain();
    try {
      const req = {
        query: { kind: "term" as const, field: "any" as const, word: "compiler" },
        sort: "relevance" as const,
        offset: 0,
        limit: 1,
        includeCitations: false,
        citationBoost: true,
        facets: true,
      };
      await store.upsertDocuments([
        doc("a", { title: "A compiler", author: ["Lee, A."], year: 2001 }),
        doc("b", { title: "Another compiler", author: ["Kim, B."], year: 2002 }),
      ]);
      let r = await store.search(req);
      assert.equal(r.total, 2);
      assert.deepEqual(
        r.facets?.year.map((y) => y.value),
        ["2001", "2002"],
      );
      await store.upsertDocuments([doc("c", { title: "Third compiler", author: ["Ng, C."], year: 2003 })]);
      r = await store.search(req);
      assert.equal(r.total, 3);
      assert.equal(r.facets?.year.length, 3);
      // Another connection (another process, in real life) adds a work and a cited-only one.
      await other.upsertDocuments([
        doc("d", { title: "Fourth compiler", author: ["Ra, D."], year: 2004 }, [
          { item: { title: "A cited compiler book", author: [{ family: "Aho" }] } },
        ]),
      ]);
      r = await store.search(req);
      assert.equal(r.total, 4, "the cited-only work is still left out");
      assert.equal(r.facets?.year.length, 4);
      assert.equal((await store.search({ ...req, includeCitations: true })).total, 5);
    } finally {
      await other.close();
      await cleanup();
    }
  });

  test("a record without an id is the same record again when its DOI is: it is updated, not doubled", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc(undefined, { title: "Old title", author: ["Lee, Ann"], DOI: "10.1000/same" }),
      ]);
      const r = await store.upsertDocuments([
        doc(undefined, { title: "Corrected title", author: ["Lee, Ann"], DOI: "10.1000/SAME" }),
      ]);
      assert.deepEqual(r, { added: 0, updated: 1, unchanged: 0 });
      const stats = await store.stats();
      assert.equal(stats.works, 1);
      assert.equal(stats.documents, 1);
      assert.equal((await store.getWork(1))?.title, "Corrected title");
      // A record with its own id and the same DOI joins the work and updates it.
      await store.upsertDocuments([
        doc("other-source", { title: "Corrected title, again", author: ["Lee, A."], DOI: "10.1000/same" }),
      ]);
      assert.equal((await store.stats()).works, 1);
      assert.equal((await store.getWork(1))?.title, "Corrected title, again");
    } finally {
      await cleanup();
    }
  });

  test("remembered results are forgotten when the library changes, here or in another process", async () => {
    const { store, openAgain, cleanup } = await newStore();
    try {
      await store.upsertDocuments([doc("a", { title: "Zebra crossings", year: 2001 })]);
      assert.deepEqual((await searchTitle(store, "zebra")).ids, [1]);
      await store.upsertDocuments([doc("b", { title: "Zebra stripes", year: 2002 })]);
      assert.equal((await searchTitle(store, "zebra")).total, 2, "a write of this process");
      const other = await openAgain();
      await other.upsertDocuments([doc("c", { title: "Zebra finches", year: 2003 })]);
      await other.close();
      assert.equal((await searchTitle(store, "zebra")).total, 3, "a commit of another process");
    } finally {
      await cleanup();
    }
  });
}
