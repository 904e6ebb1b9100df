import assert from "node:assert/strict";
import { test } from "node:test";
import { CSL_TYPES } from "../formats/csl.ts";
import { dcTypes, MAPPED_CSL_TYPES } from "./oai-dc-type.ts";

const DCMI = new Set(["Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage"]);
for (const t of ["Software", "Sound", "StillImage", "Text"]) DCMI.add(t);

test("every CSL type has a DCMI type and an info:eu-repo type", () => {
  assert.equal(MAPPED_CSL_TYPES.length, 45, "the CSL 1.0.2 types");
  for (const t of [...CSL_TYPES, ...MAPPED_CSL_TYPES]) {
    const [dcmi, euRepo] = dcTypes(t);
    assert.ok(DCMI.has(dcmi), `${t}: ${dcmi}`);
    assert.match(euRepo, /^info:eu-repo\/semantics\/[a-zA-Z]+$/, t);
  }
});

test("publication types as repositories give them", () => {
  const cases: [string, string, string][] = [
    ["article-journal", "Text", "article"],
    ["paper-conference", "Text", "conferenceObject"],
    ["chapter", "Text", "bookPart"],
    ["book", "Text", "book"],
    ["thesis", "Text", "doctoralThesis"],
    ["report", "Text", "report"],
    ["article", "Text", "preprint"],
    ["dataset", "Dataset", "other"],
    ["software", "Software", "other"],
  ];
  for (const [csl, dcmi, euRepo] of cases)
    assert.deepEqual(dcTypes(csl), [dcmi, `info:eu-repo/semantics/${euRepo}`], csl);
});

test("the genre says which thesis, and a working paper; unknown and missing types are Text, other", () => {
  assert.equal(dcTypes("thesis", "Master's thesis")[1], "info:eu-repo/semantics/masterThesis");
  assert.equal(dcTypes("thesis", "MSc dissertation")[1], "info:eu-repo/semantics/masterThesis");
  assert.equal(dcTypes("thesis", "Bachelor thesis")[1], "info:eu-repo/semantics/bachelorThesis");
  assert.equal(dcTypes("thesis", "PhD thesis")[1], "info:eu-repo/semantics/doctoralThesis");
  assert.equal(dcTypes("report", "NBER Working Paper")[1], "info:eu-repo/semantics/workingPaper");
  assert.equal(
    dcTypes("book", "Working paper")[1],
    "info:eu-repo/semantics/book",
    "only where the type allows",
  );
  assert.deepEqual(dcTypes("hologram"), ["Text", "info:eu-repo/semantics/other"]);
  assert.deepEqual(dcTypes(undefined), ["Text", "info:eu-repo/semantics/other"]);
  assert.deepEqual(dcTypes("constructor"), ["Text", "info:eu-repo/semantics/other"], "no Object key");
});
