import assert from "node:assert/strict";
import { test } from "node:test";
import type { CslItem } from "../formats/csl.ts";
import { toCslItem } from "../formats/record.ts";
import { words } from "../text/normalize.ts";
import { blockingKeys } from "./blocking.ts";
import { boostedScore, trainBoostedTrees } from "./boosting.ts";
import { clusterRecords } from "./cluster.ts";
import { matchModel } from "./model.ts";
import { bareTitle, standsForWork, toMatchRecord } from "./record.ts";
import { resolveRecord } from "./resolve.ts";
import { libraryJoinAllowed, matchProbability } from "./score.ts";
import { authorOverlap, boundedEditDistance, titleOverlap, trigramSimilarity } from "./similarity.ts";

const item = (fields: Record<string, unknown>): CslItem => toCslItem(fields, { requireTitle: false });
const rec = (fields: Record<string, unknown>, source: "record" | "reference" = "record") =>
  toMatchRecord(item(fields), source);
const p = (
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  source: "record" | "reference" = "record",
) => matchProbability(matchModel(), rec(a, source), rec(b, source));

test("edit distance counts a swap of two letters as one edit and stops past its limit", () => {
  assert.equal(boundedEditDistance("rosneblatt", "rosenblatt", 2), 1);
  assert.equal(boundedEditDistance("kitten", "sitting", 5), 3);
  assert.equal(boundedEditDistance("kitten", "sitting", 1), 2, "cut off at limit + 1");
  assert.equal(boundedEditDistance("abc", "abcdefgh", 2), 3);
});

test("titles are compared word by word, with typos and words run together", () => {
  const o = titleOverlap(
    words("the casefor enhanced abstract datatypes"),
    words("The case for enhanced abstract data types"),
  );
  assert.equal(o.onlyA, 0);
  assert.equal(o.onlyB, 0);
  const typo = titleOverlap(words("probabilstic databases"), words("probabilistic databases"));
  assert.equal(typo.onlyA + typo.onlyB, 0);
  const different = titleOverlap(
    words("secure buffering in databases"),
    words("secure transaction processing in databases"),
  );
  assert.ok(different.onlyA > 0 && different.onlyB > 0);
  assert.ok(trigramSimilarity(words("datatypes"), words("data types")) > 0.9);
});

test("authors match by surname, tolerate typos, and count names printed the other way round as half", () => {
  const a = rec({ title: "x", author: ["Sarawagi, S.", "Thomas, S.", "Agrawal, R."] }).authors;
  const swapped = rec({ title: "x", author: ["Sunita, S.", "Shiby, T.", "Rakesh, A."] }).authors;
  assert.equal(authorOverlap(a, swapped).share, 0.5);
  const typo = rec({ title: "x", author: ["Rosneblatt, B."] }).authors;
  assert.equal(authorOverlap(rec({ title: "x", author: ["Rosenblatt, B."] }).authors, typo).share, 1);
  const one = authorOverlap(a, rec({ title: "x", author: ["Agrawal, R."] }).authors);
  assert.equal(one.share, 1);
  assert.ok(Math.abs(one.shareLong - 1 / 3) < 1e-9);
});

test("match records drop catalogue remarks, find series numbers and generic titles", () => {
  assert.equal(bareTitle("Sleepers and workaholics (extended version)"), "Sleepers and workaholics");
  assert.equal(
    bareTitle("Data mining: concepts and techniques - book review"),
    "Data mining: concepts and techniques",
  );
  assert.deepEqual(rec({ title: "Cluster validity methods: part II" }).titleMarks, ["ii"]);
  assert.deepEqual(
    rec({ title: "Report on the 4th workshop" }).titleMarks,
    rec({ title: "Report on the fourth workshop" }).titleMarks,
  );
  assert.equal(rec({ title: "Editorial" }).genericTitle, true);
  assert.equal(rec({ title: "Book review column" }).genericTitle, true);
  assert.equal(rec({ title: "Editorials as a genre of persuasion" }).genericTitle, false);
});

