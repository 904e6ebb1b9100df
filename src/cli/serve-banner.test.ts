/** `citegraph demo` and `serve` print the address to open, on a line of its own, first. */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "../testing/temp-store.ts";
import { browserUrl } from "../web/server.ts";

const BIN = fileURLToPath(new URL("../../bin/citegraph.js", import.meta.url));
const dir = tempDir("citegraph-serve-");
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the command and gives its standard output once `lines` lines have come. */
function firstLines(args: string[], lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const got = out.split("\n");
      if (got.length > lines) resolve(got.slice(0, lines));
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`exited with ${code} before ${lines} lines: ${out}${err}`)));
  });
}

test("citegraph demo builds the library and prints the address to open, alone on its line", async () => {
  const port = await freePort();
  const [built, serving, more] = await firstLines(
    ["--db", join(dir, "demo.db"), "demo", "--port", String(port)],
    3,
  );
  assert.match(built, /^Demo library .*demo\.db: \d+ records/);
  assert.equal(serving, `Serving citegraph on http://127.0.0.1:${port}/ — open it in a browser`);
  assert.match(more, /^\(Ctrl-C to stop; feed and OAI-PMH links use http:\/\/127\.0\.0\.1:\d+\)$/);
  const home = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(home.status, 200, "the address answers");
});

test("the address a browser can open, whatever the server listens on", () => {
  assert.equal(browserUrl("127.0.0.1", 3000), "http://127.0.0.1:3000/");
  assert.equal(browserUrl("0.0.0.0", 8080), "http://127.0.0.1:8080/");
  assert.equal(browserUrl("::", 3000), "http://[::1]:3000/");
  assert.equal(browserUrl("::1", 3000), "http://[::1]:3000/");
});
