import assert from "node:assert/strict";
import { test } from "node:test";
import { makeLine } from "../../layout/lines.ts";
import type { LaidOutDocument, Line } from "../../layout/types.ts";
import { type LineOptions, textLine } from "../../testing/lines.ts";
import { segmentDocument } from "./segment.ts";

function doc(lines: Line[]): LaidOutDocument {
  const pages = [...new Set(lines.map((l) => l.page))].map((n) => ({
    number: n,
    width: 600,
    height: 800,
    columns: 1 as const,
  }));
  return { pages, lines, fonts: { bodySize: 10, largestSize: 18 } };
}

function paper(page0: Line[] = []): Line[] {
  let top = 60;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, page: 1 + (page0.length ? 1 : 0), ...o });
    top += 14;
    return l;
  };
  return [
    ...page0,
    at("A Study of Things", { size: 18, bold: true, blockStart: true }),
    at("Ann Smith and Bob Jones", { blockStart: true }),
    at("Abstract", { bold: true, blockStart: true }),
    at("We study things.", { blockStart: true }),
    at("1 Introduction", { bold: true, blockStart: true }),
    at("Things matter [1].", { blockStart: true }),
    at("Acknowledgements", { bold: true, blockStart: true }),
    at("We thank the funders.", { blockStart: true }),
    at("References", { bold: true, blockStart: true }),
    at("[1] A. Smith. Things. 2001.", { size: 9, blockStart: true }),
    at("[2] B. Jones. More things. 2002.", { size: 9 }),
    at("Appendix A. Proofs", { bold: true, blockStart: true }),
    at("Proof of the theorem.", { blockStart: true }),
  ];
}

test("zones: header to the introduction, body, acknowledgements, references to the appendix", () => {
  const lines = paper();
  const { zones } = segmentDocument(doc(lines));
  const zoneOf = (text: string) => zones[lines.findIndex((l) => l.text === text)];
  assert.equal(zoneOf("A Study of Things"), "header");
  assert.equal(zoneOf("We study things."), "header");
  assert.equal(zoneOf("1 Introduction"), "heading");
  assert.equal(zoneOf("Things matter [1]."), "body");
  assert.equal(zoneOf("We thank the funders."), "acknowledgement");
  assert.equal(zoneOf("[1] A. Smith. Things. 2001."), "references");
  assert.equal(zoneOf("[2] B. Jones. More things. 2002."), "references");
  assert.equal(zoneOf("Appendix A. Proofs"), "heading");
  assert.equal(zoneOf("Proof of the theorem."), "annex");
});

test("a numbered affiliation with an address is no section heading: the header goes on to the abstract", () => {
  let top = 60;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, blockStart: true, ...o });
    top += 14;
    return l;
  };
  const lines = [
    at("A Study of Things", { size: 18, bold: true }),
    at("Ann Smith1 and Bob Jones2"),
    at("1 Independent Researcher, Prague, Czech Republic; E-Mail: ann@post.cz"),
    at("Abstract", { bold: true }),
    at("We study things."),
    at("1 Introduction", { bold: true }),
    at("Things matter."),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones, ["header", "header", "header", "header", "header", "heading", "body"]);
});

test("a repository's cover page is set aside and the header is the paper's own", () => {
  const cover = [
    textLine("www.ssoar.info", { top: 40, blockStart: true }),
    textLine("Suggested Citation: Smith, Ann: A Study of Things", { top: 60 }),
    textLine("Terms of use: this document is made available under a licence", { top: 80 }),
  ];
  const lines = paper(cover);
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(0, 3), ["cover", "cover", "cover"]);
  assert.equal(zones[3], "header");
});

test("a paper's first page that names one cover mark in its own words is no cover", () => {
  // "… can be freely downloaded from CRAN" in an abstract: one mark alone, the paper's first page, its header.
  const first = paper().map((l) =>
    l.text === "We study things."
      ? textLine("The package can be freely downloaded from CRAN.", {
          top: l.top,
          page: l.page,
          blockStart: true,
        })
      : l,
  );
  const lines = [...first, textLine("More things.", { page: 2, top: 60, blockStart: true })];
  const { zones } = segmentDocument(doc(lines));
  assert.ok(!zones.includes("cover"));
  assert.deepEqual(zones.slice(0, 4), ["header", "header", "header", "header"]);
});

