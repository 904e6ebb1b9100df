/**
 * npm run eval:references [-- --jobs N] [--reuse] [--rescore] [--task PREFIX]
 *
 * Evaluates the reference model's recipe (src/extract/reference/training/recipe.ts) on
 * ../shared/datasets/references:
 * - 10-fold cross-validation on the GROBID corpus (references shuffled with a fixed seed, fold = index mod 10);
 * - held-out sources: train on every other corpus of the shipped training set, test on AnyStyle, ParsCit Cora,
 *   and GROBID in turn — styles the model has not seen.
 * Each task (one training and one test; `--task cv` or `--task heldout-cora` picks some) runs in its own
 * process, N at a time (default: one per core), and
 * writes its counts to bench/out/eval-references/TASK.json; the report goes to stdout and to
 * models/reference/evaluation.md. Each task's model is kept beside its counts (TASK.crf.gz): `--rescore` scores
 * the kept models again with the current evaluation and post-processing, in seconds, without training.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TaggedReference } from "../src/extract/reference/labels.ts";
import {
  datasetsDir,
  hasReferenceCorpus,
  readReferenceCorpus,
} from "../src/extract/reference/training/corpus.ts";
import {
  addCounts,
  type EvaluationCounts,
  evaluate,
  micro,
  reportTable,
} from "../src/extract/reference/training/evaluate.ts";
import {
  shippedTrainingSet,
  TRAIN_OPTIONS,
  trainReferenceModel,
} from "../src/extract/reference/training/recipe.ts";
import { loadModel, saveModel } from "../src/label/model-file.ts";
import { CrfTagger } from "../src/label/tagger.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATASETS = datasetsDir();
const OUT = join(ROOT, "bench/out/eval-references");
const FOLDS = 10;
const HELD_OUT = ["anystyle", "cora", "grobid"] as const;
const TASKS = [
  ...Array.from({ length: FOLDS }, (_, k) => `cv-grobid-${k}`),
  ...HELD_OUT.map((s) => `heldout-${s}`),
];

interface TaskResult {
  task: string;
  train: number;
  test: number;
  trainSeconds: number;
  counts: EvaluationCounts;
}

/** A fixed-seed shuffle (mulberry32), so the folds are the same on every machine. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The corpora, read once a process (rescoring looks at every task's test set). */
let corpusRead: ReturnType<typeof readReferenceCorpus> | undefined;
const referenceCorpus = () => (corpusRead ??= readReferenceCorpus(DATASETS));

function split(task: string): { train: TaggedReference[]; test: TaggedReference[] } {
  const corpus = referenceCorpus();
  if (task.startsWith("cv-grobid-")) {
    const k = Number(task.slice("cv-grobid-".length));
    const all = shuffled(corpus.grobid, 1);
    return { train: all.filter((_, i) => i % FOLDS !== k), test: all.filter((_, i) => i % FOLDS === k) };
  }
  const source = task.slice("heldout-".length) as (typeof HELD_OUT)[number];
  const test = corpus[source];
  const held = new Set(test);
  return { train: shippedTrainingSet(corpus).filter((r) => !held.has(r)), test };
}

function runTask(task: string): void {
  const { train, test } = split(task);
  const t0 = Date.now();
  const model = trainReferenceModel(train);
  const trainSeconds = Math.round((Date.now() - t0) / 1000);
  saveModel(join(OUT, `${task}.crf.gz`), model);
  // Scored as saved (single-precision weights), the way the shipped model is used and `--rescore` scores it.
  score(task, test, train.length, trainSeconds);
}

function score(task: string, test: TaggedReference[], trains: number, trainSeconds: number): void {
  const { model } = loadModel(join(OUT, `${task}.crf.gz`));
  const counts = evaluate(new CrfTagger(model), test);
  const result: TaskResult = { task, train: trains, test: test.length, trainSeconds, counts };
  writeFileSync(join(OUT, `${task}.json`), JSON.stringify(result));
  process.stderr.write(
    `${task}: micro F1 ${micro(counts, "soft").f1.toFixed(4)} soft (trained in ${trainSeconds} s)\n`,
  );
}

/** Scores every task whose model was kept again, with the evaluation and post-processing as they are now. */
function rescoreAll(only?: string): void {
  for (const task of TASKS.filter((t) => !only || t.startsWith(only))) {
    const counts = join(OUT, `${task}.json`);
    if (!existsSync(join(OUT, `${task}.crf.gz`)) || !existsSync(counts)) {
      process.stderr.write(`${task}: no kept model, not rescored\n`);
      continue;
    }
    const before = JSON.parse(readFileSync(counts, "utf8")) as TaskResult;
    score(task, split(task).test, before.train, before.trainSeconds);
  }
}

async function runAll(jobs: number, reuse: boolean, only?: string): Promise<void> {
  const todo = TASKS.filter((t) => !only || t.startsWith(only)).filter(
    (t) => !(reuse && existsSync(join(OUT, `${t}.json`))),
  );
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const task = todo[next++];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", fileURLToPath(import.meta.url), "--run", task],
          {
            stdio: ["ignore", "inherit", "inherit"],
          },
        );
        child.on("exit", (code) =>
          code === 0 ? resolve() : reject(new Error(`${task} failed (exit ${code})`)),
        );
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

