/**
 * npm run bench:import-floor -- --size N [--runs R] [--batch B] [--foreign-keys]
 *
 * How fast a SQLite library of N imported records could be written if filing decided nothing: the floor under
 * `citegraph import` that no change to filing can go below while the library holds what it holds. Issue 16 asks
 * for 20,000 records/s; this says whether the rows themselves allow it on the machine at hand.
 *
 * In one run: the records (bench/generate.ts, as bench:import) are imported as `citegraph import` does — the
 * baseline, timed — and then the rows that import wrote are written again into a new library of the same schema,
 * with no decision left to take:
 * - **rows**: every table but the full-text index copied in one statement a table (`INSERT … SELECT`), in one
 *   transaction: rows in their key's order (the kindest order for a b-tree), every index kept up as filing keeps
 *   it, foreign keys not checked (the kindest case) unless `--foreign-keys` asks them checked as filing does;
 * - **index text**: each work's full-text row made in JavaScript (store/sqlite/fts.ts ftsRow: folding, stemming),
 *   as filing makes it;
 * - **FTS5**: those rows inserted into the index, `--batch` works a transaction as import commits them.
 * The three summed are the floor; N over it, the ceiling in records/s. R runs (default 3), medians; CPU seconds
 * beside wall time (bench/cpu.ts), since this machine's speed drifts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { importFiles } from "../src/library/import.ts";
import { openStore } from "../src/store/open.ts";
import { ftsRow } from "../src/store/sqlite/fts.ts";
import { processCpuSeconds } from "./cpu.ts";
import { generate, loadCorpus } from "./generate.ts";
import { writeJsonl } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench/out");

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const size = Number(option("--size") ?? 100_000);
const runs = Number(option("--runs") ?? 3);
const batchSize = Number(option("--batch") ?? 5000);
const foreignKeys = args.includes("--foreign-keys");

const FTS_INSERT =
  "INSERT INTO work_fts (rowid, title, abstract, body, venue, authors, title_x, abstract_x, body_x, venue_x, authors_x) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

interface Timing {
  wall: number;
  cpu: number;
}

function timed(fn: () => void): Timing {
  const cpu0 = processCpuSeconds();
  const t0 = performance.now();
  fn();
  return { wall: (performance.now() - t0) / 1000, cpu: processCpuSeconds() - cpu0 };
}

async function timedAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu0 = processCpuSeconds();
  const t0 = performance.now();
  await fn();
  return { wall: (performance.now() - t0) / 1000, cpu: processCpuSeconds() - cpu0 };
}

/** A new library with citegraph's schema and nothing in it (but its migrations' own rows). */
async function emptyLibrary(path: string): Promise<void> {
  const store = openStore(path);
  await store.stats();
  await store.close();
}

