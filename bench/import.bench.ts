/**
 * npm run bench:import -- --size N [--store sqlite|postgres|both] [--runs R] [--batch B] [--baseline DIR]
 *
 * Metadata import (records/s) of N generated works (bench/generate.ts, as bench:scale and bench:search make
 * them) into a new library, timed beside a baseline in the same run: `--baseline DIR` is another checkout of
 * citegraph (the commit before a change: `git worktree add DIR REV`, or `git archive REV | tar -x -C DIR` with a
 * node_modules link), whose own import code is loaded from there. The two are alternated (A B, then B A, …) R
 * times (default 3) so that a machine whose speed drifts slows both alike, and the medians are reported. Every
 * library built is checked to be the same graph as the first (works by id with their counts, stats, the search
 * bench's 200 queries' first pages): a timing of two different graphs means nothing. Beside wall time, the CPU
 * seconds each run took (this process and a local PostgreSQL server's processes: bench/cpu.ts), which move less
 * than wall time when other work shares the machine.
 *
 * PostgreSQL: as bench:scale (CITEGRAPH_BENCH_POSTGRES, else a throwaway local cluster as durable as SQLite).
 * Results go to bench/out/import-N.json and to stdout.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Store } from "../src/store/types.ts";
import { benchPostgres } from "../src/testing/postgres.ts";
import { processCpuSeconds, serverCpuSeconds } from "./cpu.ts";
import { answers, digest } from "./digest.ts";
import { generate, loadCorpus, makeQueries } from "./generate.ts";
import { writeJsonl } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench/out");

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const size = Number(option("--size") ?? 10_000);
const runs = Number(option("--runs") ?? 3);
const batchSize = Number(option("--batch") ?? 5000);
const stores =
  (option("--store") ?? "both") === "both" ? ["sqlite", "postgres"] : [option("--store") as string];
const baseline = option("--baseline");

/** What one checkout of citegraph imports with. */
interface Code {
  name: string;
  importFiles(store: Store, files: string[], options: { batchSize: number }): Promise<{ records: number }>;
  openStore(location: string): Store;
}

async function load(name: string, root: string): Promise<Code> {
  const { importFiles } = await import(join(root, "src/library/import.ts"));
  const { openStore } = await import(join(root, "src/store/open.ts"));
  return { name, importFiles, openStore };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  mkdirSync(OUT, { recursive: true });
  const data = join(OUT, `works-${size}.jsonl`);
  const corpus = await loadCorpus(join(ROOT, "../shared/datasets"));
  if (!existsSync(data)) await writeJsonl(data, generate(corpus, size, 1));
  const queries = makeQueries(corpus, 200, 2);
  const codes = [await load("current", ROOT)];
  if (baseline) codes.unshift(await load("baseline", resolve(baseline)));
  const pg = stores.includes("postgres") ? await benchPostgres() : undefined;
  if (pg?.skip) throw new Error(pg.skip);
  const dir = mkdtempSync(join(tmpdir(), "citegraph-import-"));
  const seconds: Record<string, number[]> = {};
  /** CPU seconds of each run: this process and the server's (SQLite: none). */
  const cpuSeconds: Record<string, number[]> = {};
  let reference: string | undefined;
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...codes].reverse() : codes;
      for (const kind of stores)
        for (const code of order) {
          const db = kind === "postgres" ? await pg!.newDatabase() : undefined;
          const location = db?.url ?? join(dir, `${code.name}-${run}.db`);
          const store = code.openStore(location);
          await store.stats(); // opened (schema made) before the clock starts
          const server0 = db ? await serverCpuSeconds(db.url) : 0;
          const cpu0 = processCpuSeconds();
          const t0 = performance.now();
          const report = await code.importFiles(store, [data], { batchSize });
          const s = (performance.now() - t0) / 1000;
          const cpu = processCpuSeconds() - cpu0;
          const server = db ? await serverCpuSeconds(db.url) : 0;
          const serverCpu = server !== undefined && server0 !== undefined ? server - server0 : Number.NaN;
          const graph = JSON.stringify([
            await digest(store, true),
            await store.stats(),
            await answers(store, queries),
          ]);
          reference ??= graph;
          if (graph !== reference) throw new Error(`${code.name} on ${kind} filed another graph: ${graph}`);
          const key = `${kind} ${code.name}`;
          seconds[key] = [...(seconds[key] ?? []), s];
          cpuSeconds[key] = [...(cpuSeconds[key] ?? []), cpu + serverCpu];
          process.stderr.write(
            `[${size}] run ${run + 1} ${kind} ${code.name}: ${Math.round(report.records / s)} records/s; CPU ${cpu.toFixed(1)} s here + ${serverCpu.toFixed(1)} s server\n`,
          );
          await store.close();
          await db?.drop();
          rmSync(location, { force: true });
        }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = Object.fromEntries(
    Object.entries(seconds).map(([k, xs]) => [
      k,
      {
        seconds: xs.map((x) => Math.round(x * 10) / 10),
        recordsPerSecond: Math.round(size / median(xs)),
        cpuSeconds: cpuSeconds[k].map((x) => Math.round(x * 10) / 10),
        recordsPerCpuSecond: Math.round(size / median(cpuSeconds[k])),
      },
    ]),
  );
  writeFileSync(
    join(OUT, `import-${size}.json`),
    `${JSON.stringify({ size, batchSize, runs, result }, null, 2)}\n`,
  );
  for (const [k, r] of Object.entries(result))
    process.stdout.write(
      `| ${k} | ${r.recordsPerSecond.toLocaleString("en-US")} | ${r.seconds.join(", ")} | ${r.recordsPerCpuSecond.toLocaleString("en-US")} | ${r.cpuSeconds.join(", ")} |\n`,
    );
}

await main();
