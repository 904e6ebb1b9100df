/**
 * The library's copies of its ingested PDFs, by sha1: what the web serves as a document's cached copy. Where they
 * live follows from where the library lives, and nothing else needs to know it:
 * - a SQLite library (one machine) keeps them in a folder beside its file, `LIBRARY.files/ab/<sha1>.pdf`;
 * - a PostgreSQL library (processes on many machines) keeps them in its own database, the table `pdf_files`,
 *   which every ingest, worker and server process already reaches.
 *
 * @example
 * const copies = libraryPdfCopies("lib.db"); // a FolderPdfCopies on lib.db.files
 * await copies.put(sha1, bytes);
 * (await copies.get(sha1))?.length; // → bytes.length
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { isPostgresUrl } from "../store/postgres/url.ts";
import { PostgresPdfCopies } from "./pdf-copies-postgres.ts";
import {
  checkSha1,
  fileStoreDir,
  isSha1,
  removeStaleTemporaries,
  storedPdfPath,
  storePdf,
} from "./pdf-files.ts";

export interface PdfCopies {
  /** Where the copies are, for messages (a folder, or a library's database with its password hidden). */
  readonly where: string;
  /** Keeps a PDF's copy under its sha1; true when it was not there before (the copy already there stays). */
  put(sha1: string, bytes: Uint8Array): Promise<boolean>;
  /** A PDF's copy, or undefined when the library keeps none. */
  get(sha1: string): Promise<Uint8Array | undefined>;
  has(sha1: string): Promise<boolean>;
  /** Drops a copy (one put for a document the library then could not store). */
  remove(sha1: string): Promise<void>;
  /** Clears what a killed process may have left half written (before a run that writes copies). */
  tidy(): Promise<void>;
  close(): Promise<void>;
}

/** The copies of the library at `location` (a SQLite file or a postgres:// URL), kept where that library keeps them. */
export function libraryPdfCopies(location: string, options: { maxBytes?: number } = {}): PdfCopies {
  return isPostgresUrl(location)
    ? new PostgresPdfCopies(location, options)
    : new FolderPdfCopies(fileStoreDir(location));
}

/** A SQLite library's copies: files in a folder, under their sha1 (pdf-files.ts storePdf). */
export class FolderPdfCopies implements PdfCopies {
  constructor(readonly where: string) {}

  async put(sha1: string, bytes: Uint8Array): Promise<boolean> {
    checkSha1(sha1);
    if (existsSync(storedPdfPath(this.where, sha1))) return false;
    await storePdf(this.where, sha1, bytes);
    return true;
  }

  async get(sha1: string): Promise<Uint8Array | undefined> {
    if (!isSha1(sha1)) return undefined;
    try {
      return await readFile(storedPdfPath(this.where, sha1));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  async has(sha1: string): Promise<boolean> {
    return isSha1(sha1) && existsSync(storedPdfPath(this.where, sha1));
  }

  async remove(sha1: string): Promise<void> {
    checkSha1(sha1);
    await rm(storedPdfPath(this.where, sha1), { force: true });
  }

  async tidy(): Promise<void> {
    await removeStaleTemporaries(this.where);
  }

  async close(): Promise<void> {}
}
