/**
 * The full-text index (SQLite FTS5): what goes into it for a work, and how a parsed query becomes an FTS5
 * MATCH expression plus SQL conditions.
 *
 * Each field is indexed twice: stemmed (we stem in JS, so query and index agree) for plain words, and
 * unstemmed (`_x`) for "exact phrases" and prefixes — stemming would make "virtual machines" match
 * "virtual machine", which a quoted phrase must not.
 */

import { foldText, stem, stemFolded } from "../../text/normalize.ts";
import type { QueryField, QueryNode } from "../query.ts";

export const FTS_COLUMNS = ["title", "abstract", "body", "venue", "authors"] as const;

/** bm25 weights per column, stemmed then unstemmed (CiteSeerX's: title ×4, abstract ×2, text ×1). */
export const BM25_WEIGHTS = [4, 2, 1, 1, 2, 4, 2, 1, 1, 2];

export interface FtsText {
  title: string;
  abstract?: string;
  body?: string;
  venue?: string;
  authors: string[];
}

/** Venues' stemmed text by folded name: a venue is the venue of many works. */
const stemmedVenues = new Map<string, string>();
const MAX_VENUES = 100_000;

function stemVenue(folded: string): string {
  let stemmed = stemmedVenues.get(folded);
  if (stemmed === undefined) {
    stemmed = stemFolded(folded);
    if (stemmedVenues.size >= MAX_VENUES) stemmedVenues.clear();
    stemmedVenues.set(folded, stemmed);
  }
  return stemmed;
}

/** The ten column values of a work's index row. Each text is folded once and stemmed from that. */
export function ftsRow(t: FtsText): string[] {
  const title = foldText(t.title);
  const abstract = t.abstract ? foldText(t.abstract) : "";
  const body = t.body ? foldText(t.body) : "";
  const venue = t.venue ? foldText(t.venue) : "";
  const authors = foldText(t.authors.join(", "));
  return [
    stemFolded(title),
    abstract && stemFolded(abstract),
    body && stemFolded(body),
    venue && stemVenue(venue),
    stemFolded(authors),
    title,
    abstract,
    body,
    venue,
    authors,
  ];
}

const FIELD_COLUMN: Record<Exclude<QueryField, "any">, string> = {
  title: "title",
  author: "authors",
  venue: "venue",
  abstract: "abstract",
  text: "body",
};

function columns(field: QueryField, exact: boolean): string {
  const names = field === "any" ? [...FTS_COLUMNS] : [FIELD_COLUMN[field]];
  return `{${names.map((c) => (exact ? `${c}_x` : c)).join(" ")}}`;
}

/** Words reach FTS5 only inside double quotes (doubled when they contain one), so no word is read as syntax. */
function quote(words: string[]): string {
  return `"${words.join(" ").replace(/"/g, '""')}"`;
}

/** The FTS5 expression of a node, or null when it needs SQL (years, a NOT with nothing to subtract from). */
export function ftsExpression(node: QueryNode): string | null {
  switch (node.kind) {
    case "term":
      return node.prefix
        ? `${columns(node.field, true)}: ${quote([node.word])} *`
        : `${columns(node.field, false)}: ${quote([stem(node.word)])}`;
    case "phrase":
      return node.exact
        ? `${columns(node.field, true)}: ${quote(node.words)}`
        : `${columns(node.field, false)}: ${quote(node.words.map(stem))}`;
    case "year":
    case "not":
      return null;
    case "and": {
      const pos: string[] = [];
      const neg: string[] = [];
      for (const item of node.items) {
        const e = ftsExpression(item.kind === "not" ? item.item : item);
        if (e === null) return null;
        (item.kind === "not" ? neg : pos).push(e);
      }
      if (!pos.length) return null;
      const p = pos.length === 1 ? pos[0] : `(${pos.join(" AND ")})`;
      return neg.length ? `(${p} NOT (${neg.join(" OR ")}))` : p;
    }
    case "or": {
      const parts = node.items.map(ftsExpression);
      if (parts.some((p) => p === null)) return null;
      return `(${parts.join(" OR ")})`;
    }
  }
}

export interface CompiledQuery {
  /** The expression that both filters and ranks, when the query has one. */
  match: string | null;
  /** Further SQL conditions on `w` (the work_rank row). */
  conditions: string[];
  params: (string | number)[];
  /** The year ranges among `conditions` that every hit must satisfy (top-level year: terms). */
  years: { from: number; to: number }[];
}

const IN_FTS = "w.id IN (SELECT rowid FROM work_fts WHERE work_fts MATCH ?)";

/**
 * Compiles a query: the largest part FTS5 can answer becomes `match` (so bm25 ranks it); years and anything
 * FTS5 cannot say (a lone NOT, a year inside an OR) become SQL conditions.
 */
export function compileQuery(node: QueryNode): CompiledQuery {
  const whole = ftsExpression(node);
  if (whole !== null) return { match: whole, conditions: [], params: [], years: [] };
  const out: CompiledQuery = { match: null, conditions: [], params: [], years: [] };
  const items = node.kind === "and" ? node.items : [node];
  const pos: string[] = [];
  const neg: string[] = [];
  const rest: QueryNode[] = [];
  for (const item of items) {
    const inner = item.kind === "not" ? ftsExpression(item.item) : ftsExpression(item);
    if (inner === null) rest.push(item);
    else (item.kind === "not" ? neg : pos).push(inner);
  }
  if (pos.length) {
    const p = pos.length === 1 ? pos[0] : `(${pos.join(" AND ")})`;
    out.match = neg.length ? `(${p} NOT (${neg.join(" OR ")}))` : p;
  } else {
    for (const n of neg) {
      out.conditions.push(`NOT ${IN_FTS}`);
      out.params.push(n);
    }
  }
  for (const item of rest) {
    if (item.kind === "year") out.years.push({ from: item.from, to: item.to });
    out.conditions.push(sqlCondition(item, out.params));
  }
  return out;
}

function sqlCondition(node: QueryNode, params: (string | number)[]): string {
  const fts = ftsExpression(node);
  if (fts !== null) {
    params.push(fts);
    return IN_FTS;
  }
  switch (node.kind) {
    case "year":
      params.push(node.from, node.to);
      return "coalesce(w.year BETWEEN ? AND ?, 0)";
    case "not":
      return `NOT (${sqlCondition(node.item, params)})`;
    case "and":
      return `(${node.items.map((i) => sqlCondition(i, params)).join(" AND ")})`;
    case "or":
      return `(${node.items.map((i) => sqlCondition(i, params)).join(" OR ")})`;
    default:
      throw new Error(`unexpected query node ${node.kind}`);
  }
}
