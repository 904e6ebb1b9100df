import assert from "node:assert/strict";
import { test } from "node:test";
import { makeLine } from "../../layout/lines.ts";
import { textLine } from "../../testing/lines.ts";
import {
  abstractText,
  bilingualAbstract,
  hasAbstractCue,
  smallTypeAbstract,
  standfirst,
  translatedAbstract,
  unheadedAbstract,
  wholeSummary,
  withoutNoteMarks,
} from "./abstract.ts";
import type { TaggedSpan } from "./tag.ts";

function abstractSpan(text: string, body: string): TaggedSpan {
  const start = text.indexOf(body);
  return { label: "abstract", start, end: start + body.length, text: body, confidence: 0.9 };
}

test("an abstract is read from the model's span, its label dropped", () => {
  const body = "Abstract: We study things. Things matter.";
  const text = `A Study of Things\n${body}`;
  assert.equal(abstractText([abstractSpan(text, body)], text), "We study things. Things matter.");
});

test("a table of contents with dot leaders is no abstract", () => {
  const body =
    "Statistische Quellen........................................ 12\nAnhang.............................. 14";
  const text = `Inhalt\n${body}`;
  assert.equal(abstractText([abstractSpan(text, body)], text), undefined);
});

test("the abstract ends where the keywords stand between two of the model's abstract spans", () => {
  const first = "Abstract\nWe study things. Things matter.";
  const second = "The authors thank the funders.";
  const text = `${first}\nKeywords\nthings, matter\nAcknowledgement\n${second}`;
  assert.equal(
    abstractText([abstractSpan(text, first), abstractSpan(text, second)], text),
    "We study things. Things matter.",
  );
});

test("where the header prints an abstract's heading, the abstract is what follows it", () => {
  const box = "Research Unit:\nOrganization and Employment\nAbteilung:\nOrganisation und Beschäftigung";
  const abstract = "Using the case of German investments in Hungary, this paper is dealing with transfer.";
  const text = `National Business Systems\n${box}\nAbstract\n${abstract}`;
  const span = { ...abstractSpan(text, box), end: text.length };
  assert.equal(abstractText([span], text), abstract);
  // Without the heading the model's span is all there is.
  const plain = `National Business Systems\n${abstract}`;
  assert.equal(abstractText([abstractSpan(plain, abstract)], plain), abstract);
});

/** Lines one under another, and the header text they make (one line a line, as the header stage joins them). */
function header(rows: Array<[string, { size?: number; bold?: boolean; blockStart?: boolean }?]>) {
  const lines = rows.map(([t, o], i) => textLine(t, { top: 60 + 14 * i, ...o }));
  return { lines, text: lines.map((l) => l.text.trim()).join("\n") };
}

test("after a label that opens its line the abstract begins, however many words the model left out", () => {
  const { lines, text } = header([
    ["No Time to Think", { size: 18, bold: true, blockStart: true }],
    ["ABSTRACT. This article reports on a study of how", { blockStart: true }],
    ["Canadian academics use on-line technologies."],
  ]);
  const body = "a study of how\nCanadian academics use on-line technologies.";
  assert.equal(
    abstractText([abstractSpan(text, body)], text, lines),
    "This article reports on a study of how Canadian academics use on-line technologies.",
  );
});

test("the abstract ends at keywords in capitals, and before a second title set in bold", () => {
  const sentences =
    "We study the things that matter to people. Things matter in many ways that we describe, and some do not.";
  const keyed = `ABSTRACT. ${sentences} KEY\nWORDS • things • matter`;
  assert.equal(abstractText([abstractSpan(keyed, keyed)], keyed), sentences);
  const { lines, text } = header([
    ["This paper examines labor movements in the U.S., in case", { blockStart: true }],
    ["studies of campaigns. The cases offer surprising evidence"],
    ["for the resurgence of activism in America."],
    ["Arbeiterbewegung und globale Gerechtigkeit.", { size: 12, bold: true, blockStart: true }],
  ]);
  assert.equal(
    abstractText([abstractSpan(text, text)], text, lines),
    "This paper examines labor movements in the U.S., in case studies of campaigns. The cases offer surprising " +
      "evidence for the resurgence of activism in America.",
  );
});

