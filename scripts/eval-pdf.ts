/**
 * npm run eval:pdf — the ingest pipeline end to end, from the PDFs in ../shared/datasets/pdfs:
 * - headers: against eval/pdf-headers/*.json (all 162 PDFs, labelled by us — how, in each file's _labelled),
 *   per folder and on a development and a test split (by a hash of the path: only dev papers are looked at
 *   when rules are built): title exact (soft: case, punctuation, whitespace ignored), author F1 (family
 *   names), year right / wrong / empty, venue right / wrong, abstract intact (starts with the gold's first
 *   sentence and ends with its last: no sentence of the other column), and abstracts found where the
 *   paper prints none (wrong: a lead paragraph, an introduction); and on the unseen set
 *   (scripts/eval-pdf/unseen.ts), where it is fetched, in two halves of its own;
 * - references: against EXCITE's gold, per set (English, German, footnotes) — the share of gold references found
 *   (a found reference matches a gold one when their normalised strings are at least 0.9 similar), the share of
 *   found references that are real, and field F1 (soft) of the matched ones against references-tagged; each set
 *   whole and on the headers' dev and test splits; and against the unseen set's reference lists
 *   (eval/pdf-references-unseen/, strings only), on its two halves.
 * Writes bench/out/eval-pdf.json and prints the tables. `--jobs N` worker threads (default: all cores).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractedDocument } from "../src/extract/pipeline.ts";
import { datasetsDir } from "../src/extract/reference/training/corpus.ts";
import { ExtractPool } from "../src/library/extract-pool.ts";
import { readPdfFile } from "../src/library/pdf-files.ts";
import { type GoldReference, readExciteGold } from "./eval-pdf/excite-gold.ts";
import {
  addTally,
  emptyTally,
  folderOf,
  type HeaderGold,
  type HeaderMiss,
  type HeaderTally,
  readHeaderGold,
  scoreHeader,
  splitOf,
  TALLY_HEADER,
  tallyRow,
} from "./eval-pdf/headers.ts";
import { matchReferences, scoreFields } from "./eval-pdf/score.ts";
import { isFetched, readUnseenGold, readUnseenReferences, unseenFile } from "./eval-pdf/unseen.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const pdfs = join(datasetsDir(), "pdfs");
if (!existsSync(pdfs)) {
  console.error(`${pdfs}: no pdfs/ there (set CITEGRAPH_DATASETS)`);
  process.exit(1);
}
const jobsArg = process.argv.indexOf("--jobs");
const jobs = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : availableParallelism();

/** Each labelled paper's file, gold, name in the report, split and folder. */
interface Labelled {
  gold: HeaderGold;
  rel: string;
  split: "dev" | "test" | "unseen-dev" | "unseen-test";
  folder: string;
}
const headerGold = new Map<string, Labelled>(
  [...readHeaderGold(join(ROOT, "eval/pdf-headers"))].map(([rel, gold]) => [
    join(pdfs, rel),
    { gold, rel, split: splitOf(rel), folder: folderOf(rel) },
  ]),
);
// The unseen set, where it is fetched (npm run fetch:unseen): split in two by the same hash, its dev half to be
// looked at when rules are built, its test half only scored; each set a folder.
let unseenLabelled = 0;
for (const [set, papers] of readUnseenGold(join(ROOT, "eval/pdf-headers-unseen")))
  for (const [key, gold] of papers) {
    unseenLabelled++;
    const rel = `unseen/${set}/${key}`;
    if (isFetched(set, key, gold))
      headerGold.set(unseenFile(set, key), { gold, rel, split: `unseen-${splitOf(rel)}`, folder: set });
  }
const unseenFetched = [...headerGold.values()].filter((l) => l.split.startsWith("unseen")).length;
if (unseenFetched < unseenLabelled)
  console.error(`unseen set: ${unseenFetched} of ${unseenLabelled} PDFs fetched (npm run fetch:unseen)`);
const exciteSets = ["english", "german", "german-footnotes", "german-footnotes-and-end"];
const excite = new Map<string, Map<string, GoldReference[]>>();
for (const set of exciteSets) excite.set(set, readExciteGold(join(pdfs, "excite", set)));

