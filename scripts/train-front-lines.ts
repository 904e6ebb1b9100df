/**
 * npm run train:front-lines -- --eval — the front-lines model (a line CRF over a paper's cover and first page:
 * src/extract/header/front-lines.ts, line-features.ts) against today's rules, on our hand-labelled lines
 * (eval/header-lines/, all 162 shared PDFs). Trained on the development split only: four-fold cross-validation
 * over it, and the held-out test split read by a model trained on all of it. Writes
 * models/front-lines/evaluation.md. Without `--eval`, trains on the development split and writes
 * models/front-lines/model.crf.gz (deterministic: same PDFs and labels, same file). The pipeline does not use
 * the model yet (see the evaluation).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasAbstractCue } from "../src/extract/header/abstract.ts";
import { FRONT_LINE_LABELS, type FrontLineLabel } from "../src/extract/header/front-lines.ts";
import { headerLineFeatures } from "../src/extract/header/line-features.ts";
import { cleanTitle } from "../src/extract/header/title.ts";
import { readLabelledPapers } from "../src/extract/header/training/front-lines-gold.ts";
import { extractPdf } from "../src/extract/pipeline.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { saveModel } from "../src/label/model-file.ts";
import { CrfTagger } from "../src/label/tagger.ts";
import { type LabelledSequence, train } from "../src/label/train.ts";
import { joinLines } from "../src/layout/dehyphenate.ts";
import { PdfiumReader } from "../src/pdf/pdfium.ts";
import { abstractIntact, readHeaderGold } from "./eval-pdf/headers.ts";
import { softKey } from "./eval-pdf/score.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pdfs = join(datasetsDir(), "pdfs");
if (!existsSync(pdfs)) {
  console.error(`${pdfs}: no pdfs/ there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const OPTIONS = { c2: 1, minCount: 2, maxIterations: 200, labels: [...FRONT_LINE_LABELS] };

interface Paper {
  path: string;
  split: "dev" | "test";
  sequence: LabelledSequence;
  rules: FrontLineLabel[];
  texts: string[];
  sizes: number[];
  /** What the whole pipeline reads (only with --eval). */
  pipeline?: { title?: string; abstract?: string };
  /** The model's labels: cross-validated on dev, by the model trained on all of dev on test. */
  predicted?: string[];
}
const evaluating = process.argv.includes("--eval");
const pct = (x: number) => (100 * x).toFixed(1);
const reader = new PdfiumReader();
const papers: Paper[] = [];
for await (const p of readLabelledPapers(pdfs, join(ROOT, "eval/header-lines"))) {
  const sequence = { features: headerLineFeatures(p.front.facts, p.doc.fonts.bodySize), labels: p.labels };
  const item = evaluating ? (await extractPdf(p.bytes, reader)).item : undefined;
  papers.push({
    path: p.path,
    split: p.split,
    sequence,
    rules: p.front.ruleLabels,
    texts: p.front.facts.map((f) => f.text),
    sizes: p.front.lines.map((l) => l.fontSize),
    pipeline: item && { title: item.title, abstract: item.abstract },
  });
}
const dev = papers.filter((p) => p.split === "dev");
const test = papers.filter((p) => p.split === "test");

if (!evaluating) {
  const model = train(
    dev.map((p) => p.sequence),
    OPTIONS,
  );
  mkdirSync(join(ROOT, "models/front-lines"), { recursive: true });
  const out = join(ROOT, "models/front-lines/model.crf.gz");
  saveModel(out, model, { papers: dev.length, split: "dev" });
  console.error(`wrote ${out}: ${dev.length} papers, ${model.attributes.size} attributes`);
} else {
  type Count = { tp: number; fp: number; fn: number };
  const tally = () => ({ lines: 0, right: 0, per: new Map<string, Count>() });
  const add = (t: ReturnType<typeof tally>, gold: string[], got: string[]) => {
    gold.forEach((g, i) => {
      t.lines++;
      const c = (l: string) => t.per.get(l) ?? t.per.set(l, { tp: 0, fp: 0, fn: 0 }).get(l)!;
      if (got[i] === g) {
        t.right++;
        c(g).tp++;
      } else {
        c(g).fn++;
        c(got[i]).fp++;
      }
    });
  };
  const model = { cv: tally(), test: tally() };
  const rules = { cv: tally(), test: tally() };
  for (let k = 0; k < 4; k++) {
    const tagger = new CrfTagger(
      train(
        dev.filter((_, i) => i % 4 !== k).map((p) => p.sequence),
        OPTIONS,
      ),
    );
    for (const p of dev.filter((_, i) => i % 4 === k)) {
      p.predicted = tagger.tag(p.sequence.features, false).labels;
      add(model.cv, p.sequence.labels, p.predicted);
      add(rules.cv, p.sequence.labels, p.rules);
    }
  }
  const tagger = new CrfTagger(
    train(
      dev.map((p) => p.sequence),
      OPTIONS,
    ),
  );
  for (const p of test) {
    p.predicted = tagger.tag(p.sequence.features, false).labels;
    add(model.test, p.sequence.labels, p.predicted);
    add(rules.test, p.sequence.labels, p.rules);
  }
  const f1 = (c: Count | undefined) => {
    if (!c || c.tp === 0) return 0;
    const p = c.tp / (c.tp + c.fp);
    const r = c.tp / (c.tp + c.fn);
    return (2 * p * r) / (p + r);
  };
  const md = [
    "# Front-lines model: evaluation",
    "",
    `Lines of a paper's cover and first page labelled ${FRONT_LINE_LABELS.join(", ")} (eval/header-lines/, labelled`,
    `by hand; ${dev.length} development and ${test.length} test papers whose lines the layout still reads as labelled).`,
    "By `npm run train:front-lines -- --eval`: the development split in four folds (each read by a model trained",
    "on the other three), and the test split read by a model trained on the whole development split. The rules are",
    "today's: the segmenter's zone of the line and, in the header, the header model's label of most of its words.",
    "",
    "| | dev (cross-validated) lines right % | test lines right % |",
    "|---|---|---|",
    `| the rules | ${pct(rules.cv.right / rules.cv.lines)} | ${pct(rules.test.right / rules.test.lines)} |`,
    `| the front-lines model | ${pct(model.cv.right / model.cv.lines)} | ${pct(model.test.right / model.test.lines)} |`,
    "",
    "F1 per label on the test split (lines):",
    "",
    "| label | lines | rules F1 | model F1 |",
    "|---|---|---|---|",
    ...FRONT_LINE_LABELS.map((l) => {
      const c = model.test.per.get(l);
      return `| ${l} | ${c ? c.tp + c.fn : 0} | ${pct(f1(rules.test.per.get(l)))} | ${pct(f1(c))} |`;
    }),
    "",
    ...endToEnd(papers),
  ].join("\n");
  mkdirSync(join(ROOT, "models/front-lines"), { recursive: true });
  writeFileSync(join(ROOT, "models/front-lines/evaluation.md"), md);
  console.log(md);
}

