/**
 * RIS files: records from "TY  -" to "ER  -", split as the file streams in and parsed one by one by
 * citation-js, so one broken record costs only itself.
 */
import { parseWithCitationJs } from "./citation-js.ts";
import { MAX_LINE, readLines } from "./lines.ts";
import { type ReadItem, RecordFormatError, recordError, recordId, toCslItem } from "./record.ts";

const TAG = /^([A-Z][A-Z0-9]) {2}-( (.*))?$/;
const MAX_RECORD_LINES = 20_000;

export async function* readRis(file: string): AsyncGenerator<ReadItem> {
  let record = 0;
  let lines: string[] = [];
  let start = 0;
  let id: string | undefined;
  let tooLong = 0;
  let text = false;
  for await (const { line, number, tooLong: lineTooLong } of readLines(file)) {
    if (!text && line.trim()) text = true;
    const m = TAG.exec(line.trimEnd());
    if (m?.[1] === "TY") {
      if (lines.length) yield finish('record has no "ER  -" line');
      lines = [line];
      start = number;
      id = undefined;
      tooLong = 0;
      continue;
    }
    if (!lines.length) continue;
    if (lineTooLong) tooLong = number;
    if (m?.[1] === "ER") {
      lines.push("ER  - ");
      yield finish();
      lines = [];
      continue;
    }
    if (m?.[1] === "ID") id = m[3];
    if (lines.length < MAX_RECORD_LINES) lines.push(line);
  }
  if (lines.length) yield finish('record has no "ER  -" line');
  else if (record === 0 && text)
    yield recordError(new RecordFormatError('not RIS: no line starts a record ("TY  - ")'), {
      file,
      record: 1,
    });

  function finish(problem?: string): ReadItem {
    record++;
    const location = { file, line: start, record };
    try {
      if (problem) throw new RecordFormatError(problem);
      if (tooLong)
        throw new RecordFormatError(`line ${tooLong} is longer than ${MAX_LINE} characters`, "too-large");
      let items: ReturnType<typeof parseWithCitationJs>;
      try {
        items = parseWithCitationJs(`${lines.join("\n")}\n`, "@ris/file");
      } catch (e) {
        throw new RecordFormatError(`not valid RIS: ${(e as Error).message.split("\n")[0]}`);
      }
      if (items.length !== 1) throw new RecordFormatError("not valid RIS: no record could be read");
      return { record: { id: recordId(id), item: toCslItem(items[0]), references: [], location } };
    } catch (e) {
      return recordError(e, location);
    }
  }
}
