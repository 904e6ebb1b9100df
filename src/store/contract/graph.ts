/**
 * Contract: the citation graph — resolving references (variants, ambiguity), voting metadata, authors and
 * their indicators, related works, merges and splits, rebuild-graph equal to the incremental path, leaders.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Store } from "../types.ts";
import type { NewStore } from "./harness.ts";
import { doc, searchTitle } from "./inputs.ts";

const DOWNS = { title: "An economic theory of democracy", author: ["Downs, Anthony"], year: 1957 };

/** Every work's "Cited by N (M self)" equals the list it links to, entry by entry. */
async function assertCountsMatchLists(store: Store, what: string): Promise<void> {
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const w of await store.getWorks(ids)) {
      const list = await store.citedBy(w.id, { sort: "citations", offset: 0, limit: 1000 });
      assert.equal(list.total, w.citedBy, `${what}: total of work ${w.id}`);
      assert.equal(list.items.length, w.citedBy, `${what}: list of work ${w.id}`);
      assert.equal(list.items.filter((c) => c.self).length, w.selfCited, `${what}: self of work ${w.id}`);
    }
    after = ids[ids.length - 1];
  }
}

/** The graph as titles, which both paths must agree on whatever ids they gave. */
async function graphSnapshot(store: Store): Promise<string[]> {
  const lines: string[] = [];
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const w of await Promise.all(ids.map((id) => store.getWork(id)))) {
      const citing = await store.citedBy(w!.id, { sort: "citations", offset: 0, limit: 100 });
      lines.push(
        `${w!.id} ${w!.title} [${w!.inLibrary ? "library" : "cited"}] cited by ${w!.citedBy} (${w!.selfCited} self): ${citing.items
          .map((c) => `${c.work.id} ${c.work.title}`)
          .sort()
          .join(
            "; ",
          )} | refs: ${w!.references.map((r) => (r.work ? `${r.work.id} ${r.work.title}` : r.ambiguous ? "ambiguous" : "-")).join("; ")}`,
      );
    }
    after = ids[ids.length - 1];
  }
  return lines.sort();
}