const files = new Set<string>(headerGold.keys());
for (const [set, docs] of excite)
  for (const id of docs.keys()) files.add(join(pdfs, "excite", set, "pdf", `${id}.pdf`));
const pool = new ExtractPool(jobs);
const results = new Map<string, ExtractedDocument | string>();
const t0 = Date.now();
await Promise.all(
  [...files].sort().map(async (path) => {
    const { bytes } = await readPdfFile(path, 200 * 1024 * 1024);
    const reply = await pool.extract(bytes, {}, 300_000);
    results.set(path, reply.doc ?? `${reply.error.code}: ${reply.error.message}`);
  }),
);
await pool.close();
const seconds = (Date.now() - t0) / 1000;

// Headers.
const tallies = new Map<string, HeaderTally>();
const tally = (key: string) => {
  const t = tallies.get(key) ?? emptyTally();
  tallies.set(key, t);
  return t;
};
const headerMisses: HeaderMiss[] = [];
const splitOfMiss = new Map<string, Labelled["split"]>();
for (const [path, { gold, rel, split, folder }] of headerGold) {
  const r = results.get(path);
  const one = emptyTally();
  headerMisses.push(...scoreHeader(gold, typeof r === "object" ? r.item : undefined, rel, one));
  splitOfMiss.set(rel, split);
  // "all" is the shared PDFs' whole, as it always was; the unseen set is reported apart, by halves and whole.
  const whole = split.startsWith("unseen") ? "unseen" : "all";
  for (const key of [`${split} ${folder}`, split, whole]) addTally(tally(key), one);
}
const prf = (c: { tp: number; fp: number; fn: number }) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
const pct = (x: number) => (100 * x).toFixed(1);

// References.
const refRows: string[] = [];
const refJson: Record<string, unknown> = {};

/** A paper's reference gold: EXCITE's tagged references, or the unseen set's strings (no fields). */
interface ReferenceGoldDoc {
  id: string;
  file: string;
  raw: string[];
  tagged?: GoldReference[];
}

/** One row of the references table: found and real over `docs`, field F1 where the gold is tagged. */
function scoreReferenceSet(name: string, docs: ReferenceGoldDoc[]): void {
  let gold = 0;
  let found = 0;
  let matched = 0;
  let failed = 0;
  const fields = new Map<string, { tp: number; fp: number; fn: number }>();
  const perDocument: Record<string, { gold: number; found: number; matched: number }> = {};
  for (const doc of docs) {
    const r = results.get(doc.file);
    const extracted = typeof r === "object" ? r.references : [];
    if (typeof r !== "object") failed++;
    gold += doc.raw.length;
    found += extracted.length;
    const pairs = matchReferences(
      doc.raw,
      extracted.map((e) => e.raw),
    );
    matched += pairs.length;
    perDocument[doc.id] = { gold: doc.raw.length, found: extracted.length, matched: pairs.length };
    if (doc.tagged) scoreFields(doc.tagged, extracted, pairs, fields);
  }
  const micro = [...fields.values()].reduce(
    (a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }),
    {
      tp: 0,
      fp: 0,
      fn: 0,
    },
  );
  const f = prf(micro);
  const tagged = docs.every((d) => d.tagged);
  refRows.push(
    `| ${name} | ${docs.length} | ${gold} | ${found} | ${pct(matched / Math.max(gold, 1))} | ${pct(matched / Math.max(found, 1))} | ${tagged ? pct(f.f) : "—"} | ${failed} |`,
  );
  refJson[name] = {
    documents: docs.length,
    gold,
    found,
    matched,
    failed,
    ...(tagged
      ? {
          fields: Object.fromEntries([...fields].map(([k, c]) => [k, { ...c, ...prf(c) }])),
          micro: { ...micro, ...f },
        }
      : {}),
    perDocument,
  };
}

// Each set scored whole and on the two splits of the headers (the hash of the paper's path): the rules of
// reference splitting were built looking at dev papers' misses only.
for (const [set, allDocs] of excite)
  for (const split of ["all", "dev", "test"] as const) {
    const docs = [...allDocs]
      .filter(([id]) => split === "all" || splitOf(`excite/${set}/pdf/${id}.pdf`) === split)
      .map(([id, refs]) => ({
        id,
        file: join(pdfs, "excite", set, "pdf", `${id}.pdf`),
        raw: refs.map((g) => g.raw),
        tagged: refs,
      }));
    scoreReferenceSet(split === "all" ? set : `${set} (${split})`, docs);
  }
