import assert from "node:assert/strict";
import { test } from "node:test";
import { languageOf } from "./language.ts";

test("languageOf tells English from German by function words, and says nothing when unsure", () => {
  assert.equal(languageOf("The article investigates two legal provisions in the Netherlands."), "en");
  assert.equal(
    languageOf("Der Artikel untersucht am Beispiel der Niederlande zwei gesetzliche Regelungen."),
    "de",
  );
  assert.equal(languageOf("Tabelle 3"), undefined);
  // As many of each: neither.
  assert.equal(languageOf("the and der die"), undefined);
});
