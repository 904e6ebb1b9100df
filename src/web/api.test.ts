import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  await store.upsertDocuments([
    doc("gc", {
      title: "Garbage collection in a virtual machine",
      author: ["Holloway, Grace", "Brandt, Lena"],
      year: 1999,
      abstract: "Collectors for heaps.",
    }),
    doc("vm", { title: "Virtual machine interpreters", author: ["Holloway, Grace"], year: 2001 }, [
      { id: "gc" },
    ]),
    doc("tc", { title: "Tracing compilers", author: ["Gal, Andreas"], year: 2009 }, [
      { id: "gc" },
      { id: "vm" },
      {
        item: {
          title: "A cited-only book on virtual machines",
          author: [{ family: "Aho", given: "Alfred" }],
        },
      },
    ]),
  ]);
  app = createApp(store);
});

after(async () => cleanup());

async function get(path: string) {
  const r = await app.request(path);
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    // biome-ignore lint/suspicious/noExplicitAny: the answers are JSON whose shape each test checks.
    body: (await r.json()) as Record<string, any>,
  };
}

test("search answers total and hits, pages, sorts, selects fields and includes cited-only works on request", async () => {
  const r = await get("/api/v1/search?q=virtual&sort=citations");
  assert.equal(r.status, 200);
  assert.match(r.type, /application\/json/);
  assert.equal(r.body.total, 2);
  assert.equal(r.body.hits[0].title, "Garbage collection in a virtual machine");
  assert.equal(r.body.hits[0].cited_by, 2);
  assert.deepEqual(
    r.body.hits[0].authors.map((a: { name: string }) => a.name),
    ["Grace Holloway", "Lena Brandt"],
  );
  const page2 = await get("/api/v1/search?q=virtual&sort=citations&per_page=1&page=2");
  assert.equal(page2.body.hits.length, 1);
  assert.equal(page2.body.hits[0].title, "Virtual machine interpreters");
  const slim = await get("/api/v1/search?q=virtual&fields=title,year");
  assert.deepEqual(Object.keys(slim.body.hits[0]).sort(), ["id", "title", "year"]);
  assert.equal((await get("/api/v1/search?q=virtual&include_citations=true")).body.total, 3);
  const facets = await get("/api/v1/search?q=virtual&facets=true");
  assert.ok(Array.isArray(facets.body.facets.year));
});

test("works, their citations (with contexts and self flags) and references; authors and their works", async () => {
  const gc = (await get("/api/v1/search?q=garbage")).body.hits[0].id;
  const work = await get(`/api/v1/works/${gc}`);
  assert.equal(work.status, 200);
  assert.equal(work.body.title, "Garbage collection in a virtual machine");
  assert.equal(work.body.cited_by, 2);
  assert.equal(work.body.self_cited, 1);
  const citations = await get(`/api/v1/works/${gc}/citations?sort=year`);
  assert.equal(citations.body.total, 2);
  assert.equal(citations.body.items.length, 2);
  assert.deepEqual(
    citations.body.items.map((i: { title: string }) => i.title),
    ["Tracing compilers", "Virtual machine interpreters"],
  );
  assert.deepEqual(
    citations.body.items.map((i: { self: boolean }) => i.self),
    [false, true],
  );
  const tc = citations.body.items[0].id;
  const refs = await get(`/api/v1/works/${tc}/references`);
  assert.equal(refs.body.total, 3);
  assert.equal(refs.body.items[0].work, gc);
  assert.equal(refs.body.items[2].title, "A cited-only book on virtual machines");
  const grace = work.body.authors[0].id;
  const author = await get(`/api/v1/authors/${grace}`);
  assert.equal(author.body.name, "Grace Holloway");
  assert.equal(author.body.works, 2);
  assert.equal(author.body.h_index, 1);
  const works = await get(`/api/v1/authors/${grace}/works?per_page=1`);
  assert.equal(works.body.total, 2);
  assert.equal(works.body.items.length, 1);
  assert.equal(works.body.items[0].title, "Garbage collection in a virtual machine", "most cited first");
});

test("errors are JSON with a status and a message", async () => {
  for (const [path, status, message] of [
    ["/api/v1/works/999999", 404, /no work 999999/],
    ["/api/v1/works/abc", 404, /no such id/],
    ["/api/v1/authors/999999/works", 404, /no author/],
    ["/api/v1/search?q=virtual&per_page=101", 400, /per_page must be at most 100/],
    ["/api/v1/search?q=virtual&page=0", 400, /page must be a whole number/],
    ["/api/v1/search?q=virtual&sort=best", 400, /unknown sort/],
    ["/api/v1/search?q=%22unclosed", 200, undefined],
    ["/api/v1/nothing", 404, /no such endpoint/],
  ] as const) {
    const r = await get(path);
    assert.equal(r.status, status, path);
    if (message) {
      assert.equal(r.body.status, status);
      assert.match(r.body.message, message, path);
    }
  }
});

