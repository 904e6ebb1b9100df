import assert from "node:assert/strict";
import { test } from "node:test";
import {
  findArxiv,
  findDoi,
  findIsbn,
  findUrl,
  parseDate,
  parsePages,
  parseVolume,
  trimField,
} from "./fields.ts";

test("dates: years, months, letters after the year, and words instead of a date", () => {
  assert.deepEqual(parseDate("(2009a)."), { "date-parts": [[2009]] });
  assert.deepEqual(parseDate("June 1978."), { "date-parts": [[1978, 6]] });
  assert.deepEqual(parseDate("12 décembre 1999"), { "date-parts": [[1999, 12]] });
  assert.deepEqual(parseDate("n.d."), { literal: "n.d" });
  assert.equal(parseDate("page 12"), undefined);
});

test("pages: cues dropped, dashes normalised, single pages and article numbers kept", () => {
  assert.equal(parsePages("pp. 131-152."), "131-152");
  assert.equal(parsePages("1761–1800)."), "1761-1800");
  assert.equal(parsePages("p. 39"), "39");
  assert.equal(parsePages("e1002"), "e1002");
  assert.equal(parsePages("S. 12–15"), "12-15");
});

test("volume and issue", () => {
  assert.deepEqual(parseVolume("4(2),"), { volume: "4", issue: "2" });
  assert.deepEqual(parseVolume("Vol. 3"), { volume: "3" });
  assert.deepEqual(parseVolume("36, no. 4"), { volume: "36", issue: "4" });
  assert.deepEqual(parseVolume("XII"), { volume: "XII" });
});

test("identifiers are found and their trailing punctuation dropped", () => {
  assert.equal(findDoi("doi: 10.1145/1234.5678."), "10.1145/1234.5678");
  assert.equal(findUrl("Retrieved from http://example.org/a?b=1)."), "http://example.org/a?b=1");
  assert.equal(findArxiv("arXiv:1708.00594v2 [astro-ph]", false), "1708.00594v2");
  assert.equal(findArxiv("pages 1708.0059", false), undefined);
  assert.equal(findArxiv("hep-th/9901001", true), "hep-th/9901001");
  assert.equal(findIsbn("ISBN 978-3-16-148410-0"), "9783161484100");
  assert.equal(findIsbn("ISBN 12-34"), undefined);
});

test("trimField removes the punctuation a field is printed with, not its abbreviations", () => {
  assert.equal(trimField("“Formalising Dijkstra's strategy,”"), "Formalising Dijkstra's strategy");
  assert.equal(trimField("(2009)."), "2009");
  assert.equal(trimField("Proc. 5th BCS-FACS Workshop,"), "Proc. 5th BCS-FACS Workshop");
  assert.equal(trimField("Smith, J."), "Smith, J.");
  assert.equal(trimField("The end of the story."), "The end of the story");
});
