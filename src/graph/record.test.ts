/**
 * A match record is a function of MATCH_FIELDS alone (so that filing may reuse one made of another item with the
 * same values of them), and a library record seen as a reference differs only in where it is known from.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../formats/csl.ts";
import { asReference, MATCH_FIELDS, sameMatchFields, toMatchRecord } from "./record.ts";

/** Every CSL field citegraph keeps, and a few of a format's own. */
const rich: CslItem = {
  id: "k1",
  type: "article-journal",
  title: "Part II: The 4th Workshop on Vitamin D (extended version)",
  author: [{ family: "van der Aalst", given: "Wil" }, { literal: "J. Smith" }],
  editor: [{ family: "Jones", given: "Ann" }],
  issued: { "date-parts": [[2001, 5]] },
  "container-title": "Journal of Things",
  "collection-title": "Lecture Notes",
  volume: "vol. 12",
  issue: "3",
  page: "271-272",
  publisher: "ACM",
  "publisher-place": "New York",
  DOI: "10.1145/123.456",
  URL: "http://example.org/x",
  ISBN: "978-3-16-148410-0",
  abstract: "We show things.",
  keyword: "things, more things",
  note: "a note",
  arxiv: "1234.5678v2",
  language: "en",
  custom: { extracted: true, bibtex: { key: "k1" } },
};

test("a match record reads only MATCH_FIELDS", () => {
  const only: CslItem = {};
  for (const field of MATCH_FIELDS) if (field in rich) only[field] = rich[field] as never;
  for (const source of ["record", "reference"] as const)
    assert.deepEqual(toMatchRecord(only, source), toMatchRecord(rich, source), source);
});

test("items holding the same values of the match fields are the same to the matcher; another value is not", () => {
  assert.ok(sameMatchFields(rich, { ...rich, note: "another note", abstract: undefined }));
  assert.ok(!sameMatchFields(rich, { ...rich, title: "Part III" }));
  // The same author list written again is another value: not known to be the same, so made again.
  assert.ok(!sameMatchFields(rich, { ...rich, author: [...(rich.author ?? [])] }));
});

test("a library record seen as a reference is the reference's record of the same item", () => {
  for (const item of [rich, { ...rich, custom: undefined }, { title: "Alone" }])
    assert.deepEqual(asReference(toMatchRecord(item, "record")), toMatchRecord(item, "reference"));
});

test("a title's numbering marks are its numbers, not an object's built-in names ('constructor')", () => {
  assert.deepEqual(toMatchRecord({ title: "A Constructor for Parsers" }).titleMarks, []);
  assert.deepEqual(toMatchRecord({ title: "The Second Workshop on Parsers" }).titleMarks, ["2"]);
});
