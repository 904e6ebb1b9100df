/**
 * npm run bench:graph [-- SIZE] [--refs N] [--sample N] [--memory-only]   (default: 100000 works, 10 references each)
 *
 * Builds a library of SIZE works from the seeded generator (bench/generate.ts, real ACL Anthology metadata)
 * whose references are printed citations, not ids: each cites an earlier work (preferential attachment) in a
 * form a paper might print it — fields dropped, the title cut, a typo, initials only, the year one off — or a
 * work outside the library (a quarter of them). Then measures:
 * - the matcher alone, in memory, on one core: references resolved per second against all SIZE works, and how
 *   many went to the right work (the generator knows);
 * - the SQLite library: importing the records (every reference matched as it is filed), then
 *   `rebuildGraph` (every reference matched again, every count recomputed); time, rate and peak memory.
 * `--memory-only` skips the SQLite part. Results go to bench/out/graph-SIZE.json and to stdout as Markdown for
 * docs/benchmarks.md.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CslItem } from "../src/formats/csl.ts";
import { blockingKeys } from "../src/graph/blocking.ts";
import { matchModel } from "../src/graph/model.ts";
import { type MatchRecord, toMatchRecord } from "../src/graph/record.ts";
import { type Candidate, resolveRecord } from "../src/graph/resolve.ts";
import { thinned } from "../src/graph/training/train.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { DocumentInput } from "../src/store/types.ts";
import { type Corpus, generate, loadCorpus, prng } from "./generate.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATASETS = join(ROOT, "../shared/datasets");
const OUT = join(ROOT, "bench/out");

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SIZE = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const REFS = option("--refs", 10);
const SAMPLE = option("--sample", 200_000);

/** A printed citation of `item`: what a paper's reference list might make of the work's record. */
function printed(item: CslItem, random: () => number): CslItem {
  const out = thinned(item, random);
  if (out.author && random() < 0.5)
    out.author = out.author.map((a) => ({
      family: a.family,
      given: a.given?.[0] ? `${a.given[0]}.` : undefined,
    }));
  if (out.title && random() < 0.1) {
    // A typo: two neighbouring letters swapped in one word.
    const w = out.title.split(" ");
    const k = Math.floor(random() * w.length);
    if (w[k].length > 4) w[k] = `${w[k].slice(0, 1)}${w[k][2]}${w[k][1]}${w[k].slice(3)}`;
    out.title = w.join(" ");
  }
  const year = out.issued?.["date-parts"]?.[0]?.[0];
  if (typeof year === "number" && random() < 0.1) out.issued = { "date-parts": [[year + 1]] };
  return out;
}

interface Citation {
  citing: number;
  /** The index of the cited work, or -1 for a work outside the library. */
  target: number;
  item: CslItem;
}

/** The library's records and, per record, its printed references. */
function* library(corpus: Corpus): Generator<{ index: number; item: CslItem; id: string; refs: Citation[] }> {
  const random = prng(11);
  const outside = generate(corpus, Number.MAX_SAFE_INTEGER, 99);
  const items: CslItem[] = [];
  const cited: number[] = [];
  let index = 0;
  for (const r of generate(corpus, SIZE, 1)) {
    const { references: _ids, id, ...item } = r;
    const refs: Citation[] = [];
    for (let k = 0; index > 0 && k < REFS; k++) {
      if (random() < 0.25) {
        const { references: _r, id: _i, ...other } = outside.next().value as typeof r;
        refs.push({ citing: index, target: -1, item: printed(other, random) });
        continue;
      }
      const target =
        cited.length && random() < 0.5
          ? cited[Math.floor(random() * cited.length)]
          : Math.floor(random() * index);
      cited.push(target);
      refs.push({ citing: index, target, item: printed(items[target], random) });
    }
    items.push(item);
    yield { index, item, id, refs };
    index++;
  }
}

/**
 * CPU seconds (user and system) of this process since `from`: unlike the wall clock, not lengthened by time the
 * machine gave to other work — this machine's speed drifts from run to run, so rates are given both ways.
 */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

const corpus = await loadCorpus(DATASETS);
const model = matchModel();
mkdirSync(OUT, { recursive: true });

