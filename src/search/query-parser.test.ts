import assert from "node:assert/strict";
import { test } from "node:test";
import { highlightTerms, parseQuery, QueryError } from "./query-parser.ts";

const node = (q: string) => parseQuery(q).node;

test("words are ANDed, folded; capital operators combine them", () => {
  assert.deepEqual(node("Virtual Müller"), {
    kind: "and",
    items: [
      { kind: "term", field: "any", word: "virtual" },
      { kind: "term", field: "any", word: "muller" },
    ],
  });
  assert.equal(node("a OR b")?.kind, "or");
  assert.equal(node("a or b")?.kind, "and", "lower-case or is a word");
  assert.deepEqual(node("(a OR b) AND NOT c"), {
    kind: "and",
    items: [
      {
        kind: "or",
        items: [
          { kind: "term", field: "any", word: "a" },
          { kind: "term", field: "any", word: "b" },
        ],
      },
      { kind: "not", item: { kind: "term", field: "any", word: "c" } },
    ],
  });
});

test("phrases, fields, exclusions, prefixes, years", () => {
  assert.deepEqual(node('title:"Garbage Collection"'), {
    kind: "phrase",
    field: "title",
    words: ["garbage", "collection"],
    exact: true,
  });
  assert.deepEqual(node('-"a b"'), {
    kind: "not",
    item: { kind: "phrase", field: "any", words: ["a", "b"], exact: true },
  });
  assert.deepEqual(node("virt*"), { kind: "term", field: "any", word: "virt", prefix: true });
  assert.deepEqual(node("author:Müller"), { kind: "term", field: "author", word: "muller" });
  assert.deepEqual(node("year:2004"), { kind: "year", from: 2004, to: 2004 });
  assert.deepEqual(node("year:2004..2008"), { kind: "year", from: 2004, to: 2008 });
  assert.deepEqual(node("year:..1999"), { kind: "year", from: 0, to: 1999 });
  assert.deepEqual(node("year:2010.."), { kind: "year", from: 2010, to: 9999 });
  assert.deepEqual(node("year:2008..2004"), { kind: "year", from: 2004, to: 2008 });
  // A hyphenated word is one word to the user: searched as a (stemmed) phrase.
  assert.deepEqual(node("state-of-the-art"), {
    kind: "phrase",
    field: "any",
    words: ["state", "of", "the", "art"],
    exact: false,
  });
});

test("malformed queries are repaired with a warning", () => {
  const open = parseQuery('"virtual machine');
  assert.deepEqual(open.node, { kind: "phrase", field: "any", words: ["virtual", "machine"], exact: true });
  assert.match(open.warnings[0], /quote/);
  assert.equal(parseQuery("(a OR b").node?.kind, "or");
  assert.match(parseQuery("(a OR b").warnings[0], /not closed/);
  assert.equal(parseQuery("a)").node?.kind, "term");
  assert.equal(parseQuery("a AND").node?.kind, "term");
  assert.equal(parseQuery("OR a").node?.kind, "term");
  assert.match(parseQuery("OR a").warnings[0], /OR/);
  assert.equal(parseQuery("").node, null, "an empty query lists everything");
});

test("what cannot be understood is a QueryError with a clear message", () => {
  assert.throws(
    () => parseQuery("year:19x"),
    (e) => e instanceof QueryError && /year:2004/.test(e.message),
  );
  assert.throws(
    () => parseQuery("AND"),
    (e) => e instanceof QueryError && /no words/.test(e.message),
  );
  assert.throws(() => parseQuery("!!! ???"), QueryError);
  assert.throws(() => parseQuery("x".repeat(2000)), QueryError);
  assert.throws(() => parseQuery("a ".repeat(100)), /more than 64 terms/);
});

test("no input crashes the parser", () => {
  const samples = [
    '"',
    "(",
    ")",
    "-",
    "--a",
    "a:",
    "title:",
    'title:"',
    "NOT NOT a",
    "((((",
    "a OR OR b",
    "\u0000\u202e",
    "year:",
  ];
  for (const q of samples) {
    try {
      parseQuery(q);
    } catch (e) {
      assert.ok(e instanceof QueryError, `${JSON.stringify(q)} threw ${(e as Error).message}`);
    }
  }
});

test("highlight terms are the positive words only", () => {
  const t = highlightTerms(node('"virtual machine" jit* -java'));
  assert.deepEqual([...t.words].sort(), ["machine", "virtual"]);
  assert.deepEqual(t.prefixes, ["jit"]);
});
