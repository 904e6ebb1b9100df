/**
 * npm run train:matching — learns the match model from the DBLP–ACM training pairs of
 * ../shared/datasets/matching and writes models/matching/model.json. Deterministic: the same pairs give the
 * same file, byte for byte.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { MATCH_MODEL_PATH } from "../src/graph/model.ts";
import { MATCH_FEATURES } from "../src/graph/score.ts";
import { hasPairSet, pairSetPath, readPairs } from "../src/graph/training/pairs.ts";
import { MATCH_TRAIN_OPTIONS, trainMatchModel } from "../src/graph/training/train.ts";

const datasets = datasetsDir();
if (!hasPairSet(datasets, "dblp-acm/train")) {
  console.error(`${datasets}: no matching/dblp-acm/train.txt there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const t0 = Date.now();
const pairs = readPairs(pairSetPath(datasets, "dblp-acm/train"));
const model = trainMatchModel(pairs);
const text = `${JSON.stringify({
  trainedOn: { set: "dblp-acm/train", pairs: pairs.length, same: pairs.filter((p) => p.same).length },
  options: MATCH_TRAIN_OPTIONS,
  features: MATCH_FEATURES,
  model,
})}\n`;
writeFileSync(MATCH_MODEL_PATH, text);
console.error(
  `wrote ${MATCH_MODEL_PATH}: ${model.trees.length} trees, threshold ${model.threshold} (sha1 ${createHash("sha1").update(text).digest("hex")}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
