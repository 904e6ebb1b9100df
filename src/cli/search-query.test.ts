/** `citegraph search` on odd queries: "*" lists everything; an unknown field is bad usage that names it. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const dir = tempDir("citegraph-search-query-");
const db = join(dir, "lib.db");
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "--db", db, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('search "*" lists every work; search foo:bar says the field is unknown and exits 2', () => {
  const file = join(dir, "works.jsonl");
  writeFileSync(
    file,
    ["Tracing compilers", "Virtual machines"]
      .map((title, i) => JSON.stringify({ id: `w${i}`, title }))
      .join("\n"),
  );
  assert.equal(run(["import", file]).code, 0);
  const all = run(["search", "*"]);
  assert.equal(all.code, 0, all.err);
  assert.match(all.out, /^Results 1 - 2 of 2$/m);
  const unknown = run(["search", "foo:bar"]);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.out, "");
  assert.equal(
    unknown.err,
    "citegraph: Unknown field foo: the fields are title:, author:, venue:, abstract:, text: and year:.\n",
  );
});
