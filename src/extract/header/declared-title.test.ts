import assert from "node:assert/strict";
import { test } from "node:test";
import { textLine } from "../../testing/lines.ts";
import { printedDeclaredTitle, titleWithDeclared, usableDeclaredTitle } from "./declared-title.ts";

/** Front-matter lines one under the other. */
const front = (...texts: string[]) => texts.map((t, i) => textLine(t, { top: 60 + i * 16, size: 14 }));

test("a file name, a program's default or a name of two words is no declared title", () => {
  for (const t of [
    "Microsoft Word - 06-Harnard.doc",
    "zfwu_2_05.pdf",
    "untitled",
    "acl07.dvi",
    "Alexander Leistner",
  ])
    assert.equal(usableDeclaredTitle(t), undefined, t);
  assert.equal(
    usableDeclaredTitle("  Natural Image   Denoising with Networks "),
    "Natural Image Denoising with Networks",
  );
});

test("the declared title as printed: across lines, a line-end hyphen joined, its question mark kept", () => {
  const lines = front(
    "WORKING PAPER SERIES",
    "Voice, Exit oder",
    "CSU? Wahlen in Bay-",
    "ern",
    "Roland Abold",
  );
  assert.equal(
    printedDeclaredTitle(lines, "VOICE EXIT ODER CSU WAHLEN IN BAYERN"),
    "Voice, Exit oder CSU? Wahlen in Bayern",
  );
  assert.equal(printedDeclaredTitle(lines, "Exit or Voice in Bavaria"), undefined);
});

test("a title cut after its first line runs on to the declared title's end", () => {
  const lines = front("From evaluation towards an", "evidence-based practice of policy", "Ann Smith");
  assert.equal(
    titleWithDeclared(
      lines,
      "From evaluation towards an",
      "From Evaluation towards an Evidence-Based Practice of Policy",
    ),
    "From evaluation towards an evidence-based practice of policy",
  );
});

test("a banner glued before the title is dropped where the file declares the title alone", () => {
  const lines = front("Review Article", "History, Tyranny, and Democracy in Zimbabwe");
  assert.equal(
    titleWithDeclared(
      lines,
      "Review Article History, Tyranny, and Democracy in Zimbabwe",
      "History, Tyranny, and Democracy in Zimbabwe",
    ),
    "History, Tyranny, and Democracy in Zimbabwe",
  );
});

test("a subtitle the file leaves out stays; an unrelated or unprinted declared title changes nothing", () => {
  const lines = front(
    "Die Ambivalenz des modernen Naturverhältnisses.",
    "Ökologische Ethik und der neue Geist",
    "Klaus Eder",
  );
  const found = "Die Ambivalenz des modernen Naturverhältnisses. Ökologische Ethik und der neue Geist";
  assert.equal(titleWithDeclared(lines, found, "DIE AMBIVALENZ DES MODERNEN NATURVERHÄLTNISSES"), found);
  assert.equal(titleWithDeclared(lines, found, "Institut für Höhere Studien, Wien"), found);
  // Declared longer than the found title, but not printed so: the found title stays.
  assert.equal(
    titleWithDeclared(lines, "Die Ambivalenz", "Die Ambivalenz der Moderne im Überblick"),
    "Die Ambivalenz",
  );
  assert.equal(
    titleWithDeclared(lines, undefined, "Die Ambivalenz des modernen Naturverhältnisses"),
    undefined,
  );
});
