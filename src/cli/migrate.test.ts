/**
 * `citegraph migrate` from the command line, against the tests' PostgreSQL server: the demo library moved, then
 * searched and counted through `--db postgres://…` with the same answers as from the SQLite file; a second
 * migration refused without --replace; the demo written again to the PostgreSQL library (CITEGRAPH_DB) finds every
 * record there; and the way back into a new SQLite file answers as the first did.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { testPostgres } from "../testing/postgres.ts";
import { tempDir } from "../testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const postgres = await testPostgres();

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("citegraph migrate", { skip: postgres.skip }, () => {
  test("moves a library; search and stats answer the same from PostgreSQL; a second move is refused, the demo again is unchanged", async () => {
    const dir = tempDir("citegraph-migrate-");
    const file = join(dir, "demo.db");
    const db = await postgres.newDatabase();
    try {
      assert.equal(run(["--db", file, "demo", "--no-serve"]).code, 0);
      const moved = run(["--db", file, "migrate", "--to", db.url]);
      assert.equal(moved.code, 0, moved.err);
      assert.match(
        moved.out,
        /^Migrated .*demo\.db to postgres:\/\/.*: \d+ rows in 14 tables, verified \(row counts of every table; \d+ works read the same through both stores\)/,
      );
      assert.match(moved.err, /^works: \d+ rows$/m);
      for (const args of [
        ["search", "virtual", "machine", "--json", "--facets"],

        ["stats", "--json"],
      ]) {
        const fromFile = run(["--db", file, ...args]);
        const fromServer = run(["--db", db.url, ...args]);
        assert.equal(fromServer.code, 0, fromServer.err);
        assert.equal(fromServer.out, fromFile.out, args.join(" "));
      }
      const again = run(["--db", file, "migrate", "--to", db.url]);
      assert.equal(again.code, 1);
      assert.match(again.err, /already holds a library .*--replace/);
      // As the README says: CITEGRAPH_DB=postgres://… citegraph demo.
      const write = run(["demo", "--no-serve"], { CITEGRAPH_DB: db.url });
      assert.equal(write.code, 0, write.err);
      assert.match(write.out, /^Demo library postgres:\/\/.*: 25 records \(0 new\)/);
      // And back: the PostgreSQL library into a new SQLite file, which answers as the first file did.
      const back = join(dir, "back.db");
      const movedBack = run(["migrate", "--from", db.url, "--to", back]);
      assert.equal(movedBack.code, 0, movedBack.err);
      assert.match(
        movedBack.out,
        /^Migrated postgres:\/\/.* to .*back\.db: \d+ rows in 13 tables, verified \(row counts of every table; \d+ works read the same through both stores\)/,
      );
      assert.equal(run(["--db", back, "stats", "--json"]).out, run(["--db", file, "stats", "--json"]).out);
      const hits = (path: string) =>
        JSON.parse(run(["--db", path, "search", "--json", "virtual", "machine"]).out).hits.map(
          (h: { id: number }) => h.id,
        );
      assert.deepEqual(hits(back).sort(), hits(file).sort());
      const refused = run(["migrate", "--from", db.url, "--to", back]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /back\.db exists: give --replace/);
      assert.equal(run(["migrate", "--from", db.url, "--to", back, "--replace"]).code, 0);
      const both = run(["migrate", "--from", db.url, "--to", db.url]);
      assert.equal(both.code, 2);
      assert.match(both.err, /both PostgreSQL/);
      const bad = run(["--db", file, "migrate", "--to", "mysql://x"]);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--to must be a PostgreSQL URL/);
    } finally {
      await db.drop();
    }
  });
});
