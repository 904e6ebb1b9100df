/**
 * RIS files: records from "TY  -" to "ER  -", split as the file streams in and read one by one through the
 * two-way table (ris-mapping.ts), so one broken record costs only itself. Every tag is kept: mapped ones as
 * CSL, the others, the record's own type and its tags' order under `custom.ris` (field-codec.ts).
 */
import { taggedToCsl } from "./field-rules.ts";
import { MAX_LINE, readLines } from "./lines.ts";
import { type ReadItem, RecordFormatError, readRecord, recordError } from "./record.ts";
import { RIS_FIELDS, risCslType } from "./ris-mapping.ts";

/** A tagged line: "TI  - value". */
export const RIS_TAG = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;
const MAX_RECORD_LINES = 20_000;

export async function* readRis(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  let lines: [string, string][] = [];
  let start = 0;
  let tooLong = 0;
  let text = false;
  for await (const { line, number, tooLong: lineTooLong } of readLines(file)) {
    if (!text && line.trim()) text = true;
    const m = RIS_TAG.exec(line.trimEnd());
    if (m?.[1] === "TY") {
      if (lines.length) yield finish('record has no "ER  -" line');
      lines = [["TY", m[2] ?? ""]];
      start = number;
      tooLong = 0;
      continue;
    }
    if (!lines.length) continue;
    if (lineTooLong) tooLong = number;
    if (m?.[1] === "ER") {
      yield finish();
      lines = [];
      continue;
    }
    if (lines.length >= MAX_RECORD_LINES) continue;
    if (m) lines.push([m[1], m[2] ?? ""]);
    // A line without a tag continues the value before it (some exporters wrap long abstracts).
    else if (line.trim() && lines.length > 1) lines[lines.length - 1][1] += ` ${line.trim()}`;
  }
  if (lines.length) yield finish('record has no "ER  -" line');
  else if (record === 0 && text)
    yield recordError(new RecordFormatError('not RIS: no line starts a record ("TY  - ")'), {
      file,
      record: 1,
    });

  function finish(problem?: string): ReadItem {
    record++;
    const error = problem
      ? new RecordFormatError(problem)
      : tooLong
        ? new RecordFormatError(`line ${tooLong} is longer than ${MAX_LINE} characters`, "too-large")
        : undefined;
    return readRecord({ file, line: start, record }, error, () =>
      taggedToCsl("ris", lines, risCslType, RIS_FIELDS, "ID"),
    );
  }
}
