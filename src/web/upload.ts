/**
 * Receiving an upload request: the body is read as it arrives, counted, and each file of the form written
 * straight to the upload queue's folder — never held in memory. Reading stops as soon as the count passes the
 * limit (the rest of the body is never pulled) and every file written so far is deleted. The admin check comes
 * before any of this (admin.tsx), so a request without the token costs nothing but its headers.
 */
import { type FileHandle, open, rm } from "node:fs/promises";
import type { Uploads } from "../library/upload-queue.ts";
import { MultipartError, multipartBoundary, readMultipart } from "./multipart.ts";

/** The form field the upload page's files come in. */
export const FILES_FIELD = "files";

/** The body passed the upload limit. */
export class UploadTooLarge extends Error {}

/** A file of the form, on disk in the queue's incoming folder. */
export interface ReceivedFile {
  name: string;
  path: string;
  bytes: number;
}

export type UploadOutcome = { files: ReceivedFile[] } | { status: 400 | 413; message: string };

/** The chunks of a body, counted; past `max` bytes it throws UploadTooLarge and pulls nothing more. */
export async function* limitedChunks(
  body: ReadableStream<Uint8Array>,
  max: number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > max) throw new UploadTooLarge(`the upload is larger than ${max} bytes`);
      yield value;
    }
  } finally {
    // Not cancelled: that would reset the connection before the answer is sent. The server discards the rest.
    reader.releaseLock();
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at)).bytesWritten;
}

const tooLarge = (max: number): UploadOutcome => ({
  status: 413,
  message: `The upload is larger than the limit of ${Math.round(max / 1024 / 1024)} MB.`,
});

/**
 * Reads an upload request's files into the queue's incoming folder. Empty files (a form sent with none
 * chosen) are dropped; anything but the files field is skipped unread.
 */
export async function receiveUpload(
  req: Request,
  queue: Pick<Uploads, "incomingPath">,
  maxBytes: number,
): Promise<UploadOutcome> {
  const boundary = multipartBoundary(req.headers.get("Content-Type") ?? undefined);
  if (!boundary || !req.body)
    return { status: 400, message: "An upload is a form of files (multipart/form-data)." };
  const declared = Number(req.headers.get("Content-Length") ?? Number.NaN);
  if (!req.headers.has("Transfer-Encoding") && declared > maxBytes) return tooLarge(maxBytes);
  const files: ReceivedFile[] = [];
  let current: FileHandle | undefined;
  try {
    await readMultipart(limitedChunks(req.body, maxBytes), boundary, async (part) => {
      if (part.name !== FILES_FIELD || !part.filename) return undefined;
      const file: ReceivedFile = { name: part.filename, path: queue.incomingPath(), bytes: 0 };
      files.push(file);
      const handle = await open(file.path, "wx");
      current = handle;
      return {
        write: async (bytes) => {
          await writeAll(handle, bytes);
          file.bytes += bytes.length;
        },
        end: async () => {
          current = undefined;
          await handle.close();
        },
      };
    });
  } catch (e) {
    await current?.close().catch(() => {});
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    if (e instanceof UploadTooLarge) return tooLarge(maxBytes);
    if (e instanceof MultipartError)
      return { status: 400, message: `The upload could not be read: ${e.message}.` };
    throw e;
  }
  const empty = files.filter((f) => f.bytes === 0);
  await Promise.all(empty.map((f) => rm(f.path, { force: true })));
  return { files: files.filter((f) => f.bytes > 0) };
}
