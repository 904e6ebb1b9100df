import assert from "node:assert/strict";
import { test } from "node:test";
import { column } from "../../testing/lines.ts";
import { imprintNames, signatureNames } from "./signature.ts";

test("a newsletter article's authors sign it over their telephone number, with their institution", () => {
  const run = column([
    [0, "Unterschiede haben sich gegenüber 1993 deut-"],
    [0, "lich verringert."],
    [0, "Heinz-Herbert Noll und"],
    [0, "Stefan Weick, ZUMA"],
    [0, "Tel.: 0621/1246-241/-245"],
  ]);
  assert.equal(signatureNames(run), "Heinz-Herbert Noll und Stefan Weick");
  // The institution on a line of its own, and addresses of email under the telephone.
  const own = column([
    [0, "Aufgabe, Methode und Durchführung."],
    [0, "Heinz-Herbert Noll und Stefan Weick,"],
    [0, "GESIS"],
    [0, "Tel.: 0621 / 1246-241 und -245"],
    [0, "heinz-herbert.noll@gesis.org"],
  ]);
  assert.equal(signatureNames(own), "Heinz-Herbert Noll und Stefan Weick");
});

test("a sentence over a telephone number is no signature, nor is a name with no contact under it", () => {
  const sentence = column([
    [0, "Bestellungen richten Sie bitte an das Sekretariat,"],
    [0, "Tel.: 0621/1246-0"],
  ]);
  assert.equal(signatureNames(sentence), undefined);
  assert.equal(
    signatureNames(
      column([
        [0, "Stefan Weick, ZUMA"],
        [0, "Mannheim"],
      ]),
    ),
    undefined,
  );
});

test("an imprint names its authors under a label, with their position after a comma", () => {
  const imprint = column([
    [0, "Autorin:"],
    [0, "Britta Leisering, Wissenschaftliche"],
    [0, "Mitarbeiterin der Monitoring-Stelle zur"],
  ]);
  assert.equal(imprintNames(imprint), "Britta Leisering");
  assert.equal(imprintNames(column([[0, "Authors: Ann Smith and Bob Jones"]])), "Ann Smith and Bob Jones");
  // A label over a sentence names no one.
  assert.equal(
    imprintNames(
      column([
        [0, "Autor:"],
        [0, "Die Redaktion dankt allen Beteiligten"],
      ]),
    ),
    undefined,
  );
});
