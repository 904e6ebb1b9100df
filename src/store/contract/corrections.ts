/** Contract: corrections — applied over the vote, kept through new sources, rebuilds, merges and splits, reverted. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NewStore } from "./harness.ts";
import { doc, searchTitle } from "./inputs.ts";

const WORK = { title: "An economic theory of democrasy", author: ["Downs, Anthony"], year: 1975 };

export function correctionsContract(newStore: NewStore): void {
  test("a correction changes the work, survives new sources and rebuild-graph, and can be reverted", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([doc("downs", WORK)]);
      const c = await store.correctWork(
        1,
        { title: "An economic theory of democracy", issued: 1957, author: ["Downs, Anthony", "Roe, Jane"] },
        { editor: "librarian", note: "title page" },
      );
      assert.equal(c.editor, "librarian");
      assert.equal(c.previous.title, WORK.title, "the value it replaced is kept");
      let w = (await store.getWork(1))!;
      assert.equal(w.title, "An economic theory of democracy");
      assert.equal(w.year, 1957);
      assert.deepEqual(
        w.authors.map((a) => a.name),
        ["Anthony Downs", "Jane Roe"],
      );
      assert.deepEqual((await searchTitle(store, "democracy")).ids, [1], "the index follows the correction");
      assert.equal((await searchTitle(store, "democrasy")).total, 0);

      // A second record of the same work and a rebuild both vote again: the correction stays on top.
      await store.upsertDocuments([doc("downs", { ...WORK, publisher: "Harper" })]);
      await store.rebuildGraph();
      w = (await store.getWork(1))!;
      assert.equal(w.title, "An economic theory of democracy");
      assert.equal(w.csl.publisher, "Harper");

      const second = await store.correctWork(1, { publisher: null }, { editor: "other" });
      assert.equal((await store.getWork(1))!.csl.publisher, undefined);
      await assert.rejects(store.correctWork(1, { publisher: null }, { editor: "x" }), /changes nothing/);

      await store.revertCorrection(c.id, "reviewer");
      w = (await store.getWork(1))!;
      assert.equal(w.title, WORK.title, "reverting gives back what the sources say");
      assert.equal(w.year, 1975);
      assert.equal(w.csl.publisher, undefined, "the later correction still stands");
      await assert.rejects(store.revertCorrection(c.id, "reviewer"), /reverted already/);

      const history = await store.corrections(1, 10);
      assert.deepEqual(
        history.map((h) => [h.id, h.editor, h.revertedBy]),
        [
          [second.id, "other", undefined],
          [c.id, "librarian", "reviewer"],
        ],
      );
    } finally {
      await cleanup();
    }
  });

  test("corrections are refused for unknown and cited-only works and without an editor", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", { title: "Citing", author: ["Lee, Ann"], year: 2001 }, [
          { item: { title: "Cited only work", author: [{ family: "Kim", given: "B" }] } },
        ]),
      ]);
      assert.equal((await store.stats()).worksCitedOnly, 1);
      await assert.rejects(
        store.correctWork(2, { title: "X" }, { editor: "e" }),
        /known only from references/,
      );
      await assert.rejects(store.correctWork(99, { title: "X" }, { editor: "e" }), /no work 99/);
      await assert.rejects(store.correctWork(1, { title: "X" }, { editor: " " }), /^CorrectionError|editor/);
      await assert.rejects(store.revertCorrection(5, "e"), /no correction 5/);
    } finally {
      await cleanup();
    }
  });

  test("a merged work's corrections come back with it when the merge is split", async () => {
    const { store, cleanup } = await newStore();
    try {
      await store.upsertDocuments([
        doc("a", { title: "Garbage collection", author: ["Jones, Richard"], year: 1996 }),
        doc("b", {
          title: "Uniprocessor garbage collection techniques",
          author: ["Wilson, Paul"],
          year: 1992,
        }),
      ]);
      await store.correctWork(
        2,
        { title: "Uniprocessor garbage collection techniques (survey)" },
        { editor: "e" },
      );
      const { mergeId } = await store.mergeWorks(1, 2);
      assert.doesNotMatch((await store.getWork(1))!.title, /survey/, "idle while merged");
      const { workId } = await store.splitMerge(mergeId);
      const back = (await store.getWork(workId))!;
      assert.equal(back.title, "Uniprocessor garbage collection techniques (survey)");
      assert.equal((await store.corrections(workId, 5)).length, 1);
    } finally {
      await cleanup();
    }
  });
}