test("a structured abstract's labelled parts are all its own", () => {
  const { lines, text } = header([
    ["Background: we study things and what they do.", { blockStart: true }],
    ["They matter to many of the people we asked."],
    ["Analyse:", { bold: true, blockStart: true }],
    ["Five of the things matter most, the others less."],
  ]);
  const got = abstractText([abstractSpan(text, text)], text, lines);
  assert.match(got ?? "", /Analyse: Five of the things matter most, the others less\.$/);
});

test("of an abstract printed in two languages, the one in the paper's language", () => {
  const en =
    "The article investigates the two provisions and the use that is made of them. Alternatives are discussed.";
  const de =
    "Der Artikel untersucht die zwei Regelungen und die Nutzung, die von ihnen gemacht wird. Alternativen werden diskutiert.";
  const text = `Abstract\n${en}\nZusammenfassung\n${de}`;
  const span = [{ ...abstractSpan(text, en), end: text.length }];
  assert.equal(abstractText(span, text, undefined, "en"), en);
  assert.equal(abstractText(span, text, undefined, "de"), de);
  assert.equal(abstractText(span, text), en);
  // The translation printed after the header: taken only where it is in the paper's language.
  const after = [textLine("Zusammenfassung", { bold: true }), textLine(de, { top: 20 })];
  assert.equal(translatedAbstract(after, "de"), de);
  assert.equal(translatedAbstract(after, "en"), undefined);
});

test("a footnote the page sets between an abstract's lines is not part of it", () => {
  const { lines, text } = header([
    ["These include inadequate legislation limiting speculation and", { blockStart: true }],
    ["spillovers of price increases from the market for residences"],
    ["* The views expressed here are those of the author.", { size: 8, blockStart: true }],
    ["Comments from two anonymous referees are acknowledged.", { size: 8 }],
    ["onto the local housing market; and macroeconomic pressures.", { blockStart: true }],
  ]);
  assert.equal(
    abstractText([abstractSpan(text, text)], text, lines),
    "These include inadequate legislation limiting speculation and spillovers of price increases from the " +
      "market for residences onto the local housing market; and macroeconomic pressures.",
  );
});

test("an abstract's word heads a line, alone or before its text; a section's heading or prose is no cue", () => {
  for (const yes of [
    "Title\nAbstract\nWe study.",
    "Abstract: We study.",
    "ABSTRACT ▪ We study.",
    "Title\nABSTRACT We study.",
    "Key words: x",
    "Schlagwörter: x",
    "Stichworte: x",
  ])
    assert.ok(hasAbstractCue(yes), yes);
  for (const no of [
    "Summary of the findings\nText.",
    "shown in the summary chart",
    "Abstraction is hard.",
    "Sieger der Stichwahl",
    "auf wenige Schlagworte oder gar",
  ])
    assert.ok(!hasAbstractCue(no), no);
});

test("a structured abstract under no heading, its descriptors after it, is an abstract", () => {
  const body =
    "Objective: check the adaptation methods of women after surgery. Methods: a descriptive qualitative study. " +
    "Conclusion: the theory is the basis for hypotheses that can be tested. Descriptors: Theory, Nursing.";
  const text = `The woman's life after mastectomy\n${body}`;
  assert.ok(hasAbstractCue(text));
  assert.equal(abstractText([abstractSpan(text, body)], text), body.slice(0, body.indexOf(" Descriptors:")));
});

test("the title in guillemets before an abstract in another language is not the abstract", () => {
  const body =
    "Abstract: »„Silent Grief“. German Soldier-Mothers in the Inter-war years«. This paper discusses how " +
    "mourning parents demonstrate gender-specific dedications of grief and remembrance.";
  const text = `„Stille Trauer“\n${body}`;
  assert.equal(
    abstractText([abstractSpan(text, body)], text),
    "This paper discusses how mourning parents demonstrate gender-specific dedications of grief and remembrance.",
  );
});

