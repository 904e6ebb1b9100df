/** ParsCit's tagged references: one a line, `<author> A. Cau, … </author> <title> … </title> …`. */
import { readFileSync } from "node:fs";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";
import { ReferenceBuilder } from "./builder.ts";

const PARSCIT_LABELS: Record<string, ReferenceLabel> = {
  author: "author",
  editor: "editor",
  title: "title",
  booktitle: "container-title",
  journal: "container-title",
  volume: "volume",
  pages: "pages",
  date: "date",
  publisher: "publisher",
  institution: "publisher",
  location: "location",
  tech: "genre",
  note: "note",
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function readParscitLine(line: string, source: string): TaggedReference | undefined {
  const b = new ReferenceBuilder();
  const re = /<(\/?)([a-z]+)>|([^<]+)|</g;
  let label: ReferenceLabel = "other";
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    if (m[2]) {
      label = m[1] ? "other" : (PARSCIT_LABELS[m[2]] ?? "other");
      if (m[2] === "br") b.add(" ", "other");
    } else {
      b.add(
        (m[3] ?? "<").replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]),
        label,
      );
    }
  }
  return b.build(source);
}

export function readParscitFile(path: string, source: string): TaggedReference[] {
  const out: TaggedReference[] = [];
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    if (!line.includes("</")) continue;
    const r = readParscitLine(line, source);
    if (r) out.push(r);
  }
  return out;
}
