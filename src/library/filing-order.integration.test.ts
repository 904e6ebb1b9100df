/**
 * Filing does not depend on the order documents arrive, nor on how they are batched into transactions (issue 16:
 * queue workers file PDFs in the order their extraction ends). The same documents — real extracted PDFs (EXCITE's
 * English papers, which cite each other's references), the S2ORC sample's records and the demo — are filed
 * forward one a transaction, forward all in one, reversed in batches, and shuffled (fixed seeds), into fresh
 * SQLite libraries and, once each, a PostgreSQL one; the graphs are compared by content (src/testing/
 * graph-content.ts: ids legitimately follow the order): the same works, each with the same canonical metadata,
 * counts (cited by, self) and printed references resolving to it, and the same references left unresolved.
 *
 * People are compared apart: a name printed with initials that fits several people of its name block goes to
 * the one known first, which the order decides (docs/architecture.md, "What filing guarantees about order").
 * The test reports how many people differ, and asserts that each work still links the same names in order.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { datasetsDir } from "../extract/reference/training/corpus.ts";
import { readerFor } from "../formats/index.ts";
import type { ReadItem } from "../formats/record.ts";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import type { DocumentInput, Store } from "../store/types.ts";
import {
  type GraphContent,
  graphContent,
  graphDifferences,
  withoutPeople,
} from "../testing/graph-content.ts";
import { testPostgres } from "../testing/postgres.ts";
import { tempStore } from "../testing/temp-store.ts";
import { demoItems } from "./demo.ts";
import { ExtractPool } from "./extract-pool.ts";
import { toDocumentInput as recordInput } from "./import.ts";
import { DEFAULT_TIMEOUT_MS, toDocumentInput as pdfInput } from "./ingest.ts";
import { listPdfFiles, readPdfFile } from "./pdf-files.ts";

const DATASETS = datasetsDir();
const EXCITE = join(DATASETS, "pdfs/excite/english/pdf");
const S2ORC = join(DATASETS, "corpora/s2orc-sample/metadata_sample.jsonl");
/** EXCITE papers extracted for the test: enough that their reference lists name the same works. */
const PDFS = 30;
const postgres = await testPostgres();

/** A permutation fixed by its seed (a linear congruential generator: the same on every machine). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The orders and batchings every set of documents is filed in; the first is the one the others must equal. */
const ORDERS: { name: string; order: <T>(xs: T[]) => T[]; batch: number }[] = [
  { name: "forward, one a transaction", order: (xs) => xs, batch: 1 },
  { name: "forward, all in one transaction", order: (xs) => xs, batch: 100_000 },
  { name: "reversed, seven a transaction", order: (xs) => [...xs].reverse(), batch: 7 },
  { name: "shuffled (seed 1), one a transaction", order: (xs) => shuffled(xs, 1), batch: 1 },
  { name: "shuffled (seed 2), five a transaction", order: (xs) => shuffled(xs, 2), batch: 5 },
];

async function fileInto(store: Store, documents: DocumentInput[], batch: number): Promise<GraphContent> {
  for (let i = 0; i < documents.length; i += batch)
    await store.upsertDocuments(documents.slice(i, i + batch));
  return graphContent(store);
}

async function onSqlite(documents: DocumentInput[], batch: number): Promise<GraphContent> {
  const t = tempStore();
  try {
    return await fileInto(t.store, documents, batch);
  } finally {
    await t.cleanup();
  }
}

async function onPostgres(documents: DocumentInput[], batch: number): Promise<GraphContent> {
  const db = await postgres.newDatabase();
  const store = await PostgresStore.open(db.url);
  try {
    return await fileInto(store, documents, batch);
  } finally {
    await store.close();
    await db.drop();
  }
}

/** How many people one graph has that the other has not (each a set of linked names). */
function peopleDiffering(a: GraphContent, b: GraphContent): number {
  const bs = new Set(b.people.map((p) => p.join("\n")));
  return a.people.filter((p) => !bs.has(p.join("\n"))).length;
}

/** Files `documents` in every order (and once on PostgreSQL) and requires the same graph each time. */
async function assertOrderFree(
  what: string,
  documents: DocumentInput[],
  diagnostic: (line: string) => void,
): Promise<void> {
  const [first, ...others] = ORDERS;
  const base = await onSqlite(first.order(documents), first.batch);
  assert.ok(base.works.length > documents.length / 2, `${what}: the documents made works`);
  const builds = others.map((o) => ({ name: o.name, build: () => onSqlite(o.order(documents), o.batch) }));
  if (!postgres.skip) {
    const last = ORDERS[ORDERS.length - 1];
    builds.push({
      name: `PostgreSQL, ${last.name}`,
      build: () => onPostgres(last.order(documents), last.batch),
    });
  }
  for (const { name, build } of builds) {
    const g = await build();
    const differences = graphDifferences(withoutPeople(base), withoutPeople(g));
    assert.deepEqual(differences, [], `${what}, ${name}: the same graph as ${first.name}`);
    const people = peopleDiffering(base, g);
    diagnostic(`${what}, ${name}: ${g.works.length} works, ${people} of ${g.people.length} people differ`);
    assert.equal(g.people.length > 0, base.people.length > 0, `${what}, ${name}: people either way`);
  }
}

async function recordDocuments(
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
): Promise<DocumentInput[]> {
  const out: DocumentInput[] = [];
  for await (const item of items) if (item.record) out.push(recordInput(item.record));
  return out;
}

/** The first PDFS papers of EXCITE's English set, extracted as ingest extracts them. */
async function extractedPdfs(): Promise<DocumentInput[]> {
  const files = (await listPdfFiles([EXCITE])).sort().slice(0, PDFS);
  const pool = new ExtractPool(2);
  try {
    return await Promise.all(
      files.map(async (path) => {
        const file = await readPdfFile(path, 100 * 2 ** 20);
        const reply = await pool.extract(file.bytes, {}, DEFAULT_TIMEOUT_MS);
        if (!reply.doc) throw new Error(`${path}: ${reply.error.message}`);
        return pdfInput(reply.doc, path, file.sha1);
      }),
    );
  } finally {
    await pool.close();
  }
}

describe("filing does not depend on the order documents arrive", () => {
  test("the demo's records", async (t) => {
    await assertOrderFree("demo", await recordDocuments(demoItems()), (l) => t.diagnostic(l));
  });

  test("the S2ORC sample's 1,000 records", { skip: !existsSync(S2ORC) && `no ${S2ORC}` }, async (t) => {
    const documents = await recordDocuments(readerFor(S2ORC)!.read(S2ORC));
    assert.equal(documents.length, 1000);
    await assertOrderFree("S2ORC", documents, (l) => t.diagnostic(l));
  });

  test(`${PDFS} extracted EXCITE papers`, { skip: !existsSync(EXCITE) && `no ${EXCITE}` }, async (t) => {
    const documents = await extractedPdfs();
    const references = documents.reduce((n, d) => n + d.references.length, 0);
    assert.ok(references > 500, `the papers' reference lists were read (${references})`);
    await assertOrderFree("EXCITE", documents, (l) => t.diagnostic(l));
  });
});
