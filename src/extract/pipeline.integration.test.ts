/**
 * The extraction pipeline end to end on PDFs the tests make (numbered and author–year styles, one and two
 * columns), and on real papers from ../shared when it is there.
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { itemYear } from "../formats/csl.ts";
import { PdfiumReader } from "../pdf/pdfium.ts";
import { AUTHOR_YEAR_PAPER, NUMBERED_PAPER, type PaperSpec, paperPdf } from "../testing/pdf-fixtures.ts";
import { plainContext, splitContext } from "./contexts/contexts.ts";
import { extractPdf } from "./pipeline.ts";
import { datasetsDir } from "./reference/training/corpus.ts";

const reader = new PdfiumReader();

function checkHeader(doc: Awaited<ReturnType<typeof extractPdf>>, spec: PaperSpec) {
  assert.equal(doc.item.title, spec.title);
  assert.deepEqual(
    doc.item.author?.map((a) => `${a.given} ${a.family}`),
    spec.authors,
  );
  assert.equal(doc.item.abstract, spec.abstract);
  assert.deepEqual(doc.emails, [spec.email]);
  assert.ok(doc.affiliations.some((a) => a.includes("University")));
}

test("a numbered, one-column paper: header, references with labels, contexts of each marker", async () => {
  const doc = await extractPdf(await paperPdf(NUMBERED_PAPER), reader);
  checkHeader(doc, NUMBERED_PAPER);
  assert.deepEqual(
    doc.references.map((r) => r.raw),
    NUMBERED_PAPER.references,
  );
  assert.deepEqual(
    doc.references.map((r) => r.label),
    ["1", "2", "3", "4", "5"],
  );
  assert.equal(doc.references[0].item.title, "Citation indexes for science");
  assert.equal(doc.references[0].item.author?.[0].family, "Garfield");
  // [1] once; [2] and [2-3]; [3, 4] and [2-3]; [3, 4] and GROBID [4]; [5] once.
  assert.deepEqual(
    doc.references.map((r) => r.contexts.length),
    [1, 2, 2, 2, 1],
  );
  assert.ok(plainContext(doc.references[0].contexts[0]).includes("introduced by Garfield [1]"));
  assert.equal(splitContext(doc.references[0].contexts[0])?.marker, "[1]", "the marker is marked");
  assert.ok(doc.text.includes("Keeping such an index current is hard"));
  assert.ok(!doc.text.includes("[1] E. Garfield."), "the reference list is not body text");
  assert.equal(doc.pages, 1);
  for (const stage of [
    "pdf",
    "layout",
    "segmentation",
    "header",
    "referenceSplit",
    "referenceParse",
    "contexts",
  ])
    assert.equal(typeof doc.timings[stage], "number");
});

test("arXiv's stamp up the margin gives the identifier and the year, and stays out of the text; the references' do not", async () => {
  const stamp = "arXiv:1403.2805v1 [stat.CO] 12 Mar 2014";
  const doc = await extractPdf(await paperPdf(NUMBERED_PAPER, undefined, stamp), reader);
  assert.equal(doc.item.arxiv, "1403.2805v1");
  assert.equal(itemYear(doc.item), 2014);
  assert.equal(doc.item.title, NUMBERED_PAPER.title);
  assert.ok(!doc.text.includes("arXiv") && !doc.text.includes("stat.CO"), "the stamp is no part of the text");
  // Without the stamp, no identifier and no year: the paper prints none (its references' years and proceedings,
  // in small print on its first page, are not its own).
  const plain = await extractPdf(await paperPdf(NUMBERED_PAPER), reader);
  assert.equal(plain.item.arxiv, undefined);
  assert.equal(plain.item.issued, undefined);
  assert.equal(plain.item["container-title"], undefined);
});

test("an author-year paper in two columns: reading order, hanging indents, name-and-year contexts", async () => {
  const doc = await extractPdf(await paperPdf(AUTHOR_YEAR_PAPER), reader);
  checkHeader(doc, AUTHOR_YEAR_PAPER);
  assert.deepEqual(
    doc.references.map((r) => r.raw),
    AUTHOR_YEAR_PAPER.references,
  );
  // The left column is read before the right one.
  const left = doc.text.indexOf("Our data come from a panel survey");
  const right = doc.text.indexOf("Section 2 reviews the theory");
  assert.ok(left >= 0 && right > left);
  const contexts = Object.fromEntries(
    doc.references.map((r) => [r.item.author?.[0].family, r.contexts.length]),
  );
  // Bauer et al. 2000 twice; Bauer and Zimmermann 1995 once; Bade, Bartel, Borjas once each.
  assert.deepEqual(contexts, { Bade: 1, Bartel: 1, Bauer: contexts.Bauer, Borjas: 1 });
  const bauer = doc.references
    .filter((r) => r.item.author?.[0].family === "Bauer")
    .map((r) => r.contexts.length);
  assert.deepEqual(bauer, [2, 1]);
});

const PAPER = join(datasetsDir(), "pdfs/science-parse/P14-1059.pdf");

test("a real ACL paper from ../shared", { skip: !existsSync(PAPER) && "no ../shared datasets" }, async () => {
  const doc = await extractPdf(readFileSync(PAPER), reader);
  assert.equal(
    doc.item.title,
    "How to make words with vectors: Phrase generation in distributional semantics",
  );
  assert.deepEqual(
    doc.item.author?.map((a) => a.family),
    ["Dinu", "Baroni"],
  );
  assert.deepEqual(doc.emails, ["georgiana.dinu@unitn.it", "marco.baroni@unitn.it"]);
  assert.ok(doc.references.length >= 25, `${doc.references.length} references`);
  assert.ok(doc.references.every((r) => r.raw.length < 600));
  const cited = doc.references.filter((r) => r.contexts.length > 0).length;
  assert.ok(
    cited >= doc.references.length * 0.8,
    `${cited} of ${doc.references.length} references have contexts`,
  );
  assert.equal(doc.pages, 10);
});

/** Two-column papers whose abstracts were read interleaved with the other column, line by line. */
const TWO_COLUMN = [
  {
    file: "science-parse/map-reduce.pdf",
    first:
      "MapReduce is a programming model and an associated implementation for processing and generating large data sets.",
    last: "upwards of one thousand MapReduce jobs are executed on Google’s clusters every day.",
  },
  {
    file: "pdfjs/tracemonkey.pdf",
    first: "Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.",
    last: "we have measured speedups of 10x and more for certain benchmark programs.",
  },
  {
    file: "science-parse/P07-1088.pdf",
    first:
      "Even in a massive corpus such as the Web, a substantial fraction of extractions appear infrequently.",
    last: "their number is potentially vast.",
  },
];

