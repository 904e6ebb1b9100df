/**
 * EndNote's tagged import format (.enw): one "%X value" line a field, a blank line between records — what
 * EndNote's "Import > EndNote Import" and Zotero read. Lines are never wrapped. An item read from .enw is
 * written with its own type and tags (field-codec.ts), others through the table of endnote-mapping.ts.
 */
import type { CslItem } from "./csl.ts";
import { defaultEndnoteType, ENDNOTE_FIELDS, endnoteCslType } from "./endnote-mapping.ts";
import { keptRecord, writeFields } from "./field-codec.ts";

function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === "") return "";
  return `%${tag} ${String(value).replace(/\s+/g, " ").trim()}\n`;
}

export function toEndnote(item: CslItem): string {
  const kept = keptRecord(item, "endnote");
  const type = kept && endnoteCslType(kept.type) === item.type ? kept.type : defaultEndnoteType(item);
  let out = line("0", type.replace(/\s+/g, " "));
  for (const [tag, values] of writeFields(item, kept, ENDNOTE_FIELDS))
    if (/^[^\s%]$/.test(tag)) for (const v of values) out += line(tag, v);
  return `${out}\n`;
}
