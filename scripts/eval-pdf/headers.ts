/**
 * The header gold we labelled (eval/pdf-headers/*.json: every one of the 162 shared PDFs, title, authors,
 * year, venue, abstract's first and last sentence, by the rules in each file's `_rules`) and the scores of
 * what ingest found against it, per field and per folder, on a development and a test split.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CslItem, CslName } from "../../src/formats/csl.ts";
import { itemYear } from "../../src/formats/csl.ts";
import { softKey } from "./score.ts";

export interface HeaderGold {
  title: string | null;
  /** Null when the labeller could not tell (an edited collection without a title page). */
  authors: { given?: string; family: string }[] | null;
  year: number | null;
  venue: string | null;
  abstract: { first: string; last: string } | null;
  language: string | null;
  columns: number | null;
  cover: boolean;
}

/** The gold of every labelled PDF, keyed by its path under pdfs/. */
export function readHeaderGold(dir: string): Map<string, HeaderGold> {
  const out = new Map<string, HeaderGold>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, HeaderGold>;
    for (const [path, gold] of Object.entries(file)) if (!path.startsWith("_")) out.set(path, gold);
  }
  return out;
}

/**
 * The split a paper is in, by a hash of its path: "dev" papers are the ones looked at while building the
 * rules; "test" papers are only scored.
 */
export function splitOf(path: string): "dev" | "test" {
  return createHash("sha1").update(path).digest()[0] % 2 === 0 ? "dev" : "test";
}

