/**
 * What "the same library" means for the PostgreSQL store: every read of the Store interface gives the same answer
 * on a SQLite and a PostgreSQL store holding it — search included, relevance order and cursor positions too, since
 * the PostgreSQL store computes FTS5's bm25 to the same double. Shared by the tests of `citegraph migrate` (a
 * library moved) and of the PostgreSQL store's writes (the same library written to both), with the records and
 * edits both build it from. Moved here from migrate-postgres.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseQuery } from "../search/query-parser.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { SearchIds, SearchRequest, SortOrder, SortPosition, Store } from "../store/types.ts";
import { SORT_ORDERS } from "../store/types.ts";
import { doc } from "../testing/temp-store.ts";

/** The two stores holding one library, and how to drop both: a SQLite store and another (PostgreSQL, or SQLite). */
export interface SameLibrary {
  sqlite: SqliteStore;
  store: Store;
  cleanup(): Promise<void>;
}

/** The library of a SQLite file (tempStore) and a test database: cleanup closes both stores and deletes both. */
export function sameLibrary(
  sqlite: { store: SqliteStore; cleanup(): Promise<void> },
  db: { drop(): Promise<void> },
  store: Store,
): SameLibrary {
  return {
    sqlite: sqlite.store,
    store,
    cleanup: async () => {
      await store.close();
      await db.drop();
      await sqlite.cleanup();
    },
  };
}

/** Records beside the demo that reach what it does not: full text, contexts, raw and ambiguous references. */
export async function addOwnRecords(store: Store): Promise<void> {
  await store.upsertDocuments([
    {
      ...doc("pdf-1", {
        title: "Garbage collection in a virtual machine: a survey",
        author: ["Müller, Jürgen", "Ungar, David"],
        year: 1999,
        "container-title": "OOPSLA",
        abstract: "We survey state-of-the-art collectors for virtual machines.",
      }),
      kind: "pdf",
      body: "Virtual machines collect garbage. The virtual machine collects; garbage collection is state of the art. Generational collectors and virtual machines.",
    },
    // Words repeated in a field, and a phrase that would run on from one field into the next: instances of a
    // phrase overlap ("machine machine" twice in "machine machine machine") and stop at a field's end.
    doc("repeats", {
      title: "Machine machine machine learning",
      author: ["Learning, Lee"],
      year: 2005,
      abstract: "Learning machine learning, machine learning.",
    }),
    doc("twin-a", { title: "Parallel copying collection", author: ["Smith, John"], year: 2001 }),
    doc("twin-b", { title: "Parallel copying collection", author: ["Smith, James"], year: 2001 }),
    doc(
      "citer",
      {
        title: "Compilers for dynamic languages",
        author: ["Ungar, David"],
        year: 2003,
        "container-title": "PLDI",
      },
      [
        {
          item: { title: "Parallel copying collection", issued: { "date-parts": [[2001]] } },
          contexts: ["as [1] shows"],
        },
        { raw: "J. Doe. Unfindable things. 1970." },
        { id: "pdf-1" },
        { doi: "10.1000/nowhere" },
      ],
    ),
  ]);
  await store.recordFailures([
    { source: "broken.bib", location: "broken.bib:3 (record 1)", reason: "syntax: no closing brace" },
    { source: "empty.pdf", reason: "no-text: the PDF has no text" },
  ]);
}

/** Merges, a split and corrections, so that the history tables have rows. */
export async function editHistory(store: Store): Promise<void> {
  const ids = (await store.listWorkIds({ afterId: 0, limit: 1000, includeCitations: false })).slice(0, 6);
  await store.mergeWorks(ids[0], ids[1], "the same paper");
  const { mergeId } = await store.mergeWorks(ids[2], ids[3]);
  await store.splitMerge(mergeId);
  const c = await store.correctWork(ids[4], { title: "A corrected title" }, { editor: "test", note: "typo" });
  await store.correctWork(ids[4], { "container-title": "A corrected venue" }, { editor: "test" });
  await store.revertCorrection(c.id, "test");
}

