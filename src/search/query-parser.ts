/**
 * The query language, parsed into a QueryNode tree:
 *
 *   virtual machine          both words (AND is implied)
 *   "virtual machine"        the exact phrase (no stemming)
 *   title: author: venue: abstract: text:   restrict a word or phrase to a field
 *   year:2004  year:2004..2008  year:..1999  year:2010..
 *   a OR b, a AND b, NOT a, -a, -"a phrase", ( … )   (operators in capitals; "and"/"or" are words)
 *   virtual*                 every word starting with "virtual"; "*" alone, as "", lists everything
 *
 * Malformed input is repaired where the intent is clear (an open quote is closed, stray parentheses and lone
 * operators are dropped) and reported as warnings; what cannot be understood is a QueryError with a message
 * fit to show the user.
 *
 * @example parseQuery('title:"virtual machine" -java year:2000..2005')
 */
import type { QueryField, QueryNode } from "../store/query.ts";
import { words } from "../text/normalize.ts";

export class QueryError extends Error {}

export interface ParsedQuery {
  /** null when the query has no terms at all (an empty box lists everything). */
  node: QueryNode | null;
  warnings: string[];
}

const FIELDS: Record<string, QueryField> = {
  title: "title",
  author: "author",
  authors: "author",
  venue: "venue",
  abstract: "abstract",
  text: "text",
};

/** The fields a query may name, as the error for an unknown one lists them. */
const FIELD_LIST = "title:, author:, venue:, abstract:, text: and year:";

/** Bounds on what one query may ask, so a pasted novel cannot tie up the server. */
export const MAX_QUERY_LENGTH = 1000;
const MAX_TERMS = 64;

type Token =
  | { t: "word"; text: string; field?: string; neg: boolean }
  | { t: "phrase"; text: string; field?: string; neg: boolean }
  | { t: "and" | "or" | "not" | "open" | "close"; neg?: boolean };

function tokenize(q: string, warnings: string[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      out.push({ t: c === "(" ? "open" : "close" });
      i++;
      continue;
    }
    let neg = false;
    if (c === "-" && i + 1 < q.length && !/\s/.test(q[i + 1])) {
      neg = true;
      i++;
    }
    let field: string | undefined;
    const fm = /^([A-Za-z]+):/.exec(q.slice(i, i + 12));
    if (fm && (FIELDS[fm[1].toLowerCase()] || fm[1].toLowerCase() === "year")) {
      field = fm[1].toLowerCase();
      i += fm[0].length;
    } else if (fm && /^["\p{L}]/u.test(q.slice(i + fm[0].length, i + fm[0].length + 1))) {
      // "foo:bar" would otherwise search the words "foo bar" and silently find nothing. A colon before a
      // space ("Compilers: principles"), a digit (arXiv:1706.03762, doi:10.1145/…) or "//" (a URL) is text.
      throw new QueryError(`Unknown field ${fm[1]}: the fields are ${FIELD_LIST}.`);
    }
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) warnings.push("A quote was not closed; it was closed at the end of the query.");
      const text = q.slice(i + 1, end < 0 ? q.length : end);
      out.push({ t: "phrase", text, field, neg });
      i = end < 0 ? q.length : end + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/[\s()"]/.test(q[j])) j++;
    const text = q.slice(i, j);
    i = j;
    if (!text) {
      if (field) out.push({ t: "word", text: "", field, neg });
      continue;
    }
    if (!field && !neg && (text === "AND" || text === "OR" || text === "NOT")) {
      out.push({ t: text.toLowerCase() as "and" | "or" | "not" });
      continue;
    }
    out.push({ t: "word", text, field, neg });
  }
  return out;
}

const YEAR = /^(\d{4})?(?:(\.\.|-)(\d{4})?)?$/;

function yearNode(text: string): QueryNode {
  const m = YEAR.exec(text.trim());
  if (!m || (!m[1] && !m[3])) {
    throw new QueryError(
      `year: expects a year such as year:2004 or a range such as year:2004..2008, not "${text}"`,
    );
  }
  const from = m[1] ? Number(m[1]) : 0;
  const to = m[3] ? Number(m[3]) : m[2] ? 9999 : from;
  return from <= to ? { kind: "year", from, to } : { kind: "year", from: to, to: from };
}

/** A word or phrase token as a node; null when nothing searchable is left after folding ("!!!"). */
function leaf(tok: Token & { t: "word" | "phrase" }): QueryNode | null {
  if (tok.field === "year") return yearNode(tok.text);
  const field: QueryField = tok.field ? FIELDS[tok.field] : "any";
  if (tok.t === "phrase") {
    const ws = words(tok.text);
    if (!ws.length) return null;
    return ws.length === 1
      ? { kind: "term", field, word: ws[0] }
      : { kind: "phrase", field, words: ws, exact: true };
  }
  const prefix = tok.text.endsWith("*");
  const ws = words(tok.text);
  if (!ws.length) return null;
  if (ws.length === 1)
    return prefix ? { kind: "term", field, word: ws[0], prefix: true } : { kind: "term", field, word: ws[0] };
  // "state-of-the-art", "10.1145/x": one word to the user, several to the index — searched as a phrase.
  return { kind: "phrase", field, words: ws, exact: false };
}