/** A paper whose page 2 holds a list of three references, then `after` (each line a block of its own unless set). */
function listThen(after: Array<[string, Parameters<typeof textLine>[1]?]>): Line[] {
  let top = 60;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, page: 2, blockStart: true, ...o });
    top += 14;
    return l;
  };
  return [
    textLine("A Study of Things", { top: 60, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 90, bold: true, size: 12, blockStart: true }),
    textLine("Things matter (Smith 2001).", { top: 110, blockStart: true }),
    at("References", { bold: true }),
    at("Smith, Ann (2001), Things, Paris: Colin."),
    at("Jones, Bob (2002), More things, Paris: Seuil."),
    at("Lee, Carl (2003), Other things, Bonn: Dietz."),
    ...after.map(([text, o]) => at(text, o)),
  ];
}

test("a reference list ends at a back-matter abstract in another language, its bold title with it", () => {
  const lines = listThen([
    ["Demokratisierung und politische Partizipation", { bold: true }],
    ["Zusammenfassung: Während der letzten zwei Jahrzehnte"],
    ["profitierten die Mbororo von einer neuen Politik.", { blockStart: false }],
  ]);
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4), ["references", "references", "references", "heading", "annex", "annex"]);
});

test("a reference list ends at the editor's dates, an author's note and the publisher's rights", () => {
  for (const after of [
    "Received on: 05/08/2014",
    "( Received 01 November 2013; accepted 06 November 2013 )",
    "Manuskriptendfassung eingegangen am 12. April 2003.",
    "Autorennotiz: Andreas Steinhauf, Ethnologe, ist Mitarbeiter am Institut.",
    "Dr. phil. Jörg Zirfas, Jahnstrasse 8, D-12623 Berlin.",
    "© Stiftung Wissenschaft und Politik, 2012",
  ]) {
    const { zones } = segmentDocument(doc(listThen([[after]])));
    assert.deepEqual(zones.slice(4), ["references", "references", "references", "annex"], after);
  }
  // Without them, a last line that starts like a reference stays in the list.
  const { zones } = segmentDocument(doc(listThen([["Kim, Dan (2004), Last things, Bonn: Dietz."]])));
  assert.equal(zones.at(-1), "references");
});

test("a list in the running text without a heading, set with hanging indents, is a reference list", () => {
  let top = 60;
  const at = (text: string, x = 50, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, x, size: 9, page: 2, ...o });
    top += 11;
    return l;
  };
  const lines = [
    textLine("Income and Consumption", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 90, bold: true, size: 12, blockStart: true }),
    at("Incomes grew, as Diener et al. (1993) and Easterlin (2004) found.", 50, { blockStart: true }),
    at("Consumption grew less.", 50),
    at("Diener, Ed; Sandvik, Ed; Seidlitz, Larry;", 50, { blockStart: true }),
    at("Diener, Marissa, 1993: The Relationship", 61),
    at("Between Income and Well-Being.", 61),
    at("Easterlin, Richard, 2004: Diminishing Mar-", 50),
    at("ginal Utility of Income? A Caveat.", 61),
    at("Noll, Heinz-Herbert; Weick, Stefan, 2005:", 50),
    at("Markante Unterschiede. ISI 34, S. 1-5.", 61),
    at("Heinz-Herbert Noll und Stefan Weick, GESIS", 61, { blockStart: true, bold: true }),
    at("A sentence of the next article, Smith, who wrote in 2001, said so.", 50, { blockStart: true }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(2), [
    "body",
    "body",
    "references",
    "references",
    "references",
    "references",
    "references",
    "references",
    "references",
    // The authors' byline in bold after the list is set apart as a heading, not taken into the list.
    "heading",
    "body",
  ]);
});

/**
 * A report's annex: its title, its first heading, a sentence of text, then `rows` in the text's type on page 2
 * (a block set apart by a point more).
 */
