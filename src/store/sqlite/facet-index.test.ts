import assert from "node:assert/strict";
import { test } from "node:test";
import { Counter } from "./facet-index.ts";

/** The top entries as a full sort gives them: highest count first, ties by the smaller id. */
function sortedTop(ids: number[], top: number): [number, number][] {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top);
}

test("a counter's top entries are a full sort's, ties by the smaller id, and taking them clears it", () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const counter = new Counter();
  for (let round = 0; round < 50; round++) {
    // Few distinct ids (many ties) in some rounds, ids past the counter's first size in others.
    const range = [3, 20, 500, 5000][round % 4];
    const ids = Array.from({ length: random(3000) }, () => 1 + random(range));
    for (const id of ids) counter.add(id);
    const top = [1, 10, 100][round % 3];
    assert.deepEqual(counter.take(top), sortedTop(ids, top), `round ${round}`);
  }
  assert.deepEqual(counter.take(10), [], "nothing is left after a take");
  assert.throws(() => counter.add(-1), RangeError, "an id below 0 is refused, not lost");
});