// The matcher alone: every work in a key index in memory, a sample of the references resolved against it.
const records: MatchRecord[] = [];
const index = new Map<string, number[]>();
const sample: Citation[] = [];
const step = Math.max(1, Math.floor((SIZE * REFS) / SAMPLE));
let seen = 0;
for (const r of library(corpus)) {
  const rec = toMatchRecord(r.item);
  records.push(rec);
  for (const k of blockingKeys(rec)) {
    const list = index.get(k);
    if (!list) index.set(k, [r.index]);
    else if (list.length < 50) list.push(r.index);
  }
  // Every step-th reference, so that the sample spans the library (late references have the most candidates).
  for (const c of r.refs) if (seen++ % step === 0 && sample.length < SAMPLE) sample.push(c);
}
const outcome = { right: 0, wrong: 0, ambiguous: 0, newWork: 0, missed: 0 };
let comparisons = 0;
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
for (const c of sample) {
  const rec = toMatchRecord(c.item, "reference");
  const ids = new Set<number>();
  for (const k of blockingKeys(rec)) for (const id of index.get(k) ?? []) if (id < c.citing) ids.add(id);
  const candidates: Candidate<number>[] = [...ids].map((id) => ({ id, record: records[id] }));
  comparisons += candidates.length;
  const r = resolveRecord(model, rec, candidates);
  if (r.kind === "ambiguous") outcome.ambiguous++;
  else if (r.kind === "none") outcome[c.target < 0 ? "newWork" : "missed"]++;
  else outcome[r.id === c.target ? "right" : "wrong"]++;
}
const matchSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const matchCpu = cpuSeconds(c0);
const memory = {
  refsPerSecond: Math.round(sample.length / matchSeconds),
  refsPerCpuSecond: Math.round(sample.length / matchCpu),
  references: sample.length,
  candidatesPerReference: Math.round((10 * comparisons) / sample.length) / 10,
  outcome,
};
console.error(`matcher in memory: ${memory.refsPerSecond} references/s`, outcome);
records.length = 0;
index.clear();

if (args.includes("--memory-only")) {
  writeFileSync(
    join(OUT, `graph-${SIZE}-memory.json`),
    JSON.stringify({ size: SIZE, memory, peakRssMb: rssMb() }, null, 2),
  );
  console.log(
    `matcher in memory, ${SIZE.toLocaleString("en")} works: ${memory.refsPerSecond.toLocaleString("en")} references/s (${memory.refsPerCpuSecond.toLocaleString("en")} a second of CPU; ${memory.candidatesPerReference} candidates each), peak ${rssMb()} MB`,
  );
  process.exit(0);
}

// The SQLite library: import with matching, then rebuild.
const path = join(OUT, `graph-${SIZE}.db`);
for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
const store = new SqliteStore(path);
let peak = rssMb();
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage();
let batch: DocumentInput[] = [];
let references = 0;
for (const r of library(corpus)) {
  references += r.refs.length;
  batch.push({
    sourceId: r.id,
    sha1: r.id,
    kind: "record",
    source: "bench",
    item: r.item,
    references: r.refs.map((c) => ({ item: c.item })),
  });
  if (batch.length === 1000) {
    await store.upsertDocuments(batch);
    batch = [];
    peak = Math.max(peak, rssMb());
    if (r.index % 100_000 === 99_999) console.error(`imported ${r.index + 1}`);
  }
}
if (batch.length) await store.upsertDocuments(batch);
const importSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
const importCpu = cpuSeconds(c1);
const imported = await store.stats();
const t2 = process.hrtime.bigint();
const c2 = process.cpuUsage();
const rebuilt = await store.rebuildGraph();
const rebuildSeconds = Number(process.hrtime.bigint() - t2) / 1e9;
const rebuildCpu = cpuSeconds(c2);
peak = Math.max(peak, rssMb());
const after = await store.stats();
await store.close();
const result = {
  size: SIZE,
  referencesPerWork: REFS,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  memory,
  sqlite: {
    references,
    importSeconds: Math.round(importSeconds),
    importReferencesPerSecond: Math.round(references / importSeconds),
    importReferencesPerCpuSecond: Math.round(references / importCpu),
    rebuildSeconds: Math.round(rebuildSeconds),
    rebuildReferencesPerSecond: Math.round(references / rebuildSeconds),
    rebuildReferencesPerCpuSecond: Math.round(references / rebuildCpu),
    peakRssMb: peak,
    imported,
    rebuilt,
    sameAfterRebuild: JSON.stringify(imported) === JSON.stringify(after),
  },
};
writeFileSync(join(OUT, `graph-${SIZE}.json`), JSON.stringify(result, null, 2));
const pct = (n: number) => `${((100 * n) / sample.length).toFixed(1)}%`;
console.log(`### Citation graph: ${SIZE.toLocaleString("en")} works, ${references.toLocaleString("en")} printed references

| measure | result |
|---|---|
| matcher in memory, one core | ${memory.refsPerSecond.toLocaleString("en")} references/s, ${memory.refsPerCpuSecond.toLocaleString("en")} a second of CPU (${memory.candidatesPerReference} candidates each) |
| right work / wrong work / ambiguous | ${pct(outcome.right)} / ${pct(outcome.wrong)} / ${pct(outcome.ambiguous)} |
| cited work missed / outside work kept apart | ${pct(outcome.missed)} / ${pct(outcome.newWork)} |
| SQLite import with matching | ${result.sqlite.importSeconds} s, ${result.sqlite.importReferencesPerSecond.toLocaleString("en")} references/s (${result.sqlite.importReferencesPerCpuSecond.toLocaleString("en")} a second of CPU) |
| rebuild-graph | ${result.sqlite.rebuildSeconds} s, ${result.sqlite.rebuildReferencesPerSecond.toLocaleString("en")} references/s (${result.sqlite.rebuildReferencesPerCpuSecond.toLocaleString("en")} a second of CPU) |
| peak memory | ${peak} MB |
| counts the same after the rebuild | ${result.sqlite.sameAfterRebuild ? "yes" : "no"} |
`);
