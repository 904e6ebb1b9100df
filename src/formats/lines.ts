/**
 * Streaming reading of a metadata file, so memory stays flat however long the file is — and however long one
 * line of it is: a line above the limit is reported and skipped without ever being held whole.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { SNIFF_BYTES, sniffEncoding, Utf8OrWindows1252Decoder } from "./text-decoding.ts";

/** Longest line read (characters); a longer one is reported instead of parsed. */
export const MAX_LINE = 10_000_000;

const CHUNK = 1 << 16;

/**
 * The text of a file in chunks, decoded from UTF-8, UTF-16 or Windows-1252 (see text-decoding.ts), for readers
 * that scan characters (BibTeX, JSON arrays, XML). Throws RecordFormatError ("encoding") for binary data.
 */
export async function* readChunks(file: string): AsyncGenerator<string> {
  const head = new Uint8Array(SNIFF_BYTES);
  const handle = await open(file, "r");
  let headLength: number;
  try {
    headLength = (await handle.read(head, 0, SNIFF_BYTES, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const { encoding, bom } = sniffEncoding(head.subarray(0, headLength));
  const stream = createReadStream(file, { start: bom, highWaterMark: CHUNK });
  if (encoding === "utf-8") {
    const decoder = new Utf8OrWindows1252Decoder();
    for await (const chunk of stream) yield decoder.decode(chunk as Buffer);
    const rest = decoder.decode(new Uint8Array(0), true);
    if (rest) yield rest;
    return;
  }
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

export interface TextLine {
  line: string;
  /** 1-based. */
  number: number;
  /** The line was longer than MAX_LINE: `line` is empty, its text was dropped as it streamed past. */
  tooLong?: true;
}

/** The lines of a file with their 1-based numbers; CR, LF and CRLF line ends alike. */
export function readLines(file: string, maxLine = MAX_LINE): AsyncGenerator<TextLine> {
  return splitLines(readChunks(file), maxLine);
}

/** Text from a stream of bytes (standard input): UTF-8, with stray bytes read as Windows-1252. */
export async function* decodeStream(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new Utf8OrWindows1252Decoder();
  for await (const chunk of input) yield typeof chunk === "string" ? chunk : decoder.decode(chunk);
  const rest = decoder.decode(new Uint8Array(0), true);
  if (rest) yield rest;
}

/** Text split into lines, none held beyond `maxLine` characters. */
export async function* splitLines(
  chunks: AsyncIterable<string>,
  maxLine = MAX_LINE,
): AsyncGenerator<TextLine> {
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  let number = 0;
  let afterCr = false;
  const end = (): TextLine => {
    number++;
    const line = tooLong ? "" : parts.join("");
    const out: TextLine = tooLong ? { line, number, tooLong: true } : { line, number };
    parts = [];
    length = 0;
    tooLong = false;
    return out;
  };
  const add = (text: string) => {
    if (tooLong || !text) return;
    length += text.length;
    if (length > maxLine) {
      tooLong = true;
      parts = [];
    } else parts.push(text);
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 10 && afterCr && i === from) {
        // The LF of a CRLF split across chunks (or right after the CR): already ended.
        afterCr = false;
        from = i + 1;
        continue;
      }
      add(chunk.slice(from, i));
      yield end();
      afterCr = c === 13;
      if (afterCr && chunk.charCodeAt(i + 1) === 10) {
        i++;
        afterCr = false;
      }
      from = i + 1;
    }
    if (from < chunk.length) {
      afterCr = false;
      add(chunk.slice(from));
    }
  }
  if (length > 0 || tooLong) yield end();
}
