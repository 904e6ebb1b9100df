/**
 * Contract: identity — one work per work, never two works as one, and ids that never move, through merges by
 * hand or by the matcher, splits and rebuild-graph; a merged work's URL redirects to the work it joined. The
 * web app is built on the store under test here (test code only: the store itself never imports web/), so the
 * redirects are checked on every store.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../../formats/csl.ts";
import { surnameKey } from "../../graph/keys.ts";
import { createApp } from "../../web/app.tsx";
import type { Store, WorkId } from "../types.ts";
import type { NewStore } from "./harness.ts";
import { doc, searchTitle } from "./inputs.ts";

const printed = (title: string, family?: string, year?: number) => ({
  item: {
    title,
    ...(family ? { author: [{ family, given: "W." }] } : {}),
    ...(year ? { issued: { "date-parts": [[year]] } } : {}),
  },
});

/** Every work, cited-only ones too, as "id title". */
async function idsAndTitles(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const w of await store.getWorks(ids)) out.push(`${w.id} ${w.title}`);
    after = ids[ids.length - 1];
  }
  return out.sort();
}

/** Every work that holds documents, with its documents' records (what its metadata is voted from). */
async function documentRecordsByWork(store: Store): Promise<{ work_id: WorkId; items: CslItem[] }[]> {
  const works: { work_id: WorkId; items: CslItem[] }[] = [];
  for (let after = 0; ; ) {
    const ids = await store.listWorkIds({ afterId: after, limit: 100, includeCitations: true });
    if (!ids.length) break;
    for (const id of ids) {
      const items = (await store.metadataSources(id, 1))
        .filter((s) => s.kind === "document")
        .map((s) => s.item);
      if (items.length) works.push({ work_id: id, items });
    }
    after = ids[ids.length - 1];
  }
  return works;
}

