import assert from "node:assert/strict";
import { test } from "node:test";
import { summarize } from "./summary.ts";

test("a citation summary counts works, citations, h-index and bands, with and without self-citations", () => {
  const s = summarize(
    [
      { citedBy: 600, selfCited: 150 },
      { citedBy: 120, selfCited: 30 },
      { citedBy: 12, selfCited: 3 },
      { citedBy: 3, selfCited: 3 },
      { citedBy: 0, selfCited: 0 },
    ],
    7,
  );
  assert.equal(s.works, 5);
  assert.equal(s.total, 7);
  assert.equal(s.citations, 735);
  assert.equal(s.citationsWithoutSelf, 549);
  assert.equal(s.hIndex, 3);
  assert.equal(s.hIndexWithoutSelf, 3);
  assert.deepEqual(
    s.bands.map((b) => [b.label, b.works, b.worksWithoutSelf]),
    [
      ["0", 1, 2],
      ["1–9", 1, 1],
      ["10–49", 1, 0],
      ["50–99", 0, 1],
      ["100–249", 1, 0],
      ["250–499", 0, 1],
      ["500+", 1, 0],
    ],
  );
});
