/**
 * The ingest queue end to end, as operators run it: `citegraph ingest --queue`, `citegraph worker` processes
 * (spawned, two at once, one killed with SIGKILL mid-job), `citegraph queue --json` and `citegraph failures`, on a
 * real PostgreSQL queue and real PDFs from ../shared/datasets. The library's kind is a parameter: a SQLite
 * library (its queue in PostgreSQL), and a PostgreSQL library holding its own queue.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openStore } from "../../store/open.ts";
import {
  type GraphContent,
  graphContent,
  graphDifferences,
  orderFreeStats,
  withoutPeople,
} from "../../testing/graph-content.ts";
import { corruptPdf } from "../../testing/pdf-fixtures.ts";
import { type TestDatabase, testPostgres } from "../../testing/postgres.ts";
import { tempDir } from "../../testing/temp-store.ts";
import { jobId, QUEUE_SCHEMA } from "./job.ts";

const BIN = fileURLToPath(new URL("../../../bin/citegraph.js", import.meta.url));
const PDFS = fileURLToPath(new URL("../../../../shared/datasets/pdfs/cermine/", import.meta.url));
const postgres = await testPostgres();
const shared = existsSync(PDFS) ? undefined : `no ${PDFS} (the shared datasets)`;

/** Each kind of library the queue serves: where its library is, given the test's folder and a database. */
const LIBRARIES = [
  {
    kind: "sqlite",
    skip: undefined,
    at: (dir: string, _db: TestDatabase, name: string) => join(dir, `${name}.db`),
  },
  {
    kind: "postgres",
    skip: undefined,
    at: (_dir: string, db: TestDatabase) => db.url,
  },
] as const;