function reportAnnex(rows: Array<[string, LineOptions?]>): Line[] {
  let top = 60;
  const at = (text: string, o: LineOptions = {}) => {
    top += o.blockStart ? 12 : 11;
    return textLine(text, { top, size: 10, page: 2, ...o });
  };
  return [
    textLine("Volkszählung 1970", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Einleitung", { top: 50, bold: true, size: 12, blockStart: true }),
    at("Die Zählung von 1970 wird hier dokumentiert, mit allen Quellen.", { blockStart: true }),
    ...rows.map(([text, o]) => at(text, o)),
  ];
}

test("a list without a heading or indents, each entry a block opening with its author and year, is a reference list", () => {
  const lines = reportAnnex([
    ["Ergebnisse", { blockStart: true, bold: true }],
    [
      "Statistisches Bundesamt (1972): Ausgewählte Strukturdaten für Bund und Länder. Fachserie A:",
      { blockStart: true },
    ],
    ["Bevölkerung und Kultur. Volkszählung vom 27. Mai 1970, Heft 1."],
    [
      "Statistisches Bundesamt (1974): Bevölkerung und Haushalte. Fachserie A: Bevölkerung und",
      { blockStart: true },
    ],
    ["Kultur. Volkszählung vom 27. Mai 1970, Heft 8."],
    ["Statistisches Bundesamt (1974): Ausländer. Fachserie A: Bevölkerung und Kultur.", { blockStart: true }],
    ["Volkszählung vom 27. Mai 1970, Heft 23."],
    // Paragraphs of text that open with a name and a comma are no entries without their year in brackets.
    ["Müller, der 1970 zählte, schrieb darüber ausführlich und", { blockStart: true }],
    ["mit vielen Tabellen."],
  ]);
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4), [...Array(6).fill("references"), "body", "body"]);
});

test("such a list's topic headings between its entries are passed over, not taken into it", () => {
  const lines = reportAnnex([
    ["Konzeption und Durchführung", { blockStart: true, bold: true }],
    [
      "Statistisches Bundesamt (1978a): Volkszählung vom 27. Mai 1970. Methodische Vorbereitung.",
      { blockStart: true },
    ],
    [
      "Statistisches Bundesamt (1978b): Volkszählung vom 27. Mai 1970. Untersuchungen zur Methode",
      { blockStart: true },
    ],
    ["und Genauigkeit der Volkszählung 1970. Fachserie 1 Heft 26."],
    ["Ergebnisse", { blockStart: true, bold: true }],
    ["Statistisches Bundesamt (1972): Ausgewählte Strukturdaten für Bund und Länder.", { blockStart: true }],
    ["Statistisches Bundesamt (1974): Ausländer. Fachserie A: Bevölkerung und Kultur.", { blockStart: true }],
  ]);
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4), [
    "references",
    "references",
    "references",
    "heading",
    "references",
    "references",
  ]);
});

test("a reference list goes on past a box in small print in the column beside it, set as the list is", () => {
  let top = 60;
  const at = (text: string, column: number, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, page: 2, size: 9.5, ...o });
    l.column = column;
    top += 12;
    return l;
  };
  // Entries at the column's edge, their later lines set in by 11 points; the years come last.
  const entries = (column: number, x: number, names: string[]) =>
    names.flatMap((name) => [
      at(`${name}, »Formale Aufwertung – geringe Schubkraft:`, column, { x, blockStart: true }),
      at("die Rolle der nationalen Parlamente«, in:", column, { x: x + 11 }),
      at("integration, 31 (Juli 2008) 3, S. 254–265.", column, { x: x + 11 }),
    ]);
  const lines = [
    textLine("A Study of Things", { top: 60, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 90, bold: true, size: 12, blockStart: true }),
    textLine("Things matter (Smith 2001).", { top: 110, blockStart: true }),
    at("Literatur", 0, { bold: true, blockStart: true, x: 50, size: 12 }),
    ...entries(0, 50, ["Bovenschulte, Andreas", "Buschmann, Marco", "Calliess, Christian"]),
  ];
  top = 60;
  const box = [
    at("© Stiftung Wissenschaft und", 1, { x: 240, size: 7.5, blockStart: true }),
    at("Politik, 2012", 1, { x: 240, size: 7.5 }),
    at("Alle Rechte vorbehalten", 1, { x: 240, size: 7.5 }),
    at("SWP", 1, { x: 240, size: 7.5, bold: true, blockStart: true }),
    at("Ludwigkirchplatz 3–4", 1, { x: 240, size: 7.5, blockStart: true }),
    at("10719 Berlin", 1, { x: 240, size: 7.5 }),
  ];
  top = 60;
  const after = entries(2, 359, ["Hölscheidt, Sven", "Kiiver, Philipp", "Mellein, Christine"]);
  const all = [...lines, ...box, ...after];
  const { zones } = segmentDocument(doc(all));
  const zoneOf = (l: Line) => zones[all.indexOf(l)];
  assert.ok(
    after.every((l) => zoneOf(l) === "references"),
    "the list goes on in the third column",
  );
  assert.ok(
    box.every((l) => zoneOf(l) !== "references"),
    "the box is not in it",
  );
  // A column beside it set otherwise (no hanging indent) is not the list's.
  const prose = after.map((l) => {
    const p = textLine(l.text, { top: l.top, page: 2, size: 9.5, x: 359, blockStart: l.blockStart });
    p.column = 2;
    return p;
  });
  const other = [...lines, ...box, ...prose];
  const z2 = segmentDocument(doc(other)).zones;
  assert.ok(prose.every((l) => z2[other.indexOf(l)] !== "references"));
});

