import assert from "node:assert/strict";
import { test } from "node:test";
import { column } from "../../testing/lines.ts";
import { footnoteReferences } from "./footnotes.ts";

test("each footnote that names a work is a reference, its number the label, the cue before it dropped", () => {
  const notes = footnoteReferences(
    column([
      [0, "7 Vgl. Thomas Klein, Die Geburt von Kindern in paarbezogener Perspektive, in:"],
      [6, "Zeitschrift für Soziologie, 32 (2003), S. 506-527."],
      // Set solid under the one before, neither in superscript nor set apart: the next number opens it.
      [0, "8 Mary Noonan unterscheidet zwischen Tätigkeiten. Vgl. Mary C. Noonan, The impact of"],
      [6, "domestic work on wages, in: Journal of Marriage and the Family, 63 (2001), S. 1134-1145."],
      [0, "9 Vgl. auch Prognos AG (2014), S. 132."],
      [0, "10 Eigene Berechnungen."],
    ]),
  );
  assert.deepEqual(
    notes.map((n) => [n.label, n.raw]),
    [
      [
        "7",
        "Thomas Klein, Die Geburt von Kindern in paarbezogener Perspektive, in: Zeitschrift für Soziologie, 32 (2003), S. 506-527.",
      ],
      [
        "8",
        "Mary C. Noonan, The impact of domestic work on wages, in: Journal of Marriage and the Family, 63 (2001), S. 1134-1145.",
      ],
      ["9", "Prognos AG (2014), S. 132."],
    ],
  );
});

test("a note citing two works gives two references; a work cited again at another page, one", () => {
  const notes = footnoteReferences(
    column([
      [0, "1 Paul J.J. Welfens, Eastern EU Enlargement, Discussion Paper No. 53, Potsdam 1998; Daniel"],
      [
        6,
        "Piazolo, Gaining Credibility through Regional Integration, Kiel Working Paper No. 837, Oktober 1997.",
      ],
      [0, "2 Vagae Luboš, EU-Beitritt der Slowakischen Republik – Pro und Kontra, Bratislava 1996, S. 27."],
      [0, "3 Vagae Luboš, EU-Beitritt der Slowakischen Republik – Pro und Kontra, Bratislava 1996, S. 23f."],
      // A semicolon inside one work's reference does not split it.
      [0, "4 Karl Popper, Logik der Forschung, Tübingen; Wien 1935, S. 12."],
    ]),
  );
  assert.deepEqual(
    notes.map((n) => [n.label, n.raw]),
    [
      ["1", "Paul J.J. Welfens, Eastern EU Enlargement, Discussion Paper No. 53, Potsdam 1998"],
      [
        "1",
        "Daniel Piazolo, Gaining Credibility through Regional Integration, Kiel Working Paper No. 837, Oktober 1997.",
      ],
      ["2", "Vagae Luboš, EU-Beitritt der Slowakischen Republik – Pro und Kontra, Bratislava 1996, S. 27."],
      ["4", "Karl Popper, Logik der Forschung, Tübingen; Wien 1935, S. 12."],
    ],
  );
});

test("a cue in small letters after a note's remark, and a second work joined by 'sowie', are read", () => {
  const notes = footnoteReferences(
    column([
      [0, "3 Für einen Überblick der Ursachen des Geburtenrückgangs vgl. Johannes Huinink, Familienent-"],
      [6, "wicklung in der Bundesrepublik, Frankfurt/M. 1991, S. 289-317; sowie Dirk J. Van de Kaa,"],
      [6, "Europe’s Second Demographic Transition, in: Population Bulletin, 42 (1987), S. 1 – 53."],
    ]),
  );
  assert.deepEqual(
    notes.map((n) => n.raw),
    [
      "Johannes Huinink, Familienentwicklung in der Bundesrepublik, Frankfurt/M. 1991, S. 289-317",
      "Dirk J. Van de Kaa, Europe’s Second Demographic Transition, in: Population Bulletin, 42 (1987), S. 1 – 53.",
    ],
  );
});

test("a note on where the paper first appeared gives that publication, without its cue", () => {
  const notes = footnoteReferences(
    column([
      [0, "1 Erstmals erschienen in: Aus Politik und Zeitgeschichte. Beilage zur Wochenzeitung DAS"],
      [6, "PARLAMENT. 7/2007, S. 3-8."],
    ]),
  );
  assert.deepEqual(
    notes.map((n) => n.raw),
    ["Aus Politik und Zeitgeschichte. Beilage zur Wochenzeitung DAS PARLAMENT. 7/2007, S. 3-8."],
  );
});
