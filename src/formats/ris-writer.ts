/**
 * RIS output, written line by line: one tag a line and never wrapped, whatever the length (reference managers
 * read a wrapped line as a broken field). An item read from RIS is written with its own type and tags
 * (field-codec.ts), others through the table of ris-mapping.ts.
 */
import type { CslItem } from "./csl.ts";
import { keptRecord, writeFields } from "./field-codec.ts";
import { defaultRisType, RIS_FIELDS, risCslType } from "./ris-mapping.ts";

/** One line; newlines inside a value would start a new (bogus) tag, so they become spaces. */
function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === "") return "";
  return `${tag}  - ${String(value).replace(/\s+/g, " ").trim()}\r\n`;
}

export function toRis(item: CslItem): string {
  const kept = keptRecord(item, "ris");
  const type =
    kept && /^[A-Z0-9]+$/.test(kept.type) && risCslType(kept.type) === item.type
      ? kept.type
      : defaultRisType(item);
  const fields = writeFields(item, kept, RIS_FIELDS).filter(([tag]) => /^[A-Z][A-Z0-9]$/.test(tag));
  let out = line("TY", type);
  // The library's id for a record that did not come from RIS (one that did keeps its own ID, or none).
  if (!kept) out += line("ID", item.id);
  for (const [tag, values] of fields) for (const v of values) out += line(tag, v);
  return `${out}ER  - \r\n`;
}