for (const paper of TWO_COLUMN) {
  const path = join(datasetsDir(), "pdfs", paper.file);
  test(`two columns read as printed: the abstract of ${paper.file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const abstract = (await extractPdf(readFileSync(path), reader)).item.abstract ?? "";
    assert.ok(abstract.startsWith(paper.first), abstract.slice(0, 200));
    assert.ok(abstract.endsWith(paper.last), abstract.slice(-200));
  });
}

const ACL = join(datasetsDir(), "pdfs/science-parse/P07-1088.pdf");

test("the year and venue come from the proceedings footer, not from a year the abstract cites", {
  skip: !existsSync(ACL) && "no ../shared datasets",
}, async () => {
  const { item } = await extractPdf(readFileSync(ACL), reader);
  assert.deepEqual(item.issued, { "date-parts": [[2007]] });
  assert.equal(
    item["container-title"],
    "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics",
  );
});

const COVER = join(datasetsDir(), "pdfs/excite/german/pdf/11916.pdf");

test("a repository cover page gives the year, the venue and the authors", {
  skip: !existsSync(COVER) && "no ../shared datasets",
}, async () => {
  const { item } = await extractPdf(readFileSync(COVER), reader);
  assert.deepEqual(item.issued, { "date-parts": [[2008]] });
  assert.equal(item["container-title"], "Sport und Gesellschaft");
  assert.deepEqual(
    item.author?.map((a) => a.family),
    ["Leistner"],
  );
  assert.match(item.title ?? "", /^Zwischen Entgrenzung und Inszenierung/);
});

const ECONSTOR = join(datasetsDir(), "pdfs/excite/english/pdf/46014.pdf");

test("an EconStor cover: the title is the one its citation names, not the repository's logo in larger type", {
  skip: !existsSync(ECONSTOR) && "no ../shared datasets",
}, async () => {
  const { item } = await extractPdf(readFileSync(ECONSTOR), reader);
  assert.match(
    item.title ?? "",
    /^Skills Inequalities in 21 Countries:? PIAAC results for prime-age adults$/i,
  );
  assert.deepEqual(
    item.author?.map((a) => `${a.given} ${a.family}`),
    ["Jan Paul Heisig", "Heike Solga"],
  );
});

const AUTHOR_BLOCKS = [
  // The model labels only the first of two names on one line.
  { file: "excite/english/pdf/54956.pdf", authors: ["Ševčíková", "Nordenstreng"] },
  // One name a line, each with its institution under it, the later ones with "Dr.".
  { file: "excite/german/pdf/48208.pdf", authors: ["Riedmann", "Kümmerling", "Seifert"] },
  // A block of names over two lines above the title, past its affiliation, the model reading only its last word.
  { file: "excite/english/pdf/22258.pdf", authors: ["Healy", "Özbilgin", "Aliefendioğlu"] },
  // Names separated by a slash: "Peter Becker / Anne Pintz".
  { file: "excite/german/pdf/36684.pdf", authors: ["Becker", "Pintz"] },
  // An address in the author's type under the names is no person ("Microsoft Corporation", "One Microsoft Way").
  {
    file: "science-parse/zolotov04.pdf",
    authors: ["Pal", "Cseri", "Seeliger", "Schaller", "Giakoumakis", "Zolotov"],
  },
];
for (const paper of AUTHOR_BLOCKS) {
  const path = join(datasetsDir(), "pdfs", paper.file);
  test(`every author of an author block, and only them: ${paper.file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const { item } = await extractPdf(readFileSync(path), reader);
    assert.deepEqual(
      item.author?.map((a) => a.family),
      paper.authors,
    );
  });
}

