/**
 * npm run eval:matching — how well the shipped match model (models/matching/model.json) tells the same work
 * from different works:
 * - pairwise precision, recall and F1 on the benchmark pairs of ../shared/datasets/matching: DBLP–ACM
 *   (valid and test; the model is trained on its train split only) and DBLP–Scholar (valid; never trained on);
 * - end to end on the EXCITE English papers: every printed reference parsed by the reference parser and
 *   clustered by `clusterRecords`, against the groups of eval/excite-same-work.json (judged by hand).
 * Writes models/matching/evaluation.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseReference } from "../src/extract/reference/parse.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { clusterRecords } from "../src/graph/cluster.ts";
import { matchModel } from "../src/graph/model.ts";
import { toMatchRecord } from "../src/graph/record.ts";
import { matchProbability } from "../src/graph/score.ts";
import { hasPairSet, type PairSet, pairSetPath, readPairs } from "../src/graph/training/pairs.ts";
import { readExciteGold } from "./eval-pdf/excite-gold.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const datasets = datasetsDir();
const model = matchModel();
const pct = (x: number) => (100 * x).toFixed(1);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const prf = (c: Counts) => {
  const p = c.tp / (c.tp + c.fp || 1);
  const r = c.tp / (c.tp + c.fn || 1);
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

const lines = [
  "# Match model: evaluation",
  "",
  "Produced by `npm run eval:matching` (scripts/eval-matching.ts) with the shipped model",
  `(models/matching/model.json: ${model.trees.length} boosted trees of depth ≤ 3 trained on DBLP–ACM train by \`npm run train:matching\`;`,
  `threshold ${model.threshold}, chosen on out-of-fold scores of the training pairs).`,
  "",
  "## Record pairs",
  "",
  "Anchors: DBLP–ACM — Magellan and DeepMatcher 98.4 F1; DBLP–Scholar — DeepMatcher 94.7, Ditto 94.3 (both",
  "trained on DBLP–Scholar's own training split, which we do not have: our model has never seen a Scholar pair).",
  "",
  "| pairs | count | same work | precision | recall | F1 |",
  "|---|---|---|---|---|---|",
];
const sets: PairSet[] = ["dblp-acm/train", "dblp-acm/valid", "dblp-acm/test", "dblp-scholar/valid"];
for (const set of sets) {
  if (!hasPairSet(datasets, set)) continue;
  const pairs = readPairs(pairSetPath(datasets, set));
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const p of pairs) {
    const same = matchProbability(model, toMatchRecord(p.a), toMatchRecord(p.b)) >= model.threshold;
    if (same && p.same) c.tp++;
    else if (same) c.fp++;
    else if (p.same) c.fn++;
  }
  const m = prf(c);
  const name = set === "dblp-acm/train" ? `${set} (trained on)` : set;
  lines.push(
    `| ${name} | ${pairs.length} | ${pairs.filter((p) => p.same).length} | ${pct(m.p)} | ${pct(m.r)} | **${pct(m.f1)}** |`,
  );
  console.error(`${set}: P ${pct(m.p)} R ${pct(m.r)} F1 ${pct(m.f1)}`);
}

// End to end: printed references of the EXCITE English papers, parsed and clustered.
const gold = readExciteGold(join(datasets, "pdfs/excite/english"));
if (gold.size) {
  const sameWork = JSON.parse(readFileSync(join(ROOT, "eval/excite-same-work.json"), "utf8")) as {
    groups: { paper: string; index: number }[][];
  };
  const refs: { paper: string; raw: string }[] = [];
  const position = new Map<string, number>();
  for (const [paper, list] of gold)
    list.forEach((r, index) => {
      position.set(`${paper}#${index}`, refs.length);
      refs.push({ paper, raw: r.raw });
    });
  const goldWork = refs.map((_, i) => i);
  for (const g of sameWork.groups) {
    const members = g.map((m) => position.get(`${m.paper}#${m.index}`));
    if (members.some((m) => m === undefined))
      throw new Error(`eval/excite-same-work.json: ${JSON.stringify(g)} is not in the gold`);
    for (const m of members) goldWork[m as number] = members[0] as number;
  }
  const t0 = Date.now();
  const records = refs.map((r) => toMatchRecord(parseReference(r.raw).item, "reference"));
  const t1 = Date.now();
  const { work, comparisons } = clusterRecords(records, model);
  const t2 = Date.now();
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  const wrong: string[] = [];
  // Only pairs that either side calls the same work can be wrong: look at those, not all n² pairs.
  const byWork = (ids: number[]) => {
    const m = new Map<number, number[]>();
    ids.forEach((w, i) => {
      m.set(w, [...(m.get(w) ?? []), i]);
    });
    return [...m.values()].filter((g) => g.length > 1);
  };
  const pairs = new Set<string>();
  for (const g of [...byWork(goldWork), ...byWork(work)])
    for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) pairs.add(`${g[x]},${g[y]}`);
  for (const pair of pairs) {
    const [i, j] = pair.split(",").map(Number);
    const goldSame = goldWork[i] === goldWork[j];
    const found = work[i] === work[j];
    if (goldSame && found) c.tp++;
    else if (found) {
      c.fp++;
      wrong.push(`joined: ${refs[i].raw}\n        ${refs[j].raw}`);
    } else {
      c.fn++;
      wrong.push(`missed: ${refs[i].raw}\n        ${refs[j].raw}`);
    }
  }
  const m = prf(c);
  lines.push(
    "",
    "## End to end: EXCITE English references",
    "",
    `${refs.length} printed references of ${gold.size} papers, parsed by the shipped reference parser and clustered by`,
    "`clusterRecords` (blocking, the match model, cannot-links), scored over pairs of references against",
    `eval/excite-same-work.json: ${sameWork.groups.length} groups of references citing the same work, judged by hand among`,
    "candidate pairs (same tagged first author and similar tagged titles, or very similar titles).",
    "",
    "| gold pairs | found pairs | precision | recall | F1 |",
    "|---|---|---|---|---|",
    `| ${c.tp + c.fn} | ${c.tp + c.fp} | ${pct(m.p)} | ${pct(m.r)} | **${pct(m.f1)}** |`,
    "",
    `Parsing took ${t1 - t0} ms, clustering ${t2 - t1} ms (${comparisons} pairs compared).`,
    "",
  );
  if (wrong.length) lines.push("Pairs scored wrong:", "", "```", ...wrong, "```", "");
  console.error(`EXCITE English: P ${pct(m.p)} R ${pct(m.r)} F1 ${pct(m.f1)}`);
}
const report = lines.join("\n");
writeFileSync(join(ROOT, "models/matching/evaluation.md"), `${report}\n`);
console.log(report);
