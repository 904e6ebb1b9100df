/**
 * The compiled command (dist/, `npm run build`) runs: it starts without tsx, finds its models and static files
 * from dist/, and its ingest worker threads run compiled code too. Skipped when there is no build; a build older
 * than the sources is run all the same (CITEGRAPH_FROM_SOURCE=0), as it is what `npm install` left.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILD_STAMP, compiledMain } from "../../bin/compiled.js";
import { CITING_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { tempDir } from "../testing/temp-store.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const skip = existsSync(fileURLToPath(new URL(`../../${BUILD_STAMP}`, import.meta.url)))
  ? false
  : "no build in dist/ (npm run build; npm install runs it)";

/** The command as a user runs it, without this test process's tsx (NODE_OPTIONS would carry it along). */
function citegraph(...args: string[]) {
  const env = { ...process.env, NODE_OPTIONS: "", CITEGRAPH_FROM_SOURCE: "0" };
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the built command ingests a PDF (in a worker thread) and reports the library", { skip }, async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "paper.pdf"), await paperPdf(CITING_PAPER));
  const db = join(dir, "library.db");
  const ingest = citegraph("--db", db, "ingest", "--jobs", "1", join(dir, "paper.pdf"));
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.match(ingest.stdout, /1 added/);
  const stats = citegraph("--db", db, "stats", "--json");
  assert.equal(stats.status, 0, stats.stderr);
  assert.equal(JSON.parse(stats.stdout).documents, 1);
  const found = citegraph("--db", db, "search", "reference", "matching");
  assert.match(found.stdout, /Evaluating Reference Matching in Digital Libraries/);
  rmSync(dir, { recursive: true, force: true });
});

test("the entry point runs dist/ only while it is newer than every source; the environment overrides", () => {
  const dir = tempDir();
  const root = pathToFileURL(`${dir}/`);
  mkdirSync(join(dir, "src/web"), { recursive: true });
  mkdirSync(join(dir, "dist"));
  const source = join(dir, "src/web/page.ts");
  writeFileSync(source, "");
  assert.equal(compiledMain(root, {}), undefined, "no build: the sources run");
  assert.throws(() => compiledMain(root, { CITEGRAPH_FROM_SOURCE: "0" }), /no build/);
  writeFileSync(join(dir, BUILD_STAMP), "");
  const past = new Date(Date.now() - 60_000);
  utimesSync(source, past, past);
  assert.equal(compiledMain(root, {}), new URL("dist/cli/main.js", root).href, "built after the last edit");
  assert.equal(compiledMain(root, { CITEGRAPH_FROM_SOURCE: "1" }), undefined);
  writeFileSync(join(dir, "src/web/page.test.ts"), "");
  assert.ok(compiledMain(root, {}), "a test is not compiled: editing one leaves the build current");
  const future = new Date(Date.now() + 60_000);
  utimesSync(source, future, future);
  assert.equal(compiledMain(root, {}), undefined, "a source edited since the build: the sources run");
  assert.ok(compiledMain(root, { CITEGRAPH_FROM_SOURCE: "0" }), "unless the build is asked for");
  rmSync(dir, { recursive: true, force: true });
});
