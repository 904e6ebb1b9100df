/**
 * What PostgreSQL's full-text index holds of a work, built by citegraph rather than by a PostgreSQL dictionary:
 * the same folded words and the same stems as SQLite's FTS5 index (store/sqlite/fts.ts), so that a query finds
 * the same works on both stores and bm25 counts the same tokens.
 *
 * One tsvector a work. Each lexeme is a token with its field's tag in front — lower case for the stemmed token,
 * upper case for the token as written (FTS5's `_x` columns, for exact phrases and prefixes): "t:machin" and
 * "T:machines" for the title's "machines". A query names the fields it searches by their tags, so one GIN index
 * answers any field and any mix of fields. Each field's tokens take consecutive positions (phrases), fields one
 * after another; the weight label is bm25's weight of the field (A 4, B 2, C 1), which ts_rank_cd reads back
 * as a weighted count of a phrase's occurrences (search.ts).
 */
import { foldText, stemFolded } from "../../text/normalize.ts";

/** A work's text as the index takes it (graph/filing/rows.ts WorkText). */
export interface SearchText {
  title: string;
  abstract?: string;
  body?: string;
  venue?: string;
  authors: string[];
}

export type SearchField = "title" | "abstract" | "body" | "venue" | "authors";

/** Each field's tag and weight label; body last, so that PostgreSQL's position limit only ever cuts a body. */
export const FIELDS: readonly { field: SearchField; tag: string; weight: "A" | "B" | "C" }[] = [
  { field: "title", tag: "t", weight: "A" },
  { field: "authors", tag: "p", weight: "B" },
  { field: "venue", tag: "v", weight: "C" },
  { field: "abstract", tag: "a", weight: "B" },
  { field: "body", tag: "b", weight: "C" },
];

/**
 * ts_rank_cd's weights {D, C, B, A}: bm25's column weights (title 4, abstract and authors 2, body and venue 1, as
 * store/sqlite/fts.ts BM25_WEIGHTS) divided by 4, since PostgreSQL takes weights up to 1. D is unused.
 */
export const RANK_WEIGHTS = "{0.25,0.25,0.5,1}";
export const RANK_SCALE = 4;

/** bm25's column weight of a field's tag: an occurrence's weighted count (A 4, B 2, C 1), as work_terms counts it. */
export function weightOfTag(tag: string): number {
  const weight = FIELDS.find((f) => f.tag === tag)?.weight;
  if (!weight) throw new Error(`no field tagged ${tag}`);
  return { A: 4, B: 2, C: 1 }[weight];
}

/** A word as SQLite's unicode61 tokenizer reads folded text (the same rule as text/normalize.ts). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** The tokens FTS5 would index of a text already folded (or stemmed): runs of letters and digits. */
export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The lexeme of a token in a field: stemmed tokens under the lower-case tag, unstemmed under the upper case. */
export function lexeme(tag: string, token: string, stemmed: boolean): string {
  return `${stemmed ? tag : tag.toUpperCase()}:${token}`;
}

/** PostgreSQL's limits on a tsvector: positions 1–16383, 256 positions a lexeme, lexemes under 2 KB, 1 MB whole. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_LEXEME_BYTES = 2046;
const MAX_VECTOR_BYTES = 1_000_000;

export interface SearchDocument {
  /** The tsvector as text (PostgreSQL's input syntax), cast by the query that writes it. */
  document: string;
  /** Tokens FTS5 counts for the work's row: every token of the ten columns, stemmed and unstemmed. */
  length: number;
}

/** Quotes a lexeme for tsvector and tsquery input. */
export function quoteLexeme(lex: string): string {
  return `'${lex.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The index entry of a work. */
export function searchDocument(text: SearchText): SearchDocument {
  const plain: Record<SearchField, string> = {
    title: text.title,
    abstract: text.abstract ?? "",
    body: text.body ?? "",
    venue: text.venue ?? "",
    authors: text.authors.join(", "),
  };
  const positions = new Map<string, { weight: string; at: number[] }>();
  let bytes = 0;
  let length = 0;
  let start = 1;
  for (const f of FIELDS) {
    const folded = foldText(plain[f.field]);
    const exact = tokens(folded);
    const stemmed = tokens(stemFolded(folded));
    length += exact.length + stemmed.length;
    for (const [list, isStemmed] of [
      [stemmed, true],
      [exact, false],
    ] as const) {
      list.forEach((token, i) => {
        const lex = lexeme(f.tag, token, isStemmed);
        const at = Math.min(start + i, MAX_POSITION);
        let entry = positions.get(lex);
        if (!entry) {
          const size = Buffer.byteLength(lex) + 8;
          if (size > MAX_LEXEME_BYTES || bytes + size > MAX_VECTOR_BYTES) return;
          bytes += size;
          entry = { weight: f.weight, at: [] };
          positions.set(lex, entry);
        }
        if (entry.at.length < MAX_POSITIONS_PER_LEXEME && entry.at[entry.at.length - 1] !== at) {
          entry.at.push(at);
          bytes += 2;
        }
      });
    }
    start = Math.min(start + Math.max(exact.length, stemmed.length) + 1, MAX_POSITION);
  }
  const document = [...positions]
    .map(([lex, e]) => `${quoteLexeme(lex)}:${e.at.map((p) => `${p}${e.weight}`).join(",")}`)
    .join(" ");
  return { document, length };
}