test("an abstract heading over a report's title and byline: the abstract is the paragraph after them", () => {
  let top = 60;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, size: 12, ...o });
    top += 14;
    return l;
  };
  const lines = [
    at("ABSTRACT", { blockStart: true }),
    at("Assessing the Migration Decision of Indian IT-Graduates", { bold: true, blockStart: true }),
    at("by Talat Mahmood and Klaus Schömann", { blockStart: true }),
    at("Research hypotheses from various migration-theory approaches are tested", { blockStart: true }),
    at("through a survey of IT graduates in India, and the results discussed."),
    at("The body of the paper starts here, in a block of its own.", { blockStart: true }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones, ["header", "header", "header", "header", "header", "body"]);
});

test("a report's abstract on the page after its title page and imprint is the header's", () => {
  const lines = [
    textLine("Groupwork Without a Supervisor", { page: 1, top: 100, size: 18, bold: true, blockStart: true }),
    textLine("Jane Worker", { page: 1, top: 130, blockStart: true }),
    textLine("Published by the Research Centre, Berlin 2001", { page: 2, top: 100, blockStart: true }),
    textLine("Abstract", { page: 3, top: 60, bold: true, blockStart: true }),
    textLine("Groupwork is a form of work organisation typical for German factories.", {
      page: 3,
      top: 76,
      blockStart: true,
    }),
    textLine("Its meaning has remained unchanged despite the new organisation.", { page: 3, top: 90 }),
    textLine("1 Introduction", { page: 4, top: 60, bold: true, size: 12, blockStart: true }),
    textLine("The body of the paper.", { page: 4, top: 80, blockStart: true }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(3, 6), ["header", "header", "header"]);
  assert.equal(zones[2], "body", "the imprint between them is not");
  assert.equal(zones[7], "body");
});

test("an abstract that runs on over the page stays in the header, to its paragraph's end", () => {
  const at = (text: string, page: number, top: number, o: Parameters<typeof textLine>[1] = {}) =>
    textLine(text, { page, top, ...o });
  const lines = [
    at("For Whom the Gate Tolls?", 1, 60, { size: 18, bold: true, blockStart: true }),
    at("Abstract: All refereed journals will soon be available online, and", 1, 100, { blockStart: true }),
    at("their authors have always given their reports away for free (and its", 1, 114),
    at("* Address all communications to the author.", 1, 700, { size: 8, blockStart: true }),
    at("referees have refereed for free), with the sole goal of impact, so that", 2, 60, {
      blockStart: true,
    }),
    at("everyone can read them.", 2, 74),
    at("Since the first journals went online, much has changed in the way that", 2, 100, {
      blockStart: true,
    }),
    at("papers are read.", 2, 114),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones, ["header", "header", "header", "footnote", "header", "header", "body", "body"]);
});

test("an abstract's translation after it, under its own heading, is kept apart from the header", () => {
  const at = (text: string, top: number, o: Parameters<typeof textLine>[1] = {}) =>
    textLine(text, { top, ...o });
  const lines = [
    at("Lebenslaufpolitik in den Niederlanden", 60, { size: 18, bold: true, blockStart: true }),
    at("Abstract", 100, { size: 14, bold: true, blockStart: true }),
    at("The article investigates two legal provisions.", 120, { blockStart: true }),
    at("Zusammenfassung", 150, { size: 14, bold: true, blockStart: true }),
    at("Der Artikel untersucht zwei gesetzliche Regelungen.", 170, { blockStart: true }),
    at("Die Regelungen werden beschrieben.", 200, { blockStart: true }),
  ];
  const { zones, translatedAbstract } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(0, 3), ["header", "header", "header"]);
  assert.deepEqual(translatedAbstract, [3, 4]);
});

