/** A digest of a library's graph, for the benches that build one library twice and check they are the same. */
import { createHash } from "node:crypto";
import { search } from "../src/search/search.ts";
import type { Store, WorkSummary } from "../src/store/types.ts";

/** Every work id of a library, cited-only works too, in id order. */
async function allWorkIds(store: Store): Promise<number[]> {
  const ids: number[] = [];
  for (let after = 0; ; ) {
    const page = await store.listWorkIds({ afterId: after, limit: 10_000, includeCitations: true });
    if (!page.length) return ids;
    ids.push(...page);
    after = page[page.length - 1];
  }
}

/** A work as two builds of one library must both show it: everything but when it was added. */
function comparable(w: WorkSummary): Omit<WorkSummary, "addedAt"> {
  const { addedAt: _, ...rest } = w;
  return rest;
}

/**
 * A digest of a library's graph. By id: every work's summary (metadata, authors with their ids, counts) in id
 * order — two stores built from the same input in the same order must agree on every id. By content: the same
 * without ids (works sorted by what they print, authors by name), for builds that file in no set order.
 */
export async function digest(store: Store, byId: boolean): Promise<{ works: number; digest: string }> {
  const ids = await allWorkIds(store);
  const lines: string[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const w of await store.getWorks(ids.slice(i, i + 1000))) {
      const c = comparable(w);
      lines.push(JSON.stringify(byId ? c : { ...c, id: undefined, authors: c.authors.map((a) => a.name) }));
    }
  }
  if (!byId) lines.sort();
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
