/**
 * The hand-labelled reference clusters of eval/reference-clusters/ (computer science, social sciences,
 * humanities; how each was made is in its file's description): printed references grouped by the work they cite,
 * with look-alike distractors (another work of the same author, part II, another edition) as clusters of one.
 *
 * Each domain is split in two by a hash of the cluster (an edition family stays together): the development half
 * is what rules and thresholds were chosen on, the test half is what the evaluation reports as the number.
 * Scored by pairwise and B-cubed precision, recall and F1.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CslItem } from "../../src/formats/csl.ts";
import { blockingKeys } from "../../src/graph/blocking.ts";
import { toMatchRecord } from "../../src/graph/record.ts";
import type { RecordPair } from "../../src/graph/training/pairs.ts";

export interface GoldMember {
  source: string;
  ref: string;
  raw: string;
}

export interface GoldCluster {
  id: string;
  members: GoldMember[];
  editionGroup?: string;
  note?: string;
}

export type Split = "dev" | "test";

export interface GoldSet {
  domain: string;
  /** Every reference of the split, with the index of its gold cluster. */
  refs: { raw: string; cluster: number }[];
  clusters: number;
  multiMember: number;
}

/**
 * Clusters left out: in-text author-year citations ("Nafey (2008, 127).") that the social-sciences labeller tied to
 * their bibliography entry — they name no title, and are not references of a reference list.
 */
function isShortCitation(c: GoldCluster): boolean {
  return /^(author-year short citation|corporate author-year)/.test(c.note ?? "");
}

export function splitOf(c: GoldCluster): Split {
  const key = c.editionGroup ?? c.id;
  return createHash("sha1").update(key).digest()[0] % 2 === 0 ? "dev" : "test";
}

export function readGoldClusters(dir: string, split: Split): GoldSet[] {
  const sets: GoldSet[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const data = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      domain: string;
      clusters: GoldCluster[];
    };
    const refs: GoldSet["refs"] = [];
    let clusters = 0;
    let multiMember = 0;
    for (const c of data.clusters) {
      if (isShortCitation(c) || splitOf(c) !== split) continue;
      for (const m of c.members) refs.push({ raw: m.raw, cluster: clusters });
      clusters++;
      if (c.members.length > 1) multiMember++;
    }
    sets.push({ domain: data.domain, refs, clusters, multiMember });
  }
  return sets;
}

export interface ClusterScores {
  pairwise: { p: number; r: number; f1: number };
  bcubed: { p: number; r: number; f1: number };
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

/** Pairwise and B-cubed scores of a predicted clustering (any labels) against the gold one. */
export function scoreClustering(gold: number[], predicted: number[]): ClusterScores {
  const groups = (labels: number[]) => {
    const m = new Map<number, number[]>();
    labels.forEach((l, i) => {
      const g = m.get(l);
      if (g) g.push(i);
      else m.set(l, [i]);
    });
    return m;
  };
  const g = groups(gold);
  const q = groups(predicted);
  let tp = 0;
  let goldPairs = 0;
  let foundPairs = 0;
  for (const members of g.values()) goldPairs += (members.length * (members.length - 1)) / 2;
  for (const members of q.values()) {
    foundPairs += (members.length * (members.length - 1)) / 2;
    const byGold = new Map<number, number>();
    for (const i of members) byGold.set(gold[i], (byGold.get(gold[i]) ?? 0) + 1);
    for (const k of byGold.values()) tp += (k * (k - 1)) / 2;
  }
  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    const mine = q.get(predicted[i]) as number[];
    const same = mine.filter((j) => gold[j] === gold[i]).length;
    bp += same / mine.length;
    br += same / (g.get(gold[i]) as number[]).length;
  }
  const pp = foundPairs ? tp / foundPairs : 1;
  const pr = goldPairs ? tp / goldPairs : 1;
  const n = gold.length || 1;
  return {
    pairwise: { p: pp, r: pr, f1: f1(pp, pr) },
    bcubed: { p: bp / n, r: br / n, f1: f1(bp / n, br / n) },
  };
}

/**
 * Training pairs from gold clusters (the development half only): every two references of one cluster (the same
 * work), and every two references of different clusters that meet under a blocking key or share their first
 * author (look-alikes the matcher must tell apart), each side read as a printed reference.
 */
export function goldReferencePairs(sets: GoldSet[], parse: (raw: string) => CslItem): RecordPair[] {
  const pairs: RecordPair[] = [];
  for (const set of sets) {
    const items = set.refs.map((r) => parse(r.raw));
    const blocks = new Map<string, number[]>();
    items.forEach((item, i) => {
      const record = toMatchRecord(item, "reference");
      // The blocking keys, and the first surname: look-alikes by the same author are the hard negatives.
      const keys = [...blockingKeys(record), ...record.authors.slice(0, 1).map((a) => `author:${a.surname}`)];
      for (const k of keys) blocks.set(k, [...(blocks.get(k) ?? []), i]);
    });
    const seen = new Set<string>();
    const add = (i: number, j: number) => {
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      if (seen.has(key)) return;
      seen.add(key);
      const same = set.refs[i].cluster === set.refs[j].cluster;
      pairs.push({ a: items[i], b: items[j], same, sources: ["reference", "reference"] });
    };
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) if (set.refs[i].cluster === set.refs[j].cluster) add(i, j);
    for (const list of blocks.values())
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) add(list[x], list[y]);
  }
  return pairs;
}
