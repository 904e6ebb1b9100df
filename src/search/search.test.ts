import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { QueryNode } from "../store/query.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { stem, words } from "../text/normalize.ts";
import { parseQuery } from "./query-parser.ts";
import { resultsLine, search } from "./search.ts";

/** Deterministic pseudo-random numbers, so failures replay. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VOCAB = [
  "virtual",
  "machine",
  "machines",
  "garbage",
  "collection",
  "collector",
  "compiler",
  "compiling",
  "jit",
  "trace",
  "tracing",
  "heap",
  "Müller",
  "java",
  "bytecode",
  "interpreter",
  "register",
  "stack",
];
const PEOPLE = ["Smith, John", "Lee, Ann", "Müller, Jan", "Chen, Wei", "Garcia, Luis"];
const VENUES = ["PLDI", "OOPSLA", "VEE", "ISMM"];

interface Rec {
  id: number;
  fields: Record<string, string>;
  year: number;
}

let store: SqliteStore;
let cleanup: () => Promise<void>;
const recs: Rec[] = [];

before(async () => {
  ({ store, cleanup } = tempStore());
  const random = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const sentence = (n: number) => Array.from({ length: n }, () => pick(VOCAB)).join(" ");
  const batch = [];
  for (let i = 0; i < 300; i++) {
    // A unique word in each title keeps the records distinct works (same title and first author would merge).
    const title = `${sentence(2 + Math.floor(random() * 4))} w${i}`;
    const abstract = sentence(8 + Math.floor(random() * 20));
    const authors = [pick(PEOPLE), pick(PEOPLE)];
    const venue = pick(VENUES);
    const year = 1995 + Math.floor(random() * 20);
    // References make citation counts differ, for the citation sort.
    const refs = Array.from({ length: Math.floor(random() * 4) }, () => ({
      id: `w${Math.floor(random() * 300)}`,
    })).filter((r) => r.id !== `w${i}`);
    batch.push(doc(`w${i}`, { title, abstract, author: authors, "container-title": venue, year }, refs));
    recs.push({
      id: i + 1,
      fields: {
        title,
        abstract,
        venue,
        author: authors.map((a) => a.split(", ").reverse().join(" ")).join(", "),
      },
      year,
    });
  }
  await store.upsertDocuments(batch);
});

after(async () => cleanup());

/** Brute-force evaluation of a query over the records, with the same word folding and stemming. */
function matches(r: Rec, n: QueryNode): boolean {
  const fields = (f: string) =>
    f === "any" ? ["title", "abstract", "venue", "author"] : [f === "text" ? "body" : f];
  switch (n.kind) {
    case "term":
      return fields(n.field).some((f) =>
        words(r.fields[f] ?? "").some((w) => (n.prefix ? w.startsWith(n.word) : stem(w) === stem(n.word))),
      );
    case "phrase":
      return fields(n.field).some((f) => {
        const ws = words(r.fields[f] ?? "").map((w) => (n.exact ? w : stem(w)));
        const want = n.words.map((w) => (n.exact ? w : stem(w)));
        for (let i = 0; i + want.length <= ws.length; i++)
          if (want.every((w, j) => ws[i + j] === w)) return true;
        return false;
      });
    case "year":
      return r.year >= n.from && r.year <= n.to;
    case "and":
      return n.items.every((i) => matches(r, i));
    case "or":
      return n.items.some((i) => matches(r, i));
    case "not":
      return !matches(r, n.item);
  }
}

async function ids(q: string): Promise<number[]> {
  const r = await store.search({
    query: parseQuery(q).node,
    sort: "relevance",
    offset: 0,
    limit: 1000,
    includeCitations: false,
    citationBoost: true,
    facets: false,
  });
  assert.equal(r.total, r.ids.length, `total of ${q}`);
  return [...r.ids].sort((a, b) => a - b);
}

