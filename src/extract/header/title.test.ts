import assert from "node:assert/strict";
import { test } from "node:test";
import { makeLine } from "../../layout/lines.ts";
import type { Line } from "../../layout/types.ts";
import { textLine } from "../../testing/lines.ts";
import type { HeaderLabel } from "./labels.ts";
import { lineStarts, type TaggedSpan } from "./tag.ts";
import { findTitle, withoutAuthorAtEdges } from "./title.ts";

const fonts = { bodySize: 11, largestSize: 11 };

/** Header lines, and spans labelling line `index` with `label`. */
function header(rows: Array<[string, number, boolean?]>, labelled: Array<[number, HeaderLabel]>) {
  const lines = rows.map(([text, size, blockStart], i) =>
    textLine(text, { top: 60 + i * 16, size, blockStart }),
  );
  const text = lines.map((l) => l.text.trim()).join("\n");
  const starts = lineStarts(lines);
  const spans: TaggedSpan[] = labelled.map(([i, label]) => ({
    label,
    start: starts[i],
    end: starts[i] + lines[i].text.trim().length,
    text: lines[i].text.trim(),
    confidence: 0.9,
  }));
  return { lines, text, spans };
}

test("an author's name with its footnote mark in the title's place is no title (the title is not in the text)", () => {
  const h = header(
    [
      ["ANNE GRETHE J. PEDERSEN**", 9.5, true],
      ["Stakeholder dialogues are part of Corporate Governance Regulations and therefore", 11, true],
    ],
    [[0, "title"]],
  );
  assert.equal(findTitle(h.spans, h.text, h.lines, fonts), undefined);
});

test("a lead paragraph in display type under the title is not its subtitle", () => {
  const rows: Array<[string, number, boolean?]> = [
    ["Den Nationalen Aktionsplan zu einem", 28, true],
    ["wirksamen menschenrechtlichen Instrument machen", 28],
    ["Die Bundesregierung hat 2011 einen Nationalen Aktionsplan verabschiedet, um", 13, true],
    ["Maßnahmen zur Umsetzung der UN-Behindertenrechtskonvention zu ergreifen. Derzeit", 13],
    ["überarbeitet sie den Aktionsplan. Aus diesem Anlass fordert die Monitoring-Stelle", 13],
  ];
  const h = header(rows, [
    [0, "title"],
    [1, "title"],
  ]);
  assert.equal(
    findTitle(h.spans, h.text, h.lines, fonts)?.title,
    "Den Nationalen Aktionsplan zu einem wirksamen menschenrechtlichen Instrument machen",
  );
  // A subtitle of two lines is still one.
  const two = header(rows.slice(0, 4), [
    [0, "title"],
    [1, "title"],
  ]);
  assert.match(findTitle(two.spans, two.text, two.lines, fonts)?.title ?? "", /machen: Die Bundesregierung/);
});

test("a kicker ending in a colon right over the title is its first part", () => {
  const h = header(
    [
      ["UN-Behindertenrechtskonvention:", 16, true],
      ["Den Nationalen Aktionsplan zu einem", 28, true],
      ["wirksamen menschenrechtlichen Instrument machen", 28],
      ["Die Bundesregierung hat 2011 einen Nationalen Aktionsplan verabschiedet, um", 13, true],
      ["Maßnahmen zur Umsetzung der UN-Behindertenrechtskonvention zu ergreifen. Derzeit", 13],
      ["überarbeitet sie den Aktionsplan. Aus diesem Anlass fordert die Monitoring-Stelle", 13],
    ],
    [
      [1, "title"],
      [2, "title"],
    ],
  );
  assert.equal(
    findTitle(h.spans, h.text, h.lines, fonts)?.title,
    "UN-Behindertenrechtskonvention: Den Nationalen Aktionsplan zu einem wirksamen menschenrechtlichen Instrument machen",
  );
  // Without the colon it is a banner over the title, not a part of it.
  const banner = header(
    [
      ["Deutsches Institut für Menschenrechte", 16, true],
      ["Den Nationalen Aktionsplan zu einem", 28, true],
    ],
    [[1, "title"]],
  );
  assert.equal(
    findTitle(banner.spans, banner.text, banner.lines, fonts)?.title,
    "Den Nationalen Aktionsplan zu einem",
  );
});