test("the abstract's last sentence whole, though the model began the keywords a line early", () => {
  const { lines, text } = header([
    ["Zusammenfassung", { bold: true, blockStart: true }],
    ["Die Forschung zeigt, dass junge Menschen benachteiligt sind. Zweitens werden", { blockStart: true }],
    ["anhand zweier eigener Studien Hinweise auf die Bedingungen"],
    ["dieser Statuspassage gegeben."],
    ["Schlagworte: Übergänge, Heimerziehung", { blockStart: true }],
    ["Abstract", { bold: true, blockStart: true }],
    ["International research on transitions shows that they are disadvantaged.", { blockStart: true }],
  ]);
  const at = (label: TaggedSpan["label"], from: string, to: string) => {
    const start = text.indexOf(from);
    const end = text.indexOf(to) + to.length;
    return { label, start, end, text: text.slice(start, end), confidence: 0.9 };
  };
  const spans = [
    at("abstract", "Die Forschung", "Hinweise auf die Bedingungen"),
    at("keyword", "dieser Statuspassage", "Heimerziehung"),
    at("abstract", "Abstract", "disadvantaged."),
  ];
  assert.equal(
    abstractText(spans, text, lines),
    "Die Forschung zeigt, dass junge Menschen benachteiligt sind. Zweitens werden anhand zweier eigener Studien " +
      "Hinweise auf die Bedingungen dieser Statuspassage gegeben.",
  );
});

test("an abstract running on into its translation under no heading: the part in the paper's language", () => {
  const en =
    "The article investigates the two provisions. It shows that they are used by few of the employees.";
  const de =
    "Der Artikel untersucht die zwei Regelungen. Er zeigt, dass sie von wenigen der Beschäftigten genutzt werden.";
  const body = `Abstract: ${en} ${de}`;
  const text = `Lebenslaufpolitik\n${body}`;
  assert.equal(abstractText([abstractSpan(text, body)], text, undefined, "de"), de);
  assert.equal(abstractText([abstractSpan(text, body)], text, undefined, "en"), en);
});

test("a line the model called a name belongs to the abstract where the next line reads on from it in small letters", () => {
  const { lines, text } = header([
    ["NORTHERN DIMENSION: PARTICIPANT STRATEGIES", { size: 11, bold: true, blockStart: true }],
    ["This article is devoted to the “Northern Dimen-", { size: 9, blockStart: true }],
    ["sion” initiative of the EU which also includes", { size: 9 }],
    ["North-West Russia, Norway and Iceland. It is noted", { size: 9 }],
    ["that the “Northern Dimension” can be considered as part", { size: 9 }],
    ["of strategic multi-level interactions.", { size: 9 }],
  ]);
  const names = "North-West Russia, Norway and Iceland. It";
  const nameStart = text.indexOf(names);
  const spans: TaggedSpan[] = [
    { label: "author", start: nameStart, end: nameStart + names.length, text: names, confidence: 0.9 },
    abstractSpan(
      text,
      "“Northern Dimension” can be considered as part\nof strategic multi-level interactions.",
    ),
  ];
  const abstract = abstractText(spans, text, lines) ?? "";
  assert.ok(abstract.startsWith("This article is devoted to the “Northern Dimension” initiative"), abstract);
  // A line of names over the abstract, which the next line does not read on from, stays out of it.
  const { lines: l2, text: t2 } = header([
    ["Irina Busygina and Mikhail Filippov", { size: 9 }],
    ["This article is devoted to the initiative", { size: 9 }],
    ["of the EU which also includes Norway.", { size: 9 }],
  ]);
  const s2: TaggedSpan[] = [
    { label: "author", start: 0, end: 35, text: "Irina Busygina and Mikhail Filippov", confidence: 0.9 },
    abstractSpan(t2, "of the EU which also includes Norway."),
  ];
  assert.equal(
    abstractText(s2, t2, l2),
    "This article is devoted to the initiative of the EU which also includes Norway.",
  );
});

