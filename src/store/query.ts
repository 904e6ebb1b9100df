/**
 * The parsed search query: what the search stage hands to a store. Each store compiles it to its own engine
 * (FTS5 for SQLite, tsvector for PostgreSQL), so the query language lives above every store.
 */

/** Fields a term can be restricted to; `any` searches them all. */
export type QueryField = "any" | "title" | "author" | "venue" | "abstract" | "text";

export type QueryNode =
  /** One word (folded). `prefix` asks for every word that starts with it. */
  | { kind: "term"; field: QueryField; word: string; prefix?: boolean }
  /** Words in this order: `exact` (a quoted phrase) forbids stemming; otherwise it came from one hyphenated word. */
  | { kind: "phrase"; field: QueryField; words: string[]; exact: boolean }
  | { kind: "year"; from: number; to: number }
  | { kind: "and"; items: QueryNode[] }
  | { kind: "or"; items: QueryNode[] }
  | { kind: "not"; item: QueryNode };
