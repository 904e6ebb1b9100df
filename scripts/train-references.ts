/**
 * npm run train:references — trains the shipped reference model from ../shared/datasets/references and writes
 * models/reference/model.crf.gz. Deterministic: the same data gives the same file, byte for byte.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  datasetsDir,
  hasReferenceCorpus,
  readReferenceCorpus,
} from "../src/extract/reference/training/corpus.ts";
import {
  shippedTrainingSet,
  TRAIN_OPTIONS,
  trainReferenceModel,
} from "../src/extract/reference/training/recipe.ts";
import { saveModel } from "../src/label/model-file.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const datasets = datasetsDir();
if (!hasReferenceCorpus(datasets)) {
  console.error(`${datasets}: no references/ corpus there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const corpus = readReferenceCorpus(datasets);
const refs = shippedTrainingSet(corpus);
const sources = new Map<string, number>();
for (const r of refs) sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
console.error(
  `training on ${refs.length} references: ${[...sources].map(([s, n]) => `${s} ${n}`).join(", ")}`,
);
const t0 = Date.now();
const model = trainReferenceModel(refs, (i) =>
  console.error(
    `iteration ${i.iteration}: objective ${i.value.toFixed(1)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  ),
);
const out = join(ROOT, "models/reference/model.crf.gz");
const { labels: _labels, onIteration: _o, ...options } = TRAIN_OPTIONS;
saveModel(out, model, { references: refs.length, sources: Object.fromEntries(sources), options });
const sha = createHash("sha1")
  .update(JSON.stringify([...model.weights]))
  .digest("hex");
console.error(
  `wrote ${out}: ${model.attributes.size} attributes, ${model.paramLabels.length} state weights (weights sha1 ${sha}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