const TITLES = [
  // A subtitle of two lines in smaller display type, set apart by more than a line's space; the model reads it as
  // title too.
  {
    file: "excite/english/pdf/5048.pdf",
    title:
      "For Whom the Gate Tolls? How and Why to Free the Refereed Research Literature Online Through Author/Institution Self-Archiving, Now",
  },
  // The authors' names, a name a line in a type of their own, over a title the model read together with them.
  { file: "excite/english/pdf/25468.pdf", title: "NORTHERN DIMENSION: PARTICIPANT STRATEGIES" },
  // …but one line of two capitalised words in a type of its own is a title's first line, not a name.
  {
    file: "excite/english/pdf/42982.pdf",
    title: "Leading Change: The Role of the Principles for Responsible Management Education",
  },
  // A byline under the title in the title's type is not part of it: a name with its footnote mark, a reviewer's
  // "Rezension von …".
  {
    file: "excite/english/pdf/11018.pdf",
    title:
      "First line supervision without any supervisor: What Do Workers Think About Groupwork? Anthropological Fieldwork at Volkswagen Hanover",
  },
  {
    file: "excite/german/pdf/48284.pdf",
    title:
      "Franziska Wilke (2015): Betreuungsbiographien von Kindern im Vorschulalter. Eine Analyse des Sozio-oekonomischen Panels",
  },
  // A report's title page: the subtitle in bold display type five lines' space under the title.
  {
    file: "excite/german/pdf/33116.pdf",
    title: "Deutschlands Millionenstädte im demografischen Wandel: Fakten und Perspektiven bis 2040",
  },
  // A report's commission under its title, in the title's type, ends it ("Forschungsvorhaben im Auftrag des …").
  {
    file: "excite/german/pdf/48208.pdf",
    title:
      "Evaluation des Gesetzes zur Verbesserung der Rahmenbedingungen für die Absicherung flexibler Arbeitszeitregelungen („Flexi II“-Gesetz)",
  },
  // A title printed in three languages, one a line: the one the running head ("The woman’s life…") begins.
  {
    file: "excite/english/pdf/54062.pdf",
    title: "The woman’s life after mastectomy in the light of Roy Adaptive theory",
  },
  // The title's second line, in the title's type, half taken by the model for authors.
  {
    file: "excite/english/pdf/37078.pdf",
    title:
      "Asking Survey Respondents about Reasons for Their Behavior: A Split Ballot Experiment in Ethiopia",
  },
];
// The largest type wins over a sentence of the text the model took for the title (a newsletter's 22-point title),
// and the name under it, where the model found no author, is the author's, not a subtitle.
const LARGEST_TYPE = join(datasetsDir(), "pdfs/excite/german-footnotes-and-end/pdf/28878.pdf");
test("a title in display type wins over a sentence of the text the model labelled title", {
  skip: !existsSync(LARGEST_TYPE) && "no ../shared datasets",
}, async () => {
  const { item } = await extractPdf(readFileSync(LARGEST_TYPE), reader);
  assert.equal(item.title, "Parteieninternationalen in Lateinamerika");
  assert.deepEqual(
    item.author?.map((a) => `${a.given} ${a.family}`),
    ["Detlef Nolte"],
  );
});

