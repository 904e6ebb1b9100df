/**
 * CSL-JSON files: an array of items (or one item). The array is split into its elements as the file streams
 * in, so a file of a million items is read in constant memory, and a broken element costs only itself.
 */
import { jsonRecord } from "./jsonl.ts";
import { readChunks } from "./lines.ts";
import { type ReadItem, RecordFormatError, recordError } from "./record.ts";

/** Largest element read (characters); a larger one is reported and skipped without being held whole. */
export const MAX_ELEMENT = 10_000_000;

interface JsonElement {
  text: string;
  line: number;
  /** The element was larger than MAX_ELEMENT: `text` is empty, the element streamed past unkept. */
  tooLarge?: true;
}

/**
 * The top-level elements of a JSON array, as text with the line each starts on. A file holding a single
 * object yields that object. Only strings and brackets are tracked: each element is parsed on its own later.
 * An element may span any number of chunks: the scanner's state, and the element's text so far, carry over.
 */
export async function* jsonArrayElements(chunks: AsyncIterable<string>): AsyncGenerator<JsonElement> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let topIsArray: boolean | undefined;
  /** The element being read: its start line, its text so far (by chunk), its size. */
  let element: { line: number; parts: string[]; size: number; tooLarge: boolean } | undefined;
  const elementDepth = () => (topIsArray ? 1 : 0);
  const keep = (text: string) => {
    if (!element || element.tooLarge) return;
    element.size += text.length;
    if (element.size > MAX_ELEMENT) {
      element.tooLarge = true;
      element.parts = [];
    } else element.parts.push(text);
  };
  const finish = (): JsonElement | undefined => {
    const e = element;
    element = undefined;
    if (!e) return undefined;
    if (e.tooLarge) return { text: "", line: e.line, tooLarge: true };
    const text = e.parts.join("").trim();
    return text ? { text, line: e.line } : undefined;
  };
  for await (const chunk of chunks) {
    // Where the current element's text starts in this chunk (0 when it began in an earlier one).
    let from = element ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === "\n") line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      const begin = () => {
        if (element || depth !== elementDepth()) return;
        element = { line, parts: [], size: 0, tooLarge: false };
        from = i;
      };
      if (c === '"') {
        begin();
        inString = true;
      } else if (c === "{" || c === "[") {
        if (topIsArray === undefined) {
          topIsArray = c === "[";
          if (topIsArray) {
            depth = 1;
            continue;
          }
        }
        begin();
        depth++;
      } else if (c === "}" || c === "]") {
        if (depth === 0) throw new RecordFormatError(`unexpected "${c}" at line ${line}`);
        depth--;
        if (topIsArray && depth === 0) {
          // The array's closing bracket ends its last element.
          if (element) keep(chunk.slice(from, i));
          const done = finish();
          if (done) yield done;
          from = -1;
          continue;
        }
        if (!topIsArray && depth === 0 && element) {
          keep(chunk.slice(from, i + 1));
          const done = finish();
          if (done) yield done;
          from = -1;
        }
      } else if (c === "," && depth === 1 && topIsArray) {
        if (element) keep(chunk.slice(from, i));
        const done = finish();
        if (done) yield done;
        from = -1;
      } else if (c !== " " && c !== "\n" && c !== "\r" && c !== "\t") {
        if (topIsArray === undefined)
          throw new RecordFormatError(
            `not CSL-JSON: the file must hold an array of items or one item, and starts with "${chunk.slice(i, i + 20)}"`,
          );
        begin();
      }
    }
    if (element && from >= 0) keep(chunk.slice(from));
  }
  const last = finish();
  if (last) yield last;
  if (topIsArray && depth !== 0)
    throw new RecordFormatError("the array is not closed: the file is cut short");
}

export async function* readCslJson(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  try {
    for await (const el of jsonArrayElements(readChunks(file))) {
      record++;
      const location = { file, line: el.line, record };
      try {
        if (el.tooLarge)
          throw new RecordFormatError(`the item is larger than ${MAX_ELEMENT} characters`, "too-large");
        let value: unknown;
        try {
          value = JSON.parse(el.text);
        } catch (e) {
          throw new RecordFormatError(`not valid JSON: ${(e as Error).message}`);
        }
        yield { record: jsonRecord(value, location) };
      } catch (e) {
        yield recordError(e, location);
      }
    }
  } catch (e) {
    yield recordError(e, { file, record: record + 1 });
  }
}
