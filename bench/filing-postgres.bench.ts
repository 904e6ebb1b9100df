/**
 * Filing on PostgreSQL against SQLite: the 1,000 S2ORC records of ../shared/datasets imported into a new library
 * of each store, alternating (this machine drifts), `runs` times each; records/s, and on PostgreSQL the queries a
 * record by kind (the first words of each statement), counted by wrapping pg's Client.query in this process only.
 *
 *   node --import tsx bench/filing-postgres.bench.ts [runs=3]
 *
 * The PostgreSQL server is the tests' (src/testing/postgres.ts: CITEGRAPH_TEST_POSTGRES or a throwaway cluster).
 */
import { join } from "node:path";
import pg from "pg";
import { importFiles } from "../src/library/import.ts";
import { PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { testPostgres } from "../src/testing/postgres.ts";
import { tempStore } from "../src/testing/temp-store.ts";

const S2ORC = join(import.meta.dirname, "../../shared/datasets/corpora/s2orc-sample/metadata_sample.jsonl");
const runs = Number(process.argv[2] ?? 3);

/** Queries by kind while counting (how many, and the time until each answered); pg's Client.query wrapped. */
const kinds = new Map<string, { n: number; ms: number }>();
let counting = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const answer = (query as (...a: unknown[]) => unknown).apply(this, args);
  if (counting) {
    const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string })?.text ?? "?");
    const kind = kinds.get(text.replace(/\s+/g, " ").trim().slice(0, 70)) ?? { n: 0, ms: 0 };
    kinds.set(text.replace(/\s+/g, " ").trim().slice(0, 70), kind);
    kind.n++;
    const started = performance.now();
    if (answer instanceof Promise)
      answer.finally(() => (kind.ms += performance.now() - started)).catch(() => {});
  }
  return answer;
} as typeof query;

const postgres = await testPostgres();
if (postgres.skip) throw new Error(postgres.skip);

async function onSqlite(): Promise<number> {
  const t = tempStore();
  try {
    const started = performance.now();
    const report = await importFiles(t.store, [S2ORC]);
    return report.added / ((performance.now() - started) / 1000);
  } finally {
    await t.cleanup();
  }
}

async function onPostgres(): Promise<{ rate: number; records: number }> {
  const db = await postgres.newDatabase();
  const store = await PostgresStore.open(db.url);
  try {
    counting = true;
    const started = performance.now();
    const report = await importFiles(store, [S2ORC]);
    const rate = report.added / ((performance.now() - started) / 1000);
    counting = false;
    return { rate, records: report.added };
  } finally {
    counting = false;
    await store.close();
    await db.drop();
  }
}

const rates = { sqlite: [] as number[], postgres: [] as number[] };
let records = 0;
for (let i = 0; i < runs; i++) {
  rates.sqlite.push(await onSqlite());
  const p = await onPostgres();
  rates.postgres.push(p.rate);
  records += p.records;
}
const round = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`SQLite     records/s: ${round(rates.sqlite)} (median ${Math.round(median(rates.sqlite))})`);
console.log(`PostgreSQL records/s: ${round(rates.postgres)} (median ${Math.round(median(rates.postgres))})`);
const total = [...kinds.values()].reduce((a, b) => a + b.n, 0);
const waited = [...kinds.values()].reduce((a, b) => a + b.ms, 0);
console.log(
  `PostgreSQL queries a record: ${(total / records).toFixed(2)}; waiting for answers ${(waited / records).toFixed(2)} ms a record`,
);
console.log("queries a record, ms a record, statement");
for (const [kind, { n, ms }] of [...kinds].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
  console.log(`${(n / records).toFixed(2).padStart(7)} ${(ms / records).toFixed(3).padStart(7)}  ${kind}`);