test("a report's abstract on the page after its imprint is found under a page number", () => {
  const at = (text: string, page: number, top: number, o: Parameters<typeof textLine>[1] = {}) =>
    textLine(text, { page, top, ...o });
  const lines = [
    at("First line supervision without any supervisor", 1, 60, { size: 18, bold: true, blockStart: true }),
    at("Delphine Corteel", 1, 100, { blockStart: true }),
    ...["Research Area:", "Labour Market and", "Employment", "Research Unit:", "Economic Change"].map(
      (t, i) => at(t, 2, 60 + 14 * i, { blockStart: i % 3 === 0 }),
    ),
    at("1", 3, 40),
    at("Abstract", 3, 60, { size: 12, bold: true, blockStart: true }),
    at('"Groupwork" is a form of work organisation typical for German factories.', 3, 80, {
      blockStart: true,
    }),
    at("Table of Contents", 4, 60, { size: 14, bold: true, blockStart: true }),
  ];
  lines[7].furniture = true;
  const { zones } = segmentDocument(doc(lines));
  assert.equal(zones[8], "header");
  assert.equal(zones[9], "header");
});

test("a first pages' footnote, numbered and bold as a heading, does not end the header there", () => {
  const at = (text: string, page: number, top: number, o: Parameters<typeof textLine>[1] = {}) =>
    textLine(text, { page, top, ...o });
  const lines = [
    at("Das Sündenregister", 1, 60, { size: 18, bold: true, blockStart: true }),
    at("Marc Ensenbach, Mark Trettin", 1, 90, { blockStart: true }),
    at("Zusammenfassung", 1, 120, { bold: true, blockStart: true }),
    at("Die Erstellung dieser Übersicht wurde angeregt durch eine Diskussion.", 1, 140, { blockStart: true }),
    at("Wir bedanken uns bei Ralf Angeli, Christoph Bier und Jürgen Fenn für Tipps.", 2, 60, {
      blockStart: true,
    }),
    at("Falls wir jemanden vergessen haben sollten, bitten wir um eine Mail.", 2, 74),
    at("1 Englische Übersetzung: CTAN:info/l2tabu", 2, 700, { size: 8, bold: true, blockStart: true }),
    at("2 Französische Übersetzung: CTAN:info/l2tabu", 2, 710, { size: 8, bold: true }),
    at("1 Einleitung", 3, 60, { bold: true, blockStart: true }),
    at("Der Text beginnt hier.", 3, 80, { blockStart: true }),
    at("Er geht weiter.", 3, 94),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(
    zones.slice(4, 6),
    ["body", "body"],
    "the thanks on page 2 are the text's, not the header's",
  );
  assert.deepEqual(zones.slice(6, 8), ["footnote", "footnote"]);
});

test("the footnotes at the foot of the header's page stay in the header and are named as its notes", () => {
  const lines = [
    textLine("Der Nationale Aktionsplan", { top: 60, size: 18, bold: true, blockStart: true }),
    textLine("Der Nationale Aktionsplan in seiner derzeitigen Form erfüllt diese", {
      top: 100,
      blockStart: true,
    }),
    textLine("Anforderungen noch nicht, wie die Monitoring-Stelle feststellt.3", { top: 112 }),
    textLine("1 Bundesministerium für Arbeit und Soziales (Hg.) (2011): Unser Weg.", {
      top: 730,
      size: 8,
      blockStart: true,
    }),
    textLine("2 CDU/CSU/SPD (2013): Deutschlands Zukunft gestalten. Koalitionsvertrag.", {
      top: 741,
      size: 8,
    }),
    textLine("Der Evaluationsbericht stellt einen Überarbeitungsbedarf fest.", {
      top: 60,
      page: 2,
      blockStart: true,
    }),
    textLine("Er fordert unter anderem eine bessere Beteiligung.", { top: 72, page: 2 }),
  ];
  const { zones, headerNotes } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(0, 5), Array(5).fill("header"));
  assert.deepEqual(headerNotes, [3, 4]);
});