test("every kind of query finds exactly what a brute-force scan finds", async () => {
  const queries = [
    "machine",
    "machines",
    "Muller",
    "müller",
    "virtual machine",
    '"virtual machines"',
    '"virtual machine"',
    "title:compiler",
    'title:"garbage collection"',
    "author:smith",
    'author:"ann lee"',
    "venue:PLDI",
    "abstract:tracing",
    "jit OR trace",
    "(jit OR trace) AND heap",
    "garbage -java",
    'garbage -"virtual machine"',
    "NOT java",
    "-java -heap",
    "year:2000..2004",
    "java year:2010",
    "java OR year:1995",
    "-year:1995..2005",
    "compil*",
    "title:coll*",
    "machine-virtual",
  ];
  const random = rng(11);
  for (let i = 0; i < 40; i++) {
    const a = VOCAB[Math.floor(random() * VOCAB.length)];
    const b = VOCAB[Math.floor(random() * VOCAB.length)];
    queries.push([`${a} ${b}`, `${a} OR ${b}`, `${a} -${b}`, `"${a} ${b}"`][i % 4]);
  }
  for (const q of queries) {
    const node = parseQuery(q).node!;
    const expected = recs.filter((r) => matches(r, node)).map((r) => r.id);
    assert.deepEqual(await ids(q), expected, `query ${q}`);
  }
});

test("an exact phrase is not stemmed, a plain word is", async () => {
  const plural = await ids('"virtual machines"');
  const singular = await ids('"virtual machine"');
  const either = await ids("virtual machine");
  assert.ok(plural.length > 0 && singular.length > 0);
  assert.notDeepEqual(plural, singular);
  for (const id of [...plural, ...singular]) assert.ok(either.includes(id));
});

test("sort orders order the whole result set; pages partition it", async () => {
  const node = parseQuery("machine").node;
  const base = {
    query: node,
    offset: 0,
    limit: 1000,
    includeCitations: false,
    citationBoost: true,
    facets: false,
  };
  const all = await store.search({ ...base, sort: "year" });
  const works = await store.getWorks(all.ids);
  for (let i = 1; i < works.length; i++)
    assert.ok((works[i - 1].year ?? 0) >= (works[i].year ?? 0), "year: newest first");
  const asc = await store.getWorks((await store.search({ ...base, sort: "year-asc" })).ids);
  for (let i = 1; i < asc.length; i++)
    assert.ok((asc[i - 1].year ?? 0) <= (asc[i].year ?? 0), "year-asc: oldest first");
  const cited = await store.getWorks((await store.search({ ...base, sort: "citations" })).ids);
  for (let i = 1; i < cited.length; i++)
    assert.ok(cited[i - 1].citedBy >= cited[i].citedBy, "citations: most cited first");
  const paged: number[] = [];
  for (let offset = 0; offset < all.total; offset += 7) {
    const page = await store.search({ ...base, sort: "relevance", offset, limit: 7 });
    assert.equal(page.total, all.total, "every page reports the same exact total");
    paged.push(...page.ids);
  }
  const ranked = await store.search({ ...base, sort: "relevance" });
  assert.deepEqual(paged, ranked.ids, "pages in order are the ranked list");
});

test("the citation boost only reorders; without it relevance is text alone", async () => {
  const node = parseQuery("garbage").node;
  const base = {
    query: node,
    sort: "relevance" as const,
    offset: 0,
    limit: 1000,
    includeCitations: false,
    facets: false,
  };
  const boosted = await store.search({ ...base, citationBoost: true });
  const plain = await store.search({ ...base, citationBoost: false });
  assert.deepEqual([...boosted.ids].sort(), [...plain.ids].sort());
});

test("facets count over the whole result set, not just the page", async () => {
  const q = "compiler";
  const node = parseQuery(q).node!;
  const expected = recs.filter((r) => matches(r, node));
  const r = await store.search({
    query: node,
    sort: "relevance",
    offset: 0,
    limit: 5,
    includeCitations: false,
    citationBoost: true,
    facets: true,
  });
  assert.equal(r.total, expected.length);
  const years = new Map<string, number>();
  for (const e of expected) years.set(String(e.year), (years.get(String(e.year)) ?? 0) + 1);
  assert.deepEqual(
    r.facets!.year.map((v) => [v.value, v.count]),
    [...years].sort(([a], [b]) => Number(a) - Number(b)),
  );
  assert.equal(
    r.facets!.venue.reduce((s, v) => s + v.count, 0),
    expected.length,
  );
  const venues = r.facets!.venue.map((v) => v.count);
  assert.deepEqual(
    venues,
    [...venues].sort((a, b) => b - a),
    "venues most frequent first",
  );
  assert.ok(r.facets!.author.length > 0);
});

