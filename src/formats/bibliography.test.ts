import assert from "node:assert/strict";
import { test } from "node:test";
import { bibliographyRuns, bibliographyText, htmlRuns } from "./bibliography.ts";
import type { CslItem } from "./csl.ts";

const ITEMS: CslItem[] = [
  {
    type: "article-journal",
    title: "Uniprocessor garbage collection <techniques> & more",
    author: [{ family: "Wilson", given: "Paul R." }],
    issued: { "date-parts": [[1992]] },
    "container-title": "Memory Management",
    volume: "637",
    page: "1-42",
    DOI: "10.1007/bfb0017182",
  },
  {
    type: "book",
    title: "Garbage collection",
    author: [
      { family: "Jones", given: "Richard" },
      { family: "Lins", given: "Rafael" },
    ],
    issued: { "date-parts": [[1996]] },
    publisher: "Wiley",
  },
];

test("APA, Vancouver and Harvard bibliographies in the styles' own order and form", () => {
  const apa = bibliographyText(ITEMS, "apa").trimEnd().split("\n");
  assert.equal(apa.length, 2);
  assert.match(
    apa[0],
    /^Jones, R\., & Lins, R\. \(1996\)\. Garbage collection\. Wiley\.$/,
    "APA sorts by author",
  );
  assert.match(apa[1], /^Wilson, P\. R\. \(1992\)\. Uniprocessor garbage collection <techniques> & more\./);
  assert.match(apa[1], /https:\/\/doi\.org\/10\.1007\/bfb0017182/);
  const vancouver = bibliographyText(ITEMS, "vancouver").trimEnd().split("\n");
  assert.match(vancouver[0], /^1\. Wilson PR\. /, "Vancouver numbers in the given order");
  assert.match(vancouver[1], /^2\. Jones R, Lins R\. /);
  assert.match(bibliographyText(ITEMS, "harvard"), /^Jones, R\. and Lins, R\. \(1996\)/);
  assert.equal(bibliographyText([], "apa"), "");
});

test("entries come as runs of text, italics kept, markup never passed on", () => {
  const [jones, wilson] = bibliographyRuns(ITEMS, "apa");
  assert.deepEqual(
    jones.filter((r) => r.italic).map((r) => r.text),
    ["Garbage collection"],
  );
  assert.ok(
    wilson.some((r) => r.text.includes("<techniques> & more") && !r.italic),
    "entities decoded to text",
  );
  const [first] = bibliographyRuns(ITEMS, "vancouver");
  assert.match(first[0].text, /^1\. Wilson PR\./, "the number and the entry joined by one space");
  assert.deepEqual(htmlRuns('<div class="csl-entry">A <i>B &#38; C</i>.</div>'), [
    { text: "A " },
    { text: "B & C", italic: true },
    { text: "." },
  ]);
  assert.equal(htmlRuns("<div>A <script>x</script></div>"), undefined, "unknown markup: fall back to text");
  assert.equal(htmlRuns('<div>A <a href="javascript:x">B</a></div>'), undefined);
});
