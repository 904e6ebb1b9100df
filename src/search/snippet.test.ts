import assert from "node:assert/strict";
import { test } from "node:test";
import { makeSnippet, SNIPPET_LENGTH, snippetText } from "./snippet.ts";

const terms = (...w: string[]) => ({ words: new Set(w), prefixes: [] as string[] });

test("the snippet is the passage with the most query words, cut with ...", () => {
  const text = `${"Filler words about something else entirely. ".repeat(12)}Virtual machines run bytecode; a virtual machine interprets it. ${"More filler text here. ".repeat(20)}`;
  const s = makeSnippet(text, terms("virtual", "machines"))!;
  const plain = snippetText(s)!;
  assert.ok(plain.startsWith("...") && plain.endsWith("..."));
  assert.ok(plain.length <= SNIPPET_LENGTH + 6);
  // Stemming: "machine" is highlighted for the query word "machines".
  assert.deepEqual(
    s.segments.filter((x) => x.hit).map((x) => x.text),
    ["Virtual", "machines", "virtual", "machine"],
  );
});

test("a short text is shown whole, without ...", () => {
  assert.equal(snippetText(makeSnippet("Short abstract.", terms("x"))), "Short abstract.");
  assert.equal(makeSnippet("   ", terms("x")), undefined);
});

test("segments keep the text as printed, for escaping by the renderer", () => {
  const s = makeSnippet("<script>alert(1)</script> Müller's virtual world", terms("muller", "virtual"))!;
  assert.equal(s.segments.map((x) => x.text).join(""), "<script>alert(1)</script> Müller's virtual world");
  assert.deepEqual(
    s.segments.filter((x) => x.hit).map((x) => x.text),
    ["Müller", "virtual"],
  );
});

test("prefix terms highlight every word they start", () => {
  const s = makeSnippet("virtualization and virtually everything", {
    words: new Set(),
    prefixes: ["virtual"],
  })!;
  assert.equal(s.segments.filter((x) => x.hit).length, 2);
});
