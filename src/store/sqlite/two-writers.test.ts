/**
 * Two processes writing one library: SQLite lets one write at a time, and a write of this process must wait for
 * another's to end — longer than any fixed busy timeout — without failing and without freezing this thread.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { doc, tempStore } from "../../testing/temp-store.ts";

const require = createRequire(import.meta.url);

/** A second process that takes the write lock, writes a row, holds the lock for `holdMs`, then commits. */
function holdWriteLock(path: string, holdMs: number) {
  const script = `
    const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    db.prepare("INSERT INTO failures (source, location, reason, at) VALUES ('other-process', 'x', 'held', 0)").run();
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec("COMMIT");
    db.close();
  `;
  const child = spawn(process.execPath, ["-e", script, path, String(holdMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`the second process exited (${code}) before locking`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { locked, exited };
}

test("writes wait for another process's write, past the old 5 s busy timeout, and the thread stays free", async () => {
  const { store, path, cleanup } = tempStore();
  try {
    await store.upsertDocuments([
      doc("a", { title: "Routing in ad hoc networks", author: "Perkins, C.", year: 1999 }),
    ]);
    const other = holdWriteLock(path, 6500);
    await other.locked;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    try {
      const [upsert, correction] = await Promise.all([
        store.upsertDocuments([doc("b", { title: "Mobile IP", author: "Johnson, D.", year: 1996 })]),
        store.correctWork(1, { publisher: "ACM" }, { editor: "test" }),
        store.recordFailures([{ source: "this-process", location: "y", reason: "syntax: waited" }]),
      ]);
      assert.equal(upsert.added, 1);
      assert.equal(correction.workId, 1);
    } finally {
      clearInterval(ticker);
    }
    assert.equal(await other.exited, 0, "the second process committed");
    // The thread answered timers while it waited: a server goes on serving reads meanwhile.
    assert.ok(ticks > 10, `the event loop ran while waiting (${ticks} ticks)`);
    const sources = (await store.failures()).map((f) => f.source).sort();
    assert.deepEqual(sources, ["other-process", "this-process"]);
    assert.equal((await store.stats()).worksInLibrary, 2);
    assert.equal((await store.getWork(1))?.csl.publisher, "ACM");
  } finally {
    await cleanup();
  }
});
