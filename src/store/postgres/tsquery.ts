/**
 * A parsed query (store/query.ts) as PostgreSQL conditions: the words as tsquery over the lexemes search-text.ts
 * indexes, the rest as SQL. The split mirrors store/sqlite/fts.ts compileQuery exactly — the largest part FTS5
 * can answer there is `match` here — because that part is what bm25 ranks: the same part, with its leaves in the
 * same order (FTS5's phrases), gives the same scores on both stores.
 */
import { stem } from "../../text/normalize.ts";
import type { QueryField, QueryNode } from "../query.ts";
import { FIELDS, lexeme, quoteLexeme, type SearchField, tokens, weightOfTag } from "./search-text.ts";

/** Parameters of one statement: each value added gives its placeholder. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown, type?: string): string {
    this.values.push(value);
    return `$${this.values.length}${type ? `::${type}` : ""}`;
  }
}

const FIELD_OF: Record<Exclude<QueryField, "any">, SearchField> = {
  title: "title",
  author: "authors",
  venue: "venue",
  abstract: "abstract",
  text: "body",
};

function tagsOf(field: QueryField): string[] {
  return field === "any" ? FIELDS.map((f) => f.tag) : [FIELDS.find((f) => f.field === FIELD_OF[field])!.tag];
}

/**
 * One of bm25's phrases: a term or phrase over its fields, as a tsquery, and the postings that
 * store/postgres/postings.ts reads instead of it: for one token its lexemes (one a field; prefixes when `prefix`),
 * for several each field's lexemes in order with the field's weight.
 */
export interface Phrase {
  query: string;
  lexemes: string[] | null;
  prefix: boolean;
  /** Several tokens, the last not a prefix (such a phrase's rows come from the tsquery). */
  sequences: PhraseSequence[] | null;
}

/** A phrase of several tokens in one field: the field's lexeme of each token, and the field's weight count. */
export interface PhraseSequence {
  lexemes: string[];
  weight: number;
}

/**
 * A term or phrase over its fields: the tokens FTS5 would read from the quoted string fts.ts writes, as a phrase
 * in each field, any field matching. A string with no token matches nothing, as FTS5's empty phrase.
 */
