/**
 * RIS output, written line by line: one tag a line and never wrapped, whatever the length (citation-js's
 * RIS writer wraps at 70 characters, which reference managers read as broken fields).
 */
import { type CslItem, invertedName, itemYear } from "./csl.ts";

const RIS_TYPES: Record<string, string> = {
  "article-journal": "JOUR",
  "article-magazine": "MGZN",
  "article-newspaper": "NEWS",
  "paper-conference": "CPAPER",
  book: "BOOK",
  chapter: "CHAP",
  report: "RPRT",
  thesis: "THES",
  webpage: "ELEC",
  dataset: "DATA",
  software: "COMP",
  patent: "PAT",
  manuscript: "UNPB",
};

/** One line; newlines inside a value would start a new (bogus) tag, so they become spaces. */
function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === "") return "";
  return `${tag}  - ${String(value).replace(/\s+/g, " ").trim()}\r\n`;
}

export function toRis(item: CslItem): string {
  const type = RIS_TYPES[item.type ?? ""] ?? "GEN";
  let out = line("TY", type);
  out += line("ID", item.id);
  out += line("TI", item.title);
  for (const a of item.author ?? []) out += line("AU", invertedName(a));
  for (const e of item.editor ?? []) out += line("ED", invertedName(e));
  out += line("PY", itemYear(item));
  out += line(type === "JOUR" ? "JO" : "T2", item["container-title"]);
  out += line("VL", item.volume);
  out += line("IS", item.issue);
  const [sp, ep] = (item.page ?? "").split(/[-–—]+/);
  out += line("SP", sp);
  out += line("EP", ep);
  out += line("PB", item.publisher);
  out += line("CY", item["publisher-place"]);
  out += line("DO", item.DOI);
  out += line("UR", item.URL);
  out += line("AB", item.abstract);
  for (const k of (item.keyword ?? "").split(/[,;]/)) out += line("KW", k.trim());
  out += line("N1", item.note);
  return `${out}ER  - \r\n`;
}