test("an abstract without a heading is known by its translation right after it, never alone", () => {
  const de =
    "Implizite Theorien sind schematische Wissensstrukturen über die Stabilität oder die Veränderbarkeit von " +
    "Merkmalen. Diese Theorien haben die Funktion, Gedächtnislücken zu füllen, wenn eine genaue Erinnerung " +
    "nicht möglich ist. Es wurde davon ausgegangen, dass die Patienten nach einer Operation einen monotonen " +
    "Verlauf erwarten.";
  const en =
    "Implicit theories are defined as schematic structures of knowledge about the stability or change of " +
    "characteristics. These theories can be used to fill in gaps in recall when memory fails. We hypothesized " +
    "that patients expect a linear improvement in pain and sleep after an operation.";
  const text = `${de}\n${en}`;
  const lines = [textLine(de, { blockStart: true }), textLine(en, { top: 20, blockStart: true })];
  const span = [abstractSpan(text, text)];
  assert.equal(bilingualAbstract(span, text, lines, "de"), de);
  assert.equal(bilingualAbstract(span, text, lines, "en"), en);
  // One language only: a paper's first paragraph, no abstract.
  const alone = `${de}\n${de.replace("Implizite", "Explizite")}`;
  assert.equal(bilingualAbstract([abstractSpan(alone, alone)], alone, [textLine(alone)], "de"), undefined);
  // A sentence in the other language is a quotation, not a translation: too short to be one.
  const quoted = `${de}\n${en.slice(0, 120)}.`;
  assert.equal(
    bilingualAbstract([abstractSpan(quoted, quoted)], quoted, [textLine(quoted)], "de"),
    undefined,
  );
});

test("an abstract's translation under its own title in bold is still its translation; a first line indented is its own", () => {
  const de = [
    "Zielvereinbarungen sind ein relativ neues Instrument bei der Entgeltdifferenzierung. Anders als",
    "die traditionellen Formen der Leistungsbewertung ist der Bezugspunkt hier nicht ein einheitlicher",
    "Leistungsmaßstab. Seine Legitimität bezieht das Verfahren vielmehr daraus, dass es als Verständigung",
    "funktioniert, an dem die Beurteilten beteiligt sind, und die Betriebsräte sehen sich vor neuen Fragen.",
  ];
  const enTitle = "Decentralised and de-standardised – new forms of individual performance-related pay";
  const en = [
    "Target-setting techniques and agreements are a comparatively new method for setting individual",
    "employees’ pay. It differs from traditional forms of performance evaluation, which use standardised",
    "objective performance norms independent of individual employees’ subjective assessments. Works",
    "councils, in particular, are faced with the problem that their instruments are no longer appropriate.",
  ];
  const rows = [...de, enTitle, ...en];
  const lines = rows.map((t, i) =>
    textLine(t, {
      x: i === 0 ? 85 : 57,
      top: 144 + i * 14,
      size: 12,
      bold: t === enTitle,
      blockStart: i === 0 || i >= de.length,
    }),
  );
  const text = rows.join("\n");
  // The model gives the indented first line to the title, the rest to the abstract.
  const span = abstractSpan(text, text.slice(text.indexOf(de[1])));
  const found = bilingualAbstract([span], text, lines, "de");
  assert.match(found ?? "", /^Zielvereinbarungen sind/);
  assert.match(found ?? "", /vor neuen Fragen\.$/);
  assert.match(bilingualAbstract([span], text, lines, "en") ?? "", /^Target-setting .* appropriate\.$/);
});

test("footnote marks in superscript leave the abstract's words; a unit's power stays", () => {
  const line = textLine("une « bonne 1 » table, an R 2 of 0.4 in 12 m 2 plots.");
  for (const w of line.words) if (w.text === "1" || w.text === "2") w.superscript = true;
  assert.equal(
    withoutNoteMarks("une « bonne1 » table, an R2 of 0.4 in 12 m2 plots.", [line]),
    "une « bonne » table, an R2 of 0.4 in 12 m2 plots.",
  );
});

