import assert from "node:assert/strict";
import { test } from "node:test";
import { makeLine } from "../../layout/lines.ts";
import type { Line } from "../../layout/types.ts";
import type { PdfWord } from "../../pdf/types.ts";
import { textLine } from "../../testing/lines.ts";
import {
  authorLines,
  marksSetApart,
  NAMES_LINE,
  namesAfter,
  namesBesideTitle,
  namesInAuthorRow,
  splitAuthors,
} from "./authors.ts";
import { findEmails, headerDate, keywordsOf, reviewerOf } from "./header.ts";
import type { TaggedSpan } from "./tag.ts";
import { readCiteseerHeaders } from "./training/citeseer.ts";
import { readGrobidHeaderTei } from "./training/grobid-tei.ts";

test("emails: plain, grouped with braces or bars, spaced out by the text layer", () => {
  assert.deepEqual(findEmails("Contact: maria.keller@example.org."), ["maria.keller@example.org"]);
  assert.deepEqual(findEmails("{ann, bob}@cs.example.edu"), ["ann@cs.example.edu", "bob@cs.example.edu"]);
  assert.deepEqual(findEmails("(georgiana.dinu|marco.baroni)@unitn.it"), [
    "georgiana.dinu@unitn.it",
    "marco.baroni@unitn.it",
  ]);
  assert.deepEqual(findEmails("jane @ uni . edu"), ["jane@uni.edu"]);
  assert.deepEqual(findEmails("no address here"), []);
});

test("authors: affiliation marks removed, one name per line or separated by commas and 'and'", () => {
  const names = splitAuthors(
    "Matthew T. Maurano 1,* , Hao Wang 1,* , Sam John 1\nJohn A. Stamatoyannopoulos 1,2",
  );
  assert.deepEqual(
    names.map((n) => n.family),
    ["Maurano", "Wang", "John", "Stamatoyannopoulos"],
  );
  assert.equal(names[0].given, "Matthew T.");
  assert.deepEqual(
    splitAuthors("Georgiana Dinu and Marco Baroni").map((n) => n.family),
    ["Dinu", "Baroni"],
  );
  assert.deepEqual(
    splitAuthors("Chungki Lee\nJames E. Burns").map((n) => n.family),
    ["Lee", "Burns"],
  );
  assert.deepEqual(
    splitAuthors("Peter Becker / Anne Pintz").map((n) => n.family),
    ["Becker", "Pintz"],
  );
  assert.ok(NAMES_LINE.test("Peter Becker / Anne Pintz"), "a line of names separated by a slash");
});

test("the GROBID header TEI reader keeps line breaks and maps tags to labels", () => {
  const h = readGrobidHeaderTei(
    `<tei><text><front>Journal of Things<lb/>
      <docTitle><titlePart>A Title<lb/> on Two Lines</titlePart></docTitle>
      <byline><docAuthor>Ann Smith</docAuthor></byline>
      <byline><affiliation>Dept. of X</affiliation></byline> <address>Paris</address>
      <email>ann@x.org</email>
      <div type="abstract">We do things.</div></front></text></tei>`,
    "t",
  );
  assert.ok(h);
  const field = (label: string) =>
    h.spans.filter((s) => s.label === label).map((s) => h.text.slice(s.start, s.end));
  assert.deepEqual(field("title"), ["A Title\non Two Lines"]);
  assert.deepEqual(field("author"), ["Ann Smith"]);
  assert.deepEqual(field("affiliation"), ["Dept. of X Paris"]);
  assert.deepEqual(field("abstract"), ["We do things."]);
  assert.ok(h.text.startsWith("Journal of Things\nA Title"));
});

test("the CiteSeer header reader reads +L+ as line breaks", () => {
  const [h] = readCiteseerHeaders(
    "<title> A Title +L+ Continued +L+ </title> <author> Ann Smith +L+ </author>\n",
    "cs",
  );
  assert.equal(h.text, "A Title\nContinued\nAnn Smith");
  assert.deepEqual(
    h.spans.map((s) => s.label),
    ["title", "author"],
  );
});

