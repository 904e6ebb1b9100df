/**
 * The search page and API on odd queries: "*" lists everything as an empty query does, an unknown field is a
 * 400 that names it, the error page keeps the query in its search box; and the year histogram's labels.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";
import { YearBars } from "./pages/chart.tsx";

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  // Years 2001, 2002 (twice) and 2005: 2003 and 2004 are gaps.
  await store.upsertDocuments(
    [2001, 2002, 2002, 2005].map((year, i) =>
      doc(`w${i}`, { title: `Virtual machine paper ${i}`, author: ["Holloway, Grace"], year }),
    ),
  );
  app = createApp(store);
});

after(async () => cleanup());

async function get(path: string) {
  const r = await app.request(path);
  return { status: r.status, text: await r.text() };
}

test('"*" lists every work, as the empty query does', async () => {
  const star = await get("/search?q=*");
  assert.equal(star.status, 200);
  assert.match(star.text, /Results 1 - 4 of 4/);
  assert.match((await get("/search?q=")).text, /Results 1 - 4 of 4/);
  const api = await app.request("/api/v1/search?q=*");
  assert.equal(api.status, 200);
  assert.equal((await api.json()).total, 4);
});

test("an unknown field is a 400 naming it and the fields, and the error page keeps the query", async () => {
  const page = await get(`/search?q=${encodeURIComponent('foo:"<b>x</b>"')}`);
  assert.equal(page.status, 400);
  assert.match(
    page.text,
    /Unknown field foo: the fields are title:, author:, venue:, abstract:, text: and year:/,
  );
  const boxes = [...page.text.matchAll(/<input id="(q|q-error)" type="search" name="q" value="([^"]*)"/g)];
  assert.deepEqual(
    boxes.map((m) => [m[1], m[2]]),
    [
      ["q", "foo:&quot;&lt;b&gt;x&lt;/b&gt;&quot;"],
      ["q-error", "foo:&quot;&lt;b&gt;x&lt;/b&gt;&quot;"],
    ],
    "both boxes hold the query, escaped, under ids of their own",
  );
  const api = await app.request("/api/v1/search?q=foo:bar");
  assert.equal(api.status, 400);
  assert.match((await api.json()).message, /^Unknown field foo: the fields are title:/);
  assert.equal((await app.request("/api/v1/search/summary?q=foo:bar")).status, 400);
});

test("the year histogram has its first and last years, its highest count and a tooltip per bar", async () => {
  const page = await get("/search?q=virtual");
  const svg = /<section class="facet"><h2>Year<\/h2>(<svg[\s\S]*?<\/svg>)/.exec(page.text)?.[1];
  assert.ok(svg, "the histogram is there");
  assert.match(svg, /aria-label="Results per year, 2001 to 2005; the highest, 2"/);
  const labels = [...svg.matchAll(/<text [^>]*class="axis">(\d+)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(labels, ["2", "2001", "2005"], "the scale's top, then the first and last years");
  const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  assert.deepEqual(titles, ["2001: 1", "2002: 2", "2003: 0", "2004: 0", "2005: 1"], "gaps included");
  assert.match(svg, /<a href="\/search\?q=virtual\+year%3A2002" aria-label="2002: 2"><rect /);
});

test("the chart's label is escaped", () => {
  const html = YearBars({
    data: [{ year: 2001, count: 1 }],
    label: '"><script>alert(1)</script>',
    class: "chart",
    height: 60,
    width: 200,
  })!.toString();
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /aria-label="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;, 2001 to 2001/);
});
