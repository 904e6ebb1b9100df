/** /stats ("Most cited") ranks every cited work, the ones known only from references too, marked as such. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

const CLASSIC = {
  item: {
    title: "Theorie des kommunikativen Handelns",
    author: [{ family: "Habermas", given: "Jürgen" }],
    issued: { "date-parts": [[1981]] },
  },
};

before(async () => {
  ({ store, cleanup } = tempStore());
  // Three library papers cite the classic (which the library holds no record of); one of them cites another.
  await store.upsertDocuments([
    doc("a", { title: "Deliberation online", author: ["Lee, Ann"], year: 2010 }, [CLASSIC]),
    doc("b", { title: "Publics and counterpublics", author: ["Kim, Bo"], year: 2011 }, [
      CLASSIC,
      { id: "a" },
    ]),
    doc("c", { title: "The public sphere revisited", author: ["Roe, Cy"], year: 2012 }, [CLASSIC]),
  ]);
  app = createApp(store);
});

after(async () => cleanup());

function mostCitedWorks(html: string): string[] {
  const list = /<h2>Works<\/h2><ol>([\s\S]*?)<\/ol>/.exec(html);
  assert.ok(list, "the works list is there");
  return list[1].split("</li>").filter((li) => li.includes("<li>"));
}

test("a work known only from references heads /stats when it is the most cited, marked as cited only", async () => {
  const works = mostCitedWorks(await (await app.request("/stats")).text());
  assert.match(works[0], /<bdi>Theorie des kommunikativen Handelns<\/bdi>/);
  assert.match(works[0], /Cited by 3/);
  assert.match(works[0], /\[cited only\]/);
  assert.match(works[1], /<bdi>Deliberation online<\/bdi>/, "then the library work cited once");
  assert.doesNotMatch(works[1], /\[cited only\]/);
  assert.equal(works.length, 4, "every work, library and cited only");
});

test("/stats of one year ranks the cited-only works of that year too", async () => {
  const of1981 = mostCitedWorks(await (await app.request("/stats?year=1981")).text());
  assert.equal(of1981.length, 1);
  assert.match(of1981[0], /Theorie des kommunikativen Handelns[\s\S]*\[cited only\]/);
  const of2010 = mostCitedWorks(await (await app.request("/stats?year=2010")).text());
  assert.equal(of2010.length, 1);
  assert.match(of2010[0], /Deliberation online/);
});