function report(): string {
  const load = (t: string) =>
    existsSync(join(OUT, `${t}.json`))
      ? (JSON.parse(readFileSync(join(OUT, `${t}.json`), "utf8")) as TaskResult)
      : undefined;
  const pct = (x: number) => (100 * x).toFixed(1);
  const lines = [
    "# Reference model: evaluation",
    "",
    "Produced by `npm run eval:references` (scripts/eval-references.ts) with the training recipe of",
    "src/extract/reference/training/recipe.ts: " +
      `L2 c2 = ${TRAIN_OPTIONS.c2}, attributes seen at least ${TRAIN_OPTIONS.minCount} times, at most ${TRAIN_OPTIONS.maxIterations} L-BFGS iterations.`,
    "Fields are compared as the parser delivers them: gold and predicted stretches of the string both go through",
    "the parser's normalisation (dates to years, page ranges, volume and issue numbers, author lists to persons,",
    "punctuation around a field trimmed), so corpora that tag punctuation and cue words differently compare on",
    "what the fields say. The predicted stretches are first refined as the parser refines them (refineFields in",
    "src/extract/reference/refine.ts: pages printed inside the volume, a book's title taken for a container,",
    'identifiers found by pattern, …), and an issue printed with the volume ("51(4)") counts as the issue on',
    "both sides. Strict: the normalised values are equal; soft: equal ignoring case, punctuation and whitespace.",
    "Each task's model is kept in bench/out/eval-references/ (`--rescore` scores them again without training).",
    "",
  ];
  const folds = Array.from({ length: FOLDS }, (_, k) => load(`cv-grobid-${k}`)).filter(
    (r) => r !== undefined,
  );
  if (folds.length) {
    const sum = folds.map((f) => f.counts).reduce(addCounts);
    lines.push(
      `## 10-fold cross-validation on the GROBID corpus (${folds.length} of ${FOLDS} folds, ${sum.references} references)`,
      "",
      "Anchor: GROBID reports micro F1 94.5 for its CRF and 95.2 for its neural model on its own data.",
      "",
      reportTable(sum),
      "",
    );
  }
  const held = HELD_OUT.map((s) => [s, load(`heldout-${s}`)] as const).filter(([, r]) => r !== undefined);
  if (held.length) {
    const corpus = referenceCorpus();
    const labelsOf = (refs: TaggedReference[]) => new Set(refs.flatMap((r) => r.spans.map((s) => s.label)));
    const shared = new Map(
      held.map(([s]) => {
        const test = labelsOf(corpus[s]);
        const train = labelsOf(shippedTrainingSet(corpus).filter((r) => !new Set(corpus[s]).has(r)));
        return [s, new Set([...test].filter((l) => train.has(l)))] as const;
      }),
    );
    lines.push(
      "## Held-out sources: trained on the other corpora, tested on one never seen",
      "",
      "Anchors on unseen data: off-the-shelf GROBID 89, CERMINE 83, ParsCit 75 (micro F1).",
      "",
      "The corpora do not tag the same fields: AnyStyle has no issue (it is part of the volume) and has citation",
      "numbers and editions that no other corpus tags. So each held-out source is also scored on the fields that",
      "both it and the training corpora tag (`shared fields`); `all fields` counts every field of either side.",
      "",
      "| held out | trained on | tested on | micro F1 soft, all fields | micro F1 strict, shared fields | micro F1 soft, shared fields | whole references (soft) |",
      "|---|---|---|---|---|---|---|",
      ...held.map(([s, r]) => {
        const only = shared.get(s)!;
        return `| ${s} | ${r!.train} | ${r!.test} | ${pct(micro(r!.counts, "soft").f1)} | ${pct(micro(r!.counts, "strict", only).f1)} | **${pct(micro(r!.counts, "soft", only).f1)}** | ${pct(r!.counts.allSoft / r!.counts.references)}% |`;
      }),
      "",
    );
    for (const [s, r] of held)
      lines.push(
        `### Held out: ${s}`,
        "",
        `Shared fields: ${[...shared.get(s)!].sort().join(", ")}.`,
        "",
        reportTable(r!.counts),
        "",
      );
  }
  return lines.join("\n");
}

const args = process.argv.slice(2);
if (!hasReferenceCorpus(DATASETS)) {
  console.error(`${DATASETS}: no references/ corpus there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const runIndex = args.indexOf("--run");
if (runIndex >= 0) {
  runTask(args[runIndex + 1]);
} else {
  const jobsIndex = args.indexOf("--jobs");
  const jobs = jobsIndex >= 0 ? Number(args[jobsIndex + 1]) : cpus().length;
  const taskIndex = args.indexOf("--task");
  const only = taskIndex >= 0 ? args[taskIndex + 1] : undefined;
  if (args.includes("--rescore")) rescoreAll(only);
  else await runAll(jobs, args.includes("--reuse"), only);
  const text = report();
  writeFileSync(join(ROOT, "models/reference/evaluation.md"), `${text}\n`);
  process.stdout.write(`${text}\n`);
}