export function graphContract(newStore: NewStore): void {
  test("a reference written differently from the work's record still resolves to it", async () => {
    const { store, cleanup } = await newStore();
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
    const { store, cleanup } = await newStore();
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

  test("rebuild-graph gives the graph the incremental path kept, whatever order the records came in", async () => {
    const { store, cleanup } = await newStore();
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
        doc(
          "p1",
          { title: "Tracing compilers for dynamic languages", author: ["Gal, Andreas"], year: 2009 },
          [
            ref("Virtual machine interpreters", "Holloway", 2001),
            ref("Garbage collection: algorithms for automatic memory management", "Jones", 1996),
            { id: "p3" },
          ],
        ),
      ]);
      await store.upsertDocuments([
        doc(
          "p2",
          {
            title: "Virtual machine interpreters",
            author: ["Holloway, Grace"],
            year: 2001,
            DOI: "10.1000/vm",
          },
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
      const gc = await searchTitle(store, "garbage", true);
      assert.equal(gc.total, 1, "the search index lost no cited-only work and kept no stale one");
      assert.equal((await store.getWorks(gc.ids))[0].citedBy, 2);
    } finally {
      await cleanup();
    }
  });

  test("a cited-only work shows what most references to it say; a document outweighs them all", async () => {
    const { store, cleanup } = await newStore();
    try {
      const cite = (container: string, volume: string) => ({
        item: {
          title: "Power in movement",
          author: [{ family: "Tarrow", given: "Sidney" }],
          "container-title": container,
          volume,
          issued: { "date-parts": [[1994]] },
        },
      });
      await store.upsertDocuments([
        doc("a", { title: "First citing paper", author: ["Lee, Ann"], year: 2000 }, [
          cite("J. Movements", "13"),
        ]),
        doc("b", { title: "Second citing paper", author: ["Kim, Bo"], year: 2001 }, [
          cite("Journal of Movements", "12"),
        ]),
        doc("c", { title: "Third citing paper", author: ["Chen, Wei"], year: 2002 }, [
          cite("Journal of movements", "12"),
        ]),
      ]);
      const found = await searchTitle(store, "power", true);
      assert.equal(found.total, 1, "three references, one work");
      const workId = found.ids[0];
      const cited = (await store.getWorks([workId]))[0];
      assert.equal(cited.inLibrary, false);
      assert.equal(cited.citedBy, 3);
      const detail = (await store.getWork(workId))!;
      assert.equal(
        detail.csl["container-title"],
        "Journal of Movements",
        "the majority, in its spelling first in code-point order (not the latest: order must not choose)",
      );
      assert.equal(detail.csl.volume, "12");
      // The work's own record arrives: its metadata wins, whatever the references said.
      await store.upsertDocuments([
        doc("tarrow", {
          title: "Power in Movement",
          author: ["Tarrow, Sidney"],
          year: 1994,
          "container-title": "Cambridge University Press",
        }),
      ]);
      const now = (await store.getWork(workId))!;
      assert.equal(now.inLibrary, true);
      assert.equal(now.csl["container-title"], "Cambridge University Press");
      assert.equal(now.csl.volume, undefined);
      assert.equal(now.citedBy, 3);
    } finally {
      await cleanup();
    }
  });

  test("an author's works, citations, h-index, i10-index, citations per year, variants and co-authors", async () => {
    const { store, cleanup } = await newStore();
    try {
      // Ann Lee's four papers, cited 12, 10, 3 and 0 times by papers of 2010 to 2021.
      const papers = [
        doc("l1", { title: "Sparse retrieval at scale", author: ["Lee, Ann", "Kim, Bo"], year: 2008 }),
        doc("l2", { title: "Dense passage ranking", author: ["Lee, A.", "Kim, Bo"], year: 2009 }),
        doc("l3", { title: "Query logs considered", author: ["Lee, Ann"], year: 2011 }),
        doc("l4", { title: "A note on stemming", author: ["Lee, Ann", "Chen, Wei"], year: 2012 }),
      ];
      const citing = Array.from({ length: 12 }, (_, k) =>
        doc(
          `c${k}`,
          { title: `Citing study number ${k} of retrieval`, author: [`Author${k}, X.`], year: 2010 + k },
          [{ id: "l1" }, ...(k < 10 ? [{ id: "l2" }] : []), ...(k < 3 ? [{ id: "l3" }] : [])],
        ),
      );
      await store.upsertDocuments([...papers, ...citing]);
      const lee = (await store.getWork(1))!.authors[0];
      const a = (await store.getAuthor(lee.id))!;
      assert.equal(a.works.length, 4);
      assert.deepEqual(
        a.works.map((w) => w.citedBy),
        [12, 10, 3, 0],
      );
      assert.equal(a.citations, 25);
      assert.equal(a.hIndex, 3);
      assert.equal(a.i10Index, 2);
      assert.equal(a.hIndexWithoutSelf, 3);
      assert.equal(a.citationsPerYear.find((y) => y.year === 2010)?.citations, 3);
      assert.equal(
        a.citationsPerYear.reduce((s, y) => s + y.citations, 0),
        25,
      );
      assert.deepEqual(a.variants, ["Ann Lee", "A. Lee"]);
      assert.deepEqual(
        a.coAuthors.map((c) => [c.name, c.works]),
        [
          ["Bo Kim", 2],
          ["Wei Chen", 1],
        ],
      );
      assert.equal(await store.getAuthor(999_999), undefined);
    } finally {
      await cleanup();
    }
  });

  test("related works: cited together (co-citation) and citing the same works (coupling), strongest first", async () => {
    const { store, cleanup } = await newStore();
    try {
      const w = (id: string, title: string, refs: string[] = []) =>
        doc(
          id,
          { title, author: [`${id}, A.`], year: 2000 },
          refs.map((r) => ({ id: r })),
        );
      await store.upsertDocuments([
        w("x", "Graph databases explained"),
        w("y", "Column stores explained"),
        w("z", "Key value stores explained"),
        w("p", "Survey one of storage", ["x", "y", "z"]),
        w("q", "Survey two of storage", ["x", "y"]),
        w("r", "Survey three of storage", ["x"]),
      ]);
      const id = async (source: string) => (await searchTitle(store, source, false)).ids[0];
      const x = await id("graph");
      const coCited = await store.relatedWorks(x, "co-citation", 10);
      assert.deepEqual(
        coCited.map((r) => [r.work.title, r.strength]),
        [
          ["Column stores explained", 2],
          ["Key value stores explained", 1],
        ],
      );
      const p = await id("one");
      const coupled = await store.relatedWorks(p, "coupling", 10);
      assert.deepEqual(
        coupled.map((r) => [r.work.title, r.strength]),
        [
          ["Survey two of storage", 2],
          ["Survey three of storage", 1],
        ],
      );
    } finally {
      await cleanup();
    }
  });

  test("merging two works moves documents, references and counts; a split gives them back; the history stays", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("conf", {
          title: "Tracing compilers for dynamic languages",
          author: ["Gal, Andreas"],
          year: 2009,
        }),
        doc("journal", {
          title: "Trace-based compilation of dynamic languages",
          author: ["Gal, Andreas"],
          year: 2010,
        }),
        doc("c1", { title: "First citing paper", author: ["Lee, Ann"], year: 2011 }, [{ id: "conf" }]),
        doc("c2", { title: "Second citing paper", author: ["Kim, Bo"], year: 2012 }, [
          { id: "journal" },
          { id: "conf" },
        ]),
      ]);
      const before = await store.getWorks([1, 2]);
      assert.deepEqual(
        before.map((w) => w.citedBy),
        [2, 1],
      );
      const { mergeId } = await store.mergeWorks(1, 2, "journal version of the conference paper");
      const merged = (await store.getWork(1))!;
      assert.equal(merged.documents.length, 2);
      assert.equal(merged.citedBy, 2, "distinct citing works: c2 cited both versions, it counts once");
      assert.equal((await store.citedBy(1, { sort: "year", offset: 0, limit: 10 })).total, 2);
      assert.equal((await store.getWorks([2])).length, 0, "the absorbed work is gone");
      assert.equal((await store.stats()).worksInLibrary, 3);
      await assert.rejects(store.mergeWorks(1, 1), /cannot be merged with itself/);
      await assert.rejects(store.mergeWorks(1, 999), /no work 999/);

      const { workId } = await store.splitMerge(mergeId);
      const back = (await store.getWork(workId))!;
      assert.equal(back.title, "Trace-based compilation of dynamic languages");
      assert.equal(back.documents.length, 1);
      assert.equal(back.citedBy, 1);
      assert.equal((await store.getWork(1))!.citedBy, 2);
      assert.equal((await store.getWork(1))!.documents.length, 1);
      await assert.rejects(store.splitMerge(mergeId), /split already/);
      // A cited-only work that takes in a library work's documents becomes a library work, with the document's
      // metadata, in search too.
      await store.upsertDocuments([
        doc("c3", { title: "Third citing paper", author: ["Chen, Wei"], year: 2013 }, [
          { item: { title: "Polymorphic inline caches", author: [{ family: "Hölzle", given: "U." }] } },
        ]),
      ]);
      const pic = (await searchTitle(store, "polymorphic", true)).ids[0];
      assert.equal((await store.getWorks([pic]))[0].inLibrary, false);
      assert.equal((await store.getWorks([workId]))[0].inLibrary, true);
      await store.mergeWorks(pic, workId);
      const merged2 = (await store.getWorks([pic]))[0];
      assert.equal(merged2.inLibrary, true);
      assert.equal(
        merged2.title,
        "Trace-based compilation of dynamic languages",
        "the document's metadata wins",
      );
      assert.deepEqual((await searchTitle(store, "dynamic", false)).ids.sort(), [1, pic].sort());
      assert.equal((await searchTitle(store, "polymorphic", true)).total, 0, "the index follows the merge");
      const history = await store.merges(10);
      assert.equal(history.length, 2);
      history.reverse();
      assert.equal(history[0].note, "journal version of the conference paper");
      assert.equal(history[0].splitInto, workId);
      assert.equal(history[0].documents, 1);
      assert.equal(history[0].references, 1);
    } finally {
      await cleanup();
    }
  });

  test("rebuild-graph equals the incremental path on random libraries: variants, forward references, batches", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { store, cleanup } = await newStore();
      try {
        let a = seed;
        const random = () => {
          a = (a * 1103515245 + 12345) % 2147483648;
          return a / 2147483648;
        };
        const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
        const topics = [
          "parsing",
          "ranking",
          "matching",
          "indexing",
          "crawling",
          "clustering",
          "tagging",
          "linking",
        ];
        const objects = ["citations", "references", "authors", "venues", "abstracts", "graphs"];
        const people = ["Lee", "Kim", "Chen", "Garcia", "Müller", "Smith"];
        const works = Array.from({ length: 40 }, (_, i) => ({
          id: `w${i}`,
          title:
            `${pick(topics)} ${pick(objects)} with ${pick(topics)} models ${i % 7 === 0 ? "revisited" : ""}`.trim(),
          author: [`${pick(people)}, ${pick(["A.", "B.", "Chris"])}`],
          year: 1990 + Math.floor(random() * 30),
        }));
        /** A printed variant: cut title, typo, initials, year one off, or a work outside the library. */
        const cite = (w: (typeof works)[number]) => {
          let title = w.title;
          if (random() < 0.2) title = title.split(" ").slice(0, 3).join(" ");
          if (random() < 0.2) title = title.replace(/(\w)(\w)(\w*)$/, "$2$1$3");
          const year = random() < 0.2 ? w.year + 1 : w.year;
          return {
            item: {
              title,
              author: [{ family: w.author[0].split(", ")[0], given: "X." }],
              issued: { "date-parts": [[year]] },
            },
          };
        };
        let batch = [];
        for (let i = 0; i < works.length; i++) {
          const refs = Array.from({ length: Math.floor(random() * 5) }, () =>
            random() < 0.2
              ? { item: { title: `${pick(objects)} of ${pick(topics)}`, author: [{ family: pick(people) }] } }
              : cite(pick(works)),
          );
          batch.push(doc(works[i].id, works[i], refs));
          if (random() < 0.3 || i === works.length - 1) {
            await store.upsertDocuments(batch);
            batch = [];
          }
        }
        const incremental = await graphSnapshot(store);
        await store.rebuildGraph();
        assert.deepEqual(await graphSnapshot(store), incremental, `seed ${seed}`);
        // Counts agree with their lists after merges and splits too.
        const [w1, w2, w3, w4] = await store.listWorkIds({ afterId: 0, limit: 4, includeCitations: false });
        const { mergeId } = await store.mergeWorks(w1, w2);
        await store.mergeWorks(w3, w4);
        await store.splitMerge(mergeId);
        await assertCountsMatchLists(store, `seed ${seed} after merges`);
      } finally {
        await cleanup();
      }
    }
  });

  test("authors are people: John and James Smith are two, J. Smith goes to the one whose co-authors he shares", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", {
          title: "Parsing citations with conditional random fields",
          author: ["Smith, John", "Lee, Ann"],
          year: 2001,
        }),
        doc("b", {
          title: "Galaxy rotation curves revisited",
          author: ["Smith, James", "Kim, Bo"],
          year: 2002,
        }),
        doc(
          "c",
          { title: "Dark matter halos of dwarf galaxies", author: ["Smith, J.", "Kim, Bo"], year: 2004 },
          [{ id: "b" }, { id: "a" }],
        ),
      ]);
      const [a, b, c] = await Promise.all([1, 2, 3].map(async (id) => (await store.getWork(id))!.authors[0]));
      assert.notEqual(a.id, b.id, "John Smith and James Smith");
      assert.equal(c.id, b.id, "J. Smith who writes with Bo Kim is James");
      const james = (await store.getAuthor(b.id))!;
      assert.deepEqual(james.variants.sort(), ["J. Smith", "James Smith"]);
      assert.equal(james.works.length, 2);
      // Self-citation follows the people: c citing b is self (James), c citing a is not (John).
      const cited = await store.getWorks([1, 2]);
      assert.deepEqual(
        cited.map((w) => [w.citedBy, w.selfCited]),
        [
          [1, 0],
          [1, 1],
        ],
      );
    } finally {
      await cleanup();
    }
  });

  test("two documents with a title and nothing else stay two works", async () => {
    const { store, cleanup } = await newStore();
    try {
      // Two PDFs whose header gave only the journal's name.
      await store.upsertDocuments([
        doc("pdf1", { title: "Online-Zeitschrift für Interkulturelle Studien" }),
        doc("pdf2", { title: "Online-Zeitschrift für Interkulturelle Studien" }),
      ]);
      assert.equal((await store.stats()).worksInLibrary, 2);
    } finally {
      await cleanup();
    }
  });

  test("the most cited lists are cached until the library changes", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", { title: "First paper on caching", author: ["Lee, Ann"], year: 2001 }),
      ]);
      assert.equal((await store.leaders({ limit: 10 })).works[0].citedBy, 0);
      await store.upsertDocuments([
        doc("b", { title: "Second paper citing it", author: ["Kim, Bo"], year: 2002 }, [{ id: "a" }]),
      ]);
      const after = await store.leaders({ limit: 10 });
      assert.equal(after.works[0].title, "First paper on caching");
      assert.equal(after.works[0].citedBy, 1, "not the cached answer from before the write");
      assert.equal(after.authors[0].name, "Ann Lee");
      assert.equal(after.authors[0].citations, 1, "the authors' counts are recomputed too");
      assert.equal(after.authors.length, 2, "the new author is ranked");
    } finally {
      await cleanup();
    }
  });

  test("an author's affiliations come from papers whose title page ties them to the author", async () => {
    const { store, cleanup } = await newStore();
    try {
      // As ingest files a PDF: the title page's affiliations in the item's custom fields.
      const paper = (id: string, authors: string[], affiliations: string[]) => {
        const d = doc(id, { title: `Paper ${id}`, author: authors, year: 2020 });
        d.item.custom = { affiliations };
        return d;
      };
      await store.upsertDocuments([
        paper("a", ["Keller, Maria"], ["University of Uppsala", "KTH"]),
        paper("b", ["Keller, Maria", "Lind, Tomas"], ["University of Uppsala"]),
        paper("c", ["Keller, Maria", "Lind, Tomas"], ["ETH Zurich", "MIT"]),
      ]);
      const keller = (await store.getAuthor(1))!;
      assert.equal(keller.name, "Maria Keller");
      assert.deepEqual(
        keller.affiliations,
        [
          { name: "University of Uppsala", works: 2 },
          { name: "KTH", works: 1 },
        ],
        "two authors and two affiliations: which is whose is not known, so neither is taken",
      );
      const lind = (await store.getAuthor(2))!;
      assert.deepEqual(lind.affiliations, [{ name: "University of Uppsala", works: 1 }]);
    } finally {
      await cleanup();
    }
  });
}
