/** `citegraph failures` says so when there are none, and prints JSON with --json. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const dir = tempDir("citegraph-failures-");
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("no failures: a line that says so, and [] with --json", () => {
  const db = join(dir, "empty.db");
  const text = run(["--db", db, "failures"]);
  assert.equal(text.code, 0, text.err);
  assert.equal(text.out, "No failures.\n");
  const json = run(["--db", db, "failures", "--json"]);
  assert.equal(json.code, 0, json.err);
  assert.deepEqual(JSON.parse(json.out), []);
});

test("failures --json lists each with its file, line and reason", () => {
  const db = join(dir, "lib.db");
  const file = join(dir, "broken.jsonl");
  writeFileSync(file, `${JSON.stringify({ id: "a", title: "A good record" })}\n{oops\n`);
  assert.equal(run(["--db", db, "import", file]).code, 0);
  const [failure, ...more] = JSON.parse(run(["--db", db, "failures", "--json"]).out);
  assert.equal(more.length, 0);
  assert.equal(failure.source, file);
  assert.match(failure.location, /broken\.jsonl:2 \(record 2\)/);
  assert.match(failure.reason, /^syntax: /);
  assert.ok(!Number.isNaN(Date.parse(failure.at)), "when, as an ISO date");
  assert.doesNotMatch(run(["--db", db, "failures"]).out, /No failures/);
});