test("search() fills pages with snippets and says 'Results 1 - 10 of N'", async () => {
  const r = await search(store, { q: "garbage collection", perPage: 10 });
  const expected = recs.filter((x) => matches(x, parseQuery("garbage collection").node!)).length;
  assert.equal(resultsLine(r), `Results 1 - ${Math.min(10, expected)} of ${expected}`);
  for (const h of r.hits) {
    const inAbstract = words(h.abstract ?? "").some(
      (w) => stem(w) === stem("garbage") || stem(w) === stem("collection"),
    );
    assert.equal(
      !!h.snippet?.segments.some((s) => s.hit),
      inAbstract,
      `snippet of ${h.id} highlights the query words its abstract has`,
    );
  }
  const last = await search(store, { q: "garbage collection", perPage: 10, page: r.pages });
  assert.equal(last.last, expected);
  const beyond = await search(store, { q: "garbage collection", perPage: 10, page: r.pages + 5 });
  assert.equal(beyond.hits.length, 0);
  assert.equal(beyond.total, expected);
});

test("an empty query lists every library work", async () => {
  const r = await search(store, { q: "", perPage: 100 });
  assert.equal(r.total, recs.length);
});

test("facets from the in-memory index equal facets counted in SQL, also after updates and deletions", async () => {
  const searcher = store.searcher;
  const queries = [
    "machine",
    "compiler year:2000..2008",
    "garbage OR heap",
    "",
    "venue:PLDI",
    "-java",
    "jit year:1990..2000 year:1995..2010",
  ];
  /** Compares the two ways; `patched` keeps the index as the store's writes left it instead of rebuilding. */
  const both = async (patched: boolean) => {
    for (const q of queries) {
      const req = {
        query: parseQuery(q).node,
        sort: "relevance" as const,
        offset: 0,
        limit: 10,
        includeCitations: false,
        citationBoost: true,
        facets: false,
      };
      searcher.facetMode = "sql";
      searcher.worksChanged([]); // forgets cached facets, keeps the index
      const sql = searcher.facets(req);
      searcher.facetMode = "memory";
      if (patched) searcher.worksChanged([]);
      else searcher.invalidate();
      const memory = searcher.facets(req);
      assert.deepEqual(memory, sql, `facets of "${q}"`);
      // Counted from memory, the facets give the total as well: the same as SQL counts it. (A page by position:
      // its total is always counted, where an early page of a small result set knows it from the hits.)
      for (const includeCitations of [false, true]) {
        const counted = { ...req, includeCitations, after: "start" as const };
        searcher.facetMode = "sql";
        searcher.worksChanged([]);
        const inSql = searcher.search(counted).total;
        searcher.facetMode = "memory";
        searcher.worksChanged([]);
        const withFacets = searcher.search({ ...counted, facets: true }).total;
        assert.equal(withFacets, inSql, `total of "${q}", citations ${includeCitations}`);
      }
    }
  };
  try {
    await both(false);
    // Build the index, then change works through the store: the index is patched, not rebuilt.
    searcher.facetMode = "memory";
    searcher.facets({
      query: null,
      sort: "relevance",
      offset: 0,
      limit: 10,
      includeCitations: false,
      citationBoost: true,
      facets: true,
    });
    await store.upsertDocuments([
      doc("w3", {
        title: "machine heap w3 changed",
        author: ["Chen, Wei", "Chen, Wei"],
        "container-title": "ISMM",
        year: 2001,
      }),
      doc(
        "new1",
        { title: "machine compiler new", author: ["Nobody, N."], "container-title": "NEWVENUE", year: 2020 },
        [
          {
            item: {
              title: "A cited-only machine book",
              author: [{ family: "Aho", given: "A." }],
              issued: { "date-parts": [[1986]] },
            },
          },
        ],
      ),
    ]);
    const r = searcher.facets({
      query: parseQuery("machine").node,
      sort: "relevance",
      offset: 0,
      limit: 10,
      includeCitations: true,
      citationBoost: true,
      facets: true,
    });
    assert.ok(r.year.some((y) => y.value === "2020"));
    assert.ok(
      r.year.some((y) => y.value === "1986"),
      "cited-only works count when citations are included",
    );
    await both(true);
  } finally {
    searcher.facetMode = "auto";
    searcher.invalidate();
  }
});
