/**
 * Clustering records into works without a library: what `citegraph match-references` does to a bibliography or
 * a pile of references. Records meet in blocks, candidate pairs are scored, and clusters are joined from the
 * most certain pair down — but never across a pair the model is sure are different works, so that one loose
 * match cannot chain two works together. A record that fits two clusters equally well is left on its own and
 * reported ambiguous.
 */
import { blockingKeys } from "./blocking.ts";
import type { MatchRecord } from "./record.ts";
import { AMBIGUITY_MARGIN } from "./resolve.ts";
import { type MatchModel, matchProbability } from "./score.ts";

/** Blocks larger than this are skipped: a key that many records share tells nothing. */
export const MAX_BLOCK = 200;
/** A scored pair below this is a cannot-link: the clusters of its two records are never joined. */
const CANNOT_LINK = 0.05;
const CANNOT_LINK_CHECKED = 100;

export interface ClusterResult {
  /** For each record, the index of the first record of its work. */
  work: number[];
  /** For each ambiguous record, the first records of the works it fits equally well. */
  ambiguous: Map<number, number[]>;
  /** Pairs compared. */
  comparisons: number;
}

class Clusters {
  readonly parent: Int32Array;
  readonly members: number[][];
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.members = Array.from({ length: n }, (_, i) => [i]);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  join(a: number, b: number): void {
    const [big, small] = this.members[a].length >= this.members[b].length ? [a, b] : [b, a];
    this.parent[small] = big;
    for (const m of this.members[small]) this.members[big].push(m);
    this.members[small] = [];
  }
}

export function clusterRecords(records: MatchRecord[], model: MatchModel): ClusterResult {
  const n = records.length;
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const k of blockingKeys(r)) {
      const list = blocks.get(k);
      if (!list) blocks.set(k, [i]);
      else if (list.length <= MAX_BLOCK) list.push(i);
    }
  });
  // Each candidate pair once, scored.
  const scored = new Map<number, number>();
  const pairKey = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > MAX_BLOCK) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const key = pairKey(list[x], list[y]);
        if (!scored.has(key)) scored.set(key, matchProbability(model, records[list[x]], records[list[y]]));
      }
  }
  const clusters = new Clusters(n);
  const strong = [...scored]
    .filter(([, p]) => p >= model.threshold)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  // Bounded: the first CANNOT_LINK_CHECKED members of each side (a popular work's cluster can hold thousands).
  const cannotLink = (a: number, b: number): boolean => {
    for (const i of clusters.members[a].slice(0, CANNOT_LINK_CHECKED))
      for (const j of clusters.members[b].slice(0, CANNOT_LINK_CHECKED)) {
        const p = scored.get(pairKey(i, j));
        if (p !== undefined && p < CANNOT_LINK) return true;
      }
    return false;
  };
  for (const [key, p] of strong) {
    const a = clusters.find(Math.floor(key / n));
    const b = clusters.find(key % n);
    if (a === b || p < model.threshold || cannotLink(a, b)) continue;
    clusters.join(a, b);
  }
  // Records whose best matches lie in two clusters that stayed apart: ambiguous, taken out of both.
  const ambiguous = new Map<number, number[]>();
  const fits = new Map<number, Map<number, number>>();
  for (const [key, p] of strong) {
    const i = Math.floor(key / n);
    const j = key % n;
    for (const [x, y] of [
      [i, j],
      [j, i],
    ]) {
      const m = fits.get(x) ?? new Map<number, number>();
      const c = clusters.find(y);
      m.set(c, Math.max(m.get(c) ?? 0, p));
      fits.set(x, m);
    }
  }
  for (const [i, m] of fits) {
    const own = clusters.find(i);
    const others = [...m].filter(([c]) => c !== own);
    if (!others.length) continue;
    const best = Math.max(...m.values());
    const close = [...m].filter(([, p]) => p >= best - AMBIGUITY_MARGIN);
    if (close.length > 1)
      ambiguous.set(
        i,
        close.map(([c]) => c),
      );
  }
  const work = new Array<number>(n);
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = ambiguous.has(i) ? -1 - i : clusters.find(i);
    if (!first.has(c)) first.set(c, i);
    work[i] = first.get(c) as number;
  }
  // The works an ambiguous record fits, named by their first records (an ambiguous record is in none).
  for (const [i, cs] of ambiguous)
    ambiguous.set(
      i,
      cs.flatMap((c) => first.get(c) ?? []),
    );
  return { work, ambiguous, comparisons: scored.size };
}
