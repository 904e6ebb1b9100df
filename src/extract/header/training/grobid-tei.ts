/**
 * GROBID's header training TEI: the text of a first page in `<front>`, fields tagged (`<titlePart>`,
 * `<docAuthor>`, `<affiliation>`, `<address>`, `<email>`, `<div type="abstract">`, `<keyword>`, `<date>`,
 * `<reference>`, `<idno>` …), `<lb/>` for line breaks; untagged text is "other".
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { HeaderLabel, TaggedHeader } from "../labels.ts";
import { HeaderBuilder } from "./builder.ts";

function labelOf(tag: SaxesTagPlain): HeaderLabel | undefined {
  const a = tag.attributes as Record<string, string>;
  switch (tag.name) {
    case "titlePart":
      return "title";
    case "docAuthor":
      return "author";
    case "affiliation":
    case "address":
      return "affiliation";
    case "email":
      return "email";
    case "div":
      return a.type === "abstract" ? "abstract" : undefined;
    case "keyword":
    case "keywords":
      return "keyword";
    case "date":
      return "date";
    case "reference":
    case "meeting":
      return "venue";
    case "title":
      return a.level === "j" ? "venue" : undefined;
    case "idno":
      return "identifier";
    case "note":
    case "page":
    case "phone":
    case "ptr":
    case "editor":
      return "other";
    default:
      return undefined;
  }
}

export function readGrobidHeaderTei(xml: string, source: string): TaggedHeader | undefined {
  const parser = new SaxesParser();
  const b = new HeaderBuilder();
  let inFront = false;
  const stack: (HeaderLabel | undefined)[] = [];
  const current = (): HeaderLabel => stack.find((l) => l !== undefined) ?? "other";
  parser.on("opentag", (tag) => {
    if (tag.name === "front") inFront = true;
    if (!inFront) return;
    if (tag.name === "lb") b.lineBreak();
    stack.push(labelOf(tag as SaxesTagPlain));
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "front") inFront = false;
    if (inFront || tag.name === "front") stack.pop();
  });
  parser.on("text", (text) => {
    // Source indentation and newlines are not the page's: only <lb/> breaks a line.
    if (inFront) b.add(text.replace(/\s+/g, " "), current());
  });
  parser.write(xml).close();
  return b.build(source);
}
