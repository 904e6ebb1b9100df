/**
 * JSON Lines: one record a line — CSL-JSON fields plus `id`, `abstract` and `references` — or a line of the
 * S2ORC metadata dump (`paper_id`, `outbound_citations`), recognised by its fields and imported as it is.
 */
import { MAX_LINE, readLines } from "./lines.ts";
import {
  type ReadItem,
  RecordFormatError,
  recordError,
  recordId,
  type SourceRecord,
  toCslItem,
  toReferences,
} from "./record.ts";
import { fromS2orc, isS2orc } from "./s2orc.ts";

export async function* readJsonl(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  for await (const { line, number, tooLong } of readLines(file)) {
    if (!tooLong && !line.trim()) continue;
    record++;
    const location = { file, line: number, record };
    try {
      if (tooLong) throw new RecordFormatError(`line is longer than ${MAX_LINE} characters`, "too-large");
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new RecordFormatError(`not valid JSON: ${(e as Error).message}`);
      }
      yield { record: jsonRecord(value, location) };
    } catch (e) {
      yield recordError(e, location);
    }
  }
}

/** One parsed JSON object (a JSONL line or a CSL-JSON array element) as a SourceRecord. */
export function jsonRecord(value: unknown, location: SourceRecord["location"]): SourceRecord {
  if (isS2orc(value)) return fromS2orc(value, location);
  const o = value as Record<string, unknown>;
  return {
    id: recordId(o?.id),
    item: toCslItem(value),
    references: toReferences(o?.references),
    location,
  };
}