test("a centred subtitle of three bold lines is read whole, its last line not taken for a byline", () => {
  const lines = [
    textLine("ISSP Study Monitoring 2003", { top: 60, size: 14, bold: true, blockStart: true }),
    textLine("Report to the ISSP General Assembly", { top: 76, size: 12, bold: true, blockStart: true }),
    textLine("on monitoring work undertaken for the ISSP", { top: 90, size: 12, bold: true }),
    textLine("by ZUMA, Germany", { top: 104, size: 12, bold: true }),
    textLine("Evi Scholz, Janet Harkness and Timo Faaß", { top: 118, size: 12, blockStart: true }),
  ];
  const text = lines.map((l) => l.text.trim()).join("\n");
  const spans: TaggedSpan[] = [
    { label: "title", start: 0, end: lines[0].text.length, text: lines[0].text, confidence: 0.9 },
  ];
  assert.equal(
    findTitle(spans, text, lines, { bodySize: 12, largestSize: 14 })?.title,
    "ISSP Study Monitoring 2003: Report to the ISSP General Assembly on monitoring work undertaken for the ISSP by ZUMA, Germany",
  );
});

test("an author's whole name run into the title's end or start is cut; a name in the title's words stays", () => {
  const hamid = [{ given: "Idris Samawi", family: "Hamid" }];
  assert.equal(
    withoutAuthorAtEdges("Introducing Arabic-Latin Modern Fixed Idris Samawi Hamid*", hamid),
    "Introducing Arabic-Latin Modern Fixed",
  );
  assert.equal(withoutAuthorAtEdges("IDRIS SAMAWI HAMID Arabic Type Today", hamid), "Arabic Type Today");
  const weber = [{ given: "Max", family: "Weber" }];
  assert.equal(
    withoutAuthorAtEdges("Reading Max Weber", weber),
    "Reading Max Weber",
    "two words of title at least",
  );
  assert.equal(
    withoutAuthorAtEdges("The Sociology of Religion after Weber", weber),
    "The Sociology of Religion after Weber",
  );
});

test("the title's last line, which the model took for an author, stays the title's; a name in its type does not", () => {
  const rows: Array<[string, number, boolean?]> = [
    ["Das randbild-Package – Mini-Kurven auf dem", 17.5, true],
    ["Rand∗", 17.5],
    ["Paul Ebermann†", 12, true],
  ];
  const h = header(rows, [
    [0, "title"],
    [1, "author"],
    [2, "author"],
  ]);
  const found = findTitle(h.spans, h.text, h.lines, fonts);
  assert.equal(found?.title, "Das randbild-Package – Mini-Kurven auf dem Rand");
  assert.equal(found?.last, 1);
  // A person's name under the title in its type is the author's.
  const named = header([rows[0], ["Paul Ebermann∗", 17.5], rows[2]], [[0, "title"]]);
  assert.equal(findTitle(named.spans, named.text, named.lines, fonts)?.title, rows[0][0]);
  // So is a line of a new block, however set.
  const block = header([rows[0], ["Rand∗", 17.5, true]], [[0, "title"]]);
  assert.equal(findTitle(block.spans, block.text, block.lines, fonts)?.title, rows[0][0]);
});

/** Spans labelling whole lines of `lines`. */
function spansOf(
  lines: Line[],
  labelled: Array<[number, HeaderLabel]>,
): { text: string; spans: TaggedSpan[] } {
  const text = lines.map((l) => l.text.trim()).join("\n");
  const starts = lineStarts(lines);
  const spans = labelled.map(([i, label]) => ({
    label,
    start: starts[i],
    end: starts[i] + lines[i].text.trim().length,
    text: lines[i].text.trim(),
    confidence: 0.9,
  }));
  return { text, spans };
}

test("a title's first line the model left out, in its block and type, is the title's; a note's mark in superscript is not", () => {
  const second = textLine("with Forced Linebreak", { top: 107, size: 14.5, bold: true });
  const mark = { ...second.words[2], text: "a)", x0: second.x1, x1: second.x1 + 9, fontSize: 10 };
  mark.top -= 4;
  mark.bottom = mark.top + 10;
  mark.baseline -= 4;
  const withMark = makeLine(
    [...second.words.map((w, i) => (i === 2 ? { ...w, spaceAfter: false } : w)), mark],
    1,
  );
  assert.equal(withMark.text, "with Forced Linebreaka)");
  const lines = [
    textLine("Sample Title:", { top: 91, size: 14.5, bold: true, blockStart: true }),
    withMark,
    textLine("A. Author and B. Author", { top: 125, size: 10, blockStart: true }),
  ];
  const { text, spans } = spansOf(lines, [[1, "title"]]);
  assert.equal(
    findTitle(spans, text, lines, { bodySize: 10, largestSize: 14.5 })?.title,
    "Sample Title: with Forced Linebreak",
  );
});