test("a report's summary after its table of contents is found, whole, to the next heading", () => {
  const page = (n: number, rows: Array<[string, Parameters<typeof textLine>[1]?]>) =>
    rows.map(([text, o], i) => textLine(text, { top: 80 + i * 14, page: n, ...o }));
  const contents = (n: number, heading: string) =>
    page(n, [
      [heading, { bold: true, size: 12, blockStart: true }],
      ["Kurzfassung ........................................ 6", { blockStart: true }],
      ["1 Hintergrund ...................................... 10"],
      ["2 Methode .......................................... 12"],
      ["3 Ergebnisse ....................................... 20"],
    ]);
  const paragraph = "Im Dezember 2006 beauftragte das Ministerium das Institut, Konzepte zu untersuchen.";
  const lines = [
    ...page(1, [["Förderung Existenz sichernder Beschäftigung", { size: 24, bold: true, blockStart: true }]]),
    ...page(2, [["Kerstin Blos, Michael Feil", { size: 16, blockStart: true }]]),
    ...contents(3, "Inhaltsverzeichnis"),
    ...contents(4, "Tabellenverzeichnis"),
    ...contents(5, "Abbildungsverzeichnis"),
    ...page(6, [
      ["Kurzfassung", { bold: true, size: 12, blockStart: true }],
      [`1. ${paragraph}`, { blockStart: true }],
      [paragraph],
      // A numbered paragraph's first line, not a heading: the line under it goes on.
      ["7. Bestimmte Elemente des Vorschlags verursachen Mitnahmeeffekte, da", { blockStart: true }],
      [paragraph],
    ]),
    ...page(7, [
      [paragraph, { blockStart: true }],
      ["1 Hintergrund", { bold: true, size: 16, blockStart: true }],
      [paragraph, { blockStart: true }],
    ]),
  ];
  const { summary } = segmentDocument(doc(lines));
  const kurz = lines.findIndex((l) => l.text === "Kurzfassung" && l.page === 6);
  assert.deepEqual(summary, [kurz + 1, kurz + 2, kurz + 3, kurz + 4, kurz + 5]);
  // A divider page's heading with nothing under it (a summary of chapters, its own contents next) is none.
  const divider = [
    ...lines.filter((l) => l.page < 6),
    ...page(6, [["Kurzfassung", { bold: true, size: 16, blockStart: true }]]),
    ...page(7, [
      ["Inhaltsverzeichnis der Kurzfassung", { bold: true, size: 12, blockStart: true }],
      [paragraph, { blockStart: true }],
      [paragraph],
    ]),
  ];
  const read = segmentDocument(doc(divider));
  assert.deepEqual(read.summary, []);
  const own = divider.findIndex((l) => l.text === "Inhaltsverzeichnis der Kurzfassung");
  assert.notEqual(read.zones[own], "header");
});

test("a PDF that opens with the previous article's end: its notes, references and author's note are neither header nor references", () => {
  let top = 40;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, ...o });
    top += 12;
    return l;
  };
  const lines = [
    at("Notes", { bold: true, size: 11, blockStart: true }),
    at("1 The argument also seems to be counter-intuitive on contextualist grounds.", {
      size: 9,
      blockStart: true,
    }),
    at("References", { bold: true, size: 11, blockStart: true }),
    at("Carens, J. (2000) Culture, Citizenship and Community. Oxford: Oxford University Press.", {
      size: 9,
      blockStart: true,
    }),
    at("Weiss, G. (1995) Sex-selective Abortion: A Relational Approach, Hypatia 12(3).", { size: 9 }),
    at("MONICA MOOKHERJEE is a lecturer at the University of Keele.", { blockStart: true }),
    at("Sex-selective abortion", { bold: true, size: 16, blockStart: true }),
    at("SAWITRI SAHARSO", { bold: true, size: 11, blockStart: true }),
    at("Sex-selective abortion is a subject that raises troubling questions.", { blockStart: true }),
    at("My article was a step towards addressing this complex issue.", {}),
    textLine("Benhabib, S. (2002) The Claims of Culture. Princeton: Princeton University Press.", {
      page: 2,
      top: 60,
      size: 9,
      blockStart: true,
    }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(0, 6), Array(6).fill("preceding"));
  assert.equal(zones[6], "header");
  assert.equal(zones[7], "header");
});

test("an author's address set apart after the list in smaller type, far from its margin, ends the list", () => {
  let top = 60;
  const at = (text: string, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, page: 2, size: 12, ...o });
    top += 14;
    return l;
  };
  const lines = [
    textLine("Hooligans im Fußball", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("Der Text der Studie, mit Quellen.", { top: 50, size: 12, blockStart: true }),
    at("Literatur", { bold: true, size: 14, blockStart: true }),
    at("Sutterlüty, F. (2003). Gewaltkarrieren. Frankfurt/Main: Campus.", { blockStart: true }),
    at("Weber, M. (1922). Wirtschaft und Gesellschaft. Tübingen: Mohr."),
    at("Wilson, W. J. (1987). The Truly Disadvantaged. Chicago: University of Chicago Press."),
    // A stray glyph in small type inside the list (a page mark) does not end it.
    at("6", { x: 500, size: 5, blockStart: true }),
    at("Zifonun, D. (2007). Zur Kulturbedeutung von Hooligandiskurs und Alltagsrassismus"),
    at("im Fußballsport. Zeitschrift für Qualitative Forschung, 1, 97-117.", { x: 71 }),
    at("Alexander Leistner M.A.", { x: 387, size: 10, blockStart: true }),
    at("Universität Leipzig, Institut für Kulturwissenschaften", { x: 265, size: 10 }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(3, 9), Array(6).fill("references"));
  assert.notEqual(zones[9], "references");
  assert.notEqual(zones[10], "references");
});

