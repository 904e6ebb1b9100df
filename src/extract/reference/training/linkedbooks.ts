/**
 * LinkedBooks' CoNLL-like files (carriage-return line ends): `token tag-a tag-b tag-c`, where tag-c marks where a
 * reference begins (b-r), goes on (i-r) and ends (e-r). Its tag set is made for archival references of the
 * humanities; what is not a bibliographic field becomes `note` (shelfmarks, folios) or `other`.
 */
import { readFileSync } from "node:fs";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";
import { ReferenceBuilder } from "./builder.ts";

const LINKEDBOOKS_LABELS: Record<string, ReferenceLabel> = {
  author: "author",
  title: "title",
  year: "date",
  date: "date",
  publicationplace: "location",
  publisher: "publisher",
  pagination: "pages",
  volume: "volume",
  tomo: "volume",
  series: "collection-title",
  "publicationnumber-year": "issue",
  numbered_ref: "citation-number",
  o: "other",
  conjunction: "other",
};

export function readLinkedbooks(text: string, source: string): TaggedReference[] {
  const out: TaggedReference[] = [];
  let b: ReferenceBuilder | undefined;
  for (const line of text.split(/\r\n?|\n/)) {
    const cols = line.split(" ");
    if (cols.length !== 4 || cols[0] === "-DOCSTART-") continue;
    const [token, tag, , boundary] = cols;
    if (boundary === "b-r") b = new ReferenceBuilder();
    if (!b) continue;
    b.add(` ${token}`, LINKEDBOOKS_LABELS[tag] ?? "note");
    if (boundary === "e-r") {
      const r = b.build(source);
      if (r) out.push(r);
      b = undefined;
    }
  }
  return out;
}

export function readLinkedbooksFile(path: string, source: string): TaggedReference[] {
  return readLinkedbooks(readFileSync(path, "utf8"), source);
}
