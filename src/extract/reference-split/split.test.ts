import assert from "node:assert/strict";
import { test } from "node:test";
import { column } from "../../testing/lines.ts";
import { labelOf, splitReferences } from "./split.ts";

test("a numbered list splits at each label, and keeps the label", () => {
  const refs = splitReferences(
    column([
      [0, "[1] E. Garfield. Citation indexes for science. Science,"],
      [0, "122(3159):108-111, 1955."],
      [0, "[2] C. L. Giles, K. D. Bollacker, and S. Lawrence. CiteSeer: An auto-"],
      [0, "matic citation indexing system. In Proc. ACM DL, 1998."],
      [0, "[3] P. Lopez. GROBID. In ECDL, 2009."],
    ]),
  );
  assert.equal(refs.length, 3);
  assert.deepEqual(
    refs.map((r) => r.label),
    ["1", "2", "3"],
  );
  assert.equal(
    refs[1].raw,
    "[2] C. L. Giles, K. D. Bollacker, and S. Lawrence. CiteSeer: An automatic citation indexing system. In Proc. ACM DL, 1998.",
  );
});

test("numbers inside a reference do not start a new one", () => {
  const refs = splitReferences(
    column([
      [0, "1. A. Smith. On graphs. Journal of Graphs,"],
      [0, "12 pages, 2001."],
      [0, "2. B. Jones. On trees. Forest Letters, 3:1-9, 2002."],
      [0, "3. C. Lee. On paths. In Proc. Paths, 2003."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.label),
    ["1", "2", "3"],
  );
});

test("hanging indents: each line set flush opens a reference", () => {
  const refs = splitReferences(
    column([
      [0, "Bade, K. J. (1994), Homo Migrans. Wanderungen aus und nach"],
      [14, "Deutschland. Essen: Klartext."],
      [0, "Bartel, A. P. (1989), Where do the new U.S. immigrants live?"],
      [14, "Journal of Labor Economics, 7, 371-391."],
      [0, "Borjas, G. J. (1987), Self-selection and the earnings of"],
      [14, "immigrants, American Economic Review, 77, 531-553."],
    ]),
  );
  assert.equal(refs.length, 3);
  assert.ok(refs[1].raw.startsWith("Bartel, A. P. (1989)"));
  assert.ok(refs[1].raw.endsWith("371-391."));
  assert.equal(refs[0].label, undefined);
});

test("first-line indents open references where the indented lines start like one", () => {
  const refs = splitReferences(
    column([
      [14, "Bade, K. J. (1994), Homo Migrans. Wanderungen aus und nach"],
      [0, "Deutschland. Essen: Klartext."],
      [14, "Bartel, A. P. (1989), Where do the new U.S. immigrants live?"],
      [0, "journal of Labor Economics, 7, 371-391."],
    ]),
  );
  assert.equal(refs.length, 2);
});

test("flush lists without labels split after a sentence end before a name and a year", () => {
  const refs = splitReferences(
    column([
      [0, "Smith, J. (2001). A study of things. Journal of"],
      [0, "Things, 4, 1-10."],
      [0, "Jones, M. (2003). Another study. Press."],
    ]),
  );
  assert.equal(refs.length, 2);
});

test("labels: brackets, dots, keys", () => {
  assert.equal(labelOf("[12] A. Smith"), "12");
  assert.equal(labelOf("12. A. Smith"), "12");
  assert.equal(labelOf("[Knu84] D. Knuth"), "Knu84");
  assert.equal(labelOf("Smith, J. 2001"), undefined);
});

test("nothing in, nothing out; a huge list is bounded", () => {
  assert.deepEqual(splitReferences([]), []);
  const many = column(
    Array.from({ length: 3000 }, (_, i): [number, string] => [0, `[${i + 1}] A. Author. Title ${i}. 2001.`]),
  );
  assert.ok(splitReferences(many).length <= 1500);
});

test("the same author's next work, its dash drawn as a rule the text lacks, opens a reference", () => {
  const refs = splitReferences(
    column([
      [0, "Beckert, Jens, 2002a: Beyond the Market. The Social Foundations of"],
      [14, "Economic Efficiency. Princeton: Princeton University Press."],
      [14, ", 2002b: Von Fröschen, Unternehmensstrategien und anderen Totems."],
      [0, "Coleman, James, 1990: Foundations of Social Theory. Cambridge, MA:"],
      [14, "Harvard University Press."],
    ]),
  );
  assert.deepEqual(
    refs.map((r) => r.raw.slice(0, 14)),
    ["Beckert, Jens,", ", 2002b: Von F", "Coleman, James"],
  );
});