class Parser {
  private pos = 0;
  private depth = 0;
  terms = 0;

  constructor(
    private readonly toks: Token[],
    private readonly warnings: string[],
  ) {}

  parse(): QueryNode | null {
    const node = this.or();
    while (this.pos < this.toks.length) {
      // Only a stray ")" can stop the top level early.
      this.warnings.push('A ")" without a matching "(" was ignored.');
      this.pos++;
      const more = this.or();
      if (more) return node ? { kind: "and", items: [node, more] } : more;
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }

  private or(): QueryNode | null {
    const items: QueryNode[] = [];
    let first = this.and();
    if (first) items.push(first);
    else if (this.peek()?.t === "or") this.warnings.push('"OR" needs a term on each side; it was ignored.');
    while (this.peek()?.t === "or") {
      this.pos++;
      first = this.and();
      if (first) items.push(first);
      else this.warnings.push('"OR" needs a term on each side; it was ignored.');
    }
    if (!items.length) return null;
    return items.length === 1 ? items[0] : { kind: "or", items };
  }

  private and(): QueryNode | null {
    const items: QueryNode[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.t === "or" || (tok.t === "close" && this.depth > 0)) break;
      if (tok.t === "close") break;
      if (tok.t === "and") {
        this.pos++;
        if (!items.length) this.warnings.push('"AND" needs a term on each side; it was ignored.');
        continue;
      }
      const n = this.unary();
      if (n) items.push(n);
    }
    if (!items.length) return null;
    return items.length === 1 ? items[0] : { kind: "and", items };
  }

  private unary(): QueryNode | null {
    const tok = this.peek()!;
    if (tok.t === "not") {
      this.pos++;
      const next = this.peek();
      if (!next || next.t === "or" || next.t === "close" || next.t === "and") {
        this.warnings.push('"NOT" needs a term after it; it was ignored.');
        return null;
      }
      const inner = this.unary();
      return inner ? { kind: "not", item: inner } : null;
    }
    if (tok.t === "open") {
      this.pos++;
      this.depth++;
      const inner = this.or();
      this.depth--;
      if (this.peek()?.t === "close") this.pos++;
      else this.warnings.push('A "(" was not closed; it was closed at the end of the query.');
      return inner;
    }
    this.pos++;
    if (tok.t !== "word" && tok.t !== "phrase") return null;
    if (++this.terms > MAX_TERMS)
      throw new QueryError(`The query has more than ${MAX_TERMS} terms; please shorten it.`);
    const node = leaf(tok);
    if (!node) return null;
    return tok.neg ? { kind: "not", item: node } : node;
  }
}

/** Parses a query string; see the module comment for the language. */
export function parseQuery(q: string): ParsedQuery {
  const warnings: string[] = [];
  if (q.length > MAX_QUERY_LENGTH)
    throw new QueryError(`The query is longer than ${MAX_QUERY_LENGTH} characters; please shorten it.`);
  const node = new Parser(tokenize(q.normalize("NFKC"), warnings), warnings).parse();
  // "*" alone (every word starting with nothing) asks for everything, as the empty query does.
  if (!node && q.trim() && !/^[\s*]*$/.test(q))
    throw new QueryError(`The query "${q.trim().slice(0, 80)}" has no words to search for.`);
  if (node && onlyNegative(node)) {
    // "-java" alone: everything but java. Allowed, but worth saying.
    warnings.push("The query only excludes terms; showing everything else.");
  }
  return { node, warnings };
}

function onlyNegative(node: QueryNode): boolean {
  if (node.kind === "not") return true;
  if (node.kind === "and") return node.items.every(onlyNegative);
  return false;
}

/** Every positive word of a query (folded), for highlighting snippets. Prefix terms end with "*". */
export function highlightTerms(node: QueryNode | null): { words: Set<string>; prefixes: string[] } {
  const out = { words: new Set<string>(), prefixes: [] as string[] };
  const walk = (n: QueryNode, negated: boolean) => {
    switch (n.kind) {
      case "term":
        if (!negated) n.prefix ? out.prefixes.push(n.word) : out.words.add(n.word);
        break;
      case "phrase":
        if (!negated) for (const w of n.words) out.words.add(w);
        break;
      case "and":
      case "or":
        for (const i of n.items) walk(i, negated);
        break;
      case "not":
        walk(n.item, !negated);
        break;
    }
  };
  if (node) walk(node, false);
  return out;
}
