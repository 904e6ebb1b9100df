/**
 * The queued PDFs' bytes, by sha1, in the queue's database: a worker on any machine reads a job's PDF from the
 * one place it already connects to, with no shared folder to mount. A row lives from `ingest --queue` until its
 * job is finished (filed, or failed for good); queuing the file again stores it again.
 */
import type { Db } from "./tables.ts";

/** Creates the table when missing; safe when several processes start at once (an advisory lock, one transaction). */
export async function createPdfTable(db: Db, schema: string): Promise<void> {
  await db.executeSql(`
    BEGIN;
    SELECT pg_advisory_xact_lock(hashtext('${schema}.queued_pdfs'));
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.queued_pdfs (
      sha1 text PRIMARY KEY,
      name text NOT NULL,
      bytes bytea NOT NULL,
      queued_at timestamptz NOT NULL DEFAULT now()
    );
    -- Stored as they are: a PDF's streams are compressed already, and pglz would take most of the time of
    -- storing and of reading each one back for a fraction of a per cent (docs/benchmarks.md, "Ingest queue").
    -- Altered only when it is not so yet: the ALTER locks the table, and every worker opens the queue.
    DO $$ BEGIN
      IF (SELECT attstorage FROM pg_attribute
          WHERE attrelid = '${schema}.queued_pdfs'::regclass AND attname = 'bytes') <> 'e' THEN
        ALTER TABLE ${schema}.queued_pdfs ALTER COLUMN bytes SET STORAGE EXTERNAL;
      END IF;
    END $$;
    COMMIT;`);
}

/** Keeps a PDF's bytes under its sha1; the bytes already there stay (the same sha1 is the same PDF). */
export async function putPdf(
  db: Db,
  schema: string,
  sha1: string,
  name: string,
  bytes: Uint8Array,
): Promise<void> {
  await db.executeSql(
    `INSERT INTO ${schema}.queued_pdfs (sha1, name, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha1) DO NOTHING`,
    [sha1, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
  );
}

/** A queued PDF's bytes, or undefined when they are gone. */
export async function getPdf(db: Db, schema: string, sha1: string): Promise<Uint8Array | undefined> {
  const { rows } = await db.executeSql(`SELECT bytes FROM ${schema}.queued_pdfs WHERE sha1 = $1`, [sha1]);
  const bytes = rows[0]?.bytes as Buffer | undefined;
  return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

export async function dropPdf(db: Db, schema: string, sha1: string): Promise<void> {
  await db.executeSql(`DELETE FROM ${schema}.queued_pdfs WHERE sha1 = $1`, [sha1]);
}
