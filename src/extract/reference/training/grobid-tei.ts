/**
 * GROBID's citation training TEI: `<bibl><author>…</author>, <title level="a">…</title> …</bibl>`, text between
 * the tags being separators. A monograph title (`level="m"`) is the container when the reference also has an
 * article title, and the title itself otherwise (a book).
 */
import { readFileSync } from "node:fs";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";
import { ReferenceBuilder } from "./builder.ts";

type Piece = { text: string; label: ReferenceLabel | "monograph" };

function labelOf(tag: SaxesTagPlain): ReferenceLabel | "monograph" | undefined {
  const a = tag.attributes as Record<string, string>;
  const kind = (a.type ?? a.unit ?? a.level ?? "").toLowerCase();
  switch (tag.name) {
    case "author":
      return "author";
    case "editor":
      return "editor";
    case "title":
      if (kind === "j") return "container-title";
      if (kind === "s") return "collection-title";
      if (kind === "m") return "monograph";
      return "title";
    case "biblScope":
      if (kind === "vol" || kind === "volume") return "volume";
      if (kind === "issue") return "issue";
      if (kind === "pp" || kind === "page" || kind === "pages") return "pages";
      return "other";
    case "date":
      return "date";
    case "pubPlace":
    case "pubplace":
      return "location";
    case "publisher":
      return "publisher";
    case "orgName":
      return kind === "collaboration" ? "author" : "publisher";
    case "idno":
      if (kind === "doi") return "doi";
      if (kind.startsWith("arxiv")) return "arxiv";
      if (kind === "isbn") return "isbn";
      if (kind === "report") return "number";
      return "note";
    case "ptr":
      return "url";
    case "note":
      return kind === "report" ? "genre" : "note";
    case "label":
      return "citation-number";
    default:
      return undefined;
  }
}

export function readGrobidTei(xml: string, source: string): TaggedReference[] {
  const out: TaggedReference[] = [];
  const parser = new SaxesParser();
  let pieces: Piece[] | undefined;
  let depth = 0;
  // The labels of the open elements inside the bibl; the outermost labelled one decides.
  const stack: (ReferenceLabel | "monograph" | undefined)[] = [];
  const current = () => stack.find((l) => l !== undefined) ?? "other";
  parser.on("opentag", (tag) => {
    if (tag.name === "bibl" || tag.name === "biblStruct") {
      if (depth++ === 0) pieces = [];
      return;
    }
    if (!pieces) return;
    if (tag.name === "lb") pieces.push({ text: " ", label: current() });
    stack.push(labelOf(tag as SaxesTagPlain));
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "bibl" || tag.name === "biblStruct") {
      if (--depth === 0 && pieces) {
        const hasArticleTitle = pieces.some((p) => p.label === "title");
        const b = new ReferenceBuilder();
        for (const p of pieces)
          b.add(p.text, p.label === "monograph" ? (hasArticleTitle ? "container-title" : "title") : p.label);
        const r = b.build(source);
        if (r) out.push(r);
        pieces = undefined;
        stack.length = 0;
      }
      return;
    }
    if (pieces) stack.pop();
  });
  parser.on("text", (t) => pieces?.push({ text: t, label: current() }));
  parser.write(xml).close();
  return out;
}

export function readGrobidTeiFile(path: string, source: string): TaggedReference[] {
  return readGrobidTei(readFileSync(path, "utf8"), source);
}