test("the abstract takes the rest of its last line where that ends the sentence, and a part headed 'Analyse'", () => {
  const rows = [
    "Abstract",
    "Am 23. Januar 2012 berichtete Der Spiegel, Parteichef Sigmar Gabriel habe verkündet, seine Partei",
    "wolle den Beitrag an die Sozialistische Internationale nicht auszahlen.",
    "Analyse",
    "Der Unmut in der deutschen Sozialdemokratie über einige Mitgliedsparteien wirft ein Schlaglicht auf",
    "die Rolle der Parteienorganisationen, wie zuletzt beim Wahlsieg von Partido Popular (PP) in Spanien.",
  ];
  const lines = rows.map((t, i) =>
    textLine(t, { top: 100 + i * 12, bold: i === 0 || i === 3, blockStart: i % 3 === 0 }),
  );
  const text = rows.join("\n");
  const span = abstractSpan(text, text.slice(text.indexOf(rows[1]), text.indexOf(" (PP)")));
  const found = abstractText([span], text, lines) ?? "";
  assert.match(found, /^Am 23\. Januar/);
  assert.match(found, /Partido Popular \(PP\) in Spanien\.$/);
});

test("a standfirst in its own type between the title's and the text's is the abstract; a subtitle is not", () => {
  const title = textLine("Den Nationalen Aktionsplan zu einem wirksamen Instrument machen", {
    size: 28,
    blockStart: true,
  });
  const lead = [
    "Die Bundesregierung hat 2011 einen Nationalen Aktionsplan verabschiedet, um politische",
    "Maßnahmen zur Umsetzung der UN-Behindertenrechtskonvention zu ergreifen. Derzeit",
    "überarbeitet sie den Aktionsplan und will ihn 2016 in neuer Auflage verabschieden.",
  ].map((t, i) => textLine(t, { size: 13, top: 100 + i * 16, blockStart: i === 0 }));
  const body = textLine("Ein menschenrechtlicher Aktionsplan ist ein strategisch", {
    size: 11,
    top: 160,
    blockStart: true,
  });
  assert.match(standfirst([title, ...lead, body], 0, 11) ?? "", /^Die Bundesregierung .* verabschieden\.$/);
  // Set in the text's type, the paragraph under the title is the text's first.
  const plain = lead.map((l) => textLine(l.text, { size: 11, top: l.top, blockStart: l.blockStart }));
  assert.equal(standfirst([title, ...plain, body], 0, 11), undefined);
  // One line in display type under the title is its subtitle.
  assert.equal(standfirst([title, lead[0], body], 0, 11), undefined);
});

test("a report's summary is the abstract whole, its first paragraph's number dropped, where it begins the one found", () => {
  const sentence = "Im Dezember 2006 beauftragte das Ministerium das Institut, Konzepte zu untersuchen.";
  const lines = [
    `1. ${sentence}`,
    sentence,
    sentence,
    "2. Die Untersuchung zeigt, dass der Vorschlag wirkt.",
    sentence,
  ].map((t, i) => textLine(t, { top: 100 + i * 12 }));
  const whole = wholeSummary(lines, `1. ${sentence}`);
  assert.ok(whole?.startsWith("Im Dezember 2006"));
  assert.ok(whole?.includes("2. Die Untersuchung zeigt"));
  assert.ok(whole?.endsWith("zu untersuchen."));
  assert.equal(wholeSummary(lines, undefined), whole);
  // Where the abstract found is another text, it stays; a summary too short to be one is none.
  assert.equal(wholeSummary(lines, "We study things."), undefined);
  assert.equal(wholeSummary(lines.slice(0, 1), undefined), undefined);
});