// Years from imprints: a year alone in the header, a series number after its year, an issue's number and date, a
// journal line ending in the paper's pages.
const YEARS = [
  { file: "excite/german/pdf/33116.pdf", year: 2005 },
  { file: "excite/german/pdf/47168.pdf", year: 2016 },
  { file: "excite/german-footnotes/pdf/20178.pdf", year: 2007 },
  { file: "excite/german/pdf/37764.pdf", year: 2014 },
  { file: "excite/german/pdf/48284.pdf", year: 2016 },
];
for (const paper of YEARS) {
  const path = join(datasetsDir(), "pdfs", paper.file);
  test(`the year from an imprint of the first pages: ${paper.file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const { item } = await extractPdf(readFileSync(path), reader);
    assert.equal(itemYear(item), paper.year);
  });
}

for (const paper of TITLES) {
  const path = join(datasetsDir(), "pdfs", paper.file);
  test(`a title of several lines read whole: ${paper.file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const { item } = await extractPdf(readFileSync(path), reader);
    assert.equal(item.title, paper.title);
  });
}

const ABSTRACT_FIRST_LINE = join(datasetsDir(), "pdfs/excite/german/pdf/34912.pdf");

test("an abstract's first line, which the model left out, is read with the rest of its paragraph", {
  skip: !existsSync(ABSTRACT_FIRST_LINE) && "no ../shared datasets",
}, async () => {
  const { item } = await extractPdf(readFileSync(ABSTRACT_FIRST_LINE), reader);
  assert.match(item.abstract ?? "", /^Stakeholder dialogues are part of Corporate Governance Regulations/);
});

const ABSTRACT_EDGES = [
  // The second author's name, in the next column, after the abstract's last sentence.
  { file: "science-parse/smola10.pdf", first: /^This paper describes/, last: /hierarchies\.$/ },
  // The title's last line, in display type, run into the abstract.
  {
    file: "excite/german/pdf/27432.pdf",
    first: /^Im Gegensatz zu anderen Entwicklungsregionen/,
    last: /verbessern\.$/,
  },
];
for (const paper of ABSTRACT_EDGES) {
  const path = join(datasetsDir(), "pdfs", paper.file);
  test(`an abstract ends and begins in its own type: ${paper.file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const { item } = await extractPdf(readFileSync(path), reader);
    assert.match(item.abstract ?? "", paper.first);
    assert.match(item.abstract ?? "", paper.last);
  });
}

// Reports and newsletters that print no abstract: the paragraph under the title is their lead, not an abstract.
for (const file of [
  "excite/german/pdf/21332.pdf",
  "excite/german/pdf/37764.pdf",
  "excite/german/pdf/18508.pdf",
]) {
  const path = join(datasetsDir(), "pdfs", file);
  test(`no abstract where a paper prints none: ${file}`, {
    skip: !existsSync(path) && "no ../shared datasets",
  }, async () => {
    const { item } = await extractPdf(readFileSync(path), reader);
    assert.equal(item.abstract, undefined);
  });
}
