/** AnyStyle's training XML: `<dataset><sequence><author>…</author><title>…</title>…</sequence>…`. */
import { readFileSync } from "node:fs";
import { SaxesParser } from "saxes";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";
import { ReferenceBuilder } from "./builder.ts";

const ANYSTYLE_LABELS: Record<string, ReferenceLabel> = {
  author: "author",
  editor: "editor",
  translator: "editor",
  director: "author",
  producer: "editor",
  title: "title",
  journal: "container-title",
  "container-title": "container-title",
  "collection-title": "collection-title",
  date: "date",
  volume: "volume",
  pages: "pages",
  publisher: "publisher",
  location: "location",
  edition: "edition",
  genre: "genre",
  doi: "doi",
  url: "url",
  isbn: "isbn",
  note: "note",
  medium: "note",
  source: "note",
  "citation-number": "citation-number",
};

export function readAnystyle(xml: string, source: string): TaggedReference[] {
  const out: TaggedReference[] = [];
  const parser = new SaxesParser();
  let builder: ReferenceBuilder | undefined;
  let label: ReferenceLabel = "other";
  parser.on("opentag", (tag) => {
    if (tag.name === "sequence") builder = new ReferenceBuilder();
    else if (builder) {
      label = ANYSTYLE_LABELS[tag.name] ?? "other";
      builder.add(" ", "other");
    }
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "sequence" && builder) {
      const r = builder.build(source);
      if (r) out.push(r);
      builder = undefined;
    } else if (builder) {
      builder.add(" ", "other");
      label = "other";
    }
  });
  parser.on("text", (t) => builder?.add(t, label));
  parser.write(xml).close();
  return out;
}

export function readAnystyleFile(path: string, source: string): TaggedReference[] {
  return readAnystyle(readFileSync(path, "utf8"), source);
}