test("an ACM journal's abstract without a heading: the paragraph over its CCS Concepts line, not the byline", () => {
  const at = (text: string, top: number, width: number) => {
    const l = textLine(text, { top, size: 9, x: 46 });
    l.x1 = 46 + width;
    return l;
  };
  const lines = [
    at("JOHN SMITH, The Thørväld Group, Iceland", 186, 173),
    at("JULIUS P. KUMQUAT, The Kumquat Consortium, USA", 199, 219),
    at(
      "A clear and well-documented LATEX document is presented as an article formatted for publication by ACM in a",
      216,
      394,
    ),
    at(
      "conference proceedings or journal publication. Based on the “acmart” document class, this article presents",
      227,
      394,
    ),
    at(
      "and explains many of the common variations, as well as many of the formatting elements an author may use",
      238,
      394,
    ),
    at("in the preparation of the documentation of their work.", 249, 199),
    at(
      "CCS Concepts: • Computer systems organization → Embedded systems; Redundancy; Robotics; • Net-",
      266,
      396,
    ),
  ];
  const abstract = unheadedAbstract(lines);
  assert.ok(abstract?.startsWith("A clear and well-documented"), abstract);
  assert.ok(abstract?.endsWith("documentation of their work."));
  assert.equal(unheadedAbstract(lines.slice(0, -1)), undefined, "no CCS Concepts line, no such abstract");
  // A byline's line that reaches the full measure is not the abstract's.
  const wide = at(
    "ANN LEE, BOB KIM, and CAROL WU, Department of Computing, University of Somewhere, Some City, USA",
    203,
    394,
  );
  const withWide = [...lines.slice(0, 2), wide, ...lines.slice(2)];
  assert.ok(unheadedAbstract(withWide)?.startsWith("A clear and well-documented"));
});

test("an abstract ends at a classification's label, and its word broken into a line of small print ends it", () => {
  // SPIE's Optical Engineering: the abstract's last word runs into the copyright notice's line, set in 7 points;
  // "Subject terms:" follows, then the next column's text, which the model also read as the abstract.
  const { lines } = header([
    ["Abstract. With this template it is possible to estimate", { blockStart: true }],
    ["the page length of manuscripts. This template gives"],
    ["simple instructions on how to pre-"],
    ["Subject terms: LATEX, page length estimate, manuscript", { size: 8, blockStart: true }],
    ["instruction. One will print the gray background heading.", { blockStart: true }],
  ]);
  const small = textLine("© 2006 Society of Photo-Optical Instrumen-", { size: 7, x: 150, top: 102 });
  const pare = textLine("pare the manuscript.", { top: 102 });
  lines.splice(3, 0, makeLine([...pare.words, ...small.words], 1));
  const all = lines.map((l) => l.text.trim()).join("\n");
  const abstract = abstractSpan(all, all.slice(0, all.indexOf("\nSubject")));
  const next = abstractSpan(all, "instruction. One will print the gray background heading.");
  assert.equal(lines[3].fontSize, 7);
  assert.equal(
    abstractText([abstract, next], all, lines),
    "With this template it is possible to estimate the page length of manuscripts. This template gives " +
      "simple instructions on how to prepare the manuscript.",
  );
  // A word of an abstract's sentence is no label ("… images from the PACS of two hospitals …").
  const { lines: one, text: prose } = header([
    ["Abstract. We retrieved images from the PACS of two hospitals and compared", { blockStart: true }],
    ["the readings of radiologists with the model's over three years of cases."],
  ]);
  assert.equal(
    abstractText([abstractSpan(prose, prose)], prose, one),
    "We retrieved images from the PACS of two hospitals and compared the readings of radiologists with the " +
      "model's over three years of cases.",
  );
});

