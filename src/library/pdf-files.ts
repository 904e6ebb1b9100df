/** Finding the PDFs to ingest, reading them, and keeping a content-addressed copy of each in the library. */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { type FailureCode, failureReason } from "../errors.ts";

/** A file that cannot be ingested, or a command that cannot start; `code` says which kind (src/errors.ts). */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly code: FailureCode = "unreadable",
  ) {
    super(message);
  }
}

export function isPdfPath(path: string): boolean {
  return /\.pdf(\.gz)?$/i.test(path);
}

/**
 * The PDFs under the given files and folders (recursively), each once, in a stable order. A link to a PDF is
 * followed; a name ending in .pdf that is not a regular file (a FIFO, a device, a broken link, a folder reached
 * through a link) is passed to `onRefused` with the reason — reading it could block or never end — and skipped.
 */
export async function listPdfFiles(
  paths: string[],
  options: { maxFiles?: number; onRefused?: (path: string, reason: string) => void } = {},
): Promise<string[]> {
  const maxFiles = options.maxFiles ?? 10_000_000;
  const out = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.size >= maxFiles) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!isPdfPath(e.name)) continue;
      else if (e.isFile()) out.add(p);
      else {
        const kind = await fileKind(p);
        if (kind === "file") out.add(p);
        else options.onRefused?.(p, failureReason("not-a-file", `not a regular file (${kind})`));
      }
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
    else if (!isPdfPath(p)) throw new IngestError(`${p}: not a PDF (expected .pdf or .pdf.gz)`);
    else if (info.isFile()) out.add(p);
    else options.onRefused?.(p, failureReason("not-a-file", `not a regular file (${await fileKind(p)})`));
  }
  return [...out];
}

/** What a path is, links followed: "file", or what else it is. */
async function fileKind(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isFile()) return "file";
    if (info.isDirectory()) return "a folder";
    if (info.isFIFO()) return "a FIFO";
    if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
    if (info.isSocket()) return "a socket";
    return "not a file";
  } catch {
    return "a broken link";
  }
}

/** A PDF's bytes (a .pdf.gz is unpacked) and the sha1 that identifies it (of the PDF itself). */
export async function readPdfFile(
  path: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; sha1: string }> {
  const info = await stat(path);
  if (!info.isFile()) throw new IngestError(`not a regular file (${await fileKind(path)})`, "not-a-file");
  if (info.size > maxBytes)
    throw new IngestError(`${info.size} bytes, above the limit of ${maxBytes}`, "too-large");
  let bytes: Uint8Array = await readFile(path);
  if (/\.gz$/i.test(path)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      const tooLarge = (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      throw tooLarge
        ? new IngestError(`unpacks to more than the limit of ${maxBytes} bytes`, "too-large")
        : new IngestError(`could not unpack the gzip file: ${(e as Error).message}`, "corrupt");
    }
  }
  return { bytes, sha1: createHash("sha1").update(bytes).digest("hex") };
}

export function isSha1(sha1: string): boolean {
  return /^[0-9a-f]{40}$/.test(sha1);
}

/** Refuses what is not a sha1 before it names a file or a row. */
export function checkSha1(sha1: string): void {
  if (!isSha1(sha1)) throw new Error(`not a PDF's sha1 (40 hexadecimal digits): ${JSON.stringify(sha1)}`);
}

/** Where a SQLite library keeps its copies of ingested PDFs: a folder beside the library file (pdf-copies.ts). */
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
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return path;
}

/** The sha1s of the PDFs kept in a folder of copies (none when there is no folder), shard by shard. */
export async function* storedSha1s(dir: string): AsyncGenerator<string> {
  let shards: string[];
  try {
    shards = (await readdir(dir)).sort();
  } catch {
    return; // no copies kept yet
  }
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of (await readdir(join(dir, shard)).catch(() => [] as string[])).sort()) {
      const sha1 = /^([0-9a-f]{40})\.pdf$/.exec(name)?.[1];
      if (sha1?.startsWith(shard)) yield sha1;
    }
  }
}

/**
 * Removes the temporary copies a killed process left in the PDF store (`<sha1>.pdf.<pid>.tmp`): those of a
 * process that no longer runs. Returns how many were removed.
 */
export async function removeStaleTemporaries(dir: string): Promise<number> {
  let removed = 0;
  let shards: string[];
  try {
    shards = await readdir(dir);
  } catch {
    return 0; // no store yet
  }
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of await readdir(join(dir, shard)).catch(() => [] as string[])) {
      const pid = /\.pdf\.(\d+)\.tmp$/.exec(name)?.[1];
      if (!pid || processRuns(Number(pid))) continue;
      await rm(join(dir, shard, name), { force: true });
      removed++;
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // runs, as another user
  }
}
