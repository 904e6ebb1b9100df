/**
 * What a job asks of the queue, on a real pg-boss queue (src/testing/postgres.ts): larger PDFs are taken first,
 * so that a batch does not end waiting on one large PDF taken last; and a queued PDF's bytes are stored as they
 * are (its streams are compressed already), in a queue made now or by an earlier citegraph.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testPostgres } from "../../testing/postgres.ts";
import { IngestQueue } from "./ingest-queue.ts";
import {
  DEFAULT_RETRY,
  INGEST_QUEUE,
  type IngestJobData,
  jobOptions,
  jobPriority,
  QUEUE_SCHEMA,
} from "./job.ts";
import { createPdfTable, getPdf, putPdf } from "./pdf-bytes.ts";

const postgres = await testPostgres();

const sha1 = (i: number) => String(i).repeat(40).slice(0, 40);
const job = (i: number, bytes: number | undefined): IngestJobData => ({
  sha1: sha1(i),
  name: `paper-${i}.pdf`,
  bytes,
  limits: { maxPages: 500, maxBytes: 100 * 2 ** 20 },
  timeoutMs: 120_000,
});

test("a larger PDF has a higher priority; one of unknown size the lowest", () => {
  assert.ok(jobPriority({ bytes: 2_000_000 }) > jobPriority({ bytes: 300_000 }));
  assert.equal(jobPriority({ bytes: undefined }), 0);
  assert.equal(jobPriority({ bytes: 2 ** 50 }), 2 ** 31 - 1, "within PostgreSQL's integer");
});

describe("the queue", { skip: postgres.skip }, () => {
  test("takes the largest PDFs first, whatever order they were queued in", async () => {
    const db = await postgres.newDatabase();
    const queue = await IngestQueue.open(db.url);
    try {
      const sizes = [120_000, 2_300_000, undefined, 640_000];
      for (const [i, bytes] of sizes.entries())
        await queue.boss.send(INGEST_QUEUE, job(i + 1, bytes), jobOptions(job(i + 1, bytes), DEFAULT_RETRY));
      const taken: (number | undefined)[] = [];
      for (let i = 0; i < sizes.length; i++) {
        const [next] = await queue.boss.fetch<IngestJobData>(INGEST_QUEUE);
        taken.push(next.data.bytes);
      }
      assert.deepEqual(taken, [2_300_000, 640_000, 120_000, undefined]);
    } finally {
      await queue.close();
      await db.drop();
    }
  });

  test("stores a PDF's bytes as they are, also in a queue made before they were", async () => {
    const db = await postgres.newDatabase();
    const queue = await IngestQueue.open(db.url);
    try {
      const storage = async () =>
        (
          await queue.db.executeSql(
            `SELECT attstorage FROM pg_attribute
             WHERE attrelid = '${QUEUE_SCHEMA}.queued_pdfs'::regclass AND attname = 'bytes'`,
          )
        ).rows[0].attstorage;
      assert.equal(await storage(), "e");
      // As an earlier citegraph left it: PostgreSQL's default, compressed.
      await queue.db.executeSql(
        `ALTER TABLE ${QUEUE_SCHEMA}.queued_pdfs ALTER COLUMN bytes SET STORAGE EXTENDED`,
      );
      assert.equal(await storage(), "x");
      await createPdfTable(queue.db, QUEUE_SCHEMA);
      assert.equal(await storage(), "e");

      const bytes = new TextEncoder().encode("BT (the same line again) Tj ET\n".repeat(5000));
      await putPdf(queue.db, QUEUE_SCHEMA, sha1(7), "seven.pdf", bytes);
      assert.deepEqual(await getPdf(queue.db, QUEUE_SCHEMA, sha1(7)), bytes);
      const { rows } = await queue.db.executeSql(
        `SELECT pg_column_compression(bytes) AS compression, pg_column_size(bytes) AS size
         FROM ${QUEUE_SCHEMA}.queued_pdfs`,
      );
      assert.deepEqual(rows, [{ compression: null, size: bytes.byteLength }]);
    } finally {
      await queue.close();
      await db.drop();
    }
  });
});
