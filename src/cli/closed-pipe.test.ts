/**
 * `citegraph … | head`: the reader closes the pipe after its first lines, and the command ends quietly with
 * status 0, as Unix tools do. Real child processes and real pipes: the read end is destroyed after the first
 * chunk, while the command still has far more to write than a pipe holds.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { importFiles } from "../library/import.ts";
import { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { tempDir } from "../testing/temp-store.ts";
import { isClosedPipe } from "./closed-pipe.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const dir = tempDir("citegraph-pipe-");
const db = join(dir, "lib.db");
const references = join(dir, "references.txt");
const records = join(dir, "records.jsonl");

before(async () => {
  // Far more than the 64 KiB a pipe holds, whatever the format.
  const lines = Array.from({ length: 2000 }, (_, i) =>
    JSON.stringify({
      id: `r${i}`,
      title: `A study of pipes number ${i} and of readers who stop early`,
      author: ["Pike, Rob"],
      year: 1980 + (i % 40),
      abstract: "Pipes connect the output of one program to the input of the next. ".repeat(3),
    }),
  );
  writeFileSync(records, `${lines.join("\n")}\n`);
  const store = new SqliteStore(db);
  await importFiles(store, [records]);
  await store.close();
  const reference =
    "A. Cau, R. Kuiper, and W.-P. de Roever. Formalising Dijkstra's development strategy within Stark's formalism. In Proc. 5th BCS-FACS Refinement Workshop, 1992.";
  writeFileSync(references, `${Array(400).fill(reference).join("\n")}\n`);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command, reads its first chunk of output, then closes the pipe. */
function runUntilFirstChunk(args: string[]): Promise<{ code: number | null; first: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--db", db, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let first = "";
    let err = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8");
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, first, err }));
  });
}

for (const args of [["export"], ["export", "--format", "bibtex"], ["parse-references", references]]) {
  const shown = args.map((a) => (a === references ? "FILE" : a)).join(" ");
  test(`citegraph ${shown} | head: status 0, nothing on stderr`, async () => {
    const r = await runUntilFirstChunk(args);
    assert.ok(r.first.length > 0, "it wrote before the pipe closed");
    assert.equal(r.err, "", "no message, no stack trace");
    assert.equal(r.code, 0);
  });
}

test("isClosedPipe tells EPIPE from other errors", () => {
  assert.equal(isClosedPipe(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })), true);
  assert.equal(isClosedPipe(Object.assign(new Error("no space"), { code: "ENOSPC" })), false);
  assert.equal(isClosedPipe(undefined), false);
});
