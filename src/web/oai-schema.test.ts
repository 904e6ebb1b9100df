/**
 * Every kind of /oai answer is valid against the OAI-PMH 2.0 and oai_dc schemas, checked by xmllint (Debian's
 * libxml2-utils) offline: the schemas are local files (fixtures/oai/), and --nonet forbids fetching anything.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

const SCHEMA = fileURLToPath(new URL("./fixtures/oai/responses.xsd", import.meta.url));
const skip = spawnSync("xmllint", ["--version"]).error
  ? "xmllint is not installed (Debian: apt-get install libxml2-utils; CI installs it)"
  : false;

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  await store.upsertDocuments([
    doc("thesis", {
      type: "thesis",
      title: "Trees & <graphs>\u0007 in \u05e2\u05d1\u05e8\u05d9\u05ea",
      author: ["Holloway, Grace", "van der Berg, Jan"],
      year: 2001,
      abstract: "An abstract.",
      keyword: "graphs, , trees; forests",
      publisher: "Chapman and Hall/CRC",
      DOI: "10.1000/xyz",
    }),
    doc("chapter", { type: "chapter", title: "A chapter", author: ["Lee, Ann"], year: 2002 }),
    doc("conference", { type: "paper-conference", title: "A talk", year: 2003, "container-title": "Proc." }),
  ]);
  app = createApp(store, { oai: { pageSize: 2 } });
});

after(async () => cleanup());

/** xmllint's verdict on one answer: undefined when valid, else its messages. */
function schemaErrors(xml: string): string | undefined {
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, "-"], {
    input: xml,
    encoding: "utf8",
  });
  return r.status === 0 ? undefined : `${r.stderr}\n${xml}`;
}

async function answer(query: string): Promise<string> {
  const r = await app.request(`/oai?${query}`);
  assert.equal(r.status, 200);
  return r.text();
}

async function assertValid(query: string): Promise<string> {
  const xml = await answer(query);
  assert.equal(schemaErrors(xml), undefined, query);
  return xml;
}

test("the schemas themselves reject what OAI-PMH forbids (the check can fail)", { skip }, async () => {
  const valid = await answer("verb=Identify");
  assert.equal(schemaErrors(valid), undefined);
  const noZone = valid.replace(/<earliestDatestamp>([^<]+)Z</, "<earliestDatestamp>$1<");
  assert.match(schemaErrors(noZone) ?? "", /earliestDatestamp/);
  const badDc = (
    await answer("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/1")
  ).replace("<dc:title>", "<dc:headline>x</dc:headline><dc:title>");
  assert.match(schemaErrors(badDc) ?? "", /headline/);
});

test("Identify, ListMetadataFormats and ListSets are valid", { skip }, async () => {
  const identify = await assertValid("verb=Identify");
  assert.match(identify, /<adminEmail>[^<@]+@[^<]+\.[^<]+<\/adminEmail>/);
  await assertValid("verb=ListMetadataFormats");
  await assertValid("verb=ListMetadataFormats&identifier=oai:citegraph:works/1");
  await assertValid("verb=ListSets");
});

test("ListIdentifiers and ListRecords are valid on every page, resumption tokens included", {
  skip,
}, async () => {
  for (const verb of ["ListIdentifiers", "ListRecords"]) {
    let xml = await assertValid(`verb=${verb}&metadataPrefix=oai_dc`);
    let pages = 1;
    for (let token = /<resumptionToken>([^<]+)</.exec(xml)?.[1]; token; pages++) {
      xml = await assertValid(`verb=${verb}&resumptionToken=${encodeURIComponent(token)}`);
      token = /<resumptionToken>([^<]+)</.exec(xml)?.[1];
    }
    assert.equal(pages, 2, `${verb}: three records, two a page`);
    assert.match(xml, /<resumptionToken\/>/);
  }
  await assertValid("verb=ListRecords&metadataPrefix=oai_dc&from=2000-01-01&until=2999-12-31");
});

test("GetRecord is valid, with DCMI and info:eu-repo types", { skip }, async () => {
  const xml = await assertValid("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/1");
  assert.match(xml, /<dc:type>Text<\/dc:type><dc:type>info:eu-repo\/semantics\/doctoralThesis<\/dc:type>/);
});

test("error answers are valid, whatever the request held", { skip }, async () => {
  for (const query of [
    "",
    "verb=Harvest",
    "verb=Identify&extra=1",
    "verb=ListRecords&metadataPrefix=marc%2021",
    "verb=ListRecords&metadataPrefix=oai_dc&set=physics",
    "verb=ListRecords&metadataPrefix=oai_dc&set=not%20a%20set",
    "verb=ListIdentifiers&resumptionToken=not-a-token",
    "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01",
    "verb=GetRecord&metadataPrefix=oai_dc&identifier=no%20such%20record",
    "verb=GetRecord&metadataPrefix=oai_dc&identifier=%3Cx%3E",
  ]) {
    const xml = await assertValid(query);
    assert.match(xml, /<error code="\w+">/, query);
  }
});
