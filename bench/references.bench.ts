/**
 * npm run bench:references — reference parsing speed on the real reference strings of
 * ../shared/datasets/references (AnyStyle, GROBID, ParsCit): model load time apart; then references/s and
 * tokens/s on one core (full parse: features, Viterbi, marginals, post-processing; and the tagger's decoding
 * alone), and references/s with one worker thread per core.
 */
import { cpus } from "node:os";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { featurize } from "../src/extract/reference/features.ts";
import { REFERENCE_MODEL_PATH } from "../src/extract/reference/model.ts";
import { parseReference } from "../src/extract/reference/parse.ts";
import {
  datasetsDir,
  hasReferenceCorpus,
  readReferenceCorpus,
} from "../src/extract/reference/training/corpus.ts";
import { shippedTrainingSet } from "../src/extract/reference/training/recipe.ts";
import { loadModel } from "../src/label/model-file.ts";
import { CrfTagger } from "../src/label/tagger.ts";
import { startModuleWorker } from "../src/library/module-worker.ts";

function parseAll(strings: string[], tagger: CrfTagger): number {
  let fields = 0;
  for (const s of strings) fields += Object.keys(parseReference(s, tagger).item).length;
  return fields;
}

if (!isMainThread) {
  const { strings } = workerData as { strings: string[] };
  const tagger = new CrfTagger(loadModel(REFERENCE_MODEL_PATH).model);
  parentPort!.postMessage("ready");
  parentPort!.once("message", () => {
    const t0 = performance.now();
    parseAll(strings, tagger);
    parentPort!.postMessage(performance.now() - t0);
  });
} else {
  const datasets = datasetsDir();
  if (!hasReferenceCorpus(datasets)) {
    console.error(`${datasets}: no references/ corpus there`);
    process.exit(1);
  }
  const strings = shippedTrainingSet(readReferenceCorpus(datasets)).map((r) => r.text);
  let t0 = performance.now();
  const tagger = new CrfTagger(loadModel(REFERENCE_MODEL_PATH).model);
  const loadMs = performance.now() - t0;
  parseAll(strings.slice(0, 500), tagger); // warm-up
  const featurized = strings.map((s) => featurize(s).features);
  const tokens = featurized.reduce((a, f) => a + f.length, 0);
  t0 = performance.now();
  for (const f of featurized) tagger.tag(f, false);
  const decodeMs = performance.now() - t0;
  t0 = performance.now();
  parseAll(strings, tagger);
  const parseMs = performance.now() - t0;
  const cores = cpus().length;
  const share = Math.ceil(strings.length / cores);
  const workers = Array.from({ length: cores }, (_, i) =>
    startModuleWorker(import.meta.url, {
      workerData: { strings: strings.slice(i * share, (i + 1) * share) },
    }),
  );
  await Promise.all(workers.map((w) => new Promise((r) => w.once("message", r))));
  t0 = performance.now();
  for (const w of workers) w.postMessage("go");
  await Promise.all(workers.map((w) => new Promise((r) => w.once("message", r))));
  const parallelMs = performance.now() - t0;
  for (const w of workers) await w.terminate();
  const per = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");
  console.log(
    [
      `### Reference parsing (${strings.length.toLocaleString("en")} references, ${tokens.toLocaleString("en")} tokens)`,
      "",
      `Model load: ${Math.round(loadMs)} ms (once per process).`,
      "",
      "| | references/s | tokens/s |",
      "|---|---|---|",
      `| decoding only (Viterbi over precomputed features), one core | ${per(strings.length, decodeMs)} | ${per(tokens, decodeMs)} |`,
      `| full parse (features, Viterbi, confidences, post-processing), one core | ${per(strings.length, parseMs)} | ${per(tokens, parseMs)} |`,
      `| full parse, ${cores} worker threads | ${per(strings.length, parallelMs)} | ${per(tokens, parallelMs)} |`,
    ].join("\n"),
  );
}
