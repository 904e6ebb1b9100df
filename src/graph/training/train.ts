/**
 * Learns the match model: logistic regression over MATCH_FEATURES by L-BFGS on the L2-regularised
 * log-likelihood, then the threshold that maximises F1 on the same training pairs. Deterministic (a fixed seed
 * for the variants below, a fixed start for the optimiser), so `npm run train:matching` rebuilds the committed
 * weights bit for bit.
 *
 * The benchmark pairs are whole bibliography records; references printed in papers are not — they drop the
 * venue or year, keep only the first author, cut the title. So each training pair is also seen with its second
 * record thinned the way references are, and the model learns what missing evidence means instead of reading
 * every gap as a mismatch.
 */
import type { CslItem } from "../../formats/csl.ts";
import { type BoostOptions, trainBoostedTrees } from "../boosting.ts";
import { type MatchRecord, toMatchRecord } from "../record.ts";
import { type MatchModel, matchFeatures, scoreFeatures } from "../score.ts";
import type { RecordPair } from "./pairs.ts";

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A record as a reference might print it: fields dropped or cut at random. */
export function thinned(item: CslItem, rand: () => number): CslItem {
  const out: CslItem = { ...item };
  if (rand() < 0.4) delete out.issued;
  if (rand() < 0.4) delete out["container-title"];
  const r = rand();
  if (out.author && r < 0.25) out.author = out.author.slice(0, 1);
  else if (out.author && r < 0.35) {
    // One author of several: the others lost to "et al." or to a garbled list.
    const k = Math.floor(rand() * out.author.length);
    out.author = out.author.slice(k, k + 1);
  } else if (out.author && r < 0.4) delete out.author;
  if (out.title && rand() < 0.15) {
    const words = out.title.split(" ");
    out.title = words.slice(0, Math.max(2, Math.ceil(words.length * (0.5 + rand() * 0.4)))).join(" ");
  }
  return out;
}

export interface MatchTrainOptions {
  boost: BoostOptions;
  /** Thinned copies of each pair. */
  variants: number;
  seed: number;
}

export const MATCH_TRAIN_OPTIONS: MatchTrainOptions = {
  boost: { rounds: 150, depth: 3, learningRate: 0.2, minLeaf: 5, lambda: 1, bins: 32 },
  variants: 2,
  seed: 7,
};

/** A pair's two match records, each read as what it is (a record or a printed reference). */
export function pairRecords(p: RecordPair): [MatchRecord, MatchRecord] {
  return [toMatchRecord(p.a, p.sources?.[0] ?? "record"), toMatchRecord(p.b, p.sources?.[1] ?? "record")];
}

/** The feature vectors and labels training sees: each pair as given, and thinned copies. */
export function trainingExamples(
  pairs: RecordPair[],
  options: MatchTrainOptions,
): { xs: Float64Array[]; ys: number[] } {
  const rand = seededRandom(options.seed);
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (const p of pairs) {
    const [a, b] = pairRecords(p);
    xs.push(matchFeatures(a, b));
    ys.push(p.same ? 1 : 0);
    // A printed reference is thin already: only catalogue records are thinned further.
    if (p.sources?.[1] === "reference") continue;
    for (let v = 0; v < options.variants; v++) {
      xs.push(matchFeatures(a, toMatchRecord(thinned(p.b, rand), "reference")));
      ys.push(p.same ? 1 : 0);
    }
  }
  return { xs, ys };
}

/**
 * The threshold for scored pairs: the middle of the plateau of thresholds whose F1 is within 0.2 points of the
 * best (in steps of 0.01). F1 is flat over a wide range on clean pairs; taking its arg-max would pick a point
 * of that plateau by chance, the middle is the choice least sensitive to where the new data's scores fall.
 */
export function bestThreshold(scores: number[], same: boolean[]): number {
  const f1s: { t: number; f1: number }[] = [];
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    scores.forEach((s, i) => {
      if (s >= t && same[i]) tp++;
      else if (s >= t) fp++;
      else if (same[i]) fn++;
    });
    f1s.push({ t, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0 });
  }
  const best = Math.max(...f1s.map((x) => x.f1));
  const plateau = f1s.filter((x) => x.f1 >= best - 0.002).map((x) => x.t);
  return Math.round(((plateau[0] + plateau[plateau.length - 1]) / 2) * 100) / 100;
}

/**
 * Trains on all the pairs; the threshold comes from out-of-fold scores (each fifth scored by a model trained on
 * the other four), because a model scores the pairs it was trained on too confidently for their threshold to
 * carry over to pairs it has not seen.
 */
export function trainMatchModel(pairs: RecordPair[], options = MATCH_TRAIN_OPTIONS): MatchModel {
  const folds = 5;
  const scores = new Array<number>(pairs.length);
  for (let k = 0; k < folds; k++) {
    const train = pairs.filter((_, i) => i % folds !== k);
    const { xs, ys } = trainingExamples(train, options);
    const trees = trainBoostedTrees(xs, ys, options.boost);
    pairs.forEach((p, i) => {
      if (i % folds === k) scores[i] = scoreFeatures(trees, matchFeatures(...pairRecords(p)));
    });
  }
  const { xs, ys } = trainingExamples(pairs, options);
  const trees = trainBoostedTrees(xs, ys, options.boost);
  return {
    ...trees,
    threshold: bestThreshold(
      scores,
      pairs.map((p) => p.same),
    ),
  };
}