const dir = tempDir("citegraph-queue-");
const databases: TestDatabase[] = [];
after(async () => {
  for (const d of databases) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function database(): Promise<TestDatabase> {
  const d = await postgres.newDatabase();
  databases.push(d);
  return d;
}

/** The first `n` PDFs of the shared CERMINE set, copied into a folder of their own. */
function samplePdfs(folder: string, n: number): string[] {
  mkdirSync(folder, { recursive: true });
  const names = readdirSync(PDFS)
    .filter((f) => f.endsWith(".pdf"))
    .sort()
    .slice(0, n);
  for (const f of names) copyFileSync(join(PDFS, f), join(folder, f));
  return names.map((f) => join(folder, f));
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Starts `citegraph …` with the queue's URL in CITEGRAPH_QUEUE; killed after 5 minutes at most. */
function start(args: string[], queue: string): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, CITEGRAPH_QUEUE: queue },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
  return { child, done };
}

async function run(args: string[], queue: string): Promise<Run> {
  const r = await start(args, queue).done;
  assert.equal(r.code, 0, `citegraph ${args.join(" ")}: ${r.err}`);
  return r;
}

async function queueJson(library: string, queue: string) {
  return JSON.parse((await run(["--db", library, "queue", "--json"], queue)).out);
}

async function stats(library: string, queue: string) {
  return JSON.parse((await run(["--db", library, "stats", "--json"], queue)).out);
}

/**
 * The library's graph by content (src/testing/graph-content.ts), people aside: what a library filed by workers
 * in whatever order their jobs end must share with a plain ingest (docs/architecture.md, filing and order).
 */
async function graph(library: string): Promise<GraphContent> {
  const store = openStore(library);
  try {
    return withoutPeople(await graphContent(store));
  } finally {
    await store.close();
  }
}

async function sql<T extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

for (const library of LIBRARIES) {
  describe(`the ingest queue, ${library.kind} library`, {
    skip: postgres.skip ?? shared ?? library.skip,
  }, () => {
    test("queued twice is one job; two workers file every PDF once, as a plain ingest does", async () => {
      const queue = await database();
      const folder = join(dir, `${library.kind}-two`);
      const pdfs = samplePdfs(folder, 6);
      const n = pdfs.length;
      assert.ok(n >= 3, "a few PDFs to share between two workers");
      const lib = library.at(folder, queue, "queued");

      const first = await run(["--db", lib, "ingest", "--queue", folder], queue.url);
      assert.match(first.out, new RegExp(`: ${n} queued`));
      assert.deepEqual(
        { ...(await queueJson(lib, queue.url)), rate_per_minute: 0 },
        {
          waiting: n,
          retrying: 0,
          active: 0,
          done: 0,
          failed: 0,
          rate_per_minute: 0,
          eta_seconds: null,
          dead_letters_pending: 0,
        },
      );
      const again = await run(["--db", lib, "ingest", "--queue", pdfs[0], folder], queue.url);
      assert.match(again.out, new RegExp(`: 0 queued, 0 queued again, ${n} already queued`));
      assert.equal((await queueJson(lib, queue.url)).waiting, n, "queued twice, still one job each");

      const workers = [0, 1].map(
        () => start(["--db", lib, "worker", "--exit-when-idle", "--concurrency", "1"], queue.url).done,
      );
      const ran = await Promise.all(workers);
      for (const r of ran) assert.equal(r.code, 0, r.err);
      // Each worker says where its time went; between them they took every job once.
      const taken = ran.map((r) => {
        const line =
          /^Worker time: (\d+) jobs in [\d.]+ s; extraction threads busy \d+%, main thread \d+%; CPU [\d.]+ s a job( \(main thread [\d.]+\))?; lane ms a job: queue \d+, extract \d+, file \d+, idle \d+$/m.exec(
            r.out,
          );
        assert.ok(line, r.out);
        return Number(line[1]);
      });
      assert.equal(taken[0] + taken[1], n, `jobs taken: ${taken}`);
      const after = await queueJson(lib, queue.url);
      assert.deepEqual(
        [after.waiting, after.active, after.done, after.failed],
        [0, 0, n, 0],
        JSON.stringify(after),
      );

      const plainDb = await database();
      const plain = library.at(folder, plainDb, "plain");
      await run(["--db", plain, "ingest", "--jobs", "1", folder], queue.url);
      const [a, b] = [await stats(lib, queue.url), await stats(plain, queue.url)];
      assert.equal(a.documents, n);
      assert.deepEqual(orderFreeStats(a), orderFreeStats(b), "the same counts as a plain ingest");
      assert.deepEqual(
        graphDifferences(await graph(lib), await graph(plain)),
        [],
        "the same works, metadata, counts and references",
      );
      // Queuing what the library holds queues nothing.
      assert.match(
        (await run(["--db", lib, "ingest", "--queue", folder], queue.url)).out,
        new RegExp(`${n} already in the library`),
      );
    });

    test("a worker killed mid-job: its jobs come back and are done once", async () => {
      const queue = await database();
      const folder = join(dir, `${library.kind}-kill`);
      samplePdfs(folder, 4);
      const lib = library.at(folder, queue, "killed");
      await run(
        [
          "--db",
          lib,
          "ingest",
          "--queue",
          folder,
          "--timeout",
          "20",
          "--job-expiry",
          "25",
          "--retry-delay",
          "1",
        ],
        queue.url,
      );
      const victim = start(["--db", lib, "worker", "--concurrency", "1"], queue.url);
      let held: { id: string }[] = [];
      // A worker holds two jobs a thread (one filed while the other is read). The first jobs take seconds (the
      // thread loads PDFium and the models): seen active, they are mid-way.
      for (let i = 0; i < 600 && held.length < 2; i++) {
        held = await sql(
          queue.url,
          `SELECT id FROM ${QUEUE_SCHEMA}.job WHERE name = 'ingest' AND state = 'active'`,
        );
        if (held.length < 2) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(held.length, 2, "the worker took two jobs");
      victim.child.kill("SIGKILL");
      await victim.done;
      const ids = held.map((h) => h.id);
      const still = await sql<{ state: string }>(
        queue.url,
        `SELECT state::text FROM ${QUEUE_SCHEMA}.job WHERE name = 'ingest' AND id = ANY($1::uuid[])`,
        [ids],
      );
      assert.deepEqual(
        still.map((j) => j.state),
        ["active", "active"],
        "killed while the jobs were in hand",
      );

      const rescuer = await run(["--db", lib, "worker", "--exit-when-idle", "--concurrency", "1"], queue.url);
      assert.match(rescuer.out, /4 added/);
      const jobs = await sql<{ state: string; retry_count: number }>(
        queue.url,
        `SELECT state::text, retry_count FROM ${QUEUE_SCHEMA}.job WHERE name = 'ingest' AND id = ANY($1::uuid[])`,
        [ids],
      );
      assert.equal(jobs.length, 2);
      for (const job of jobs) {
        assert.equal(job.state, "completed");
        assert.ok(job.retry_count >= 1, "taken again after its expiry");
      }
      const s = await stats(lib, queue.url);
      assert.equal(s.documents, 4, "nothing lost, nothing doubled");
      assert.equal(s.failures, 0);
      const q = await queueJson(lib, queue.url);
      assert.deepEqual([q.waiting, q.active, q.done, q.failed], [0, 0, 4, 0]);
    });

    test("a bad PDF fails at once into the dead-letter queue, recorded with its reason; the rest go on", async () => {
      const queue = await database();
      const folder = join(dir, `${library.kind}-bad`);
      samplePdfs(folder, 2);
      writeFileSync(join(folder, "corrupt.pdf"), await corruptPdf());
      writeFileSync(join(folder, "notes.pdf"), "These are notes, not a PDF.\n");
      const lib = library.at(folder, queue, "bad");
      await run(["--db", lib, "ingest", "--queue", folder], queue.url);
      assert.equal((await queueJson(lib, queue.url)).waiting, 4);

      const worker = await run(["--db", lib, "worker", "--exit-when-idle", "--concurrency", "1"], queue.url);
      assert.match(worker.out, /2 added, .* 2 failed \(2 failures recorded\)/);
      const failures = JSON.parse((await run(["--db", lib, "failures", "--json"], queue.url)).out);
      const reasons = Object.fromEntries(
        failures.map((f: { source: string; reason: string }) => [f.source.split("/").pop(), f.reason]),
      );
      assert.deepEqual(Object.keys(reasons).sort(), ["corrupt.pdf", "notes.pdf"]);
      assert.match(reasons["corrupt.pdf"], /^corrupt: /);
      assert.match(reasons["notes.pdf"], /^corrupt: /);
      const dead = await sql<{ retry_count: number; output: { reason: string } }>(
        queue.url,
        `SELECT j.retry_count, j.output FROM ${QUEUE_SCHEMA}.job j WHERE j.name = 'ingest' AND j.state = 'failed'`,
      );
      assert.equal(dead.length, 2);
      assert.ok(
        dead.every((d) => d.retry_count === 0),
        "failed at the first try, not after retries",
      );
      const letters = await sql<{ n: number }>(
        queue.url,
        `SELECT count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = 'ingest-dead' AND state = 'completed'`,
      );
      assert.equal(letters[0].n, 2, "each in the dead-letter queue, taken and recorded");
      const q = await queueJson(lib, queue.url);
      assert.deepEqual([q.waiting, q.active, q.done, q.failed, q.dead_letters_pending], [0, 0, 2, 2, 0]);
      assert.equal((await stats(lib, queue.url)).documents, 2);
      // The job is the PDF: its id is made from the sha1, the same on every machine.
      assert.match(
        jobId("0123456789abcdef0123456789abcdef01234567"),
        /^01234567-89ab-cdef-0123-456789abcdef$/,
      );
    });
  });
}
