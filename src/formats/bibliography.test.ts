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

test("Harvard prints a working paper as a report, never as a '[Preprint]'", () => {
  const paper = {
    title: "Real wage rigidities and the New Keynesian model",
    author: [{ family: "Blanchard", given: "Olivier" }],
    issued: { "date-parts": [[2005]] },
  };
  // As a PDF's cover or a parsed reference gives it: an article whose venue is the series.
  const fromCover = bibliographyText(
    [{ ...paper, type: "article", "container-title": "NBER Working Paper Series" }],
    "harvard",
  );
  assert.doesNotMatch(fromCover, /Preprint/);
  assert.equal(
    fromCover,
    "Blanchard, O. (2005) Real wage rigidities and the New Keynesian model. NBER Working Paper Series.\n",
  );
  const discussion = bibliographyText(
    [{ ...paper, type: "article-journal", "container-title": "IZA Discussion Papers", number: "1234" }],
    "harvard",
  );
  assert.doesNotMatch(discussion, /Preprint/);
  // As a .bib gives it (@techreport, type and number kept): the style's own report form.
  const report = bibliographyText(
    [
      {
        ...paper,
        type: "report",
        genre: "Working Paper",
        number: "11806",
        publisher: "National Bureau of Economic Research",
      },
    ],
    "harvard",
  );
  assert.match(report, /Working Paper 11806\. National Bureau of Economic Research\./);
  // A journal article is left alone.
  const article = bibliographyText(
    [{ ...paper, type: "article-journal", "container-title": "Journal of Money", volume: "3", page: "1-2" }],
    "harvard",
  );
  assert.match(article, /Journal of Money, 3, pp\. 1–2\./);
});