/** The folder a paper is reported under. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  return parts[0] === "excite"
    ? `excite/${parts[1].replace(/^german-footnotes.*/, "german-footnotes")}`
    : parts[0];
}

export interface HeaderTally {
  papers: number;
  titles: number;
  titleRight: number;
  authors: { tp: number; fp: number; fn: number };
  /** Year: gold years found right, found wrong (a year where the gold has another or none), left empty. */
  yearGold: number;
  yearRight: number;
  yearWrong: number;
  yearEmpty: number;
  venueGold: number;
  venueRight: number;
  venueWrong: number;
  venueEmpty: number;
  abstracts: number;
  abstractIntact: number;
  twoColumnAbstracts: number;
  twoColumnIntact: number;
  /** An abstract found where the paper prints none (its gold has none): wrong, as a year where none is. */
  abstractSpurious: number;
}

export function emptyTally(): HeaderTally {
  return {
    papers: 0,
    titles: 0,
    titleRight: 0,
    authors: { tp: 0, fp: 0, fn: 0 },
    yearGold: 0,
    yearRight: 0,
    yearWrong: 0,
    yearEmpty: 0,
    venueGold: 0,
    venueRight: 0,
    venueWrong: 0,
    venueEmpty: 0,
    abstracts: 0,
    abstractIntact: 0,
    twoColumnAbstracts: 0,
    twoColumnIntact: 0,
    abstractSpurious: 0,
  };
}

/** A venue found is right when one name holds the other (abbreviations and series numbers vary). */
function sameVenue(gold: string, found: string): boolean {
  const g = softKey(gold);
  const f = softKey(found);
  return g.length > 0 && f.length > 0 && (g.includes(f) || f.includes(g));
}

/** An abstract is intact when it begins with the gold's first sentence and ends with its last. */
export function abstractIntact(gold: { first: string; last: string }, found: string | undefined): boolean {
  if (!found) return false;
  const f = softKey(found);
  return f.startsWith(softKey(gold.first)) && f.endsWith(softKey(gold.last));
}

export interface HeaderMiss {
  path: string;
  field: string;
  gold: string;
  found: string;
}

/** Adds one paper's scores to the tally; returns its misses. */
export function scoreHeader(
  gold: HeaderGold,
  item: CslItem | undefined,
  path: string,
  t: HeaderTally,
): HeaderMiss[] {
  const misses: HeaderMiss[] = [];
  t.papers++;
  if (gold.title) {
    t.titles++;
    if (item?.title && softKey(item.title) === softKey(gold.title)) t.titleRight++;
    else misses.push({ path, field: "title", gold: gold.title, found: item?.title ?? "" });
  }
  const authors = gold.authors ?? [];
  const want = new Set(authors.map((a) => softKey(a.family)));
  // CSL keeps a particle that belongs to the family name apart ("de" Andrade); the gold writes it in the name.
  const family = (a: CslName) =>
    [a["non-dropping-particle"], a.family ?? a.literal].filter((x) => x !== undefined).join(" ");
  const got = new Set((item?.author ?? []).map((a) => softKey(family(a))));
  for (const g of got) want.has(g) ? t.authors.tp++ : t.authors.fp++;
  for (const w of want) if (!got.has(w)) t.authors.fn++;
  if ([...got].some((g) => !want.has(g)) || [...want].some((w) => !got.has(w)))
    misses.push({
      path,
      field: "authors",
      gold: authors.map((a) => a.family).join("; "),
      found: (item?.author ?? []).map(family).join("; "),
    });
  const year = item ? itemYear(item) : undefined;
  if (gold.year !== null) t.yearGold++;
  if (year !== undefined && year === gold.year) t.yearRight++;
  else if (year !== undefined) {
    t.yearWrong++;
    misses.push({ path, field: "year", gold: String(gold.year), found: String(year) });
  } else if (gold.year !== null) {
    t.yearEmpty++;
    misses.push({ path, field: "year", gold: String(gold.year), found: "" });
  }
  const venue = item?.["container-title"];
  if (gold.venue) t.venueGold++;
  if (venue && gold.venue && sameVenue(gold.venue, venue)) t.venueRight++;
  else if (venue) {
    t.venueWrong++;
    misses.push({ path, field: "venue", gold: gold.venue ?? "", found: venue });
  } else if (gold.venue) t.venueEmpty++;
  if (gold.abstract) {
    t.abstracts++;
    const intact = abstractIntact(gold.abstract, item?.abstract);
    if (intact) t.abstractIntact++;
    else
      misses.push({
        path,
        field: "abstract",
        gold: `${gold.abstract.first.slice(0, 60)} … ${gold.abstract.last.slice(-60)}`,
        found: item?.abstract ? `${item.abstract.slice(0, 60)} … ${item.abstract.slice(-60)}` : "",
      });
    if (gold.columns === 2) {
      t.twoColumnAbstracts++;
      if (intact) t.twoColumnIntact++;
    }
  } else if (item?.abstract) {
    t.abstractSpurious++;
    misses.push({
      path,
      field: "abstract",
      gold: "",
      found: `${item.abstract.slice(0, 60)} … ${item.abstract.slice(-60)}`,
    });
  }
  return misses;
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : "–");

export function f1(c: { tp: number; fp: number; fn: number }): number {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** One row of the table: folder, papers, title %, author F1, year right/wrong/empty, venue, abstracts intact. */
export function tallyRow(name: string, t: HeaderTally): string {
  return `| ${name} | ${t.papers} | ${pct(t.titleRight, t.titles)} | ${(100 * f1(t.authors)).toFixed(1)} | ${pct(t.yearRight, t.yearGold)} / ${pct(t.yearWrong, t.papers)} / ${pct(t.yearEmpty, t.yearGold)} | ${pct(t.venueRight, t.venueGold)} / ${pct(t.venueWrong, t.papers)} | ${pct(t.abstractIntact, t.abstracts)} (${t.twoColumnIntact}/${t.twoColumnAbstracts} two-column) / ${t.abstractSpurious} |`;
}

export const TALLY_HEADER = [
  "| folder | papers | title exact % | author F1 | year right / wrong / empty % | venue right / wrong % | abstract intact % / found where none |",
  "|---|---|---|---|---|---|---|",
];

export function addTally(into: HeaderTally, t: HeaderTally): void {
  for (const k of Object.keys(t) as (keyof HeaderTally)[]) {
    if (k === "authors") {
      into.authors.tp += t.authors.tp;
      into.authors.fp += t.authors.fp;
      into.authors.fn += t.authors.fn;
    } else (into[k] as number) += t[k] as number;
  }
}
