/**
 * The rules of a correction, pure (src/graph/corrections.ts); what a store does with corrections is in the
 * contract suite (src/store/contract/corrections.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyCorrections, CorrectionError, validateCorrection } from "../../graph/corrections.ts";

test("validateCorrection normalises values and names the field it refuses", () => {
  assert.deepEqual(
    validateCorrection({ title: "  A  title ", issued: "1957", author: ["Downs, Anthony", "Jane Roe"] }),
    {
      title: "A title",
      issued: { "date-parts": [[1957]] },
      author: [
        { family: "Downs", given: "Anthony" },
        { family: "Roe", given: "Jane" },
      ],
    },
  );
  assert.deepEqual(validateCorrection({ DOI: "", abstract: null }), { DOI: null, abstract: null });
  assert.deepEqual(validateCorrection({ author: ["{World Health Organization}", { literal: "CERN" }] }), {
    author: [{ literal: "World Health Organization" }, { literal: "CERN" }],
  });
  const refused: [Record<string, unknown>, RegExp][] = [
    [{}, /nothing to correct/],
    [{ citations: 5 }, /^citations: not a field/],
    [{ title: "" }, /^title: cannot be empty/],
    [{ issued: "nineteen" }, /^issued: the year must be/],
    [{ issued: 99999 }, /^issued:/],
    [{ DOI: "doi 12" }, /^DOI: "doi 12" is not a DOI/],
    [{ URL: "javascript:alert(1)" }, /^URL:/],
    [{ author: [{ given: "Ann" }] }, /^author 1: has no family name/],
    [{ author: "Downs" }, /^author: must be a list/],
    [{ type: "poem" }, /^type: must be one of/],
    [{ title: "x".repeat(1001) }, /^title: longer than 1000/],
  ];
  for (const [fields, message] of refused)
    assert.throws(
      () => validateCorrection(fields),
      (e: Error) => e instanceof CorrectionError && message.test(e.message),
    );
});

test("applyCorrections applies in order, later over earlier, null clearing a field", () => {
  const item = { title: "T", volume: "3", page: "1-2" };
  assert.deepEqual(
    applyCorrections(item, [
      { title: "U", volume: "4" },
      { volume: null, title: "V" },
    ]),
    {
      title: "V",
      page: "1-2",
    },
  );
  assert.equal(applyCorrections(item, []), item);
});