test("a note broken at the foot of one column goes on atop the notes of the next", () => {
  const at = (text: string, column: number, top: number, o: Parameters<typeof textLine>[1] = {}) => {
    const l = textLine(text, { top, page: 3, size: 10, x: column ? 255 : 71, ...o });
    l.column = column;
    return l;
  };
  const lines = [
    textLine("Energiesicherheit", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Einleitung", { top: 50, size: 12, bold: true, blockStart: true, page: 1 }),
    at("Die Versorgung mit Energie ist eine Frage der Sicherheit.", 0, 100, { blockStart: true }),
    at("Sie verlangt eine gemeinsame europäische Strategie.", 0, 112),
    at("3 Vgl. Umbach, Security Partnership and", 0, 551, { size: 8, blockStart: true }),
    at("Strategic Energy Resources – Implications", 0, 562, { size: 8 }),
    at("Die Mitgliedstaaten verhandeln darüber seit Jahren.", 1, 100, { blockStart: true }),
    at("for CSFP and a Common EU Energy Strategy, Berlin,", 1, 456, { size: 8, blockStart: true }),
    at("Januar 2004.", 1, 468, { size: 8 }),
    at("4 Vgl. Godement, Asia and Europe, Paris 2004.", 1, 480, { size: 8, blockStart: true }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4), ["footnote", "footnote", "body", "footnote", "footnote", "footnote"]);
});

test("the text's footnote at the foot of the page a reference list starts on is a footnote, not an entry", () => {
  const lines = [
    textLine("A Study of Things", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 60, bold: true, blockStart: true }),
    textLine("The text of the study, citing Chib (1995).", { top: 80, blockStart: true }),
    textLine("References", { top: 600, size: 14, bold: true, blockStart: true }),
    textLine("Chib S (1995). “Marginal Likelihood from the Gibbs Output.” Journal of the American", {
      top: 620,
      blockStart: true,
    }),
    textLine("Statistical Association, 90, 1313–1321.", { top: 634, x: 83 }),
    textLine("21Note that the blavaan package already provides approximate marginal likelihoods for the", {
      top: 700,
      size: 8,
      blockStart: true,
    }),
    textLine("models that are obtained via a Laplace approximation.", { top: 710, size: 8 }),
    textLine("Cushny AR, Peebles AR (1905). “The Action of Optical Isomers: II Hyoscines.” The Journal", {
      top: 60,
      page: 2,
      blockStart: true,
    }),
    textLine("of Physiology, 32, 501–510.", { top: 74, page: 2, x: 83 }),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4), [
    "references",
    "references",
    "footnote",
    "footnote",
    "references",
    "references",
  ]);
});

test("a section about references gives way to the numbered list at the end; the list goes on past text beside its first entry", () => {
  let top = 60;
  const at = (text: string, o: LineOptions = {}) => {
    const l = textLine(text, { top, page: 2, ...o });
    top += 14;
    return l;
  };
  const lines = [
    textLine("A Sample of Things", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 50, bold: true, blockStart: true }),
    ...Array.from({ length: 8 }, (_, k) =>
      textLine(`The body of the paper, line ${k}, cites works [1].`, { top: 70 + k * 14 }),
    ),
    at("3. References", { bold: true, size: 9, blockStart: true }),
    at("A reference in the bibliography is specified by a command"),
    at("with the same argument as the cite command, crafted by hand."),
    ...Array.from({ length: 6 }, (_, k) => at(`More about the appendix, line ${k}, in the text's own type.`)),
    at("[1] E. Witten, (2001), hep-th/0106109, and references", { size: 9, blockStart: true }),
    at("therein", { size: 9 }),
  ];
  // The next column: the appendix's text in the text's type, then the list again in its own.
  top = 60;
  const column = (text: string, o: LineOptions = {}) => {
    const l = textLine(text, { top, page: 2, x: 320, ...o });
    l.column = 1;
    top += 14;
    return l;
  };
  lines.push(
    ...Array.from({ length: 6 }, (_, k) =>
      column(`appendixes instead of regular sections, line ${k} of them.`),
    ),
    column("[2] R. P. Feynman, Phys. Rev. 94, 262 (1954).", { size: 9 }),
    column("[3] E. Beutler, in Williams Hematology (McGraw-Hill, New York, 1994).", { size: 9 }),
    column("[4] N. D. Birrell and P. C. W. Davies, Quantum Fields (Cambridge, 1982).", { size: 9 }),
    column("[5] D. E. Knuth, Fundamental Algorithms (Addison-Wesley, 1973).", { size: 9 }),
  );
  const { zones } = segmentDocument(doc(lines));
  const zoneOf = (start: string) => zones[lines.findIndex((l) => l.text.startsWith(start))];
  assert.notEqual(zoneOf("A reference in the bibliography"), "references");
  assert.equal(zoneOf("[1] E. Witten"), "references");
  assert.equal(zoneOf("therein"), "references");
  assert.notEqual(zoneOf("appendixes instead of regular sections, line 0"), "references");
  assert.notEqual(zoneOf("appendixes instead of regular sections, line 5"), "references");
  for (const n of ["[2]", "[3]", "[4]", "[5]"]) assert.equal(zoneOf(n), "references", n);
});

