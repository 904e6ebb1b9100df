/**
 * The formats citegraph reads, one module each, all yielding SourceRecords through CSL-JSON.
 * Chosen by file extension; registered here, explicitly, and nowhere else.
 */
import { readAclAnthology } from "./acl-anthology.ts";
import { readBibtex } from "./bibtex.ts";
import { readCslJson } from "./csl-json.ts";
import { readEndnote } from "./endnote.ts";
import { readJsonl } from "./jsonl.ts";
import type { ReadItem } from "./record.ts";
import { readRis } from "./ris.ts";

export interface FormatReader {
  name: string;
  extensions: string[];
  read(file: string): AsyncIterable<ReadItem>;
}

export const READERS: FormatReader[] = [
  { name: "bibtex", extensions: [".bib", ".bibtex"], read: readBibtex },
  { name: "csl-json", extensions: [".json"], read: readCslJson },
  { name: "ris", extensions: [".ris"], read: readRis },
  { name: "endnote", extensions: [".enw"], read: readEndnote },
  { name: "jsonl", extensions: [".jsonl", ".ndjson"], read: readJsonl },
  { name: "acl-anthology", extensions: [".xml"], read: readAclAnthology },
];

/** The reader for a file, by its extension, or undefined. */
export function readerFor(file: string): FormatReader | undefined {
  const lower = file.toLowerCase();
  return READERS.find((r) => r.extensions.some((e) => lower.endsWith(e)));
}

export const IMPORT_EXTENSIONS = READERS.flatMap((r) => r.extensions);