/** The three floor steps: `built` is the library import wrote, `path` a new empty library to write again. */
function floor(built: string, path: string): { rows: Timing; text: Timing; fts: Timing; works: number } {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // Unchecked, the kindest case: the rows are known to agree, so no parent need be looked up (filing looks them up).
  db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  db.exec(`ATTACH '${built.replaceAll("'", "''")}' AS built`);
  const tables = (
    db
      .prepare(
        "SELECT name FROM built.sqlite_master WHERE type = 'table' AND name NOT LIKE 'work_fts%' AND name NOT LIKE 'sqlite_%'",
      )
      .pluck()
      .all() as string[]
  ).filter((t) => db.prepare(`SELECT count(*) FROM main."${t}"`).pluck().get() === 0);
  const rows = timed(() => {
    db.exec("BEGIN");
    for (const t of tables) db.exec(`INSERT INTO main."${t}" SELECT * FROM built."${t}"`);
    db.exec("COMMIT");
  });
  const works = db.prepare("SELECT id, title, abstract, venue FROM works ORDER BY id").all() as {
    id: number;
    title: string;
    abstract: string | null;
    venue: string | null;
  }[];
  const names = new Map<number, string[]>();
  for (const a of db
    .prepare("SELECT work_id, name FROM work_authors ORDER BY work_id, position")
    .iterate() as Iterable<{
    work_id: number;
    name: string;
  }>) {
    const list = names.get(a.work_id);
    if (list) list.push(a.name);
    else names.set(a.work_id, [a.name]);
  }
  let ftsRows: string[][] = [];
  const text = timed(() => {
    ftsRows = works.map((w) =>
      ftsRow({
        title: w.title,
        abstract: w.abstract ?? undefined,
        venue: w.venue ?? undefined,
        authors: names.get(w.id) ?? [],
      }),
    );
  });
  const insert = db.prepare(FTS_INSERT);
  const fts = timed(() => {
    for (let i = 0; i < works.length; i += batchSize) {
      db.exec("BEGIN");
      for (let j = i; j < Math.min(i + batchSize, works.length); j++) insert.run(works[j].id, ...ftsRows[j]);
      db.exec("COMMIT");
    }
  });
  db.close();
  return { rows, text, fts, works: works.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  mkdirSync(OUT, { recursive: true });
  const data = join(OUT, `works-${size}.jsonl`);
  const corpus = await loadCorpus(join(ROOT, "../shared/datasets"));
  if (!existsSync(data)) await writeJsonl(data, generate(corpus, size, 1));
  const dir = mkdtempSync(join(tmpdir(), "citegraph-import-floor-"));
  const parts = ["import", "rows", "text", "fts", "floor"] as const;
  const seen: Record<(typeof parts)[number], Timing[]> = {
    import: [],
    rows: [],
    text: [],
    fts: [],
    floor: [],
  };
  let works = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const built = join(dir, `built-${run}.db`);
      const store = openStore(built);
      await store.stats();
      seen.import.push(await timedAsync(() => importFiles(store, [data], { batchSize })));
      await store.close();
      const again = join(dir, `again-${run}.db`);
      await emptyLibrary(again);
      const f = floor(built, again);
      works = f.works;
      seen.rows.push(f.rows);
      seen.text.push(f.text);
      seen.fts.push(f.fts);
      seen.floor.push({
        wall: f.rows.wall + f.text.wall + f.fts.wall,
        cpu: f.rows.cpu + f.text.cpu + f.fts.cpu,
      });
      process.stderr.write(
        `[${size}] run ${run + 1}: import ${seen.import[run].wall.toFixed(1)} s; floor ${seen.floor[run].wall.toFixed(1)} s (rows ${f.rows.wall.toFixed(1)}, index text ${f.text.wall.toFixed(1)}, FTS5 ${f.fts.wall.toFixed(1)})\n`,
      );
      for (const p of [built, again]) for (const s of ["", "-wal", "-shm"]) rmSync(p + s, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = Object.fromEntries(
    parts.map((p) => {
      const wall = median(seen[p].map((t) => t.wall));
      const cpu = median(seen[p].map((t) => t.cpu));
      return [
        p,
        {
          seconds: seen[p].map((t) => Math.round(t.wall * 100) / 100),
          microsecondsPerRecord: Math.round((wall / size) * 1e6),
          recordsPerSecond: Math.round(size / wall),
          cpuSeconds: seen[p].map((t) => Math.round(t.cpu * 100) / 100),
          recordsPerCpuSecond: Math.round(size / cpu),
        },
      ];
    }),
  );
  writeFileSync(
    join(OUT, `import-floor-${size}.json`),
    `${JSON.stringify({ size, works, batchSize, runs, foreignKeys, result }, null, 2)}\n`,
  );
  process.stdout.write(
    "| part | µs a record (median) | records/s | wall s, each run | CPU s, each run |\n|---|---|---|---|---|\n",
  );
  for (const [p, r] of Object.entries(result))
    process.stdout.write(
      `| ${p} | ${r.microsecondsPerRecord} | ${r.recordsPerSecond.toLocaleString("en-US")} | ${r.seconds.join(", ")} | ${r.cpuSeconds.join(", ")} |\n`,
    );
}

await main();
