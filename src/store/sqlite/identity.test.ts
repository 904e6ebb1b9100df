/**
 * Identity on SQLite only: a library from an older schema, and an ambiguous reference written into the file by
 * hand (no Store call makes one to order).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { doc, tempStore } from "../../testing/temp-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

test("a library from before migration 5 gets its keys written again, its PDFs' records marked, its merges redirected", async () => {
  const { store, path, cleanup } = tempStore();
  try {
    const pdf = doc(undefined, { title: "Trace trees for a tracing JIT", author: ["Gal, A."], year: 2006 });
    pdf.kind = "pdf";
    await store.upsertDocuments([
      pdf,
      doc("b", { title: "Tracing the meta-level", author: ["Bolz, C."], year: 2009 }),
      doc("c", { title: "Meta-tracing for PyPy", author: ["Rigo, A."], year: 2009 }),
    ]);
    const [, b, c] = (await store.listWorkIds({ afterId: 0, limit: 3, includeCitations: false })).sort(
      (x, y) => x - y,
    );
    await store.mergeWorks(b, c);
    await store.close();
    // As citegraph left a library before version 5: no retired ids, no marks, keys of the older blocking.
    const raw = new Database(path);
    raw.exec(`DROP TABLE retired_works; DELETE FROM schema_migrations WHERE version = 5; DELETE FROM work_keys;
      UPDATE documents SET csl = json_remove(csl, '$.custom'); UPDATE works SET csl = json_remove(csl, '$.custom');`);
    raw.close();
    const reopened = new SqliteStore(path);
    const q = (sql: string) => reopened.db.prepare(sql).pluck().get();
    assert.ok((q("SELECT count(*) FROM work_keys") as number) > 0, "keys written again");
    assert.equal(q("SELECT count(*) FROM documents WHERE json_extract(csl, '$.custom.extracted') = 1"), 1);
    assert.equal(q("SELECT count(*) FROM works WHERE json_extract(csl, '$.custom.extracted') = 1"), 1);
    assert.deepEqual(await reopened.retiredWork(c), { into: b }, "a merge made before redirects too");
    await reopened.close();
  } finally {
    await cleanup();
  }
});

test("a merge whose work was merged on is split from where its documents are now; ambiguous lists follow merges", async () => {
  const { store, path, cleanup } = tempStore();
  try {
    await store.upsertDocuments([
      doc("a", { title: "Trace trees", author: ["Gal, A."], year: 2006 }),
      doc("b", { title: "Tracing the meta-level", author: ["Bolz, C."], year: 2009 }),
      doc("c", { title: "Meta-tracing for PyPy", author: ["Rigo, A."], year: 2009 }),
    ]);
    const [a, b, c] = (await store.listWorkIds({ afterId: 0, limit: 3, includeCitations: false })).sort(
      (x, y) => x - y,
    );
    const { mergeId } = await store.mergeWorks(b, a);
    await store.mergeWorks(c, b);
    const { workId } = await store.splitMerge(mergeId);
    assert.equal(workId, a);
    assert.equal((await store.getWork(a))!.documents.length, 1, "its document came back from work c");
    assert.equal((await store.getWork(c))!.documents.length, 2);
    assert.equal(await store.retiredWork(a), undefined);

    // A reference left ambiguous between two works resolves when the two are merged.
    const db = new Database(path);
    const ref = db
      .prepare(
        "INSERT INTO refs (document_id, position, raw, csl, target, work_id, contexts, ambiguous, kind) VALUES ((SELECT id FROM documents LIMIT 1), 99, 'x', NULL, NULL, NULL, NULL, ?, 'raw')",
      )
      .run(JSON.stringify([a, c])).lastInsertRowid;
    db.close();
    await store.mergeWorks(c, a);
    const check = new Database(path, { readonly: true });
    const row = check.prepare("SELECT work_id, ambiguous FROM refs WHERE id = ?").get(ref) as {
      work_id: number | null;
      ambiguous: string | null;
    };
    check.close();
    assert.deepEqual(row, { work_id: c, ambiguous: null });
  } finally {
    await cleanup();
  }
});
