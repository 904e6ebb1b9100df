/**
 * npm run train:header — trains the shipped header model on ../shared/datasets/headers (GROBID's TEI headers and
 * the CiteSeer set) and writes models/header/model.crf.gz. `--eval` instead trains on nine tenths, scores the
 * held-out tenth field by field and writes models/header/evaluation.md. Deterministic: same data, same file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasHeaderCorpus, readHeaderCorpus } from "../src/extract/header/training/corpus.ts";
import { evaluateHeaders, f1 } from "../src/extract/header/training/evaluate.ts";
import {
  allHeaders,
  HEADER_TRAIN_OPTIONS,
  splitHeaders,
  trainHeaderModel,
} from "../src/extract/header/training/recipe.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { saveModel } from "../src/label/model-file.ts";
import { CrfTagger } from "../src/label/tagger.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const datasets = datasetsDir();
if (!hasHeaderCorpus(datasets)) {
  console.error(`${datasets}: no headers/ corpus there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const corpus = readHeaderCorpus(datasets);
const evaluate = process.argv.includes("--eval");
const { train, test } = evaluate ? splitHeaders(corpus) : { train: allHeaders(corpus), test: [] };
console.error(`training on ${train.length} headers${evaluate ? `, testing on ${test.length}` : ""}`);
const t0 = Date.now();
const model = trainHeaderModel(train, (i) => {
  if (i.iteration % 10 === 0)
    console.error(
      `iteration ${i.iteration}: ${i.value.toFixed(1)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
});
const seconds = ((Date.now() - t0) / 1000).toFixed(0);
mkdirSync(join(ROOT, "models/header"), { recursive: true });
if (!evaluate) {
  const out = join(ROOT, "models/header/model.crf.gz");
  const { labels: _l, onIteration: _o, ...options } = HEADER_TRAIN_OPTIONS;
  saveModel(out, model, { headers: train.length, options });
  console.error(`wrote ${out}: ${model.attributes.size} attributes in ${seconds} s`);
} else {
  const scores = evaluateHeaders(test, new CrfTagger(model));
  const micro = scores.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const pct = (x: number) => (100 * x).toFixed(1);
  const row = (label: string, s: { tp: number; fp: number; fn: number }) => {
    const { p, r, f } = f1(s);
    return `| ${label} | ${pct(p)} | ${pct(r)} | ${pct(f)} | ${s.tp + s.fn} |`;
  };
  const md = [
    "# Header model: evaluation",
    "",
    `Trained on ${train.length} headers, tested on ${test.length} held out (every tenth of GROBID's TEI headers and of`,
    "the CiteSeer set), by `npm run train:header -- --eval`. A field counts as found when the text the model labels",
    "equals the gold text of that field, case, punctuation and whitespace ignored (one field per label and header).",
    `Training took ${seconds} s on one core.`,
    "",
    "| field | precision | recall | F1 | gold |",
    "|---|---|---|---|---|",
    ...scores.map((s) => row(s.label, s)),
    row("**micro**", micro),
    "",
  ].join("\n");
  writeFileSync(join(ROOT, "models/header/evaluation.md"), md);
  console.log(md);
}
