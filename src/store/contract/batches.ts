/**
 * Contract: where a transaction ends changes nothing. The same records filed one a transaction and all in one
 * give the same graph, because what the matcher reads — a work's vote, whether a cited-only work still stands —
 * is settled after every document, not at the transaction's end (graph/filing/settle.ts, settleWorks).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../../formats/csl.ts";
import { graphContent } from "../../testing/graph-content.ts";
import type { DocumentInput } from "../types.ts";
import type { NewStore } from "./harness.ts";
import { doc } from "./inputs.ts";

/** A reference given with fields, as a parsed printed reference gives them. */
const cites = (item: CslItem) => ({ item });

const NOTES = cites({ title: "collection types notes", author: [{ family: "Lee" }] });
const printed = (family: string, given: string, venue: string) =>
  cites({
    title: "collection types types 3",
    author: [{ family, given }],
    issued: { "date-parts": [[1992]] },
    "container-title": `Journal of ${venue}`,
    volume: "3",
    page: "1-10",
  });

/**
 * Records in which a look-alike's arrival moves the only reference of a cited-only work to another work, and
 * the next record cites that work again. `notes` is made by the first record's reference; `types 3` by two
 * others'; the library record "collection garbage types 1" resembles `notes`, so its arrival resolves the
 * references of `notes` again, as if `notes` did not exist (references.ts, reconsiderNeighbours): the one
 * reference goes to `types 3`, and `notes` is left an orphan. Dropped at once, the last record's reference
 * finds `types 3`; left standing until the transaction ends, it found `notes` and kept it alive.
 */
function orphanedRecords(): DocumentInput[] {
  return [
    doc("a", { title: "Parallel compilers", author: ["Garcia, Maria"], year: 2001 }, [NOTES]),
    doc("b", { title: "Dynamic copying", author: ["Ungar, David"], year: 2002 }, [
      printed("Smith", "David", "types"),
    ]),
    doc("c", { title: "Copying types", author: ["Ungar, David"], year: 2002 }, [
      printed("Lee", "John", "dynamic"),
    ]),
    doc("d", { title: "collection garbage types 1", author: ["Lee, Kim"], year: 1996 }),
    doc("e", { title: "Generational garbage", author: ["Chen, Wei"], year: 2003 }, [NOTES]),
  ];
}

export function batchesContract(newStore: NewStore): void {
  test("a cited-only work left without references is gone before the next record, in one transaction too", async () => {
    const oneByOne = await newStore();
    const allInOne = await newStore();
    try {
      for (const d of orphanedRecords()) await oneByOne.store.upsertDocuments([d]);
      await allInOne.store.upsertDocuments(orphanedRecords());
      for (const { store } of [oneByOne, allInOne]) {
        const stats = await store.stats();
        assert.equal(stats.worksCitedOnly, 1, "one cited-only work: the orphan is gone, not found again");
        assert.equal(stats.referencesResolved, 4);
        const [only] = (await graphContent(store)).works.filter((w) => !w.summary.inLibrary);
        assert.equal(only.summary.citedBy, 4, "every reference went to the one cited-only work");
      }
      assert.deepEqual(await graphContent(allInOne.store), await graphContent(oneByOne.store));
      const ids = (store: typeof oneByOne.store) =>
        store.listWorkIds({ afterId: 0, limit: 100, includeCitations: true });
      assert.deepEqual(await ids(allInOne.store), await ids(oneByOne.store), "the same ids given, too");
    } finally {
      await oneByOne.cleanup();
      await allInOne.cleanup();
    }
  });
}