/**
 * The title and abstract the model's lines give, against what the whole pipeline reads (rules over the header
 * model's tokens), both scored as npm run eval:pdf scores them against eval/pdf-headers/: whether the model's
 * lines would be the better source for these fields.
 */
function endToEnd(all: Paper[]): string[] {
  const gold = readHeaderGold(join(ROOT, "eval/pdf-headers"));
  const rows = (["dev", "test"] as const).map((split) => {
    const n = {
      titles: 0,
      abstracts: 0,
      pipelineTitle: 0,
      modelTitle: 0,
      pipelineAbstract: 0,
      modelAbstract: 0,
    };
    for (const p of all.filter((x) => x.split === split)) {
      const g = gold.get(p.path);
      if (!g || !p.predicted) continue;
      const lines = { texts: p.texts, sizes: p.sizes, labels: p.predicted };
      if (g.title) {
        n.titles++;
        const right = (t?: string) => !!t && softKey(t) === softKey(g.title ?? "");
        if (right(p.pipeline?.title)) n.pipelineTitle++;
        if (right(titleOfLines(lines))) n.modelTitle++;
      }
      if (g.abstract) {
        n.abstracts++;
        if (abstractIntact(g.abstract, p.pipeline?.abstract)) n.pipelineAbstract++;
        if (hasAbstractCue(p.texts.join("\n")) && abstractIntact(g.abstract, abstractOfLines(lines)))
          n.modelAbstract++;
      }
    }
    const share = (k: number, d: number) => `${pct(k / Math.max(1, d))} (${k}/${d})`;
    return `| ${split === "dev" ? "dev (cross-validated)" : "test"} | ${share(n.pipelineTitle, n.titles)} | ${share(n.modelTitle, n.titles)} | ${share(n.pipelineAbstract, n.abstracts)} | ${share(n.modelAbstract, n.abstracts)} |`;
  });
  return [
    "End to end, against eval/pdf-headers/ (title exact, soft; abstract intact: the gold's first and last sentence):",
    "the pipeline as it is, and the model's lines read directly — the title the largest run of title lines, the",
    "abstract the first run of abstract lines (gaps of one line allowed) without its label, where a word names it.",
    "Where the pipeline's column is the higher, the pipeline keeps its rules for that field.",
    "",
    "| split | title: pipeline % | title: model lines % | abstract: pipeline % | abstract: model lines % |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ];
}

function titleOfLines(p: { texts: string[]; sizes: number[]; labels: string[] }): string | undefined {
  const runs = runsOf(p.labels, "title");
  if (!runs.length) return undefined;
  const size = (r: number[]) => Math.max(...r.map((i) => p.sizes[i]));
  const best = runs.reduce((a, r) => (size(r) > size(a) + 0.6 ? r : a));
  return cleanTitle(joinLines(best.map((i) => p.texts[i])));
}

function abstractOfLines(p: { texts: string[]; labels: string[] }): string | undefined {
  const run = runsOf(p.labels, "abstract", 2)[0];
  if (!run) return undefined;
  const text = joinLines(run.map((i) => p.texts[i]))
    .replace(/^\s*(?:abstract|summary|zusammenfassung)\s*[:.—–-]?\s*/i, "")
    .trim();
  return text.length > 50 ? text : undefined;
}

/** Runs of lines with one label, a run going on over gaps shorter than `gap` lines. */
function runsOf(labels: string[], want: string, gap = 1): number[][] {
  const runs: number[][] = [];
  labels.forEach((l, i) => {
    if (l !== want) return;
    const last = runs.at(-1);
    if (last && i - (last.at(-1) ?? 0) <= gap) last.push(i);
    else runs.push([i]);
  });
  return runs;
}
