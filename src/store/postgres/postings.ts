/**
 * The rows each of bm25's phrases matches, with the phrase's weighted frequency in the row (FTS5's sum of column
 * weights over its instances) and the row's length — what search.ts ranks with, read without opening a tsvector.
 *
 * A phrase of one token (most queries' words and prefixes) is read from work_terms, the index's postings (schema
 * version 4): a row a lexeme a work, its positions already weighted and counted (A 4, B 2, C 1 each). Summed over
 * the phrase's lexemes that is exactly ts_rank_cd's weighted count × 4 (each occurrence is one cover worth its
 * field's weight, search-text.ts RANK_WEIGHTS), an integer, so the scores are the same numbers as before. A phrase
 * of several tokens needs positions: its rows come from work_fts's GIN index and ts_rank_cd, as they always did.
 */
import { RANK_SCALE, RANK_WEIGHTS } from "./search-text.ts";
import type { Params, Phrase, PhraseTest } from "./tsquery.ts";

/**
 * SELECT id, freq (float8), length of the rows `phrase` matches: one row a work, or for a phrase of one token one
 * a lexeme a work (a work's rows summed give its frequency; search.ts sums them, for all phrases at once).
 */
export function phraseRows(phrase: Phrase, params: Params): string {
  if (phrase.lexemes === null) {
    const q = params.add(phrase.query, "tsquery");
    return `SELECT id, ts_rank_cd('${RANK_WEIGHTS}'::float4[], document, ${q}, 0)::float8 * ${RANK_SCALE}::float8 AS freq, length
      FROM work_fts WHERE document @@ ${q}`;
  }
  return phrase.prefix
    ? phrase.lexemes.map((p) => prefixRange(p, params)).join(" UNION ALL ")
    : `SELECT work_id AS id, freq::float8, length FROM work_terms WHERE lexeme = ANY(${params.add(phrase.lexemes, "text[]")})`;
}

/**
 * The postings of every lexeme starting with `prefix`, as tsquery's `:*` matches them (bytes, as the C collation
 * of work_terms.lexeme orders them): the range from the prefix up to the prefix with its last character counted
 * up, which an index scan reads in order.
 */
function prefixRange(prefix: string, params: Params): string {
  const from = params.add(prefix, "text");
  const next = following(prefix);
  const to = next === null ? `starts_with(lexeme, ${from})` : `lexeme < ${params.add(next, "text")}`;
  return `SELECT work_id AS id, freq::float8, length FROM work_terms WHERE lexeme >= ${from} AND ${to}`;
}

/** The least string above every string that starts with `s` (code points order as UTF-8 bytes), if any. */
export function following(s: string): string | null {
  const chars = [...s];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return null;
  const up = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return chars.join("") + String.fromCodePoint(up);
}

/** The SQL truth of a phrase test, given each phrase's "this row matches it" (a boolean column). */
export function testSql(test: PhraseTest, matches: (p: Phrase) => string): string {
  switch (test.kind) {
    case "phrase":
      return matches(test.phrase);
    case "and":
      return `(${test.items.map((t) => testSql(t, matches)).join(" AND ")})`;
    case "or":
      return `(${test.items.map((t) => testSql(t, matches)).join(" OR ")})`;
    case "not":
      return `NOT ${testSql(test.item, matches)}`;
  }
}
