/** A digest of a library's graph, for the benches that build one library twice and check they are the same. */
import { createHash } from "node:crypto";
import { search } from "../src/search/search.ts";
import type { Store, WorkSummary } from "../src/store/types.ts";
import { allWorkIds, contentDigest, graphContent, withoutPeople } from "../src/testing/graph-content.ts";

/** A work as two builds of one library must both show it: everything but when it was added. */
function comparable(w: WorkSummary): Omit<WorkSummary, "addedAt"> {
  const { addedAt: _, ...rest } = w;
  return rest;
}

/**
 * A digest of a library's graph. By id: every work's summary (metadata, authors with their ids, counts) in id
 * order — two stores built from the same input in the same order must agree on every id. By content, for builds
 * that file in no set order: the graph as src/testing/graph-content.ts reads it (works named by their documents
 * or the references that resolve to them, with their metadata, counts and references), without people, whom a
 * name printed with initials may join differently in another order (docs/architecture.md).
 */
export async function digest(store: Store, byId: boolean): Promise<{ works: number; digest: string }> {
  if (!byId) {
    const g = await graphContent(store);
    return { works: g.works.length, digest: contentDigest(withoutPeople(g)) };
  }
  const ids = await allWorkIds(store);
  const lines: string[] = [];
  for (let i = 0; i < ids.length; i += 1000)
    for (const w of await store.getWorks(ids.slice(i, i + 1000))) lines.push(JSON.stringify(comparable(w)));
  return { works: ids.length, digest: createHash("sha256").update(lines.join("\n")).digest("hex") };
}

/** Each query's first page (ids and total) on a store. */
export async function answers(store: Store, queries: string[]): Promise<string> {
  const h = createHash("sha256");
  for (const q of queries) {
    const r = await search(store, { q });
    h.update(`${q}\t${r.total}\t${r.hits.map((h) => h.id).join(",")}\n`);
  }
  return h.digest("hex");
}