test("the match score: identifiers decide; variants of one record match; different works do not", () => {
  const base = {
    title: "Efficient filtering of XML documents with XPath expressions",
    author: ["Chan, C.", "Felber, P.", "Garofalakis, M."],
    year: 2002,
  };
  assert.ok(
    p(base, {
      ...base,
      title: "Efficient filtering of XML documents with XPath expressions (extended abstract)",
    }) > 0.9,
  );
  assert.ok(
    p(base, { title: "Efficient filtering of XML documents with Xpath", author: ["Chan, C."] }, "reference") >
      0.5,
  );
  assert.ok(p(base, { ...base, title: "Secure buffering in firm real-time database systems" }) < 0.1);
  assert.equal(p({ ...base, DOI: "10.1145/a" }, { ...base, DOI: "10.1145/b" }), 0, "two DOIs: two works");
  assert.equal(
    p({ title: "Something else", DOI: "10.1145/a" }, { ...base, DOI: "10.1145/A" }),
    1,
    "one DOI: one work",
  );
  assert.equal(
    p(
      { ...base, title: "Cluster validity methods: part I" },
      { ...base, title: "Cluster validity methods: part II" },
    ),
    0,
  );
});

test("a generic title never matches on the title alone", () => {
  const ed = { title: "Editorial", author: ["Kim, Won"], year: 1995 };
  assert.equal(p(ed, { title: "Editorial", author: ["Quint, V."], year: 1995 }), 0);
  assert.equal(p(ed, { title: "Editorial", author: ["Kim, Won"], year: 1996 }), 0);
  assert.equal(p(ed, { title: "Editorial" }), 0);
});

test("a reference's year confirms a match but does not refute one; two records' years do", () => {
  const article = {
    title: "The presentation of self in everyday interaction",
    author: ["Goffman, Erving"],
    "container-title": "Journal of Interaction",
    year: 1959,
  };
  const later = { ...article, year: 1962 };
  assert.ok(
    p(article, later, "reference") >= matchModel().threshold,
    "an article cited with its preprint's year",
  );
  assert.ok(p(article, later, "record") < matchModel().threshold, "two catalogue records three years apart");
  const book = {
    type: "book",
    title: "The presentation of self in everyday life",
    author: ["Goffman, Erving"],
  };
  assert.ok(
    p({ ...book, year: 1959 }, { ...book, year: 1960 }, "reference") >= matchModel().threshold,
    "a year misprinted by one",
  );
});

test("volume and first page identify an article that is cited without a title", () => {
  const a = {
    author: ["Callan, C. G."],
    "container-title": "Nucl. Phys.",
    volume: "262",
    page: "593",
    year: 1985,
  };
  assert.ok(
    p(
      a,
      { author: ["Callan, C."], "container-title": "Nuclear Physics B", volume: "262", page: "593-604" },
      "reference",
    ) > 0.9,
  );
  assert.ok(p(a, { ...a, page: "17" }, "reference") < 0.5);
});

test("blocking keys survive a missing title, a missing author and a subtitle", () => {
  const full = rec({
    title: "Power in movement: social movements and contentious politics",
    author: ["Tarrow, Sidney"],
    year: 1994,
    "container-title": "Journal of Movements",
    volume: "3",
    page: "12",
  });
  const noAuthor = rec({ title: "Power in movement: social movements", year: 1994 }, "reference");
  const noTitle = rec({ author: ["Tarrow, S."], volume: "3", page: "12-20" }, "reference");
  const shares = (a: string[], b: string[]) => a.some((k) => b.includes(k));
  assert.ok(shares(blockingKeys(full), blockingKeys(noAuthor)));
  assert.ok(shares(blockingKeys(full), blockingKeys(noTitle)));
  assert.deepEqual(
    blockingKeys(rec({ title: "Editorial", author: ["Kim, W."] })),
    [],
    "a generic title gives no title keys",
  );
});

test("boosted trees learn an interaction a linear score cannot (exclusive or)", () => {
  const xs: number[][] = [];
  const ys: number[] = [];
  // Unequal counts, so that the first split already gains something (a perfectly balanced XOR stumps greedy trees).
  for (const [a, b, n] of [
    [0, 0, 50],
    [0, 1, 50],
    [1, 0, 50],
    [1, 1, 100],
  ])
    for (let i = 0; i < n; i++) {
      xs.push([a, b]);
      ys.push(a ^ b);
    }
  const options = { rounds: 30, depth: 2, learningRate: 0.3, minLeaf: 5, lambda: 1, bins: 8 };
  const model = trainBoostedTrees(xs, ys, options);
  for (const [a, b] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ])
    assert.equal(boostedScore(model, [a, b]) > 0, (a ^ b) === 1, `${a} xor ${b}`);
  const again = trainBoostedTrees(xs, ys, options);
  assert.deepEqual(again, model, "training is deterministic");
});

