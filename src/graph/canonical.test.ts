/**
 * The vote over a cited-only work's references does not depend on their order (issue 16): two runs that file
 * the same citing papers in another order must show the work alike. Among documents, the newest still wins a tie.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../formats/csl.ts";
import { toCslItem } from "../formats/record.ts";
import { canonicalItem, type MetadataSource } from "./canonical.ts";

const reference = (fields: Record<string, unknown>): MetadataSource => ({
  item: toCslItem(fields, { requireTitle: false }),
  document: false,
});

/** Every order of a list (a few items only). */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The votes of every order of the sources, each as JSON. */
const votes = (sources: MetadataSource[]): Set<string> =>
  new Set(permutations(sources).map((p) => JSON.stringify(canonicalItem(p))));

test("two references that disagree give the same work whichever was filed first", () => {
  // From the shared PDFs: two references to Bourdieu's book, each filed first in some order of the papers.
  const bourdieu = [
    reference({
      type: "book",
      title: "Die feinen Unterschiede. Kritik der gesellschaftlichen Urteilskraft",
      author: ["Bourdieu, P."],
      year: 1982,
      publisher: "Suhrkamp",
      note: "first",
    }),
    reference({ title: "Die feinen Unterschiede", author: ["Bourdieu, Pierre"], year: 1982, note: "second" }),
  ];
  assert.equal(votes(bourdieu).size, 1, "one vote for both orders");
  // Spellings of one title (case only): the same one shown in both orders.
  const habermas = [
    reference({ title: "Theorie des kommunikativen Handelns", author: ["Habermas, J."], year: 1981 }),
    reference({ title: "Theorie des Kommunikativen Handelns", author: ["Habermas, Jürgen"], year: 1981 }),
  ];
  assert.equal(votes(habermas).size, 1, "one spelling for both orders");
  const vote = canonicalItem(habermas);
  assert.deepEqual(vote.author, [{ family: "Habermas", given: "Jürgen" }], "the fullest names still win");
});

test("three or four references in every order: one vote, and the majority still wins", () => {
  const sources = [
    reference({ title: "Power in movement", author: ["Tarrow, S."], year: 1994, volume: "13", issue: "2" }),
    reference({ title: "Power in Movement", author: ["Tarrow, Sidney"], year: 1994, volume: "12" }),
    reference({ title: "Power in movement", author: ["Tarrow, S."], year: 1998, volume: "12", issue: "3" }),
    reference({ title: "Power in Movement.", author: ["Tarrow, Sid"], year: 1998, "container-title": "X" }),
  ];
  const all = votes(sources);
  assert.equal(all.size, 1, "24 orders, one vote");
  const item = JSON.parse([...all][0]) as CslItem;
  assert.equal(item.volume, "12", "the majority");
  assert.ok(item.issue === "2" || item.issue === "3");
  assert.equal(votes(sources.slice(0, 3)).size, 1, "6 orders, one vote");
});

test("documents: a tie goes to the newest, the record that corrects an older one", () => {
  const older = { item: toCslItem({ title: "Old title" }), document: true };
  const newer = { item: toCslItem({ title: "Corrected title" }), document: true };
  assert.equal(canonicalItem([older, newer]).title, "Corrected title");
  assert.equal(canonicalItem([newer, older]).title, "Old title");
});

test("fields a document leaves empty are filled from references alike in every order of them", () => {
  // The document gives title and authors only; two references each give another volume, issue and spelling of
  // the venue, one each: ties that the order of the references chose before (the latest won).
  const document = {
    item: toCslItem({ title: "Power in Movement", author: ["Tarrow, Sidney"] }),
    document: true,
  };
  const sources = [
    document,
    reference({
      title: "Power in movement",
      author: ["Tarrow, S."],
      volume: "13",
      "container-title": "Mobilization",
    }),
    reference({
      title: "Power in movement",
      author: ["Tarrow, S."],
      volume: "12",
      "container-title": "MOBILIZATION",
    }),
    reference({ title: "Power in movement", author: ["Tarrow, Sid"], year: 1998, publisher: "Cambridge" }),
  ];
  const all = votes(sources);
  assert.equal(all.size, 1, "24 orders, one vote");
  const item = JSON.parse([...all][0]) as CslItem;
  assert.equal(item.title, "Power in Movement", "the document's title and spelling");
  assert.deepEqual(item.author, [{ family: "Tarrow", given: "Sidney" }], "the document's names");
  assert.equal(item.volume, "12", "a tie among references: the shorter, then the first in code-point order");
  assert.equal(item["container-title"], "MOBILIZATION", "its spelling by content too");
  assert.deepEqual(item.issued, { "date-parts": [[1998]] }, "filled by the one reference that gives it");
});

test("a work of one source is the vote of that source, field by field and in the same order", () => {
  // canonicalItem takes a shorter path for one source (each new work is voted from its one source); given twice,
  // the source goes through the vote itself, which must give the same item, to the byte.
  const items: Record<string, unknown>[] = [
    {
      type: "paper-conference",
      title: "Neural Machine Translation",
      author: [{ family: "Bahdanau", given: "D." }],
      issued: { "date-parts": [[2015]] },
      "container-title": "ICLR",
      note: "kept",
    },
    { title: "", author: [], volume: 12, page: "1-10" },
    { title: "...", abstract: "—", publisher: "  ", DOI: "10.1/x", issued: { raw: "no year here" } },
    {
      title: "Über die Möglichkeit ß",
      author: [{ family: "Müller", given: "Jürgen" }, { literal: "Ø. Ørsted" }],
      issued: { raw: "c. 1921" },
    },
    {
      title: "Edited only",
      editor: [{ family: "", given: "X" }],
      arxiv: "1234.5678",
      custom: { bibtex: { key: "k" } },
    },
    { title: "Two nameless", author: [{ given: "A" }, { given: "B" }], keyword: "a, b", URL: "http://x" },
    {
      type: "book",
      title: "①②",
      ISBN: "978-3-16-148410-0",
      "collection-title": "Ⅻ",
      issue: "٣",
      issued: { "date-parts": [["1999"]] },
    },
    { title: "日本語のタイトル", author: [{ family: "山田", given: "太郎" }], "publisher-place": "東京" },
  ];
  for (const fields of items)
    for (const document of [true, false]) {
      const item = fields as CslItem;
      assert.equal(
        JSON.stringify(canonicalItem([{ item, document }])),
        JSON.stringify(
          canonicalItem([
            { item, document },
            { item, document },
          ]),
        ),
        JSON.stringify(fields),
      );
    }
});
