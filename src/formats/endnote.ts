/**
 * EndNote's tagged files (.enw): records of "%X value" lines, each starting at its "%0" type line, separated by
 * blank lines; a line without a tag continues the value before it. Read line by line through the two-way table
 * (endnote-mapping.ts), one broken record costing only itself; every tag is kept (field-codec.ts).
 */
import { ENDNOTE_FIELDS, endnoteCslType } from "./endnote-mapping.ts";
import { taggedToCsl } from "./field-rules.ts";
import { MAX_LINE, readLines } from "./lines.ts";
import { type ReadItem, RecordFormatError, readRecord, recordError } from "./record.ts";

/** A tagged line: "%T value". */
export const ENDNOTE_TAG = /^%(\S) ?(.*)$/;
const MAX_RECORD_LINES = 20_000;

export async function* readEndnote(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  let lines: [string, string][] = [];
  let start = 0;
  let tooLong = 0;
  let text = false;
  for await (const { line, number, tooLong: lineTooLong } of readLines(file)) {
    if (!text && line.trim()) text = true;
    const m = ENDNOTE_TAG.exec(line.trimEnd());
    if (m?.[1] === "0" || (!line.trim() && lines.length)) {
      if (lines.length) yield finish();
      lines = m ? [["0", m[2]]] : [];
      start = number;
      tooLong = 0;
      continue;
    }
    if (lineTooLong) tooLong = number;
    if (m) {
      if (!lines.length) {
        // Tags before any %0: a record with no type, read as a generic one.
        lines = [["0", ""]];
        start = number;
      }
      if (lines.length < MAX_RECORD_LINES) lines.push([m[1], m[2]]);
    } else if (line.trim() && lines.length > 1) lines[lines.length - 1][1] += ` ${line.trim()}`;
  }
  if (lines.length) yield finish();
  else if (record === 0 && text)
    yield recordError(new RecordFormatError('not EndNote: no line starts with a tag ("%0 ", "%T ")'), {
      file,
      record: 1,
    });

  function finish(): ReadItem {
    record++;
    const error = tooLong
      ? new RecordFormatError(`line ${tooLong} is longer than ${MAX_LINE} characters`, "too-large")
      : undefined;
    return readRecord({ file, line: start, record }, error, () =>
      taggedToCsl("endnote", lines, endnoteCslType, ENDNOTE_FIELDS, "F"),
    );
  }
}
