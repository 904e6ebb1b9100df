import assert from "node:assert/strict";
import { test } from "node:test";
import { abstractText } from "./abstract.ts";
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