test("an author's biography in mixed case after a journal's list ends it", () => {
  let top = 60;
  const at = (text: string, o: LineOptions = {}) => {
    const l = textLine(text, { top, page: 2, size: 8, ...o });
    top += 10;
    return l;
  };
  const lines = [
    textLine("Optical Coherence in Practice", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 50, bold: true, blockStart: true }),
    textLine("The text of the paper, citing its only work [1].", { top: 70 }),
    at("References", { size: 10, bold: true, blockStart: true }),
    at("1. P. Egan, F. Lakestani, M. P. Whelan, and M. J. Connelly, “Full-field", { blockStart: true }),
    at("optical coherence tomography,” Optical Engineering, vol. 45, 2006."),
    at("Patrick Egan received his BEng degree in", { blockStart: true }),
    at("electronic and computer engineering at the University of Limerick."),
  ];
  const { zones } = segmentDocument(doc(lines));
  assert.deepEqual(zones.slice(4, 6), ["references", "references"]);
  assert.notEqual(zones[6], "references");
  assert.notEqual(zones[7], "references");
});

test("a list numbered in superscript at the end, with no heading, is the reference list; an appendix's numbers are not its start", () => {
  // revtex's AIP and AAPM styles: "¹R. P. Feynman, …" after the text, nothing over it.
  let top = 60;
  const at = (text: string, o: LineOptions = {}) => {
    const l = textLine(text, { top, page: 2, ...o });
    top += 12;
    return l;
  };
  const entry = (n: number, text: string) => {
    const line = at(text, { size: 8 });
    const w = line.words[0];
    const label = { ...w, text: `${n}`, x0: w.x0 - 6, x1: w.x0 - 1, fontSize: 6, baseline: w.baseline - 3 };
    return makeLine([{ ...label, spaceAfter: false }, ...line.words], 2);
  };
  const lines = [
    textLine("A Sample of Things", { top: 30, size: 18, bold: true, blockStart: true }),
    textLine("1 Introduction", { top: 50, bold: true, blockStart: true }),
    ...Array.from({ length: 12 }, (_, k) =>
      textLine(`The body of the paper, line ${k}, cites works.1`, { top: 70 + k * 14 }),
    ),
    at("Appendix A: Appendixes", { bold: true, blockStart: true }),
    at("1. A subsection in an appendix, numbered as the appendix numbers its parts."),
    at("The appendix goes on in the text's own type for a while longer."),
    entry(1, "R. P. Feynman, Phys. Rev. 94, 262 (1954)."),
    entry(2, "E. Witten, (2001), hep-th/0106109."),
    entry(3, "A. Einstein, Yu. Podolsky, and N. Rosen, Phys. Rev. 47, 777 (1935)."),
    entry(4, "N. D. Birell and P. C. W. Davies, Quantum Fields in Curved Space (1982)."),
    entry(5, "G. P. Berman, Jr. and F. M. Izrailev, Jr., Physica D 88, 445 (1983)."),
    entry(6, "E. B. Davies and L. Parns, Q. J. Mech. Appl. Math. 51, 477–492 (1988)."),
  ];
  assert.ok(lines.at(-1)?.words[0].superscript);
  const { zones } = segmentDocument(doc(lines));
  const zoneOf = (start: string) => zones[lines.findIndex((l) => l.text.startsWith(start))];
  assert.notEqual(zoneOf("1. A subsection"), "references");
  for (const n of ["1R. P.", "2E. Witten", "6E. B. Davies"]) assert.equal(zoneOf(n), "references", n);
});