test("author blocks side by side or stacked: the second name is an author, not the first one's affiliation", () => {
  const row = [
    textLine("Alexander Smola", { top: 115, size: 12, x: 80 }),
    textLine("Shravan Narayanamurthy", { top: 115.5, size: 12, x: 330 }),
    textLine("Yahoo! Research, Santa Clara, CA, USA", { top: 128, size: 10, x: 80 }),
    // In the row, but not a name: an affiliation in the author's type.
    textLine("Yahoo! Labs, Bangalore", { top: 115, size: 12, x: 480 }),
  ];
  assert.deepEqual(namesInAuthorRow(row, [{ family: "Smola", given: "Alexander" }]), [
    "Shravan Narayanamurthy",
  ]);
  const stacked = [
    textLine("Charles Q. Lau, Survey Research Division, RTI International", {
      top: 117,
      size: 12,
      bold: true,
    }),
    textLine("Gretchen McHenry, Survey Research Division, RTI International", {
      top: 130,
      size: 12,
      bold: true,
    }),
    textLine("15.01.2014", { top: 155, size: 12 }),
  ];
  assert.deepEqual(namesInAuthorRow(stacked, [{ family: "Lau", given: "Charles Q." }]), ["Gretchen McHenry"]);
  assert.deepEqual(namesInAuthorRow(stacked.slice(0, 1), [{ family: "Lau", given: "Charles Q." }]), []);
});

test("a byline after a footnote mark: both names", () => {
  assert.deepEqual(splitAuthors("* by Talat Mahmood and Klaus Schömann"), [
    { family: "Mahmood", given: "Talat" },
    { family: "Schömann", given: "Klaus" },
  ]);
});