export function identityContract(newStore: NewStore): void {
  test("a record that fits two works that are one work joins them (recorded, undoable); a person's split stands", async () => {
    const { store, cleanup } = await newStore();
    try {
      // Two printings that share no blocking key (one has only the year, the other only the author): two works.
      const title = "Extracting structure";
      await store.upsertDocuments([
        doc("a", { title: "First citing paper", author: ["Lee, Ann"], year: 2005 }, [
          printed(title, undefined, 2001),
        ]),
        doc("b", { title: "Second citing paper", author: ["Kim, Bo"], year: 2006 }, [printed(title, "Han")]),
      ]);
      const before = (await searchTitle(store, "extracting")).ids;
      assert.equal(before.length, 2, "split by blocking");
      // A third printing fits both about equally: they are one work, not an ambiguity.
      await store.upsertDocuments([
        doc("c", { title: "Third citing paper", author: ["Chen, Wei"], year: 2007 }, [
          printed(title, "Han", 2001),
        ]),
      ]);
      const after = (await searchTitle(store, "extracting")).ids;
      assert.equal(after.length, 1);
      const [kept] = after;
      assert.equal(kept, Math.min(...before), "the older id stays");
      const gone = Math.max(...before);
      assert.equal((await store.getWork(kept))!.citedBy, 3);
      assert.deepEqual(await store.retiredWork(gone), { into: kept });
      const [merge] = await store.merges(10);
      assert.match(merge.note ?? "", /matcher/);
      assert.deepEqual([merge.into, merge.from], [kept, gone]);
      assert.equal((await store.ambiguousReferences({ offset: 0, limit: 1 })).total, 0);

      // Undone by a person: the work comes back under its own id, and the matcher does not join it again.
      const { workId } = await store.splitMerge(merge.id);
      assert.equal(workId, gone);
      assert.equal(await store.retiredWork(gone), undefined);
      await store.upsertDocuments([
        doc("d", { title: "Fourth citing paper", author: ["Ito, Ken"], year: 2008 }, [
          printed(title, "Han", 2001),
        ]),
      ]);
      assert.equal((await searchTitle(store, "extracting")).ids.length, 2, "the split stands");
      assert.equal((await store.merges(10)).length, 1, "no new merge by the matcher");
    } finally {
      await cleanup();
    }
  });

  test("ids never move: rebuild-graph keeps every work's id, cited-only works too, and a new work never takes an old id", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("p1", { title: "Citation indexing at scale", author: ["Giles, C. Lee"], year: 1998 }, [
          printed("Science citation index", "Garfield", 1963),
          printed("An economic theory of democracy", "Downs", 1957),
        ]),
        doc("p2", { title: "Autonomous citation matching", author: ["Lawrence, Steve"], year: 1999 }, [
          printed("Science citation index", "Garfield", 1963),
          printed("Inside bureaucracy", "Downs", 1967),
        ]),
        doc(
          "p3",
          { title: "Digital libraries and autonomous citation indexing", author: ["Bollacker, Kurt"] },
          [
            printed("Citation indexing at scale", "Giles", 1998),
            printed("Inside bureaucracy", "Downs", 1967),
          ],
        ),
      ]);
      const before = await idsAndTitles(store);
      assert.ok(
        before.some((l) => l.endsWith("Inside bureaucracy")),
        "cited-only works are listed",
      );
      // Change the order in which works would be found again: a new record comes first in id but last in time.
      await store.rebuildGraph();
      assert.deepEqual(await idsAndTitles(store), before);
      await store.rebuildGraph();
      assert.deepEqual(await idsAndTitles(store), before, "and again");

      // The highest id merged away: the next new work gets a new id, not the retired one.
      const ids = before.map((l) => Number(l.split(" ")[0]));
      const top = Math.max(...ids);
      await store.mergeWorks(ids[0], top);
      await store.upsertDocuments([doc("p4", { title: "A new paper", author: ["New, Person"], year: 2020 })]);
      const fresh = (await searchTitle(store, "new")).ids[0];
      assert.ok(fresh > top, `new id ${fresh} above every id ever given (${top})`);
    } finally {
      await cleanup();
    }
  });

  test("a merged work's URL redirects (301) to the work it joined, through later merges; the API says merged_into", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", { title: "Trace trees", author: ["Gal, A."], year: 2006 }),
        doc("b", { title: "Trace-based just-in-time compilation", author: ["Gal, Andreas"], year: 2009 }),
        doc("c", { title: "Tracing the meta-level", author: ["Bolz, C."], year: 2009 }),
      ]);
      const [a, b, c] = (await store.listWorkIds({ afterId: 0, limit: 3, includeCitations: false })).sort(
        (x, y) => x - y,
      );
      await store.mergeWorks(b, a);
      await store.mergeWorks(c, b);
      assert.deepEqual(await store.retiredWork(a), { into: c }, "a chain of merges is followed");
      assert.equal(await store.retiredWork(c), undefined, "a live work is not retired");
      const app = createApp(store);
      const page = await app.request(`/works/${a}?x=1`);
      assert.equal(page.status, 301);
      assert.equal(page.headers.get("Location"), `/works/${c}?x=1`);
      const citations = await app.request(`/works/${b}/citations`);
      assert.equal(citations.headers.get("Location"), `/works/${c}/citations`);
      const api = await app.request(`/api/v1/works/${a}`);
      assert.equal(api.status, 301);
      assert.equal(((await api.json()) as { merged_into: number }).merged_into, c);
      assert.equal(api.headers.get("Location"), `/api/v1/works/${c}`);
      const write = await app.request(`/api/v1/works/${a}/corrections`, { method: "POST" });
      assert.equal(write.status, 308, "a write is sent again, unchanged, to the work it joined");
      assert.equal(write.headers.get("Location"), `/api/v1/works/${c}/corrections`);
      assert.equal((await app.request(`/works/${c}`)).status, 200);
      assert.equal((await app.request("/works/9999")).status, 404, "never a work: not found");
    } finally {
      await cleanup();
    }
  });

  test("a cited-only work nobody cites any more is gone: 410, and its id is never given again", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", { title: "Citing paper", author: ["Lee, Ann"], year: 2005 }, [
          printed("A lost preprint", "Roe", 1990),
        ]),
      ]);
      const cited = (await searchTitle(store, "preprint")).ids[0];
      await store.upsertDocuments([
        doc("a", { title: "Citing paper, revised", author: ["Lee, Ann"], year: 2005 }),
      ]);
      assert.deepEqual(await store.retiredWork(cited), {});
      const app = createApp(store);
      assert.equal((await app.request(`/works/${cited}`)).status, 410);
      assert.equal((await app.request(`/api/v1/works/${cited}`)).status, 410);
    } finally {
      await cleanup();
    }
  });

  test("property: two library records with disjoint authors, or titles numbered differently, are never one work", async () => {
    for (const seed of [11, 12, 13]) {
      const { store, cleanup } = await newStore();
      try {
        let s = seed;
        const random = () => {
          s = (s * 1103515245 + 12345) % 2147483648;
          return s / 2147483648;
        };
        const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
        // Few titles and people, so that look-alikes abound.
        const titles = [
          "Privacy-preserving record linkage",
          "Privacy-preserving record linkage with PPJoin",
          "A study of distributed storage, number 3",
          "A study of distributed storage, number 13",
          "Annual report 2001/2002",
          "Annual report 2002/2003",
          "Record linkage: current practice and future directions",
        ];
        const people = [
          "Schnell, Rainer",
          "Sehili, Ziad",
          "Kolb, Lars",
          "Christen, Peter",
          "Ito, Kenji",
          "Berg, Mia",
        ];
        const batch = Array.from({ length: 60 }, (_, i) => {
          const authors = random() < 0.5 ? [pick(people)] : [pick(people), pick(people)];
          const title = pick(titles);
          return doc(`r${i}`, {
            title: random() < 0.3 ? title.toUpperCase() : title,
            author: [...new Set(authors)],
            year: 2015,
            "container-title": "Journal of Linkage",
          });
        });
        for (let i = 0; i < batch.length; i += 7) await store.upsertDocuments(batch.slice(i, i + 7));
        for (const when of ["incremental", "rebuilt"]) {
          for (const w of await documentRecordsByWork(store)) {
            const items = w.items as { title: string; author: object[] }[];
            const surnames = items.map((it) => new Set(it.author.map((n) => surnameKey(n as never))));
            for (let i = 0; i < items.length; i++)
              for (let j = i + 1; j < items.length; j++) {
                const shared = [...surnames[i]].some((x) => surnames[j].has(x));
                assert.ok(shared, `seed ${seed} ${when}: work ${w.work_id} joins disjoint authors`);
                const numbers = (t: string) => (t.match(/\d+/g) ?? []).join(" ");
                assert.equal(
                  numbers(items[i].title),
                  numbers(items[j].title),
                  `seed ${seed} ${when}: work ${w.work_id} joins titles numbered differently`,
                );
              }
          }
          await store.rebuildGraph();
        }
      } finally {
        await cleanup();
      }
    }
  });

  test("the same paper from two sources (a PDF's header, a catalogue record) is one work", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc(undefined, {
          title: "Trace-based Just-in-Time Type Specialization for Dynamic Languages",
          author: ["Andreas Gal", "Brendan Eich", "Mike Shaver"],
          year: 2009,
        }),
        doc("acl:P09-1001", {
          title: "Trace-based just-in-time type specialization for dynamic languages",
          author: ["Gal, A.", "Eich, B.", "Shaver, M.", "Anderson, D."],
          year: 2009,
          "container-title": "PLDI",
        }),
      ]);
      const ids = (await searchTitle(store, "specialization", false)).ids;
      assert.equal(ids.length, 1);
      assert.equal((await store.getWork(ids[0]))!.documents.length, 2);
      // A PDF's header gave the year of a work it cites (2005 for 2007): a year read from a PDF's text confirms a
      // match but does not refute one, so the catalogue record still joins it.
      const pdf = doc(undefined, {
        title: "Sparse information extraction: unsupervised language models to the rescue",
        author: ["Doug Downey", "Stefan Schoenmackers", "Oren Etzioni"],
        year: 2005,
      });
      pdf.item.custom = { extracted: true };
      await store.upsertDocuments([pdf]);
      await store.upsertDocuments([
        doc("acl:P07-1088", {
          title: "Sparse Information Extraction: Unsupervised Language Models to the Rescue",
          author: ["Downey, Doug", "Schoenmackers, Stefan", "Etzioni, Oren"],
          year: 2007,
          "container-title": "Proceedings of ACL",
        }),
      ]);
      const sparse = (await searchTitle(store, "sparse", false)).ids;
      assert.equal(sparse.length, 1);
      assert.equal((await store.getWork(sparse[0]))!.documents.length, 2);
    } finally {
      await cleanup();
    }
  });

  test("editions of a book printed years apart stay two works and list each other as other editions", async () => {
    const { store, cleanup } = await newStore();
    try {
      const edition = (year: number, publisher: string) => ({
        item: {
          type: "book",
          title: "Self-organizing maps",
          author: [{ family: "Kohonen", given: "T." }],
          publisher,
          issued: { "date-parts": [[year]] },
        },
      });
      await store.upsertDocuments([
        doc("a", { title: "Neural maps of text", author: ["Lee, Ann"], year: 2003 }, [
          edition(1995, "Springer"),
        ]),
        doc("b", { title: "Clustering documents", author: ["Kim, Bo"], year: 2004 }, [
          edition(2001, "Springer"),
        ]),
        doc("c", { title: "Visualising corpora", author: ["Chen, Wei"], year: 2005 }, [
          edition(2001, "Springer"),
        ]),
      ]);
      const ids = (await searchTitle(store, "organizing")).ids;
      assert.equal(ids.length, 2, "two editions, two works");
      const [first, second] = (await store.getWorks(ids)).sort((x, y) => (x.year ?? 0) - (y.year ?? 0));
      assert.deepEqual([first.year, first.citedBy, second.year, second.citedBy], [1995, 1, 2001, 2]);
      assert.deepEqual(
        (await store.otherEditions(first.id, 10)).map((w) => w.id),
        [second.id],
      );
      const app = createApp(store);
      const page = await (await app.request(`/works/${second.id}`)).text();
      assert.match(page, /Other editions/);
      assert.match(page, new RegExp(`href="/works/${first.id}"`));
      const api = (await (await app.request(`/api/v1/works/${first.id}`)).json()) as {
        other_editions: number[];
      };
      assert.deepEqual(api.other_editions, [second.id]);
    } finally {
      await cleanup();
    }
  });
}