test("a model's title in the text's plain type under a bold display title it did not label gives way to it", () => {
  const lines = [
    textLine("Manuscript Title:", { top: 53, size: 12, bold: true, blockStart: true }),
    textLine("with Forced Linebreak", { top: 65, size: 12, bold: true }),
    textLine("Ann Author and Second Author", { top: 91, size: 10, blockStart: true }),
    textLine("Authors’ institution and/or address", { top: 104, size: 9 }),
    textLine("(MUSO Collaboration)", { top: 127, size: 10 }),
  ];
  const { text, spans } = spansOf(lines, [
    [3, "title"],
    [4, "title"],
  ]);
  assert.equal(
    findTitle(spans, text, lines, { bodySize: 10, largestSize: 12 })?.title,
    "Manuscript Title: with Forced Linebreak",
  );
});

test("a line that names the document's version under its title is no subtitle", () => {
  const rows: Array<[string, number, boolean?]> = [
    ["Instructions for Using Springer’s llncs Class for", 14.5, true],
    ["Computer Science Proceedings Papers", 14.5],
    ["llncs, Version 2.22, Sep 05, 2022", 12, true],
  ];
  const h = header(rows, [
    [0, "title"],
    [1, "title"],
  ]);
  assert.equal(
    findTitle(h.spans, h.text, h.lines, fonts)?.title,
    "Instructions for Using Springer’s llncs Class for Computer Science Proceedings Papers",
  );
  // A subtitle with a number in it is still one.
  const sub = header(
    [...rows.slice(0, 2), ["Lessons from 2.5 Million Papers", 12, true]],
    [
      [0, "title"],
      [1, "title"],
    ],
  );
  assert.equal(
    findTitle(sub.spans, sub.text, sub.lines, fonts)?.title,
    "Instructions for Using Springer’s llncs Class for Computer Science Proceedings Papers: Lessons from 2.5 Million Papers",
  );
});

test("with no display type, a first line in bold a size above the text's is the title; a line set apart under it is not", () => {
  const at = (text: string, top: number, size: number, bold = false) => textLine(text, { top, size, bold });
  const jpsj = [
    at("Typeset with jpsj2.cls <ver.1.2>", 60, 11),
    at("Instructions for the Preparation of a Manuscript for", 99, 12, true),
    at("the Journal of the Physical Society of Japan", 115, 12),
    at("Online-Journal Subcommittee of JPSJ", 141, 11),
  ];
  const text = (ls: Line[]) => ls.map((l) => l.text.trim()).join("\n");
  assert.equal(
    findTitle([], text(jpsj), jpsj, fonts)?.title,
    "Instructions for the Preparation of a Manuscript for the Journal of the Physical Society of Japan",
  );
  const smf = [at("ADVICE TO AUTHORS", 195, 12, true), at("Société Mathématique de France", 232, 12)];
  assert.equal(findTitle([], text(smf), smf, fonts)?.title, "ADVICE TO AUTHORS");
  // Not a section's heading in bold, nor bold in the text's own size.
  const heading = [at("1. Introduction", 60, 12, true), at("We study things that matter.", 80, 11)];
  assert.equal(findTitle([], text(heading), heading, fonts), undefined);
  const plain = [at("Advice to authors of papers", 60, 11, true), at("We study things that matter.", 80, 11)];
  assert.equal(findTitle([], text(plain), plain, fonts), undefined);
});

test("review: a bold label, a journal's name or a section is no title; a bold title's run stops at plain text", () => {
  const at = (text: string, top: number, size: number, bold = false) => textLine(text, { top, size, bold });
  const text = (ls: Line[]) => ls.map((l) => l.text.trim()).join("\n");
  for (const label of [
    "RESEARCH ARTICLE IN BRIEF",
    "Open Access Research Paper",
    "Journal of Applied Ecology",
    "Materials and Methods used",
  ]) {
    const ls = [at(label, 60, 12, true), at("We studied how things matter to people.", 100, 11)];
    assert.equal(findTitle([], text(ls), ls, fonts), undefined, label);
  }
  const run = [
    at("Exercise and Heart Failure in Older Adults", 60, 11.5, true),
    at("Anna Keller and Thomas Braun, University of Basel", 74, 11),
    at("We studied how exercise changes outcomes.", 88, 11),
  ];
  assert.equal(findTitle([], text(run), run, fonts)?.title, "Exercise and Heart Failure in Older Adults");
});
