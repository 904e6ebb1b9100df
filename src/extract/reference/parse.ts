/**
 * parseReference: a reference as printed → CSL-JSON, with the confidence of each field. The CRF labels the
 * tokens; the labelled stretches are refined with what the whole reference shows (refineFields) and become
 * fields; post-processing splits names and normalises dates, pages, volumes and identifiers (which are also
 * found by pattern wherever the labels missed them).
 */
import type { CslItem } from "../../formats/csl.ts";
import type { Tagger } from "../../label/tagger.ts";
import { featurize } from "./features.ts";
import {
  findArxiv,
  findDoi,
  findIsbn,
  findUrl,
  parseContainerTitle,
  parseDate,
  parseIssue,
  parsePages,
  parseVolume,
  trimField,
} from "./fields.ts";
import type { ReferenceLabel } from "./labels.ts";
import { referenceTagger } from "./model.ts";
import { splitNames } from "./names.ts";
import { refineFields } from "./refine.ts";

/** Longest reference string looked at; the rest is ignored (no reference is this long). */
export const MAX_REFERENCE_CHARS = 4000;

export interface ParsedReference {
  /** CSL-JSON of the reference, with `raw` (the string as given). */
  item: CslItem & { raw: string };
  /** Per field (CSL variable), the mean probability of its tokens' labels, 0–1. */
  confidence: Record<string, number>;
  /** The labelled stretches of the string, in order. */
  fields: { label: ReferenceLabel; text: string; start: number; end: number; confidence: number }[];
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** What kind of work a reference describes, from the fields it has (CSL types). */
function guessType(f: Map<ReferenceLabel, string>): string {
  const container = f.get("container-title") ?? "";
  const genre = (f.get("genre") ?? "").toLowerCase();
  if (/thesis|dissertation|ph\.?\s?d|master/.test(genre)) return "thesis";
  if (/report|memo|working paper|tech/.test(genre) || f.has("number")) return "report";
  if (container) {
    if (/proc|conference|conf\.|workshop|symposium|meeting|congress|colloquium/i.test(container))
      return "paper-conference";
    if (f.has("editor") || /^in\b/i.test(container)) return "chapter";
    return "article-journal";
  }
  if (f.has("publisher") || f.has("isbn")) return "book";
  if (f.has("url") && !f.has("date")) return "webpage";
  return "article";
}

export function parseReference(raw: string, tagger: Tagger = referenceTagger()): ParsedReference {
  if (typeof raw !== "string") throw new TypeError("a reference must be a string");
  const text = raw.slice(0, MAX_REFERENCE_CHARS).replace(CONTROL, " ");
  const { tokens, features } = featurize(text);
  const { labels, confidence } = tagger.tag(features);
  // Runs of tokens with one label are the fields; a field's confidence is the mean of its tokens'.
  const fields: ParsedReference["fields"] = [];
  let sum = 0;
  let n = 0;
  for (let t = 0; t < tokens.length; t++) {
    if (t > 0 && labels[t] === labels[t - 1]) {
      fields[fields.length - 1].end = tokens[t].end;
    } else {
      if (n) fields[fields.length - 1].confidence = round(sum / n);
      sum = n = 0;
      fields.push({
        label: labels[t] as ReferenceLabel,
        text: "",
        start: tokens[t].start,
        end: tokens[t].end,
        confidence: 0,
      });
    }
    sum += confidence[t];
    n++;
  }
  if (n) fields[fields.length - 1].confidence = round(sum / n);
  const refined = refineFields(text, fields);
  for (const f of refined) f.text = text.slice(f.start, f.end);
  const first = new Map<ReferenceLabel, string>();
  const conf = new Map<ReferenceLabel, number>();
  for (const f of refined) {
    if (f.label === "other") continue;
    if (!first.has(f.label)) {
      first.set(f.label, f.text);
      conf.set(f.label, f.confidence);
    } else if (f.label === "note") first.set("note", `${first.get("note")} ${f.text}`);
  }

  const item: CslItem & { raw: string } = { raw, type: guessType(first) };
  const confidenceOut: Record<string, number> = {};
  const set = (key: string, value: unknown, label: ReferenceLabel) => {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return;
    item[key] = value;
    const c = conf.get(label);
    if (c !== undefined) confidenceOut[key] = c;
  };
  const get = (l: ReferenceLabel) => first.get(l);
  const author = get("author");
  if (author) set("author", splitNames(author), "author");
  const editor = get("editor");
  if (editor) set("editor", splitNames(editor), "editor");
  const title = get("title");
  if (title) set("title", trimField(title), "title");
  const container = get("container-title");
  if (container) set("container-title", parseContainerTitle(container), "container-title");
  const collection = get("collection-title");
  if (collection) set("collection-title", trimField(collection), "collection-title");
  const volume = get("volume");
  if (volume) {
    const v = parseVolume(volume);
    set("volume", v.volume, "volume");
    if (v.issue) set("issue", v.issue, "volume");
  }
  const issue = get("issue");
  if (issue) set("issue", parseIssue(issue), "issue");
  const pages = get("pages");
  if (pages) set("page", parsePages(pages), "pages");
  const date = get("date");
  if (date) set("issued", parseDate(date), "date");
  for (const [label, key] of [
    ["publisher", "publisher"],
    ["location", "publisher-place"],
    ["edition", "edition"],
    ["genre", "genre"],
    ["number", "number"],
    ["note", "note"],
  ] as const) {
    const v = get(label);
    if (v) set(key, trimField(v), label);
  }
  const number = get("citation-number");
  if (number) set("citation-number", trimField(number), "citation-number");
  // Identifiers: from their labelled stretch, else by pattern anywhere in the string.
  set("DOI", findDoi(get("doi") ?? text), "doi");
  const url = findUrl(get("url") ?? "") ?? findUrl(text);
  if (url && !(item.DOI && url.includes(item.DOI as string))) set("URL", url, "url");
  set("arxiv", findArxiv(get("arxiv") ?? text, first.has("arxiv")), "arxiv");
  set("ISBN", findIsbn(get("isbn") ?? (/isbn/i.test(text) ? text.slice(text.search(/isbn/i)) : "")), "isbn");
  if (!item.issued) {
    // A year the labels missed, when exactly one plausible year is printed.
    const years = text.match(/(?<![\d.])(1[6-9]\d\d|20\d\d)(?![\d])/g);
    if (years && new Set(years).size === 1) item.issued = { "date-parts": [[Number(years[0])]] };
  }
  return { item, confidence: confidenceOut, fields: refined };
}