const QUERIES = [
  "virtual",
  "machine",
  "machines",
  "garbage collection",
  '"virtual machine"',
  '"virtual machines"',
  "virt*",
  "col*",
  "title:garbage",
  "author:ungar",
  "author:muller",
  "venue:oopsla",
  "abstract:compiler",
  "text:generational",
  "java -virtual",
  "-virtual",
  "virtual OR garbage",
  "year:1990..2000",
  "virtual year:1980..2000",
  "(virtual OR year:2001)",
  "state-of-the-art",
  "the",
  "patients",
  "cancer OR tumor",
  "protein -cell",
  "learning",
  "neural network",
  "a*",
  // A phrase of several tokens beside one-token phrases and prefixes, under OR and NOT (postgres/postings.ts).
  '"virtual machine" OR garbage',
  'machine "garbage collection" -java',
  "virt* -java",
  "virtual (machine OR java*)",
  // Phrases of several words counted from the postings' positions (postgres/postings.ts).
  '"machine machine"',
  '"machine learning machine"',
  'abstract:"learning machine learning"',
  '"learning learning"',
  '"garbage collection is state"',
  'title:"virtual machine" -"garbage collection"',
];

/**
 * Registers the comparison as one suite: `open` builds the library in both stores (once, before the tests), and
 * every test compares one family of reads.
 */
