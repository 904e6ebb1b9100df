import assert from "node:assert/strict";
import { test } from "node:test";
import { hyphenatedWords, joinLine, joinLines } from "./dehyphenate.ts";

test("a hyphen at a line end before a lower-case word is dropped", () => {
  assert.equal(joinLines(["Given a distri-", "butional vector"]), "Given a distributional vector");
});

test("a hyphen before a capital, a number or a known compound is kept", () => {
  assert.equal(joinLines(["the Franco-", "Prussian war"]), "the Franco-Prussian war");
  assert.equal(joinLines(["pages 12-", "15"]), "pages 12-15");
  const lines = ["a state-of-the-art method and", "another state-of-the-", "art one"];
  assert.ok(hyphenatedWords(lines).has("state-of-the-art"));
  assert.equal(joinLines(lines), "a state-of-the-art method and another state-of-the-art one");
});

test("lines without hyphens are joined with a space", () => {
  assert.equal(joinLine("one line", "next line", new Set()), "one line next line");
  assert.equal(joinLine("", "first", new Set()), "first");
});

test("a line's end hyphen that justified type set apart as a line of its own still joins the word", () => {
  assert.equal(
    joinLines(["einen wirksamen menschenrechtlichen Instru", "-", "ment machen"]),
    "einen wirksamen menschenrechtlichen Instrument machen",
  );
  assert.equal(joinLines(["pages 12", "-", "15"]), "pages 12 - 15");
});