test("an abstract in an indented measure ends where a paragraph wider on both sides begins", () => {
  const abstract = [
    "Abstract: The things in themselves are what first give",
    "rise to reason, as is proven in the ontological manuals.",
    "Our understanding stands in need of our judgements.",
  ].map((t, i) => textLine(t, { x: 90, top: 140 + 12 * i, blockStart: i === 0 }));
  const text1 = textLine("As we have already seen, what we have alone been able to show is that the", {
    x: 54,
    top: 276,
    blockStart: true,
  });
  const text2 = textLine("objects in space and time would be falsified; what we have alone been able", {
    x: 54,
    top: 288,
  });
  const lines = [...abstract, text1, text2];
  const text = lines.map((l) => l.text.trim()).join("\n");
  assert.equal(
    abstractText([abstractSpan(text, text)], text, lines),
    "The things in themselves are what first give rise to reason, as is proven in the ontological manuals. " +
      "Our understanding stands in need of our judgements.",
  );
  // A second paragraph of the abstract in its own measure, its first line indented, is the abstract's.
  const second = textLine("Whence comes the architectonic of reason?", {
    x: 100,
    top: 176,
    blockStart: true,
  });
  const own = [...abstract, second];
  const ownText = own.map((l) => l.text.trim()).join("\n");
  assert.ok(
    abstractText([abstractSpan(ownText, ownText)], ownText, own)?.endsWith("architectonic of reason?"),
  );
});

test("a line of the abstract's paragraph the model left out between two of its pieces is the abstract's", () => {
  const { lines, text } = header([
    ["ABSTRACT", { size: 11, blockStart: true }],
    ["A clear and well-documented document is presented as an", { blockStart: true }],
    ["article formatted for publication by ACM in a conference proceed-"],
    ["ings or journal publication. Based on the document class, this"],
    ["article presents many of the common variations."],
  ]);
  const at = (from: string, to: string) => {
    const start = text.indexOf(from);
    return abstractSpan(text, text.slice(start, text.indexOf(to) + to.length));
  };
  const pieces = [at("A clear", "as an"), at("ings or", "variations.")];
  assert.equal(
    abstractText(pieces, text, lines),
    "A clear and well-documented document is presented as an article formatted for publication by ACM in a " +
      "conference proceedings or journal publication. Based on the document class, this article presents many " +
      "of the common variations.",
  );
  // Not across a sentence's end and a new paragraph: what the model left out there is not the abstract's.
  const { lines: apart, text: apartText } = header([
    ["We study things.", { blockStart: true }],
    ["Received 3 May 2001; accepted 9 June 2002.", { blockStart: true }],
    ["Things matter.", { blockStart: true }],
  ]);
  const one = abstractSpan(apartText, "We study things.");
  const two = abstractSpan(apartText, "Things matter.");
  assert.ok(!abstractText([one, two], apartText, apart)?.includes("Received"));
});

test("a date the model labelled on the line that ends the abstract's last sentence is the sentence's", () => {
  const { lines, text } = header([
    ["Abstract", { bold: true, blockStart: true }],
    ["This paper describes the document class elbioimp.", { blockStart: true }],
    ["It corresponds to elbioimp v1.2, dated"],
    ["2011/03/02."],
    ["Keywords: LATEX document class", { blockStart: true }],
  ]);
  const body = text.slice(text.indexOf("This paper"), text.indexOf("dated") + 5);
  const date = text.indexOf("2011/03/02.");
  const spans: TaggedSpan[] = [
    abstractSpan(text, body),
    { label: "date", start: date, end: date + 11, text: "2011/03/02.", confidence: 0.9 },
  ];
  assert.equal(
    abstractText(spans, text, lines),
    "This paper describes the document class elbioimp. It corresponds to elbioimp v1.2, dated 2011/03/02.",
  );
});

test("an abstract under no heading in type smaller than the text's is the abstract; the text's own type is not", () => {
  const rows: Array<[string, { size?: number; bold?: boolean; blockStart?: boolean }?]> = [
    ["Manuscript Title: with Forced Linebreak", { size: 12, bold: true, blockStart: true }],
    ["Ann Author and Second Author", { blockStart: true }],
    ["(Dated: December 27, 2018)", { size: 9, blockStart: true }],
    [
      "An article usually includes an abstract, a concise summary of the work covered at length in the",
      { size: 9, blockStart: true },
    ],
    [
      "main body of the article. It is used for secondary publications and for information retrieval,",
      { size: 9 },
    ],
    [
      "and it may be structured with the description environment to give the category of each item.",
      { size: 9 },
    ],
  ];
  const { lines, text } = header(rows);
  const body = text.slice(text.indexOf("An article"));
  const dated = text.indexOf("(Dated");
  const date: TaggedSpan = { label: "date", start: dated, end: dated + 26, text: "", confidence: 0.9 };
  const spans = [date, abstractSpan(text, body)];
  assert.equal(hasAbstractCue(text), false);
  assert.equal(smallTypeAbstract(spans, text, lines, 10), joinedRows(rows.slice(3)));
  // The same paragraph in the text's own type is a lead or the introduction: no abstract.
  const plain = header(rows.map(([t, o], i) => [t, i >= 3 ? { ...o, size: 10 } : o]));
  assert.equal(
    smallTypeAbstract([date, abstractSpan(plain.text, body)], plain.text, plain.lines, 10),
    undefined,
  );
});

