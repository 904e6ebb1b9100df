/** Streaming line reading, so memory stays flat however long the file is. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** The lines of a file with their 1-based numbers; CR, LF and CRLF line ends alike. */
export async function* readLines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const rl = createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const line of rl) {
    number++;
    yield { line: number === 1 ? line.replace(/^\uFEFF/, "") : line, number };
  }
}

/** The text of a file in chunks, for readers that scan characters (BibTeX, JSON arrays). */
export async function* readChunks(file: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 }))
    yield chunk as string;
}