// The unseen set's reference lists (eval/pdf-references-unseen/), where its PDFs are fetched: strings only. A
// list whose paper has no header gold (a set or key misspelt) is said, not dropped silently.
for (const [set, papers] of readUnseenReferences(join(ROOT, "eval/pdf-references-unseen"))) {
  const unknown = [...papers.keys()].filter(
    (key) => !readUnseenGold(join(ROOT, "eval/pdf-headers-unseen")).get(set)?.has(key),
  );
  if (unknown.length)
    console.error(`unseen reference lists without a labelled paper in ${set}: ${unknown.join(", ")}`);
  for (const split of ["unseen-dev", "unseen-test"] as const) {
    const docs = [...papers]
      .filter(([key]) => headerGold.get(unseenFile(set, key))?.split === split)
      .map(([key, raw]) => ({ id: key, file: unseenFile(set, key), raw }));
    if (docs.length) scoreReferenceSet(`${set} (${split})`, docs);
  }
}

const headerRows = ["dev", "test", ...(unseenFetched ? ["unseen-dev", "unseen-test", "unseen"] : [])].flatMap(
  (split) => [
    ...[...tallies.keys()]
      .filter((k) => k.startsWith(`${split} `))
      .sort()
      .map((k) => tallyRow(k, tallies.get(k)!)),
    tallyRow(`**${split}**`, tallies.get(split) ?? emptyTally()),
  ],
);
const md = [
  `### PDF ingestion, end to end (\`npm run eval:pdf\`, ${files.size} PDFs, ${seconds.toFixed(0)} s on ${jobs} threads)`,
  "",
  "Headers against our gold (eval/pdf-headers/, all 162 PDFs). dev: the papers looked at while building the rules; test: the others, only scored; unseen: papers from outside the shared datasets (eval/pdf-headers-unseen/, fetched by npm run fetch:unseen), labelled after the rules were written, split the same way (unseen-test: never looked at). Year right and empty are shares of papers with a year printed where a year may be taken from; wrong is a share of all papers (a year where the gold has another, or none). Venue likewise.",
  "",
  ...TALLY_HEADER,
  ...headerRows,
  "",
  "References against EXCITE's gold, and the unseen set's reference lists where fetched (eval/pdf-references-unseen/: strings only, so no field F1). Found: a gold reference with a found one ≥ 0.9 similar; real: the share of found ones that match a gold one; field F1: soft, over author family names, title, year, container, volume, issue, pages, publisher of all gold and found references:",
  "",
  "| set | papers | gold refs | found | found % (recall) | real % (precision) | field F1 | failed PDFs |",
  "|---|---|---|---|---|---|---|---|",
  ...refRows,
  "",
].join("\n");
console.log(md);
const fieldTable = Object.entries(refJson)
  .filter(([set, v]) => !set.includes("(") && (v as { fields?: unknown }).fields)
  .map(([set, v]) => {
    const fields = (v as { fields: Record<string, { p: number; r: number; f: number }> }).fields;
    return `${set}: ${Object.entries(fields)
      .map(([k, s]) => `${k} ${pct(s.f)}`)
      .join(", ")}`;
  });
console.log(fieldTable.join("\n"));
mkdirSync(join(ROOT, "bench/out"), { recursive: true });
writeFileSync(
  join(ROOT, "bench/out/eval-pdf.json"),
  JSON.stringify(
    {
      seconds,
      jobs,
      headers: Object.fromEntries(tallies),
      headerMisses,
      references: refJson,
    },
    null,
    2,
  ),
);
// The misses of the development splits only: the test splits are scored, not looked at.
if (process.argv.includes("--show-misses"))
  for (const m of headerMisses)
    if (["dev", "unseen-dev"].includes(splitOfMiss.get(m.path) ?? ""))
      console.log(`${m.field} ${m.path}\n  gold:  ${m.gold}\n  found: ${m.found}`);
