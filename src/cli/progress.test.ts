/** The ingest ETA as a pure function of when documents finished: synthetic sequences, no real time. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { EtaEstimator, formatEta } from "./progress.ts";

/** Feeds finishing times (seconds since the start, one per document, sorted) and collects every estimate. */
function estimates(finished: number[]): (number | undefined)[] {
  const eta = new EtaEstimator();
  return finished.map((at, i) => {
    eta.observe(at, i + 1);
    return eta.secondsLeft(finished.length - i - 1);
  });
}

/** The times one worker finishes documents taking `durations` seconds each, after `startup` seconds. */
function oneWorker(startup: number, durations: number[]): number[] {
  let at = startup;
  return durations.map((d) => (at += d));
}

test("a long first PDF does not make a 2-minute job look like 24 minutes", () => {
  // Start-up and a 60-second first PDF, then 119 documents of a second each: 2 minutes are left.
  const finished = oneWorker(5, [60, ...Array(119).fill(1)]);
  const got = estimates(finished);
  assert.deepEqual(got.slice(0, 5), Array(5).fill(undefined), "no estimate from the first few documents");
  for (let i = 5; i < finished.length - 1; i++) {
    const truth = finished[finished.length - 1] - finished[i];
    const estimate = got[i];
    assert.ok(estimate !== undefined, `an estimate after document ${i + 1}`);
    assert.ok(
      Math.abs(estimate - truth) <= 0.1 * truth + 1,
      `after document ${i + 1}: ${estimate} s for ${truth} s`,
    );
  }
  // What the rate since the start said after the 6th document: 114 documents at 6 per 70 s.
  assert.ok(got[5]! < 200, `not ${Math.round((114 * 70) / 6)} s`);
});

test("parallel workers finishing in bursts give a steady estimate", () => {
  // Two workers, documents of 0.5 to 1.5 s (seeded), 8 s of start-up: completions come in uneven pairs.
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const free = [8, 8];
  const finished: number[] = [];
  for (let i = 0; i < 200; i++) {
    const w = free[0] <= free[1] ? 0 : 1;
    free[w] += 0.5 + random();
    finished.push(free[w]);
  }
  finished.sort((a, b) => a - b);
  const got = estimates(finished);
  const end = finished[finished.length - 1];
  for (let i = 10; i < finished.length - 20; i++) {
    const truth = end - finished[i];
    assert.ok(
      Math.abs(got[i]! - truth) <= 0.2 * truth,
      `after document ${i + 1}: ${got[i]} s for ${truth} s`,
    );
    // From one document to the next, the estimate moves by the time that passed, give or take a little.
    const expected = got[i - 1]! - (finished[i] - finished[i - 1]);
    assert.ok(Math.abs(got[i]! - expected) <= 0.1 * truth, `no swing at document ${i + 1}`);
  }
});

test("a lasting change of pace is followed within some thirty documents", () => {
  // 60 documents of 1 s, then 60 of 2 s.
  const finished = oneWorker(3, [...Array(60).fill(1), ...Array(60).fill(2)]);
  const got = estimates(finished);
  const i = 60 + 30;
  const truth = finished[finished.length - 1] - finished[i];
  assert.ok(Math.abs(got[i]! - truth) <= 0.15 * truth, `${got[i]} s for ${truth} s`);
});

test("one huge PDF among small ones moves the estimate a little", () => {
  // One worker: 40 documents of 1 s, one of 60 s, 79 of 1 s.
  const finished = oneWorker(3, [...Array(40).fill(1), 60, ...Array(79).fill(1)]);
  const got = estimates(finished);
  const truth = finished[finished.length - 1] - finished[40];
  assert.ok(got[40]! <= 1.25 * truth, `${got[40]} s for ${truth} s`);
});

test("no estimate until a few seconds have passed, however many documents finish", () => {
  // 30 documents in the first second (skipped duplicates, tiny files): too soon to say.
  const finished = [4, ...Array.from({ length: 30 }, (_, i) => 4 + (i + 1) / 30)];
  assert.equal(estimates(finished).at(-1), undefined);
});

test("formatEta writes minutes and seconds, and dashes without an estimate", () => {
  assert.equal(formatEta(187.4), "3:07");
  assert.equal(formatEta(undefined), "--:--");
});
