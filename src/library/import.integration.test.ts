/**
 * Importing the real corpora in ../shared/datasets as they are: the S2ORC metadata sample (citations by S2 id)
 * and ACL Anthology XML. Skipped when ../shared is absent.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { search } from "../search/search.ts";
import { tempStore } from "../testing/temp-store.ts";
import { importFiles } from "./import.ts";

const DATASETS = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));
const S2ORC = join(DATASETS, "corpora/s2orc-sample/metadata_sample.jsonl");
const ACL = join(DATASETS, "corpora/acl-anthology-2019/xml");

test("the S2ORC sample imports whole, with exactly the citations its ids give", {
  skip: !existsSync(S2ORC) && "no ../shared datasets",
}, async () => {
  const { store, cleanup } = tempStore();
  try {
    const records = readFileSync(S2ORC, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { paper_id: string; title: string | null; outbound_citations: string[] });
    const withTitle = records.filter((r) => r.title?.trim());
    const report = await importFiles(store, [S2ORC]);
    assert.equal(report.records, withTitle.length);
    assert.equal(report.failed, records.length - withTitle.length);
    const ids = new Set(withTitle.map((r) => r.paper_id));
    const edges = new Set<string>();
    for (const r of withTitle)
      for (const c of r.outbound_citations)
        if (ids.has(c) && c !== r.paper_id) edges.add(`${r.paper_id}>${c}`);
    const stats = await store.stats();
    assert.equal(stats.citations, edges.size);
    assert.equal(
      stats.referencesResolved,
      withTitle.reduce((n, r) => n + r.outbound_citations.filter((c) => ids.has(c)).length, 0),
    );
    // Every count equals its list.
    const cited = store.db.prepare("SELECT id, cited_by FROM work_rank WHERE cited_by > 0").all() as {
      id: number;
      cited_by: number;
    }[];
    for (const w of cited)
      assert.equal(
        (await store.citedBy(w.id, { sort: "citations", offset: 0, limit: 1000 })).total,
        w.cited_by,
      );
    const again = await importFiles(store, [S2ORC]);
    assert.equal(again.added + again.updated, 0);
    assert.equal(again.unchanged, withTitle.length);
    const first = withTitle.find((r) => (r.title ?? "").split(" ").length > 4)!;
    const found = await search(store, { q: `title:"${first.title}"` });
    assert.ok(found.total >= 1, `finds "${first.title}"`);
  } finally {
    await cleanup();
  }
});

test("ACL Anthology XML imports every paper of the files given", {
  skip: !existsSync(ACL) && "no ../shared datasets",
}, async () => {
  const { store, cleanup } = tempStore();
  try {
    const files = readdirSync(ACL)
      .filter((f) => /^(P1[0-9]|J0[0-9])\.xml$/.test(f))
      .slice(0, 4)
      .map((f) => join(ACL, f));
    assert.ok(files.length > 0);
    const papers = files.reduce((n, f) => n + (readFileSync(f, "utf8").match(/<paper /g) ?? []).length, 0);
    const report = await importFiles(store, files);
    assert.equal(report.records + report.failed, papers);
    assert.equal(report.failed, 0);
    const stats = await store.stats();
    assert.equal(stats.documents, papers);
    const r = await search(store, { q: "parsing", facets: true });
    assert.ok(r.total > 0);
    assert.ok(r.facets!.venue.length > 0);
    assert.ok(r.hits[0].url?.startsWith("https://aclanthology.org/"));
  } finally {
    await cleanup();
  }
});
