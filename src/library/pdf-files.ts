/** Finding the PDFs to ingest, reading them, and keeping a content-addressed copy of each in the library. */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";

export class IngestError extends Error {}

export function isPdfPath(path: string): boolean {
  return /\.pdf(\.gz)?$/i.test(path);
}

/** The PDFs under the given files and folders (recursively), each once, in a stable order. */
export async function listPdfFiles(paths: string[], maxFiles = 10_000_000): Promise<string[]> {
  const out = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.size >= maxFiles) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isPdfPath(e.name)) out.add(p);
    }
  };
  for (const p of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new IngestError(`${p}: no such file or folder`);
    }
    if (info.isDirectory()) await walk(p);
    else if (info.isFile()) {
      if (!isPdfPath(p)) throw new IngestError(`${p}: not a PDF (expected .pdf or .pdf.gz)`);
      out.add(p);
    }
  }
  return [...out];
}

/** A PDF's bytes (a .pdf.gz is unpacked) and the sha1 that identifies it (of the PDF itself). */
export async function readPdfFile(
  path: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; sha1: string }> {
  const info = await stat(path);
  if (info.size > maxBytes) throw new IngestError(`${info.size} bytes, above the limit of ${maxBytes}`);
  let bytes: Uint8Array = await readFile(path);
  if (/\.gz$/i.test(path)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      throw new IngestError(`could not unpack the gzip file: ${(e as Error).message}`);
    }
  }
  return { bytes, sha1: createHash("sha1").update(bytes).digest("hex") };
}

/** Where the library keeps its copies of ingested PDFs: a folder beside the library file. */
export function fileStoreDir(libraryPath: string): string {
  return `${libraryPath}.files`;
}

export function storedPdfPath(dir: string, sha1: string): string {
  return join(dir, sha1.slice(0, 2), `${sha1}.pdf`);
}

/** Keeps a copy of a PDF under its sha1; written to a temporary name first, so a kill leaves no half file. */
export async function storePdf(dir: string, sha1: string, bytes: Uint8Array): Promise<string> {
  const path = storedPdfPath(dir, sha1);
  if (existsSync(path)) return path;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  return path;
}
