/** What a query may name: "*" lists everything as "" does; an unknown field is an error that lists the fields. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseQuery, QueryError } from "./query-parser.ts";

test('"*" alone lists everything, as the empty query does', () => {
  for (const q of ["", "*", " * ", "**"]) {
    const parsed = parseQuery(q);
    assert.equal(parsed.node, null, JSON.stringify(q));
    assert.deepEqual(parsed.warnings, []);
  }
  assert.deepEqual(parseQuery("* -java").node, {
    kind: "not",
    item: { kind: "term", field: "any", word: "java" },
  });
  assert.throws(() => parseQuery("!!!"), /no words/, "punctuation alone still has nothing to search for");
});

test("an unknown field is an error naming it and listing the fields", () => {
  for (const [q, name] of [
    ["foo:bar", "foo"],
    ['Journal:"Nature"', "Journal"],
    ["virtual -doi:abc", "doi"],
  ]) {
    assert.throws(
      () => parseQuery(q),
      (e) =>
        e instanceof QueryError &&
        e.message.startsWith(`Unknown field ${name}:`) &&
        /title:, author:, venue:, abstract:, text: and year:/.test(e.message),
      q,
    );
  }
});

test("a colon in text is no field: a title's colon, identifiers, URLs", () => {
  assert.equal(parseQuery("Compilers: principles").node?.kind, "and");
  for (const q of ["arXiv:1706.03762", "doi:10.1145/123.456", "http://example.org/paper"])
    assert.equal(parseQuery(q).node?.kind, "phrase", q);
  assert.equal(parseQuery("Title:compiler").node?.kind, "term", "known fields in any case");
});
