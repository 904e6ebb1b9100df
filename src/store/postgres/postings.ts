/**
 * The rows each of bm25's phrases matches, with the phrase's weighted frequency in the row (FTS5's sum of column
 * weights over its instances) and the row's length — what search.ts ranks with, read without opening a tsvector.
 *
 * Read from work_terms, the index's postings (schema versions 4 and 6): a row a lexeme a work, its positions, their
 * count weighted (A 4, B 2, C 1 each) and the work's length.
 * - A phrase of one token (most queries' words and prefixes): the rows of its lexemes. Summed over them that is
 *   exactly ts_rank_cd's weighted count × 4 (each occurrence one cover worth its field's weight, search-text.ts
 *   RANK_WEIGHTS), an integer, so the scores are the same numbers as ts_rank_cd's.
 * - A phrase of several tokens: in each field, the works holding every token's lexeme, and in each the positions
 *   where the first token is followed by the others one after another — FTS5's instances of the phrase, each
 *   worth its field's weight. Read before from work_fts by its GIN index and ts_rank_cd: every candidate's
 *   tsvector opened and ranked, most of a phrase's time at a million works (docs/benchmarks.md).
 * - A phrase of several tokens ending in a prefix ("state-of-the*": rare) still comes from the GIN index.
 */
import { RANK_SCALE, RANK_WEIGHTS } from "./search-text.ts";
import type { Params, Phrase, PhraseSequence, PhraseTest } from "./tsquery.ts";

/**
 * SELECT id, freq (float8), length of the rows `phrase` matches: one row a work, or one a lexeme (or a field) a
 * work — a work's rows summed give its frequency; search.ts sums them, for all phrases at once.
 */
export function phraseRows(phrase: Phrase, params: Params): string {
  if (phrase.sequences) return phrase.sequences.map((s) => sequenceRows(s, params)).join(" UNION ALL ");
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
 * The works where a field holds the sequence, with its instances' weighted count: the first token's postings
 * joined to each next token's in the same work (index-only scans in work order), and its positions x counted
 * where token i is at x + i for every i (schema.ts version 6: positions as bytes, two a position, and a
 * position's bytes found in a posting are that position). A work holding the tokens but never in order has no row.
 */
function sequenceRows(seq: PhraseSequence, params: Params): string {
  const joins = seq.lexemes
    .slice(1)
    .map(
      (lex, i) =>
        `JOIN work_terms t${i + 1} ON t${i + 1}.lexeme = ${params.add(lex, "text")} AND t${i + 1}.work_id = t0.work_id`,
    );
  const follows = seq.lexemes
    .slice(1)
    .map((_, i) => `position(posting_position(x.p + ${i + 1}) IN t${i + 1}.positions) > 0`);
  return `SELECT t0.work_id AS id, (c.n * ${seq.weight})::float8 AS freq, t0.length FROM work_terms t0 ${joins.join(" ")}
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM posting_positions(t0.positions) x WHERE ${follows.join(" AND ")}) c
    WHERE t0.lexeme = ${params.add(seq.lexemes[0], "text")} AND c.n > 0`;
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