test("resolving against candidates: the best wins; equal fits that are one work join; distinct ones are ambiguous", () => {
  const model = matchModel();
  const work = rec({ title: "Wrapping web data into XML", author: ["Han, W."], year: 2001 });
  const other = rec({ title: "A survey of spatial indexes", author: ["Gaede, V."], year: 1998 });
  const ref = rec({ title: "Wrapping web data into XML", author: ["Han, W."], year: 2001 }, "reference");
  assert.deepEqual(
    resolveRecord(model, ref, [
      { id: 1, record: other },
      { id: 2, record: work },
    ]).kind,
    "match",
  );
  // Two cited-only works that are one work (split before the record that joins them came): one work, the older id.
  const printed = rec({ title: "Wrapping web data into XML", author: ["Han, W."], year: 2001 }, "reference");
  const joined = resolveRecord(model, ref, [
    { id: 7, record: printed },
    { id: 3, record: printed },
  ]);
  assert.equal(joined.kind, "match");
  assert.deepEqual(joined.kind === "match" ? [joined.id, joined.join] : [], [3, [7]]);
  // A library work keeps its id over a cited-only work it is the same as.
  const kept = resolveRecord(model, ref, [
    { id: 3, record: printed },
    { id: 9, record: work, inLibrary: true },
  ]);
  assert.deepEqual(kept.kind === "match" ? [kept.id, kept.join] : [], [9, [3]]);
  // Two works the record fits equally that are confidently distinct (two DOIs): ambiguous, unresolved.
  const r = resolveRecord(model, ref, [
    {
      id: 1,
      record: rec({
        title: "Wrapping web data into XML",
        author: ["Han, W."],
        year: 2001,
        DOI: "10.1234/a",
      }),
    },
    {
      id: 2,
      record: rec({ title: "Wrapping web data into XML", author: ["Han, W."], year: 2001, DOI: "10.1234/b" }),
    },
  ]);
  assert.equal(r.kind, "ambiguous");
  assert.deepEqual(r.kind === "ambiguous" ? r.ids.sort() : [], [1, 2]);
  // "Annual report 2001/2002" and "…2002/2003": a reference to "Annual report" of 2002 fits both, which differ.
  const report = (n: string) =>
    rec({ title: `Annual report ${n}`, author: ["Statistics Board"], year: 2002 }, "reference");
  const annual = resolveRecord(
    model,
    rec({ title: "Annual report", author: ["Statistics Board"], year: 2002 }, "reference"),
    [
      { id: 1, record: report("2001/2002") },
      { id: 2, record: report("2002/2003") },
    ],
  );
  assert.notEqual(annual.kind, "match");
  assert.equal(resolveRecord(model, ref, [{ id: 1, record: other }]).kind, "none");
});

test("library records join only on strong evidence: disjoint authors veto, numbered titles differ", () => {
  const schnell = { title: "Privacy-preserving record linkage", author: ["Schnell, Rainer"], year: 2015 };
  const sehili = {
    title: "Privacy-preserving record linkage with PPJoin",
    author: ["Sehili, Ziad", "Kolb, Lars", "Borgs, Christian", "Schnell, R."],
    year: 2015,
  };
  assert.ok(
    p(schnell, { ...sehili, author: ["Sehili, Ziad", "Kolb, Lars"] }) === 0,
    "disjoint authors: two works",
  );
  const storage = (n: number, author: string) => ({
    title: `A study of distributed storage, number ${n}`,
    author: [author],
    "container-title": "Journal of Storage",
    year: 2010,
  });
  assert.equal(p(storage(3, "Ito, K."), storage(13, "Ito, K.")), 0, "number 3 is not number 13");
  assert.equal(p(storage(3, "Ito, K."), storage(13, "Berg, M.")), 0);
  assert.ok(p(storage(3, "Ito, K."), storage(3, "Ito, Kenji")) > matchModel().threshold);
  // A printed reference may have garbled its authors: disjoint authors weigh against it but do not veto.
  const printed = p(
    { title: "Privacy-preserving record linkage for big data", author: ["Schnell, R."], year: 2015 },
    { title: "Privacy-preserving record linkage for big data", author: ["Schnel, R."], year: 2015 },
    "reference",
  );
  assert.ok(printed > matchModel().threshold);
  // The stricter test the library applies to its own records: agreeing titles and authors, or an identifier.
  const r = (f: Record<string, unknown>) => rec(f);
  assert.equal(libraryJoinAllowed(r(schnell), r({ ...schnell, author: ["Schnell, R."] })), true);
  assert.equal(libraryJoinAllowed(r(schnell), r({ title: schnell.title, year: 2015 })), false, "no authors");
  assert.equal(
    libraryJoinAllowed(
      r({ title: "clustering references with matching models", author: ["Garcia, C."] }),
      r({ title: "parsing references with clustering models", author: ["Garcia, C."] }),
    ),
    false,
    "words changed on both sides",
  );
  assert.equal(
    libraryJoinAllowed(r({ ...schnell, DOI: "10.1234/x" }), r({ title: "PPRL", DOI: "10.1234/X" })),
    true,
  );
});

