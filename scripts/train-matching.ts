/**
 * npm run train:matching — learns the match model and writes models/matching/model.json, from pairs of three
 * kinds, so that the matcher has seen printed references and not only catalogue records:
 * - the DBLP–ACM training pairs (catalogue records, with copies thinned the way references are);
 * - the training half of DBLP–Scholar (Scholar's side read as references; the other half is held out);
 * - pairs of printed references from the development half of the hand-labelled clusters of
 *   eval/reference-clusters/ (parsed by the shipped reference parser; the test half is held out).
 * Deterministic: the same pairs give the same file, byte for byte.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseReference } from "../src/extract/reference/parse.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { MATCH_MODEL_PATH } from "../src/graph/model.ts";
import { MATCH_FEATURES } from "../src/graph/score.ts";
import { hasPairSet, pairSetPath, readPairs, scholarHalf } from "../src/graph/training/pairs.ts";
import { MATCH_TRAIN_OPTIONS, trainMatchModel } from "../src/graph/training/train.ts";
import { goldReferencePairs, readGoldClusters } from "./eval-matching/clusters.ts";

const datasets = datasetsDir();
if (!hasPairSet(datasets, "dblp-acm/train")) {
  console.error(`${datasets}: no matching/dblp-acm/train.txt there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const t0 = Date.now();
const acm = readPairs(pairSetPath(datasets, "dblp-acm/train"));
const scholar = hasPairSet(datasets, "dblp-scholar/valid")
  ? scholarHalf(readPairs(pairSetPath(datasets, "dblp-scholar/valid")), "train")
  : [];
const clusters = fileURLToPath(new URL("../eval/reference-clusters", import.meta.url));
const printed = goldReferencePairs(readGoldClusters(clusters, "dev"), (raw) => parseReference(raw).item);
const pairs = [...acm, ...scholar, ...(process.env.NO_GOLD ? [] : printed)];
const model = trainMatchModel(pairs);
const count = (ps: typeof pairs) => ({ pairs: ps.length, same: ps.filter((p) => p.same).length });
const text = `${JSON.stringify({
  trainedOn: {
    "dblp-acm/train": count(acm),
    "dblp-scholar/valid (training half)": count(scholar),
    "eval/reference-clusters (dev half)": count(printed),
  },
  options: MATCH_TRAIN_OPTIONS,
  features: MATCH_FEATURES,
  model,
})}\n`;
writeFileSync(MATCH_MODEL_PATH, text);
console.error(
  `wrote ${MATCH_MODEL_PATH}: ${model.trees.length} trees, threshold ${model.threshold} (sha1 ${createHash("sha1").update(text).digest("hex")}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