test("the citation summary of a query as JSON", async () => {
  const r = await get("/api/v1/search/summary?q=virtual");
  assert.equal(r.body.works, 2);
  assert.equal(r.body.citations, 3);
  assert.equal(r.body.h_index, 1);
  assert.equal(r.body.citations_without_self, 2);
  assert.equal(r.body.bands[1].works, 2, "both cited 1–9 times");
});

test("the OpenAPI document describes every endpoint and method the API serves", async () => {
  const r = await get("/api/v1/openapi.json");
  assert.equal(r.body.openapi, "3.1.0");
  const { createApi } = await import("./api.ts");
  const served = createApi(store)
    .routes.filter((route) => route.method !== "ALL" && route.path !== "/openapi.json")
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`)
    .sort();
  const described = Object.entries(r.body.paths as Record<string, object>)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  assert.deepEqual(described, served);
  assert.ok(served.length >= 10);
});

test("corrections through the API: bearer token required, JSON errors, history, revert", async () => {
  const { checkAdminToken } = await import("./admin-auth.ts");
  const token = "a-long-admin-token-for-tests";
  const admin = createApp(store, { admin: checkAdminToken(token) });
  const call = (path: string, body: unknown, auth?: string) =>
    admin.request(path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    });
  const anonymous = await call("/api/v1/works/1/corrections", { fields: { title: "X" } });
  assert.equal(anonymous.status, 401);
  assert.match((await anonymous.json()).message, /admin token/);
  assert.equal((await call("/api/v1/works/1/corrections", { fields: { title: "X" } }, "wrong")).status, 401);
  const bad = await call("/api/v1/works/1/corrections", { fields: { issued: "soon" } }, token);
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).message, /^issued:/);
  assert.equal((await call("/api/v1/works/99/corrections", { fields: { title: "X" } }, token)).status, 404);
  assert.equal((await call("/api/v1/works/1/corrections", [1], token)).status, 400);

  const made = await call(
    "/api/v1/works/1/corrections",
    {
      fields: { title: "Garbage collection in virtual machines" },
      editor: "harvest-bot",
      note: "DOI record",
    },
    token,
  );
  assert.equal(made.status, 201);
  const c = await made.json();
  assert.equal(c.editor, "harvest-bot");
  assert.equal(c.previous.title, "Garbage collection in a virtual machine");
  assert.equal(
    (await (await admin.request("/api/v1/works/1")).json()).title,
    "Garbage collection in virtual machines",
  );
  const list = await (await admin.request("/api/v1/works/1/corrections")).json();
  assert.equal(list.total, 1);
  const reverted = await call(`/api/v1/corrections/${c.id}/revert`, {}, token);
  assert.equal(reverted.status, 200);
  assert.ok((await reverted.json()).reverted_at);
  assert.equal(
    (await (await admin.request("/api/v1/works/1")).json()).title,
    "Garbage collection in a virtual machine",
  );
  assert.equal((await call(`/api/v1/corrections/${c.id}/revert`, {}, token)).status, 400);
  const spec = await (await admin.request("/api/v1/openapi.json")).json();
  assert.ok(spec.paths["/works/{id}/corrections"].post.security);
});

test("cursor paging walks every hit once, in the order of page paging, for every sort", async () => {
  // More works with ties (same year, same citations) so that the order's tie-breaks matter.
  await store.upsertDocuments(
    Array.from({ length: 23 }, (_, i) =>
      doc(`t${i}`, {
        title: `Tied virtual machine paper ${i}`,
        author: ["Tie, Tom"],
        ...(i % 4 ? { year: 2000 + (i % 3) } : {}),
      }),
    ),
  );
  for (const sort of ["relevance", "citations", "year", "year-asc", "recent"]) {
    for (const q of ["virtual", ""]) {
      const byPage: number[] = [];
      for (let page = 1; ; page++) {
        const r = await get(`/api/v1/search?q=${q}&sort=${sort}&per_page=7&page=${page}&fields=id`);
        byPage.push(...r.body.hits.map((h: { id: number }) => h.id));
        if (r.body.hits.length < 7) break;
      }
      const byCursor: number[] = [];
      let cursor = "*";
      for (let n = 0; cursor && n < 20; n++) {
        const r = await get(
          `/api/v1/search?q=${q}&sort=${sort}&per_page=7&fields=id&cursor=${encodeURIComponent(cursor)}`,
        );
        assert.equal(r.status, 200);
        assert.equal(r.body.page, undefined);
        byCursor.push(...r.body.hits.map((h: { id: number }) => h.id));
        cursor = r.body.next_cursor;
      }
      assert.deepEqual(byCursor, byPage, `${sort} "${q}"`);
      assert.ok(byPage.length >= 23);
    }
  }
  const first = await get("/api/v1/search?q=virtual&per_page=2&cursor=*");
  const other = await get(`/api/v1/search?q=machine&per_page=2&cursor=${first.body.next_cursor}`);
  assert.equal(other.status, 400);
  assert.match(other.body.message, /another query/);
  assert.equal((await get("/api/v1/search?q=virtual&cursor=garbage!")).status, 400);
  assert.equal((await get("/api/v1/search?q=virtual&cursor=*&page=2")).status, 400);
});