test("pinpoint pages of book and chapter citations are not first pages; an article's page still counts", () => {
  const braudel1 = rec(
    {
      type: "book",
      title: "La Méditerranée et le monde méditerranéen",
      author: ["Braudel, F."],
      year: 1949,
      page: "112",
    },
    "reference",
  );
  assert.equal(braudel1.page, undefined);
  assert.equal(
    rec({ type: "chapter", title: "x", page: "271-272", "container-title": "A book" }, "reference").page,
    undefined,
  );
  assert.equal(
    rec({ title: "x", page: "S. 23" }, "reference").page,
    undefined,
    "no container, no volume: a pinpoint",
  );
  assert.equal(
    rec({ type: "article-journal", title: "x", page: "381-390", volume: "12" }, "reference").page,
    "381",
  );
  const braudel2 = rec(
    {
      type: "book",
      title: "La Méditerranée et le monde méditerranéen à l'époque de Philippe II",
      author: ["Braudel, Fernand"],
      year: 1949,
      publisher: "Armand Colin",
      page: "381",
    },
    "reference",
  );
  assert.ok(matchProbability(matchModel(), braudel1, braudel2) >= matchModel().threshold);
});

test("editions: the same book printed years apart is another edition; an article is not", () => {
  const downs = { type: "book", title: "An economic theory of democracy", author: ["Downs, Anthony"] };
  const a = { ...downs, year: 1957, publisher: "Harper & Row" };
  assert.equal(p(a, { ...downs, year: 1998, publisher: "Dover" }, "reference"), 0);
  assert.equal(p(a, { ...downs, year: 1967 }, "reference"), 0, "ten years apart, publisher or not");
  assert.ok(p(a, { ...downs, year: 1957, publisher: "Harper" }, "reference") > matchModel().threshold);
  assert.ok(p(a, { ...downs, year: 1958 }, "reference") > matchModel().threshold, "one year off: a misprint");
  assert.ok(p(a, { ...downs }, "reference") > matchModel().threshold, "no year: no edition told");
  const paper = {
    title: "Deep residual learning for image recognition",
    author: ["He, K."],
    "container-title": "CVPR",
  };
  assert.ok(
    p({ ...paper, year: 2016 }, { ...paper, year: 2012 }, "reference") > matchModel().threshold,
    "an article's years are not editions",
  );
});

test("clustering joins variants, keeps works apart, and does not chain through a loose match", () => {
  const records = [
    rec({ title: "An economic theory of democracy", author: ["Downs, Anthony"], year: 1957 }, "reference"),
    rec({ title: "An Economic Theory of Democracy", author: ["Downs, A."], year: 1957 }, "reference"),
    rec({ title: "Inside bureaucracy", author: ["Downs, Anthony"], year: 1967 }, "reference"),
    rec({ title: "An economic theory of democracy", author: ["Downs, A."] }, "reference"),
    rec({ title: "Cluster validity methods: part I", author: ["Halkidi, M."], year: 2002 }, "reference"),
    rec({ title: "Cluster validity methods: part II", author: ["Halkidi, M."], year: 2002 }, "reference"),
  ];
  const { work } = clusterRecords(records, matchModel());
  assert.equal(work[0], 0);
  assert.equal(work[1], 0);
  assert.equal(work[3], 0);
  assert.equal(work[2], 2);
  assert.notEqual(work[4], work[5]);
});

test("clustering: two entries of one reference list are two works; the same entries from two lists are one", () => {
  const witte = (year: number, no: number) =>
    rec(
      {
        title: "Classical ethical positions and their relevance in justifying behavior",
        author: ["Witte, E. H."],
        year,
        "container-title": `Hamburger Forschungsberichte ${no}`,
      },
      "reference",
    );
  const records = [witte(2001, 38), witte(2002, 42), witte(2001, 38)];
  assert.equal(clusterRecords(records, matchModel()).work[1], 0, "without lists: one work");
  const { work } = clusterRecords(records, matchModel(), ["paper-1", "paper-1", "paper-2"]);
  assert.notEqual(work[0], work[1], "one list cites two works");
  assert.equal(work[2], 0, "another list's entry joins the first");
});

