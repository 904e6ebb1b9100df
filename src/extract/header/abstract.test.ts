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