test("people a note thanks are not authors", () => {
  const lines = [
    textLine("Carola Frege*", { top: 60, size: 18 }),
    textLine("** I wish to thank Ray Richardson, John Kelly and David Marsden for their comments", {
      top: 400,
    }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const span = (name: string) => {
    const start = text.indexOf(name);
    return { label: "author" as const, start, end: start + name.length, text: name, confidence: 0.9 };
  };
  const names = authorLines(lines, text, [
    span("Carola Frege"),
    span("Ray Richardson, John Kelly and David Marsden"),
  ]);
  assert.deepEqual(
    splitAuthors(names).map((n) => n.family),
    ["Frege"],
  );
});

test("a mark between a name and 'and' parts the two persons", () => {
  const lines = [
    textLine("Denis Girou∗, Christophe Jorssen†, Manuel Luque‡and Herbert Voß§", { top: 60, size: 12 }),
  ];
  const text = lines[0].text;
  const first = "Denis Girou∗, Christophe Jorssen†";
  const span = { label: "author" as const, start: 0, end: first.length, text: first, confidence: 0.9 };
  assert.deepEqual(
    splitAuthors(authorLines(lines, text, [span])).map((n) => n.family),
    ["Girou", "Jorssen", "Luque", "Voß"],
  );
});

test("no line of the title is an author's, whatever the model says", () => {
  const lines = [
    textLine("Das randbild-Package – Mini-Kurven auf dem", { top: 60, size: 17.5 }),
    textLine("Rand∗", { top: 80, size: 17.5 }),
    textLine("Paul Ebermann†", { top: 104, size: 12 }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const start = text.indexOf("Rand∗");
  const span = {
    label: "author" as const,
    start,
    end: text.length,
    text: text.slice(start),
    confidence: 0.9,
  };
  assert.deepEqual(
    splitAuthors(authorLines(lines, text, [span], { first: 0, last: 1 })).map((n) => n.family),
    ["Ebermann"],
  );
  assert.ok(splitAuthors(authorLines(lines, text, [span])).some((n) => n.family === "Rand"));
});

test("a name under its institution's block, the third run under the title; not past runs that name no institution", () => {
  const block = (second: string) => [
    textLine("spacetime: Spatio-Temporal Data in R", { top: 222, size: 17, bold: true }),
    textLine("ifgi", { top: 262, size: 8.5, bold: true }),
    textLine(second, { top: 273, size: 8.5 }),
    textLine("University of Münster", { top: 283, size: 8.5 }),
    textLine("Edzer Pebesma", { top: 309, size: 11, bold: true }),
    textLine("Abstract", { top: 358, size: 10, bold: true }),
  ];
  assert.deepEqual(
    splitAuthors(namesBesideTitle(block("Institute for Geoinformatics"), 0, 0)).map((n) => n.family),
    ["Pebesma"],
  );
  const notes = block("Draft notes").map((l, i) =>
    i === 3 ? textLine("Second draft", { top: 283, size: 8.5 }) : l,
  );
  assert.equal(namesBesideTitle(notes, 0, 0), "");
});

test("names a line over the title are a person each; places an abstract lists are no authors", () => {
  const lines = [
    textLine("Irina Busygina", { top: 38, size: 12 }),
    textLine("Mikhail Filippov", { top: 55, size: 12 }),
    textLine("NORTHERN DIMENSION:", { top: 80, size: 11 }),
  ];
  assert.deepEqual(
    splitAuthors(namesBesideTitle(lines, 2, 2)).map((n) => n.family),
    ["Busygina", "Filippov"],
  );
  const abstract = [
    textLine("This article is devoted to the initiative of the European Union which also includes", {
      top: 30,
      size: 9,
    }),
    textLine("North-West Russia, Norway and Iceland. It is noted", { top: 41, size: 9 }),
    textLine("that the initiative in the theoretical perspective can be considered as part of", {
      top: 51,
      size: 9,
    }),
  ];
  const text = abstract.map((l) => l.text.trim()).join("\n");
  const start = text.indexOf("North-West");
  const span = {
    label: "author" as const,
    start,
    end: start + 37,
    text: text.slice(start, start + 37),
    confidence: 0.9,
  };
  assert.equal(authorLines(abstract, text, [span]), "");
});

test("a book review's author is its reviewer, named under the book", () => {
  const lines = [
    textLine("Franziska Wilke (2015): Betreuungsbiographien von Kindern im", { top: 34 }),
    textLine("Rezension von Andrea G. Eckhardt", { top: 84 }),
  ];
  assert.equal(reviewerOf(lines), "Andrea G. Eckhardt");
  assert.equal(reviewerOf([textLine("Reviewed by Jane Smith", { top: 10 })]), "Jane Smith");
  assert.equal(reviewerOf([textLine("Review of the literature by field", { top: 10 })]), undefined);
});

test("a word of the title's last line is not an author, though the model's author span began on it", () => {
  const lines = [
    textLine("How and Why to Free the Literature Online, Now", { top: 60, size: 13 }),
    textLine("Stevan Harnad", { top: 80, size: 12 }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const at = (label: "title" | "author", part: string) => {
    const start = text.indexOf(part);
    return { label, start, end: start + part.length, text: part, confidence: 0.9 };
  };
  const spans = [
    at("title", "How and Why to Free the Literature Online,"),
    at("author", "Now\nStevan Harnad"),
  ];
  assert.deepEqual(
    splitAuthors(authorLines(lines, text, spans)).map((n) => n.family),
    ["Harnad"],
  );
});

test("keywords only under a printed label, each a few words", () => {
  const span = (text: string, part: string): TaggedSpan => {
    const start = text.indexOf(part);
    return { label: "keyword", start, end: start + part.length, text: part, confidence: 0.9 };
  };
  const labelled = "A Study of Things\nKeywords: things, matter, the study of many small things";
  assert.deepEqual(
    keywordsOf([span(labelled, "Keywords: things, matter, the study of many small things")], labelled),
    ["things", "matter", "the study of many small things"],
  );
  const german = "Titel\nSchlagwörter: Arbeit; Lohn";
  assert.deepEqual(keywordsOf([span(german, "Schlagwörter: Arbeit; Lohn")], german), ["Arbeit", "Lohn"]);
  // A publisher's notice the model read as keywords: no label printed, no keywords.
  const notice =
    "Title\nDie TeXnische Komödie ist die Mitgliedszeitschrift von DANTE, Einzelne Hefte können erworben werden";
  assert.deepEqual(keywordsOf([span(notice, notice.split("\n")[1])], notice), []);
  // Under a label, a sentence between two commas is no keyword.
  const run =
    "Title\nKeywords: things, and then a whole sentence that the model ran on into from the text below";
  assert.deepEqual(keywordsOf([span(run, run.split("\n")[1])], run), ["things"]);
});

test("a lone capital without its stop is no given name; a middle initial without it is", () => {
  assert.deepEqual(
    splitAuthors("Dirk Eddelbuettel, Romain François\nR Enthusiasts").map((a) => a.family),
    ["Eddelbuettel", "François"],
  );
  // The model gave "Rob" to the title: the whole line, a name, is the author's.
  const lines = [
    textLine("Rob J Hyndman", { top: 60, size: 12 }),
    textLine("Yeasmin Khandakar", { top: 80, size: 12 }),
  ];
  const text = lines.map((l) => l.text).join("\n");
  const span = { label: "author" as const, start: 4, end: text.length, text: text.slice(4), confidence: 0.9 };
  assert.deepEqual(
    splitAuthors(authorLines(lines, text, [span])).map((n) => `${n.given} ${n.family}`),
    ["Rob J Hyndman", "Yeasmin Khandakar"],
  );
});

test("an organisation under a name, German or English, is no person", () => {
  assert.deepEqual(
    splitAuthors("Idris Samawi Hamid\nDeutschsprachige Anwendervereinigung TEX e.V.").map((a) => a.family),
    ["Hamid"],
  );
  assert.deepEqual(
    splitAuthors("Ann Smith\nMax-Planck-Gesellschaft\nHans-Böckler-Stiftung").map((a) => a.family),
    ["Smith"],
  );
  // A university's centres and departments ("EDV-Zentrum der TU Wien, Abt. Digitalrechenanlage").
  assert.deepEqual(
    splitAuthors("EDV-Zentrum der TU Wien, Abt. Digitalrechenanlage\nHubert Partl\nData Science Center").map(
      (a) => a.family,
    ),
    ["Partl"],
  );
});

/** A byline whose names carry marks in superscript (one or a run), glued to them as the text layer gives them. */
function markedLine(parts: Array<[string, ...string[]]>, top: number, size = 10): Line {
  const words: PdfWord[] = [];
  let x = 50;
  const word = (text: string, fontSize: number, raise: number, spaceAfter: boolean) => {
    const x1 = x + text.length * fontSize * 0.5;
    words.push({
      text,
      x0: x,
      x1,
      top: top - raise,
      bottom: top - raise + fontSize,
      baseline: top + size * 0.8 - raise,
      fontSize,
      font: "Times",
      bold: false,
      italic: false,
      spaceAfter,
    });
    x = spaceAfter ? x1 + fontSize * 0.25 : x1;
  };
  for (const [name, ...marks] of parts) {
    const ws = name.split(" ").filter(Boolean);
    ws.forEach((w, i) => {
      word(w, size, 0, i < ws.length - 1 || marks.length === 0);
    });
    marks.forEach((m, i) => {
      word(m, size * 0.7, size * 0.35, i === marks.length - 1);
    });
  }
  return makeLine(words, 1);
}

test("marks in superscript are set apart from the names they follow: a mark's letter is no part of the name", () => {
  const line = markedLine(
    [
      ["Jos Migchielsen", "a,1,∗"],
      [", CV Radhakrishnan", "b,2"],
      [", CV Rajagopal", "c,1,3"],
    ],
    150,
  );
  assert.equal(line.text, "Jos Migchielsena,1,∗ , CV Radhakrishnanb,2 , CV Rajagopalc,1,3");
  assert.deepEqual(
    splitAuthors(marksSetApart(line.text, line)).map((n) => n.family),
    ["Migchielsen", "Radhakrishnan", "Rajagopal"],
  );
  // Cut inside its mark, the name loses the mark's letters too.
  assert.equal(marksSetApart("CV Rajagopalc", line), "CV Rajagopal ");
  // A run of marks after a name's comma (revtex's "A. Author,1,b) B. Author,1,c)").
  const revtex = markedLine(
    [
      ["A. Author,", "1,", "b)"],
      ["B. Author,", "1,", "c)"],
    ],
    126,
  );
  assert.equal(revtex.text, "A. Author,1,b) B. Author,1,c)");
  assert.deepEqual(
    splitAuthors(marksSetApart(revtex.text, revtex)).map((n) => `${n.given} ${n.family}`),
    ["A. Author", "B. Author"],
  );
});

test("an author block a person, each name over its institution: the names after the first in its type", () => {
  const lines = [
    textLine("This is a specimen title", { top: 100, size: 14.5 }),
    markedLine([["Jos Migchielsen", "1,∗"]], 130),
    textLine("Elsevier B.V., Radarweg 29, 1043 NX Amsterdam, The Netherlands", { top: 150, size: 8 }),
    markedLine([["CV Radhakrishnan", "2"]], 170),
    textLine("Sayahna Foundations, JWRA 34, Jagathy, Trivandrum 695014, India", { top: 190, size: 8 }),
    markedLine([["CV Rajagopal", "1,3"]], 210),
    textLine("STM Document Engineering Pvt Ltd., Mepukada, Malayinkil, Trivandrum 695571, India", {
      top: 230,
      size: 8,
    }),
    textLine("Abstract", { top: 290, size: 10, bold: true }),
  ];
  assert.deepEqual(
    splitAuthors(namesAfter(lines, 1).join("\n")).map((n) => `${n.given} ${n.family}`),
    ["CV Radhakrishnan", "CV Rajagopal"],
  );
});

test("a name the model read as an institution counts where each name stands over its own institution", () => {
  // The Archives of Forensic Psychology's byline: the model read the last of four names as an affiliation.
  const lines = [
    textLine("Unnecessarily Complicated Research Title", { top: 180, size: 14.5 }),
    textLine("John Smith", { top: 212, size: 10 }),
    textLine("Department, University, City, State, Country", { top: 231, size: 8 }),
    textLine("Peter Sellers", { top: 301, size: 10 }),
    textLine("Department, University, City, State, Country", { top: 318, size: 8 }),
    textLine("Jay P. Singh", { top: 345, size: 10 }),
    textLine("Department, University, City, State, Country", { top: 360, size: 8 }),
    textLine("Carnegie Mellon", { top: 372, size: 10 }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const span = (label: TaggedSpan["label"], part: string): TaggedSpan => {
    const start = text.indexOf(part);
    return { label, start, end: start + part.length, text: part, confidence: 0.9 };
  };
  const spans = [
    span("author", "John Smith"),
    span("author", "Peter Sellers"),
    span("affiliation", "Jay P. Singh"),
    span("affiliation", "Carnegie Mellon"),
  ];
  // Not "Carnegie Mellon": in the names' type, but over no institution of its own.
  assert.deepEqual(
    splitAuthors(authorLines(lines, text, spans)).map((n) => n.family),
    ["Smith", "Sellers", "Singh"],
  );
  // Nor a name the model read as an institution with no institution of another type before it.
  const close = [lines[0], lines[1], lines[5]];
  const closeText = close.map((l) => l.text.trim()).join("\n");
  const at = (label: TaggedSpan["label"], part: string): TaggedSpan => {
    const start = closeText.indexOf(part);
    return { label, start, end: start + part.length, text: part, confidence: 0.9 };
  };
  assert.deepEqual(
    splitAuthors(
      authorLines(close, closeText, [at("author", "John Smith"), at("affiliation", "Jay P. Singh")]),
    ).map((n) => n.family),
    ["Smith"],
  );
});

test("review: an institution that reads as a name, which the model read as one, stays an institution", () => {
  for (const place of ["Carnegie Mellon", "Mayo Clinic", "Bell Labs", "Georgia Tech"]) {
    const lines = [
      textLine("A Title of the Paper", { top: 60, size: 14.5 }),
      textLine("Ann Smith", { top: 90, size: 11 }),
      textLine("ann@example.org", { top: 104, size: 9 }),
      textLine(place, { top: 118, size: 11 }),
      textLine("5000 Forbes Avenue, Pittsburgh, PA", { top: 132, size: 9 }),
    ];
    const text = lines.map((l) => l.text.trim()).join("\n");
    const span = (label: TaggedSpan["label"], part: string): TaggedSpan => {
      const start = text.indexOf(part);
      return { label, start, end: start + part.length, text: part, confidence: 0.9 };
    };
    assert.deepEqual(
      splitAuthors(authorLines(lines, text, [span("author", "Ann Smith"), span("affiliation", place)])).map(
        (n) => n.family,
      ),
      ["Smith"],
      place,
    );
  }
});

test("a date the model labelled is the header's, not one of the abstract's sentences", () => {
  const lines = [
    textLine("The elbioimp class", { top: 60, size: 17 }),
    textLine("This paper describes the implementation of the document class elbioimp.", { top: 100 }),
    textLine("It corresponds to elbioimp v1.2, dated", { top: 112 }),
    textLine("2011/03/02.", { top: 124 }),
    textLine("Received 2 March 2011", { top: 150 }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const span = (label: TaggedSpan["label"], from: string, to = from): TaggedSpan => {
    const start = text.indexOf(from);
    const end = text.indexOf(to) + to.length;
    return { label, start, end, text: text.slice(start, end), confidence: 0.9 };
  };
  const abstract = span("abstract", "This paper describes", "dated");
  assert.equal(headerDate([abstract, span("date", "2011/03/02.")], lines), undefined);
  assert.equal(
    headerDate([abstract, span("date", "2011/03/02."), span("date", "2 March 2011")], lines),
    "2 March 2011",
  );
  // Nor a version's date after its stamp.
  const stamped = [textLine("llncs, Version 2.22, Sep 05, 2022", { top: 60 })];
  const at = stamped[0].text.indexOf("Sep");
  const date: TaggedSpan = { label: "date", start: at, end: at + 12, text: "Sep 05, 2022", confidence: 0.9 };
  assert.equal(headerDate([date], stamped), undefined);
});

test("a generation after a whole name is no family name; LaTeX's unresolved marks are marks", () => {
  assert.deepEqual(
    splitAuthors("John H. Lienhard V").map((n) => `${n.given} ${n.family}`),
    ["John H. Lienhard"],
  );
  assert.deepEqual(
    splitAuthors("Martin Luther King Jr. and Ann Smith").map((n) => n.family),
    ["King", "Smith"],
  );
  assert.deepEqual(
    splitAuthors("Keith T. Smith1?†").map((n) => `${n.given} ${n.family}`),
    ["Keith T. Smith"],
  );
  // A middle initial without its stop stays a given name's.
  assert.deepEqual(
    splitAuthors("Rob J Hyndman").map((n) => `${n.given} ${n.family}`),
    ["Rob J Hyndman"],
  );
});

test("a society's grade after a name and an author note's heading are no persons", () => {
  assert.deepEqual(
    splitAuthors("Patrick Egan\nA. N. Other, MEMBER SPIE").map((n) => `${n.given} ${n.family}`),
    ["Patrick Egan", "A. N. Other"],
  );
  assert.deepEqual(
    splitAuthors("Daniel A. Weiss\nAuthor Note\nDaniel A. Weiss,").map((n) => n.family),
    ["Weiss"],
  );
});

test("names after the first beside the title are taken only apart from it by a line in another type", () => {
  const lines = [
    textLine("A Title of Things", { top: 100, size: 14.5 }),
    textLine("John Smith", { top: 130 }),
    textLine("Google Brain", { top: 142 }),
    textLine("Mountain View, USA", { top: 154, size: 8 }),
    textLine("Jane Doe", { top: 170 }),
    textLine("ETH Zurich", { top: 182, size: 8 }),
  ];
  assert.deepEqual(namesAfter(lines, 1, undefined, true), ["Jane Doe"]);
});