/** The rows' text as one paragraph. */
function joinedRows(rows: Array<[string, unknown?]>): string {
  return rows.map(([t]) => t).join(" ");
}

test("where the model begins the abstract in the middle of a sentence on its first line, the sentence is whole", () => {
  const { lines, text } = header([
    ["Instructions for the Preparation of a Manuscript", { size: 12, bold: true, blockStart: true }],
    [
      "This document explains how to prepare manuscripts for the Journal of the Physical Society",
      { blockStart: true },
    ],
    ["of Japan using the class file jpsj2.cls, and what the editors expect of them."],
  ]);
  const from = text.indexOf("Physical Society");
  const echo = text.indexOf("This document");
  const spans: TaggedSpan[] = [
    { label: "title", start: echo, end: from - 1, text: "", confidence: 0.5 },
    abstractSpan(text, text.slice(from)),
  ];
  assert.equal(
    abstractText(spans, text, lines),
    "This document explains how to prepare manuscripts for the Journal of the Physical Society of Japan using " +
      "the class file jpsj2.cls, and what the editors expect of them.",
  );
  // Not over a name the model read before it on the line.
  const named: TaggedSpan[] = [
    { label: "author", start: echo, end: from - 1, text: "", confidence: 0.5 },
    abstractSpan(text, text.slice(from)),
  ];
  assert.ok(abstractText(named, text, lines)?.startsWith("Physical Society"));
});

test("review: PACS ending a sentence, an epigraph, a paper's history under the abstract", () => {
  // "PACS." ends a radiology abstract's sentence; only "PACS:" or "PACS numbers:" is a label.
  const pacs =
    "Methods: The model was integrated into the hospital PACS. Results: Readers agreed in 94% of cases.";
  const text = `Abstract\n${pacs}`;
  assert.equal(abstractText([abstractSpan(text, pacs)], text), pacs.replace(/^Methods: /, "Methods: "));
  // An epigraph under the byline, small and in italics, is no abstract.
  const quote = header([
    [
      "The city, however, does not tell its past, but contains it like the lines of a hand,",
      { size: 9, blockStart: true },
    ],
    ["written in the corners of the streets, the gratings of the windows, the banisters of the", { size: 9 }],
    [
      "steps, the antennae of the lightning rods, the poles of the flags. Each segment is marked.",
      { size: 9 },
    ],
  ]);
  for (const l of quote.lines) l.italic = true;
  assert.equal(
    smallTypeAbstract([abstractSpan(quote.text, quote.text)], quote.text, quote.lines, 10),
    undefined,
  );
  // A paper's history the model labelled a date is not the last sentence's end.
  const { lines, text: t } = header([
    ["Abstract", { bold: true, blockStart: true }],
    ["The aligner is fast and freely available at", { blockStart: true }],
    ["https://github.com/example/fastalign"],
    ["Received on 12 March 2020; revised on 3 May 2020; accepted on 9 May 2020."],
  ]);
  const body = t.slice(t.indexOf("The aligner"), t.indexOf("fastalign") + 9);
  const at = t.indexOf("Received");
  const spans: TaggedSpan[] = [
    abstractSpan(t, body),
    { label: "date", start: at, end: t.length, text: "", confidence: 0.9 },
  ];
  assert.ok(!abstractText(spans, t, lines)?.includes("Received"));
});