export function sameReads(
  name: string,
  open: () => Promise<SameLibrary>,
  /**
   * `complete`: the library holds full text, editHistory's two merges and two failures (true unless said);
   * `todo`: a difference known and not yet fixed, reported without failing the run.
   */
  options: { skip?: string; complete?: boolean; todo?: string } = {},
): void {
  describe(name, { skip: options.skip }, () => {
    let sqlite: SqliteStore;
    let store: Store;
    let library: SameLibrary | undefined;

    before(async () => {
      library = await open();
      ({ sqlite, store } = library);
    });

    after(async () => {
      await library?.cleanup();
    });

    /** Both stores' answers to the same call, which must be equal. */
    async function same<T>(what: string, call: (s: Store) => Promise<T>): Promise<T> {
      const [a, b] = await Promise.all([call(sqlite), call(store)]);
      assert.deepStrictEqual(b, a, what);
      return a;
    }

    async function allWorkIds(includeCitations: boolean): Promise<number[]> {
      const ids: number[] = [];
      for (let afterId = 0; ; ) {
        const page = await same(`listWorkIds after ${afterId}`, (s) =>
          s.listWorkIds({ afterId, limit: 97, includeCitations }),
        );
        if (!page.length) return ids;
        ids.push(...page);
        afterId = page[page.length - 1];
      }
    }

    test("the library is not trivial: what the comparisons below rest on", {
      todo: options.todo,
    }, async () => {
      const stats = await same("stats", (s) => s.stats());
      assert.ok(stats.worksInLibrary >= 30, "library works");
      assert.ok(stats.worksCitedOnly > 0, "cited-only works");
      assert.ok(stats.citations > 10, "citations");
      assert.ok(stats.selfCitations > 0, "self-citations");
      if (options.complete === false) return;
      assert.ok(stats.failures === 2, "failures");
      assert.ok((await store.merges(10)).length === 2, "merges");
    });

    test("every work, its summary, body, sources and corrections read the same", {
      todo: options.todo,
    }, async () => {
      const ids = await allWorkIds(true);
      await allWorkIds(false);
      for (let i = 0; i < ids.length; i += 50)
        await same("getWorks", (s) => s.getWorks(ids.slice(i, i + 50)));
      await same("bodies", (s) => s.bodies(ids, 40));
      const maxId = Math.max(...ids);
      for (let id = 1; id <= maxId + 2; id++) {
        await same(`getWork ${id}`, (s) => s.getWork(id));
        await same(`retiredWork ${id}`, (s) => s.retiredWork(id));
        await same(`metadataSources ${id}`, (s) => s.metadataSources(id, 50));
        await same(`corrections ${id}`, (s) => s.corrections(id, 10));
      }
      const withBody = (await sqlite.bodies(ids, 10)).size;
      assert.ok(withBody >= 1 || options.complete === false, "a work with full text");
    });

    test("citing works, related works and other editions read the same, in every order", {
      todo: options.todo,
    }, async () => {
      const ids = await allWorkIds(true);
      const cited = new Set((await sqlite.getWorks(ids)).filter((w) => w.citedBy > 0).map((w) => w.id));
      assert.ok(cited.size > 10, "cited works");
      for (const id of ids) {
        // Every order of every cited work's list; an uncited work's empty list once.
        for (const sort of cited.has(id) ? (["citations", "year", "recent"] as const) : (["year"] as const))
          for (const withoutSelf of cited.has(id) ? [false, true] : [false])
            await same(`citedBy ${id} ${sort} ${withoutSelf}`, (s) =>
              s.citedBy(id, { sort, offset: 0, limit: 1000, withoutSelf }),
            );
        if (cited.has(id))
          await same(`citedBy ${id} page 2`, (s) =>
            s.citedBy(id, { sort: "citations", offset: 1, limit: 2 }),
          );
        await same(`co-citation ${id}`, (s) => s.relatedWorks(id, "co-citation", 10));
        await same(`coupling ${id}`, (s) => s.relatedWorks(id, "coupling", 10));
        await same(`otherEditions ${id}`, (s) => s.otherEditions(id, 10));
      }
    });

    test("authors, venues and leaders read the same", { todo: options.todo }, async () => {
      const stats = await sqlite.stats();
      // Every author of the demo and the records above (the first ids), then every 5th, and one past the last.
      for (let id = 1; id <= stats.authors + 1; id += id < 150 ? 1 : 5)
        await same(`author ${id}`, (s) => s.getAuthor(id));
      await same("author past the last", (s) => s.getAuthor(stats.authors + 1));
      const venues = Number(sqlite.db.prepare("SELECT count(*) FROM venues").pluck().get());
      for (let id = 1; id <= venues + 1; id++) await same(`venue ${id}`, (s) => s.getVenue(id, 5));
      const years = sqlite.db.prepare("SELECT DISTINCT year FROM works WHERE year IS NOT NULL").pluck().all();
      for (const limit of [1, 3, 10, 50]) await same(`leaders ${limit}`, (s) => s.leaders({ limit }));
      for (const limit of [2, 20])
        for (const year of years as number[])
          await same(`leaders ${year}`, (s) => s.leaders({ year, limit }));
    });

    test("OAI-PMH's pages by date, ambiguous references, failures and known contents read the same", {
      todo: options.todo,
    }, async () => {
      const earliest = await same("earliestChange", (s) => s.earliestChange());
      assert.ok(earliest !== undefined);
      let position: { at: number; id: number } | undefined;
      let seen = 0;
      for (;;) {
        const page = await same(`worksByDate after ${JSON.stringify(position)}`, (s) =>
          s.worksByDate({ after: position, limit: 7 }),
        );
        if (!page.length) break;
        seen += page.length;
        position = { at: page[page.length - 1].updatedAt, id: page[page.length - 1].id };
      }
      assert.equal(seen, (await sqlite.stats()).worksInLibrary);
      await same("worksByDate from/until", (s) =>
        s.worksByDate({ from: earliest, until: earliest! + 1, limit: 50 }),
      );
      await same("ambiguousReferences", (s) => s.ambiguousReferences({ offset: 0, limit: 100 }));
      await same("ambiguousReferences page", (s) => s.ambiguousReferences({ offset: 1, limit: 1 }));
      await same("failures", (s) => s.failures());
      const sha1s = sqlite.db.prepare("SELECT sha1 FROM documents LIMIT 20").pluck().all() as string[];
      await same("knownSha1s", (s) => s.knownSha1s([...sha1s, "0".repeat(40)]));
      await same("merges", (s) => s.merges(10));
    });

    test("search: every query, order and option gives the same hits, totals, facets, scores and cursors", {
      todo: options.todo,
    }, async () => {
      let nonEmpty = 0;
      for (const q of QUERIES) {
        const query = parseQuery(q).node;
        // Without a score (every order but relevance and citations), the boost changes nothing.
        for (const sort of SORT_ORDERS as SortOrder[])
          for (const includeCitations of [false, true])
            for (const citationBoost of sort === "relevance" || sort === "citations"
              ? [true, false]
              : [true]) {
              const req: SearchRequest = {
                query,
                sort,
                offset: 0,
                limit: 10,
                includeCitations,
                citationBoost,
                // Facets do not depend on the order: asked once a query and option.
                facets: sort === "relevance",
              };
              const what = `${q} ${sort} citations:${includeCitations} boost:${citationBoost}`;
              const first = await same(what, (s) => s.search(req));
              if (first.total > 0) nonEmpty++;
              if (!citationBoost) continue;
              await same(`${what} page 2`, (s) => s.search({ ...req, offset: 10, limit: 5, facets: false }));
              // Paging by cursor to the end: the same positions, page after page.
              let afterPosition: SortPosition | "start" = "start";
              const walked: number[] = [];
              for (let pages = 0; pages < 100; pages++) {
                const page: SearchIds = await same(`${what} after ${JSON.stringify(afterPosition)}`, (s) =>
                  s.search({ ...req, limit: 40, facets: false, after: afterPosition }),
                );
                walked.push(...page.ids);
                if (!page.last) break;
                afterPosition = page.last;
              }
              assert.equal(walked.length, first.total, `${what}: the cursor walk reaches every hit`);
            }
      }
      assert.ok(nonEmpty > QUERIES.length, "most queries find something");
    });
  });
}
