/**
 * npm run bench:web [-- SIZE] [--duration SECONDS] [--connections N]   (default: 1000000, 20 s, 10)
 *
 * Drives `citegraph serve` over loopback with autocannon against the library of SIZE works that
 * `npm run bench:search -- SIZE` builds (bench/out/library-SIZE.db), and reports requests/s and latency (p50,
 * p99) for: the result page over 3,000 distinct generated queries, each asked once (nothing remembered: every
 * request ranks its query in full); the result page over the 200 fixed queries of bench:search
 * (bench/out/queries.txt) asked again (the server remembers recent results, as a search engine's query cache
 * does); the result page browsing the whole library by citations; work pages of random library works; and the
 * search API over distinct queries. The server is its own process (one core), as it runs in production;
 * autocannon runs here. Paths of the repeated scenarios are fetched once before they are measured.
 * Results go to bench/out/web-SIZE.json and to stdout as Markdown for docs/benchmarks.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { loadCorpus, makeQueries, prng } from "./generate.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench/out");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const size = Number(
  process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && !all[i - 1]?.startsWith("--")) ?? 1_000_000,
);
const duration = option("--duration", 20);
const connections = option("--connections", 10);
const db = join(OUT, `library-${size}.db`);
const queriesFile = join(OUT, "queries.txt");
if (!existsSync(db) || !existsSync(queriesFile)) {
  process.stderr.write(`no ${db} (or ${queriesFile}): build it first with npm run bench:search -- ${size}\n`);
  process.exit(2);
}
const queries = readFileSync(queriesFile, "utf8").split("\n").filter(Boolean);

/** Random library work ids, seeded: the same pages every run. */
function workIds(count: number): number[] {
  const lib = new Database(db, { readonly: true });
  const ids = lib.prepare("SELECT id FROM work_rank WHERE in_library = 1").pluck().all() as number[];
  lib.close();
  const random = prng(7);
  return Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "bin/citegraph.js"),
      "--db",
      db,
      "serve",
      "--port",
      String(port),
      "--rate-limit",
      "100000000",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("serving")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

interface Scenario {
  name: string;
  paths: string[];
  /** Fetch every path once first (a scenario of repeated requests); distinct ones are not warmed. */
  warm: boolean;
}

async function measure(base: string, s: Scenario) {
  if (s.warm) for (const p of s.paths) await (await fetch(base + p)).arrayBuffer();
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: s.paths[next++ % s.paths.length] }) }],
  });
  return {
    name: s.name,
    paths: s.paths.length,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx + result.timeouts,
    requests: result.requests.total,
  };
}

let server: ChildProcess | undefined;
try {
  const q = (x: string) => encodeURIComponent(x);
  const corpus = await loadCorpus(join(ROOT, "../shared/datasets"));
  const distinct = [...new Set(makeQueries(corpus, 4000, 3))]
    .filter((x) => !queries.includes(x))
    .slice(0, 3000);
  const half = Math.floor(distinct.length / 2);
  const scenarios: Scenario[] = [
    {
      name: `result page, ${half.toLocaleString("en-US")} distinct queries (cold)`,
      paths: distinct.slice(0, half).map((x) => `/search?q=${q(x)}`),
      warm: false,
    },
    {
      name: "result page, 200 queries asked again",
      paths: queries.map((x) => `/search?q=${q(x)}`),
      warm: true,
    },
    {
      name: "result page, browsing by citations (pages 1–50)",
      paths: Array.from({ length: 50 }, (_, i) => `/search?q=&sort=citations&page=${i + 1}`),
      warm: true,
    },
    { name: "work page, 500 random works", paths: workIds(500).map((id) => `/works/${id}`), warm: true },
    {
      name: `search API, ${(distinct.length - half).toLocaleString("en-US")} distinct queries (cold)`,
      paths: distinct.slice(half).map((x) => `/api/v1/search?q=${q(x)}`),
      warm: false,
    },
  ];
  // The statistics page ranks every author and venue: timed once, on a fresh server (then cached until the
  // library changes).
  const statsPort = await freePort();
  server = await startServer(statsPort);
  const firstStats: Record<string, number> = {};
  for (const path of ["/stats", "/stats?year=2015"]) {
    const t0 = performance.now();
    await (await fetch(`http://127.0.0.1:${statsPort}${path}`)).arrayBuffer();
    firstStats[path] = Math.round(performance.now() - t0);
  }
  await stop(server);
  const results = [];
  for (const s of scenarios) {
    process.stderr.write(`${s.name}…\n`);
    // Each scenario starts from a server of its own, which remembers nothing (the facet index is built first,
    // by one broad request, as a running server would have it).
    const port = await freePort();
    server = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    await (await fetch(`${base}/search?q=`)).arrayBuffer();
    results.push(await measure(base, s));
    await stop(server);
  }
  const report = { size, duration, connections, date: new Date().toISOString(), firstStats, results };
  writeFileSync(join(OUT, `web-${size}.json`), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nFirst request of the statistics page on a fresh server: ${Object.entries(firstStats)
      .map(([p, ms]) => `${p} ${ms} ms`)
      .join(", ")}\n\n`,
  );
  process.stdout.write(
    `\n${size.toLocaleString("en-US")} works, ${connections} connections, ${duration} s each\n\n| | requests/s | p50 | p99 | max | errors |\n|---|---|---|---|---|---|\n`,
  );
  for (const r of results)
    process.stdout.write(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.errors} |\n`,
    );
} finally {
  if (server && server.exitCode === null) server.kill("SIGTERM");
}