function leaf(field: QueryField, words: string[], stemmed: boolean, prefix: boolean): Phrase {
  const toks = tokens(words.join(" "));
  if (!toks.length) return { query: quoteLexeme("-"), lexemes: ["-"], prefix: false, sequences: null };
  const tags = tagsOf(field);
  const alternatives = tags.map((tag) => {
    const parts = toks.map((t, i) => {
      const q = quoteLexeme(lexeme(tag, t, stemmed));
      return prefix && i === toks.length - 1 ? `${q}:*` : q;
    });
    return parts.length === 1 ? parts[0] : `(${parts.join(" <-> ")})`;
  });
  return {
    query: alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" | ")})`,
    lexemes: toks.length === 1 ? tags.map((tag) => lexeme(tag, toks[0], stemmed)) : null,
    prefix,
    sequences:
      toks.length > 1 && !prefix
        ? tags.map((tag) => ({ lexemes: toks.map((t) => lexeme(tag, t, stemmed)), weight: weightOfTag(tag) }))
        : null,
  };
}

/** Which phrases a row must match (and must not): the tsquery's structure, over its phrases. */
export type PhraseTest =
  | { kind: "phrase"; phrase: Phrase }
  | { kind: "and"; items: PhraseTest[] }
  | { kind: "or"; items: PhraseTest[] }
  | { kind: "not"; item: PhraseTest };

/** A tsquery with its leaves in order (bm25's phrases), and which of them a row must match. */
export interface TextQuery {
  query: string;
  phrases: Phrase[];
  test: PhraseTest;
}

function phraseQuery(p: Phrase): TextQuery {
  return { query: p.query, phrases: [p], test: { kind: "phrase", phrase: p } };
}

/** The tsquery of a node, or null where fts.ts's ftsExpression gives null (years, a NOT alone). */
export function textQuery(node: QueryNode): TextQuery | null {
  switch (node.kind) {
    case "term":
      return phraseQuery(
        node.prefix
          ? leaf(node.field, [node.word], false, true)
          : leaf(node.field, [stem(node.word)], true, false),
      );
    case "phrase":
      return phraseQuery(
        node.exact
          ? leaf(node.field, node.words, false, false)
          : leaf(node.field, node.words.map(stem), true, false),
      );
    case "year":
    case "not":
      return null;
    case "and": {
      const pos: TextQuery[] = [];
      const neg: TextQuery[] = [];
      for (const item of node.items) {
        const e = textQuery(item.kind === "not" ? item.item : item);
        if (e === null) return null;
        (item.kind === "not" ? neg : pos).push(e);
      }
      if (!pos.length) return null;
      return andNot(pos, neg);
    }
    case "or": {
      const parts = node.items.map(textQuery);
      if (parts.some((p) => p === null)) return null;
      const ps = parts as TextQuery[];
      return {
        query: `(${ps.map((p) => p.query).join(" | ")})`,
        phrases: ps.flatMap((p) => p.phrases),
        test: { kind: "or", items: ps.map((p) => p.test) },
      };
    }
  }
}

/** `pos` all, none of `neg`: FTS5's `(p NOT (n1 OR n2))`, its phrases in the same order. */
function andNot(pos: TextQuery[], neg: TextQuery[]): TextQuery {
  const p = pos.length === 1 ? pos[0].query : `(${pos.map((x) => x.query).join(" & ")})`;
  const query = neg.length ? `(${p} & !(${neg.map((x) => x.query).join(" | ")}))` : p;
  const all: PhraseTest = pos.length === 1 ? pos[0].test : { kind: "and", items: pos.map((x) => x.test) };
  const none: PhraseTest = { kind: "not", item: { kind: "or", items: neg.map((x) => x.test) } };
  return {
    query,
    phrases: [...pos, ...neg].flatMap((x) => x.phrases),
    test: neg.length ? { kind: "and", items: [all, none] } : all,
  };
}

export interface CompiledQuery {
  /** The tsquery that both filters and ranks, when the query has one. */
  match: TextQuery | null;
  /** Further SQL conditions on `w` (the work_rank row) and `f` (its work_fts row), their values in `params`. */
  conditions: string[];
  /** The year ranges every hit must satisfy (top-level year: terms). */
  years: { from: number; to: number }[];
  /** Whether any part reads the text index (else work_fts need not be joined). */
  readsText: boolean;
  /** Whether `conditions` read the text index (`f`), beside `match`. */
  conditionsReadText: boolean;
}

/** As fts.ts compileQuery: `match` when the whole query is words, else its word part, the rest conditions. */
export function compileQuery(node: QueryNode, params: Params): CompiledQuery {
  const whole = textQuery(node);
  if (whole !== null)
    return { match: whole, conditions: [], years: [], readsText: true, conditionsReadText: false };
  const out: CompiledQuery = {
    match: null,
    conditions: [],
    years: [],
    readsText: false,
    conditionsReadText: false,
  };
  const items = node.kind === "and" ? node.items : [node];
  const pos: TextQuery[] = [];
  const neg: TextQuery[] = [];
  const rest: QueryNode[] = [];
  for (const item of items) {
    const inner = item.kind === "not" ? textQuery(item.item) : textQuery(item);
    if (inner === null) rest.push(item);
    else (item.kind === "not" ? neg : pos).push(inner);
  }
  if (pos.length) out.match = andNot(pos, neg);
  else
    for (const n of neg) {
      out.conditions.push(`NOT (f.document @@ ${params.add(n.query, "tsquery")})`);
      out.readsText = out.conditionsReadText = true;
    }
  for (const item of rest) {
    if (item.kind === "year") out.years.push({ from: item.from, to: item.to });
    out.conditions.push(sqlCondition(item, params, out));
  }
  if (out.match) out.readsText = true;
  return out;
}

function sqlCondition(node: QueryNode, params: Params, out: CompiledQuery): string {
  const text = textQuery(node);
  if (text !== null) {
    out.readsText = out.conditionsReadText = true;
    return `f.document @@ ${params.add(text.query, "tsquery")}`;
  }
  switch (node.kind) {
    case "year":
      return `coalesce(w.year BETWEEN ${params.add(node.from, "integer")} AND ${params.add(node.to, "integer")}, false)`;
    case "not":
      return `NOT (${sqlCondition(node.item, params, out)})`;
    case "and":
      return `(${node.items.map((i) => sqlCondition(i, params, out)).join(" AND ")})`;
    case "or":
      return `(${node.items.map((i) => sqlCondition(i, params, out)).join(" OR ")})`;
    default:
      throw new Error(`unexpected query node ${node.kind}`);
  }
}