test("canonical metadata: the majority of references, a document above them all, ties to the newest", async () => {
  const { canonicalItem } = await import("./canonical.ts");
  const { hIndex, i10Index } = await import("./authors.ts");
  const ref = (fields: Record<string, unknown>) => ({ item: item(fields), document: false });
  const refs = [
    ref({ title: "Power in movement", author: ["Tarrow, S."], year: 1994, volume: "13" }),
    ref({ title: "Power in Movement", author: ["Tarrow, Sidney"], year: 1994, volume: "12" }),
    ref({ title: "Power in movement", author: ["Tarrow, S."], year: 1998, volume: "12" }),
  ];
  const c = canonicalItem(refs);
  assert.equal(c.volume, "12");
  assert.deepEqual(c.issued, { "date-parts": [[1994]] });
  assert.deepEqual(
    c.author,
    [{ family: "Tarrow", given: "Sidney" }],
    "the fullest spelling of the winning list",
  );
  const withDoc = canonicalItem([
    ...refs,
    {
      item: item({ title: "Power in Movement: Social Movements", author: ["Tarrow, Sidney"] }),
      document: true,
    },
  ]);
  assert.equal(withDoc.title, "Power in Movement: Social Movements");
  assert.equal(withDoc.volume, "12", "references fill what the document leaves empty");
  const two = canonicalItem([
    { item: item({ title: "Old title" }), document: true },
    { item: item({ title: "Corrected title" }), document: true },
  ]);
  assert.equal(two.title, "Corrected title");
  assert.equal(hIndex([12, 10, 3, 0]), 3);
  assert.equal(hIndex([]), 0);
  assert.equal(hIndex([100]), 1);
  assert.equal(i10Index([12, 10, 9]), 2);
});

test("author disambiguation: given names that differ keep people apart, co-authors choose among the rest", async () => {
  const { chooseAuthor, compatibleGivenNames } = await import("./authors.ts");
  assert.equal(compatibleGivenNames("john", "j"), true);
  assert.equal(compatibleGivenNames("john r", "j"), true);
  assert.equal(compatibleGivenNames("chris", "christopher"), true);
  assert.equal(compatibleGivenNames("john", "james"), false);
  assert.equal(compatibleGivenNames("j r", "j k"), false);
  const john = { id: 1, givenNames: ["john", "j"], coAuthors: new Set(["lee_a"]), works: 9 };
  const james = { id: 2, givenNames: ["james"], coAuthors: new Set(["kim_b"]), works: 2 };
  assert.equal(chooseAuthor({ given: "james", coAuthors: [] }, [john, james]), 2);
  assert.equal(
    chooseAuthor({ given: "j", coAuthors: ["kim_b"] }, [john, james]),
    2,
    "a shared co-author decides",
  );
  assert.equal(chooseAuthor({ given: "j", coAuthors: [] }, [john, james]), 1, "no clue: the most works");
  assert.equal(chooseAuthor({ given: "jane", coAuthors: [] }, [john, james]), undefined, "a new person");
});

test("name keys romanise Cyrillic and Greek, fold accents and drop particles", async () => {
  const { authorKey, surnameKey } = await import("./keys.ts");
  assert.equal(surnameKey({ family: "Иванов" }), surnameKey({ family: "Ivanov" }));
  assert.equal(authorKey({ family: "Щукин", given: "Пётр" }), "shchukin_p");
  assert.equal(surnameKey({ family: "Παπαδόπουλος" }), "papadopoulos");
  assert.equal(surnameKey({ family: "van der Aalst" }), "aalst");
  assert.equal(surnameKey({ family: "García-Márquez" }), "garciamarquez");
});

test("a printed reference stands for a work with a DOI, or a title beside a name or a year; a title alone does not", () => {
  assert.ok(standsForWork({ title: "Citation indexes for science", author: [{ family: "Garfield" }] }));
  assert.ok(standsForWork({ title: "Raumordnungsprognose 2020", issued: { "date-parts": [[2004]] } }));
  assert.ok(standsForWork({ DOI: "10.1126/science.122.3159.108" }));
  assert.ok(
    !standsForWork({ title: "Nationale des Sciences Politiques." }),
    "a fragment of a broken reference",
  );
  assert.ok(
    !standsForWork({ title: "characteristics. Thus, although during debriefing none of the participants" }),
  );
});
