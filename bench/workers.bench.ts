/**
 * node --import tsx bench/workers.bench.ts [--runs N] [--trees DIR,DIR…] [--workers 1,2]
 *
 * Ingest workers through the queue (issue 16: 2 workers ≥ 1.8× one): the shared PDFs queued
 * (`citegraph ingest --queue`) into a new PostgreSQL library, then `citegraph worker --exit-when-idle
 * --concurrency 1` run once, or as two processes at once, and timed. Each tree given (a checkout: its own
 * bin/citegraph.js; default this one) is run in turn, each worker count in turn, `--runs` times, alternating, so
 * that a baseline and a change meet the same load. Besides the wall clock, CPU seconds: the worker processes'
 * (counted when they exit) and the PostgreSQL server's — what a PDF costs whatever else runs on the machine —
 * and the one-minute load average at the start of each run. A worker that prints its time accounting (the
 * "Worker time" line) has it kept too. Every library is checked to be the graph of the first (by content:
 * workers file in the order extraction ends). Results: bench/out/workers.json and a Markdown table on stdout.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { openStore } from "../src/store/open.ts";
import { benchPostgres } from "../src/testing/postgres.ts";
import { endedChildrenCpuSeconds, serverCpuSeconds } from "./cpu.ts";
import { digest } from "./digest.ts";
import { percentile } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "3"));
const trees = option("--trees", ROOT)
  .split(",")
  .map((t) => resolve(t));
const counts = option("--workers", "1,2").split(",").map(Number);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs a tree's CLI; resolves with its stdout when it exits 0. */
function cli(tree: string, argv: string[], env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(tree, "bin/citegraph.js"), ...argv], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err = (err + d).slice(-4000);
    });
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? done(out) : fail(new Error(`${tree}: citegraph ${argv.join(" ")} exited ${code}: ${err}`)),
    );
  });
}

interface Run {
  tree: string;
  workers: number;
  run: number;
  load: number;
  seconds: number;
  pdfsPerSecond: number;
  workerCpuPerPdf: number;
  serverCpuPerPdf: number;
  sameGraph: boolean;
  /** Each worker's "Worker time" line, when it prints one. */
  accounting: string[];
}

async function main() {
  const server = await benchPostgres();
  if (server.skip) {
    process.stderr.write(`bench:workers needs PostgreSQL: ${server.skip}\n`);
    process.exit(2);
  }
  const pdfs = join(datasetsDir(), "pdfs");
  let reference: string | undefined;
  const results: Run[] = [];
  for (let run = 1; run <= runs; run++)
    for (const tree of run % 2 ? trees : [...trees].reverse())
      for (const n of run % 2 ? counts : [...counts].reverse()) {
        const db = await server.newDatabase();
        const env = { CITEGRAPH_DB: db.url };
        await cli(tree, ["ingest", "--queue", pdfs], env);
        const load = loadavg()[0];
        const cpu0 = endedChildrenCpuSeconds();
        const server0 = (await serverCpuSeconds(db.url)) ?? Number.NaN;
        const t0 = performance.now();
        const outs = await Promise.all(
          Array.from({ length: n }, () =>
            cli(tree, ["worker", "--exit-when-idle", "--concurrency", "1"], env),
          ),
        );
        const seconds = (performance.now() - t0) / 1000;
        const workerCpu = endedChildrenCpuSeconds() - cpu0;
        const serverCpu = ((await serverCpuSeconds(db.url)) ?? Number.NaN) - server0;
        const store = openStore(db.url);
        const stats = await store.stats();
        const d = (await digest(store, false)).digest;
        await store.close();
        await db.drop();
        reference ??= d;
        const filed = stats.documents;
        const r: Run = {
          tree,
          workers: n,
          run,
          load: round(load),
          seconds: round(seconds, 1),
          pdfsPerSecond: round(filed / seconds),
          workerCpuPerPdf: round(workerCpu / filed, 3),
          serverCpuPerPdf: round(serverCpu / filed, 3),
          sameGraph: d === reference,
          accounting: outs.flatMap((o) => o.split("\n").filter((l) => l.startsWith("Worker time"))),
        };
        results.push(r);
        process.stderr.write(`${JSON.stringify(r)}\n`);
      }
  mkdirSync(join(ROOT, "bench/out"), { recursive: true });
  writeFileSync(join(ROOT, "bench/out/workers.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(results)}\n`);
}

/** Medians per tree and worker count, and the ratio of two workers to one. */
function table(results: Run[]): string {
  const median = (xs: number[]) => round(percentile(xs, 50), 3);
  const rows = [
    "| tree | workers | wall s (median, min–max) | PDF/s | × one | worker CPU s/PDF | server CPU s/PDF | load (1 min) | same graph |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const tree of trees) {
    const one = median(results.filter((r) => r.tree === tree && r.workers === 1).map((r) => r.pdfsPerSecond));
    for (const n of counts) {
      const rs = results.filter((r) => r.tree === tree && r.workers === n);
      const walls = rs.map((r) => r.seconds);
      const rate = median(rs.map((r) => r.pdfsPerSecond));
      rows.push(
        `| ${tree} | ${n} | ${median(walls)} (${Math.min(...walls)}–${Math.max(...walls)}) | ${rate} | ${round(rate / one)} | ${median(rs.map((r) => r.workerCpuPerPdf))} | ${median(rs.map((r) => r.serverCpuPerPdf))} | ${rs.map((r) => r.load).join(", ")} | ${rs.every((r) => r.sameGraph)} |`,
      );
    }
  }
  return rows.join("\n");
}

await main();
