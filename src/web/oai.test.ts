import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SaxesParser } from "saxes";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  const batch = Array.from({ length: 5 }, (_, i) =>
    doc(`p${i}`, {
      title: i === 0 ? `Trees & <graphs> "quoted"` : `Harvestable paper number ${i}`,
      author: ["Holloway, Grace"],
      year: 2000 + i,
      abstract: `Abstract ${i}.`,
    }),
  );
  batch[4].references = [{ item: { title: "A cited-only book", author: [{ family: "Aho", given: "A." }] } }];
  await store.upsertDocuments(batch);
  app = createApp(store, { oai: { pageSize: 2, repositoryName: "Test library" } });
});

after(async () => cleanup());

/** The response, checked to be well-formed XML, with its element names and texts for assertions. */
async function oai(query: string, method: "GET" | "POST" = "GET") {
  const r =
    method === "GET"
      ? await app.request(`/oai?${query}`)
      : await app.request("/oai", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: query,
        });
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", /text\/xml/);
  const xml = await r.text();
  const parser = new SaxesParser({ xmlns: true });
  const names: string[] = [];
  parser.on("opentag", (t) => names.push(t.local));
  parser.write(xml).close();
  return { xml, names, error: /<error code="(\w+)"/.exec(xml)?.[1] };
}

test("Identify, ListMetadataFormats and ListSets say what the repository is and has", async () => {
  const id = await oai("verb=Identify");
  assert.equal(id.error, undefined);
  assert.match(id.xml, /<repositoryName>Test library<\/repositoryName>/);
  assert.match(id.xml, /<baseURL>http:\/\/localhost\/oai<\/baseURL>/);
  assert.match(id.xml, /<earliestDatestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/earliestDatestamp>/);
  assert.match(id.xml, /<request verb="Identify">/);
  assert.deepEqual(id.names.slice(0, 4), ["OAI-PMH", "responseDate", "request", "Identify"]);
  assert.match((await oai("verb=ListMetadataFormats")).xml, /<metadataPrefix>oai_dc<\/metadataPrefix>/);
  assert.equal((await oai("verb=ListSets")).error, "noSetHierarchy");
});

test("ListIdentifiers and ListRecords page with resumption tokens through every library work, none cited only", async () => {
  for (const verb of ["ListIdentifiers", "ListRecords"]) {
    const seen: string[] = [];
    let r = await oai(`verb=${verb}&metadataPrefix=oai_dc`);
    for (let guard = 0; guard < 10; guard++) {
      seen.push(
        ...[...r.xml.matchAll(/<identifier>(oai:citegraph:works\/\d+)<\/identifier>/g)].map((m) => m[1]),
      );
      const token = /<resumptionToken>([^<]+)<\/resumptionToken>/.exec(r.xml)?.[1];
      if (!token) {
        assert.match(r.xml, /<resumptionToken\/>/, "the last page ends the list with an empty token");
        break;
      }
      r = await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(token)}`);
    }
    assert.equal(seen.length, 5, verb);
    assert.equal(new Set(seen).size, 5, `${verb}: no record twice`);
  }
  const records = await oai("verb=ListRecords&metadataPrefix=oai_dc");
  assert.ok(records.names.includes("dc"));
  assert.match(records.xml, /<dc:title>Trees &#38; &#60;graphs&#62; &#34;quoted&#34;<\/dc:title>/);
  assert.match(records.xml, /<dc:creator>Holloway, Grace<\/dc:creator>/);
});

test("GetRecord gives one record; selective harvesting by date; POST works like GET", async () => {
  const one = await oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/1");
  assert.equal(one.error, undefined);
  assert.match(one.xml, /<dc:identifier>http:\/\/localhost\/works\/1<\/dc:identifier>/);
  assert.equal(
    (await oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01")).error,
    "noRecordsMatch",
  );
  const today = new Date().toISOString().slice(0, 10);
  const byDay = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=2000-01-01&until=${today}`);
  assert.equal(byDay.error, undefined);
  assert.equal(
    (await oai("verb=ListIdentifiers&metadataPrefix=oai_dc&until=1999-12-31")).error,
    "noRecordsMatch",
  );
  const post = await oai(
    "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Acitegraph%3Aworks%2F2",
    "POST",
  );
  assert.equal(post.error, undefined);
  assert.match(post.xml, /oai:citegraph:works\/2/);
});

test("every error code of the protocol, where it applies", async () => {
  const cases: [string, string][] = [
    ["", "badVerb"],
    ["verb=Harvest", "badVerb"],
    ["verb=Identify&verb=Identify", "badVerb"],
    ["verb=Identify&extra=1", "badArgument"],
    ["verb=ListRecords", "badArgument"],
    ["verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"],
    ["verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument"],
    ["verb=ListRecords&metadataPrefix=oai_dc&from=2001-01-01&until=2000-01-01", "badArgument"],
    ["verb=ListRecords&metadataPrefix=oai_dc&from=2001-01-01&until=2002-01-01T00:00:00Z", "badArgument"],
    ["verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc", "badArgument"],
    ["verb=GetRecord&metadataPrefix=oai_dc", "badArgument"],
    ["verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"],
    ["verb=GetRecord&metadataPrefix=mods&identifier=oai:citegraph:works/1", "cannotDisseminateFormat"],
    ["verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/999", "idDoesNotExist"],
    ["verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/6", "idDoesNotExist"],
    ["verb=GetRecord&metadataPrefix=oai_dc&identifier=nonsense", "idDoesNotExist"],
    ["verb=ListMetadataFormats&identifier=oai:citegraph:works/999", "idDoesNotExist"],
    ["verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01", "noRecordsMatch"],
    ["verb=ListIdentifiers&resumptionToken=not-a-token", "badResumptionToken"],
    ["verb=ListRecords&metadataPrefix=oai_dc&set=physics", "noSetHierarchy"],
  ];
  for (const [query, code] of cases) {
    const r = await oai(query);
    assert.equal(r.error, code, query);
    if (code === "badVerb" || code === "badArgument")
      assert.match(r.xml, /<request>/, `${query}: no attributes`);
  }
});
