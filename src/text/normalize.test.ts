import assert from "node:assert/strict";
import { test } from "node:test";
import { foldText, stem, stemmedText, wordSpans, words } from "./normalize.ts";

test("folding removes case and diacritics and applies NFKC", () => {
  assert.equal(foldText("Müller"), "muller");
  assert.equal(foldText("ÅNGSTRÖM"), "angstrom");
  assert.equal(foldText("ﬁle"), "file"); // ligature, NFKC
  assert.equal(foldText("Straße"), "strasse");
  assert.deepEqual(words("Jos\u0065\u0301 García-Márquez, 2004!"), ["jose", "garcia", "marquez", "2004"]);
});

test("stemming conflates English inflections but leaves numbers alone", () => {
  assert.equal(stem("machines"), stem("machine"));
  assert.equal(stem("running"), "run");
  assert.equal(stem("2004s"), "2004s");
  assert.equal(stemmedText("Virtual Machines"), "virtual machin");
});

test("word spans keep offsets into the original text", () => {
  const text = "Über ﬁne-grained";
  const spans = wordSpans(text);
  assert.deepEqual(
    spans.map((s) => [s.word, text.slice(s.start, s.end)]),
    [
      ["uber", "Über"],
      ["fine", "ﬁne"],
      ["grained", "grained"],
    ],
  );
});
