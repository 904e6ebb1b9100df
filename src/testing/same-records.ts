/**
 * For the round-trip tests (formats and library): what "the same records" means for each format, checked
 * strictly — BibTeX entries with the same keys, types and fields (values and order as written, whitespace
 * aside); tagged files (RIS, EndNote) with the same tags and values in each record.
 */
import assert from "node:assert/strict";
import type { BibtexEntry } from "../formats/bibtex-entry.ts";
import { groupTags } from "../formats/field-rules.ts";

/** Two .bib texts hold the same entries: same keys, types, and fields with the same values, in the same order. */
export function assertSameEntries(before: BibtexEntry[], after: BibtexEntry[], what: string): void {
  const byKey = new Map(after.map((e) => [e.key, e]));
  assert.equal(after.length, before.length, `${what}: as many entries`);
  for (const e of before) {
    const again = byKey.get(e.key);
    assert.ok(again, `${what}: key ${e.key} kept`);
    assert.equal(again.type, e.type, `${what}: ${e.key}'s type`);
    assert.deepEqual(again.fields, e.fields, `${what}: ${e.key}'s fields`);
  }
}

/** The records of a tagged file, each as its tags in the order of their first line, values in order. */
export function taggedRecords(text: string, tag: RegExp, start: string): [string, string[]][][] {
  const out: [string, string][][] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = tag.exec(line);
    if (!m || m[1] === "ER") continue;
    if (m[1] === start) out.push([]);
    out[out.length - 1]?.push([m[1], (m[2] ?? "").trim()]);
  }
  return out.map(groupTags);
}
