import assert from "node:assert/strict";
import { test } from "node:test";
import { textLine } from "../testing/lines.ts";
import { bodyText } from "./body.ts";

test("body text: lines joined with dehyphenation, blocks on lines of their own, superscripts located", () => {
  const first = textLine("We follow earlier distri-", { blockStart: true });
  const second = textLine("butional work 12 closely.");
  // "12" is raised and smaller: a superscript citation mark glued to "work".
  const mark = second.words[2];
  mark.superscript = true;
  const third = textLine("A new paragraph.", { blockStart: true });
  const body = bodyText([first, second, third]);
  assert.equal(body.text.split("\n")[0].startsWith("We follow earlier distributional work"), true);
  assert.equal(body.text.split("\n")[1], "A new paragraph.");
  assert.equal(body.superscripts.length, 1);
  const { start, end } = body.superscripts[0];
  assert.equal(body.text.slice(start, end), "12");
});
