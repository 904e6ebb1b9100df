/**
 * CSL-JSON files: an array of items (or one item). The array is split into its elements as the file streams
 * in, so a file of a million items is read in constant memory, and a broken element costs only itself.
 */
import { jsonRecord } from "./jsonl.ts";
import { readChunks } from "./lines.ts";
import { type ReadItem, RecordFormatError } from "./record.ts";

/** Largest element read; a larger one is reported as malformed instead of parsed. */
const MAX_ELEMENT = 10_000_000;

interface JsonElement {
  text: string;
  line: number;
}

/**
 * The top-level elements of a JSON array, as text with the line each starts on. A file holding a single
 * object yields that object. Only strings and brackets are tracked: each element is parsed on its own later.
 */
export async function* jsonArrayElements(chunks: AsyncIterable<string>): AsyncGenerator<JsonElement> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let startLine = 0;
  let topIsArray: boolean | undefined;
  let buf: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    let from = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === "\n") line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        inString = true;
        if (depth === (topIsArray ? 1 : 0) && from < 0) {
          from = i;
          startLine = line;
        }
      } else if (c === "{" || c === "[") {
        if (topIsArray === undefined) {
          topIsArray = c === "[";
          if (topIsArray) {
            depth = 1;
            continue;
          }
        }
        if (depth === (topIsArray ? 1 : 0) && from < 0) {
          from = i;
          startLine = line;
        }
        depth++;
      } else if (c === "}" || c === "]") {
        depth--;
        if (topIsArray && depth === 0) {
          if (from >= 0) buf.push(chunk.slice(from, i));
          from = -1;
          yield* flush();
          continue;
        }
        if (depth === (topIsArray ? 1 : 0) && from >= 0) {
          buf.push(chunk.slice(from, i + 1));
          from = -1;
          yield* flush();
        }
      } else if (c === "," && depth === 1 && topIsArray) {
        if (from >= 0) buf.push(chunk.slice(from, i));
        from = -1;
        yield* flush();
      } else if (from < 0 && depth === (topIsArray ? 1 : 0) && !/\s/.test(c) && topIsArray !== undefined) {
        from = i;
        startLine = line;
      }
    }
    if (from >= 0) {
      buf.push(chunk.slice(from));
      size += chunk.length - from;
      if (size > MAX_ELEMENT)
        throw new RecordFormatError(`element at line ${startLine} is larger than ${MAX_ELEMENT} characters`);
    }
  }
  if (buf.length) yield* flush();
  if (topIsArray && depth !== 0)
    throw new RecordFormatError("the array is not closed: the file is cut short");

  function* flush(): Generator<JsonElement> {
    const text = buf.join("").trim();
    buf = [];
    size = 0;
    if (text) yield { text, line: startLine };
  }
}

export async function* readCslJson(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  try {
    for await (const el of jsonArrayElements(readChunks(file))) {
      record++;
      const location = { file, line: el.line, record };
      try {
        let value: unknown;
        try {
          value = JSON.parse(el.text);
        } catch (e) {
          throw new RecordFormatError(`not valid JSON: ${(e as Error).message}`);
        }
        yield { record: jsonRecord(value, location) };
      } catch (e) {
        if (!(e instanceof RecordFormatError)) throw e;
        yield { error: { location, reason: e.message } };
      }
    }
  } catch (e) {
    if (!(e instanceof RecordFormatError)) throw e;
    yield { error: { location: { file, record: record + 1 }, reason: e.message } };
  }
}
