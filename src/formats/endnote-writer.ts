/**
 * EndNote's tagged import format (.enw): one "%X value" line a field, a blank line between records — what
 * EndNote's "Import > EndNote Import" and Zotero read. Lines are never wrapped.
 */
import { type CslItem, invertedName, itemYear } from "./csl.ts";

const ENW_TYPES: Record<string, string> = {
  "article-journal": "Journal Article",
  "article-magazine": "Magazine Article",
  "article-newspaper": "Newspaper Article",
  "paper-conference": "Conference Proceedings",
  book: "Book",
  chapter: "Book Section",
  report: "Report",
  thesis: "Thesis",
  webpage: "Web Page",
  dataset: "Dataset",
  software: "Computer Program",
  patent: "Patent",
  manuscript: "Unpublished Work",
};

function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === "") return "";
  return `%${tag} ${String(value).replace(/\s+/g, " ").trim()}\n`;
}

export function toEndnote(item: CslItem): string {
  const type = ENW_TYPES[item.type ?? ""] ?? "Generic";
  let out = line("0", type);
  out += line("T", item.title);
  for (const a of item.author ?? []) out += line("A", invertedName(a));
  for (const e of item.editor ?? []) out += line("E", invertedName(e));
  out += line("D", itemYear(item));
  out += line(type === "Journal Article" ? "J" : "B", item["container-title"]);
  out += line("V", item.volume);
  out += line("N", item.issue);
  out += line("P", item.page);
  out += line("I", item.publisher);
  out += line("C", item["publisher-place"]);
  out += line("R", item.DOI);
  out += line("U", item.URL);
  out += line("X", item.abstract);
  for (const k of (item.keyword ?? "").split(/[,;]/)) out += line("K", k.trim());
  out += line("Z", item.note);
  return `${out}\n`;
}
