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
import { FRONT_LINE_LABELS, type FrontLineLabel, frontLines } from "../src/extract/header/front-lines.ts";
import { headerLineFeatures } from "../src/extract/header/line-features.ts";
import { alignFrontLines, readFrontLineGold } from "../src/extract/header/training/front-lines-gold.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { segmentDocument } from "../src/extract/segmentation/segment.ts";
import { saveModel } from "../src/label/model-file.ts";
import { CrfTagger } from "../src/label/tagger.ts";
import { type LabelledSequence, train } from "../src/label/train.ts";
import { layoutDocument } from "../src/layout/layout.ts";
import { readPdfFile } from "../src/library/pdf-files.ts";
import { PdfiumReader } from "../src/pdf/pdfium.ts";

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
}
const reader = new PdfiumReader();
const papers: Paper[] = [];
for (const [path, gold] of [...readFrontLineGold(join(ROOT, "eval/header-lines"))].sort((a, b) =>
  a[0] < b[0] ? -1 : 1,
)) {
  const { bytes } = await readPdfFile(join(pdfs, path), 200 * 1024 * 1024);
  const doc = layoutDocument(await reader.read(bytes));
  const front = frontLines(doc, segmentDocument(doc).zones);
  const labels = alignFrontLines(
    front.facts.map((f) => f.text),
    gold,
  );
  if (!labels) {
    console.error(`${path}: the layout reads other lines than were labelled; left out`);
    continue;
  }
  const sequence = { features: headerLineFeatures(front.facts, doc.fonts.bodySize), labels };
  papers.push({ path, split: gold.split, sequence, rules: front.ruleLabels });
}
const dev = papers.filter((p) => p.split === "dev");
const test = papers.filter((p) => p.split === "test");

if (!process.argv.includes("--eval")) {
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
      add(model.cv, p.sequence.labels, tagger.tag(p.sequence.features, false).labels);
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
    add(model.test, p.sequence.labels, tagger.tag(p.sequence.features, false).labels);
    add(rules.test, p.sequence.labels, p.rules);
  }
  const pct = (x: number) => (100 * x).toFixed(1);
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
  ].join("\n");
  mkdirSync(join(ROOT, "models/front-lines"), { recursive: true });
  writeFileSync(join(ROOT, "models/front-lines/evaluation.md"), md);
  console.log(md);
}
