/**
 * npm run bench:search [-- SIZES [--reuse]]   (default: 100000,1000000)
 *
 * --reuse keeps a library built by an earlier run (bench/out/library-SIZE.db) and its import numbers, and
 * measures the queries again: for work on search alone.
 *
 * Builds libraries of SIZES works from the real ACL Anthology records expanded by the seeded generator
 * (bench/generate.ts), imports each through `importFiles` from a JSON Lines file, and reports: import rate and
 * memory; latency of 200 fixed queries (search with snippets, facets, and a bare FTS5 MATCH … ORDER BY rank
 * LIMIT 10 in the same run); and a deep page. Results go to bench/out/search-SIZE.json and to stdout as
 * Markdown for docs/benchmarks.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importFiles } from "../src/library/import.ts";
import { parseQuery } from "../src/search/query-parser.ts";
import { search } from "../src/search/search.ts";
import { compileQuery } from "../src/store/sqlite/fts.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { generate, loadCorpus, makeQueries } from "./generate.ts";
import { percentile, writeJsonl } from "./jsonl.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATASETS = join(ROOT, "../shared/datasets");
const OUT = join(ROOT, "bench/out");

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function summary(xs: number[]) {
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: r(percentile(xs, 50)),
    p95: r(percentile(xs, 95)),
    p99: r(percentile(xs, 99)),
    max: r(Math.max(...xs)),
    mean: r(xs.reduce((a, b) => a + b, 0) / xs.length),
  };
}

interface ImportResult {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssSamples: { records: number; rssMb: number; heapMb: number }[];
}

async function buildLibrary(
  size: number,
  corpus: Awaited<ReturnType<typeof loadCorpus>>,
  db: string,
): Promise<ImportResult> {
  const data = join(OUT, `works-${size}.jsonl`);
  process.stderr.write(`[${size}] generating ${data}\n`);
  await writeJsonl(data, generate(corpus, size, 1));
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

  process.stderr.write(`[${size}] importing\n`);
  const store = new SqliteStore(db);
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  const rssSamples: ImportResult["rssSamples"] = [];
  let peak = rssStart;
  let imported = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const t0 = process.hrtime.bigint();
  const report = await importFiles(store, [data], {
    batchSize: 5000,
    onProgress: (p) => {
      imported = p.records;
      peak = Math.max(peak, process.memoryUsage().rss);
      if (p.records % Math.max(5000, Math.floor(size / 10 / 5000) * 5000) === 0 || p.done) {
        const m = process.memoryUsage();
        rssSamples.push({
          records: p.records,
          rssMb: Math.round(m.rss / 2 ** 20),
          heapMb: Math.round(m.heapUsed / 2 ** 20),
        });
      }
    },
  });
  const importSeconds = ms(t0) / 1000;
  clearInterval(timer);
  process.stderr.write(`[${size}] imported ${imported} in ${importSeconds.toFixed(1)} s\n`);
  store.db.pragma("optimize");
  await store.close();
  rmSync(data, { force: true });
  return {
    records: report.records,
    seconds: Math.round(importSeconds * 10) / 10,
    recordsPerSecond: Math.round(report.records / importSeconds),
    rssStartMb: Math.round(rssStart / 2 ** 20),
    rssPeakMb: Math.round(peak / 2 ** 20),
    rssSamples,
  };
}

async function benchSize(
  size: number,
  corpus: Awaited<ReturnType<typeof loadCorpus>>,
  queries: string[],
  reuse: boolean,
) {
  const db = join(OUT, `library-${size}.db`);
  const previous = join(OUT, `search-${size}.json`);
  const imported =
    reuse && existsSync(db) && existsSync(previous)
      ? (JSON.parse(readFileSync(previous, "utf8")) as { import: ImportResult }).import
      : await buildLibrary(size, corpus, db);
  const store = new SqliteStore(db);
  const stats = await store.stats();

  // Warm-up: every query once, so the page cache holds what a running server's would.
  for (const q of queries) await search(store, { q, facets: true });

  // The in-memory facet index is built once, by the first broad query; a running server keeps it.
  store.searcher.invalidate();
  const buildStart = process.hrtime.bigint();
  store.searcher.facetMode = "memory";
  store.searcher.facets({
    query: null,
    sort: "relevance",
    offset: 0,
    limit: 10,
    includeCitations: false,
    citationBoost: true,
    facets: true,
  });
  store.searcher.facetMode = "auto";
  const facetIndexBuildMs = Math.round(ms(buildStart));

  const searchMs: number[] = [];
  const facetsMs: number[] = [];
  const bareMs: number[] = [];
  const totals: number[] = [];
  const bare = store.db.prepare("SELECT rowid FROM work_fts WHERE work_fts MATCH ? ORDER BY rank LIMIT 10");
  for (const q of queries) {
    const node = parseQuery(q).node;
    let t = process.hrtime.bigint();
    const r = await search(store, { q });
    searchMs.push(ms(t));
    totals.push(r.total);
    const req = {
      query: node,
      sort: "relevance" as const,
      offset: 0,
      limit: 10,
      includeCitations: false,
      citationBoost: true,
      facets: true,
    };
    store.searcher.worksChanged([]); // measure the facets themselves, not the facet cache
    t = process.hrtime.bigint();
    store.searcher.facets(req);
    facetsMs.push(ms(t));
    const match = node ? compileQuery(node).match : null;
    if (match) {
      t = process.hrtime.bigint();
      bare.all(match);
      bareMs.push(ms(t));
    }
  }
  // Deep pages: the last page of the broadest queries.
  const broad = [...queries]
    .sort((a, b) => totals[queries.indexOf(b)] - totals[queries.indexOf(a)])
    .slice(0, 5);
  const deep: { q: string; total: number; page: number; ms: number }[] = [];
  for (const q of broad) {
    const total = totals[queries.indexOf(q)];
    const page = Math.max(1, Math.ceil(total / 10));
    const t = process.hrtime.bigint();
    await search(store, { q, page });
    deep.push({ q, total, page, ms: Math.round(ms(t) * 10) / 10 });
  }
  await store.close();
  const result = {
    size,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    import: imported,
    library: stats,
    queries: queries.length,
    hitsPerQuery: summary(totals),
    searchMs: summary(searchMs),
    facetsMs: summary(facetsMs),
    facetIndexBuildMs,
    bareFtsMs: summary(bareMs),
    ratioP50: Math.round((percentile(searchMs, 50) / percentile(bareMs, 50)) * 100) / 100,
    ratioMean:
      Math.round((searchMs.reduce((a, b) => a + b, 0) / bareMs.reduce((a, b) => a + b, 0)) * 100) / 100,
    deepPages: deep,
  };
  writeFileSync(previous, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

async function main() {
  if (!existsSync(DATASETS)) {
    process.stderr.write(`bench:search needs the real records in ${DATASETS}\n`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const reuse = args.includes("--reuse");
  const sizes = (args.find((a) => !a.startsWith("--")) ?? "100000,1000000").split(",").map(Number);
  mkdirSync(OUT, { recursive: true });
  const corpus = await loadCorpus(DATASETS);
  const queries = makeQueries(corpus, 200, 2);
  writeFileSync(join(OUT, "queries.txt"), `${queries.join("\n")}\n`);
  for (const size of sizes) {
    const r = await benchSize(size, corpus, queries, reuse);
    const row = (name: string, s: ReturnType<typeof summary>) =>
      `| ${name} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`;
    process.stdout.write(
      [
        `\n### ${size.toLocaleString("en-US")} works`,
        "",
        `Import: ${r.import.records.toLocaleString("en-US")} records in ${r.import.seconds} s = **${r.import.recordsPerSecond.toLocaleString("en-US")} records/s**; RSS ${r.import.rssStartMb} MB at start, ${r.import.rssPeakMb} MB peak; RSS (and JS heap) by records imported: ${r.import.rssSamples.map((s) => `${s.records.toLocaleString("en-US")}: ${s.rssMb} MB${s.heapMb !== undefined ? ` (${s.heapMb})` : ""}`).join(", ")}`,
        `Library: ${r.library.works} works, ${r.library.citations} citations (${r.library.selfCitations} self).`,
        "",
        "| 200 queries, ms | p50 | p95 | p99 | max |",
        "|---|---|---|---|---|",
        row("search, page 1, with snippets", r.searchMs),
        row("facets (year, venue, author) over all hits", r.facetsMs),
        row("bare FTS5 MATCH … ORDER BY rank LIMIT 10", r.bareFtsMs),
        "",
        `The in-memory facet index was built once, in ${r.facetIndexBuildMs} ms (facets over all ${r.library.worksInLibrary.toLocaleString("en-US")} library works included).`,
        `Hits per query: p50 ${r.hitsPerQuery.p50}, p95 ${r.hitsPerQuery.p95}, max ${r.hitsPerQuery.max}. Ratio search / bare FTS: ${r.ratioP50} at p50, ${r.ratioMean} in total time.`,
        `Deepest pages: ${r.deepPages.map((d) => `page ${d.page} of "${d.q}" (${d.total} hits) ${d.ms} ms`).join("; ")}.`,
        "",
      ].join("\n"),
    );
  }
}

await main();
