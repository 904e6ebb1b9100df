/**
 * node --import tsx bench/pdf-bytes.bench.ts [N]
 *
 * What PostgreSQL's compression (pglz, a bytea column's default storage, EXTENDED) costs a PDF's bytes against
 * storing them as they are (EXTERNAL, as queue/pdf-bytes.ts and the library's pdf_files do): the first N (60)
 * shared PDFs inserted one a statement, then read back one a statement, in a table of each kind, twice each,
 * alternating; and the bytes each kind stores. The server: CITEGRAPH_BENCH_POSTGRES, else a throwaway cluster.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { listPdfFiles } from "../src/library/pdf-files.ts";
import { benchPostgres } from "../src/testing/postgres.ts";

const n = Number(process.argv[2] ?? 60);
const server = await benchPostgres();
if (server.skip) {
  process.stderr.write(`bench:pdf-bytes needs PostgreSQL: ${server.skip}\n`);
  process.exit(2);
}
const files = (await listPdfFiles([join(datasetsDir(), "pdfs")]))
  .filter((f) => f.endsWith(".pdf"))
  .slice(0, n);
const pdfs = files.map((f) => readFileSync(f));
const db = await server.newDatabase();
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const msEach = async (fn: (i: number) => Promise<unknown>) => {
  const t0 = performance.now();
  for (let i = 0; i < pdfs.length; i++) await fn(i);
  return Math.round(((performance.now() - t0) / pdfs.length) * 10) / 10;
};
process.stdout.write(
  "| storage | insert ms a PDF | read ms a PDF | MB given | MB stored |\n|---|---|---|---|---|\n",
);
for (const storage of ["EXTENDED", "EXTERNAL", "EXTENDED", "EXTERNAL"]) {
  await client.query("DROP TABLE IF EXISTS pdf_bytes");
  await client.query("CREATE TABLE pdf_bytes (id integer PRIMARY KEY, bytes bytea NOT NULL)");
  await client.query(`ALTER TABLE pdf_bytes ALTER COLUMN bytes SET STORAGE ${storage}`);
  const insert = await msEach((i) => client.query("INSERT INTO pdf_bytes VALUES ($1, $2)", [i, pdfs[i]]));
  const read = await msEach((i) => client.query("SELECT bytes FROM pdf_bytes WHERE id = $1", [i]));
  const { rows } = await client.query(
    "SELECT sum(octet_length(bytes)) AS given, sum(pg_column_size(bytes)) AS stored FROM pdf_bytes",
  );
  const mb = (x: string) => (Number(x) / 1e6).toFixed(2);
  process.stdout.write(
    `| ${storage} | ${insert} | ${read} | ${mb(rows[0].given)} | ${mb(rows[0].stored)} |\n`,
  );
}
await client.end();
await db.drop();
