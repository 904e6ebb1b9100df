/**
 * A BibTeX entry ↔ a CSL item, through the table of bibtex-mapping.ts: the entry's key becomes the item's
 * `citation-key`, its type and the fields CSL has no place for are kept under `custom.bibtex`
 * (field-codec.ts), so that the entry written back has the same key, type and fields.
 */

import { type BibtexEntry, MONTH_MACROS } from "./bibtex-entry.ts";
import { BIBTEX_FIELDS, cslType, defaultEntryType, IMPLIED_GENRES } from "./bibtex-mapping.ts";
import type { CslItem } from "./csl.ts";
import { keptRecord, recordToCsl, writeFields } from "./field-codec.ts";
import { balanced } from "./latex.ts";

/** An entry as a CSL item (not yet checked: record.ts toCslItem does that). */
export function entryToCsl(entry: BibtexEntry): CslItem {
  const fields = entry.fields.map(([name, value]): [string, string[]] => [name, [value]]);
  const item = recordToCsl("bibtex", entry.type, cslType(entry.type), fields, BIBTEX_FIELDS);
  const implied = IMPLIED_GENRES[entry.type];
  if (implied && !item.genre) item.genre = implied;
  if (entry.key) item["citation-key"] = entry.key;
  return item;
}

/** Field names and values bibtex can read: what an item's `custom` (which a CSL-JSON file may set) must hold. */
const FIELD_NAME = /^[a-z][a-z0-9_:+.-]*$/i;

/** An item as an entry under `key`: its own record's type and fields where it has one, with its CSL values. */
export function cslToEntry(item: CslItem, key: string): BibtexEntry {
  const kept = keptRecord(item, "bibtex");
  const type =
    kept && FIELD_NAME.test(kept.type) && cslType(kept.type.toLowerCase()) === item.type
      ? kept.type.toLowerCase()
      : defaultEntryType(item);
  let source = item;
  // "PhD thesis" goes without saying in a @phdthesis: no `type` field unless the record had one.
  if (IMPLIED_GENRES[type] === item.genre && !kept?.order.includes("type"))
    source = { ...item, genre: undefined };
  const fields = writeFields(source, kept, BIBTEX_FIELDS)
    .map(([name, values]): [string, string] => [name.toLowerCase(), values.join(" ")])
    .filter(([name, value]) => FIELD_NAME.test(name) && balanced(value));
  const names = new Set(fields.map(([name]) => name));
  // An arXiv id written from the item says which archive it is in, for biblatex and for bibtex styles.
  if (names.has("eprint") && !names.has("archiveprefix") && !names.has("eprinttype") && item.arxiv)
    fields.push(["archiveprefix", "arXiv"], ["eprinttype", "arxiv"]);
  return { type, key, fields };
}

/** An entry as text: one field a line, values in braces (a month as bibtex's and biber's macro). */
export function formatBibtexEntry(entry: BibtexEntry): string {
  const lines = entry.fields.map(
    ([name, value]) =>
      `  ${name} = ${name === "month" && MONTH_MACROS.includes(value) ? value : `{${value}}`}`,
  );
  return `@${entry.type}{${entry.key}${lines.length ? `,\n${lines.join(",\n")}` : ","}\n}\n`;
}
