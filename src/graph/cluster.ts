/**
 * Clustering records into works without a library: what `citegraph match-references` does to a bibliography or
 * a pile of references. Records meet in blocks and every candidate pair is scored; then clusters are joined by
 * average linkage over the match log-odds — the two clusters whose scored pairs agree most on average first, as
 * long as that average clears the threshold. Averaging weighs all the evidence between two clusters: one loose
 * pair cannot chain two works together (its neighbours outvote it), and one doubtful pair cannot keep two halves
 * of a work apart for ever (union-find with hard cannot-links did both). Only what the rules know for certain
 * stays a hard limit: two different identifiers, two library records that may not join (score.ts), and two
 * entries of one reference list.
 *
 * A record is ambiguous only when it fits another cluster about as well as its own and the two are confidently
 * distinct works; it is then taken out of both and reported with the works it fits.
 */
import { blockingKeys } from "./blocking.ts";
import type { MatchRecord } from "./record.ts";
import { AMBIGUITY_MARGIN } from "./resolve.ts";
import {
  identifierVerdict,
  libraryJoinAllowed,
  logOdds,
  type MatchModel,
  matchProbability,
} from "./score.ts";

/** Blocks larger than this are skipped: a key that many records share tells nothing. */
export const MAX_BLOCK = 200;
/** Two clusters whose pairs average below this probability are confidently distinct works. */
const DISTINCT = 0.05;

export interface ClusterResult {
  /** For each record, the index of the first record of its work. */
  work: number[];
  /** For each ambiguous record, the first records of the works it fits equally well. */
  ambiguous: Map<number, number[]>;
  /** Pairs compared. */
  comparisons: number;
}

/** The scored pairs between two clusters: their log-odds summed, how many, and whether one forbids the join. */
interface Link {
  sum: number;
  n: number;
  hard: boolean;
}

/** A max-heap of candidate joins, by average log-odds, then by the lower pair of cluster ids (determinism). */
class JoinHeap {
  private readonly items: [number, number, number, number, number][] = [];
  private before(x: number[], y: number[]): boolean {
    return x[0] > y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
  }
  push(item: [number, number, number, number, number]): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(h[i], h[up])) break;
      [h[i], h[up]] = [h[up], h[i]];
      i = up;
    }
  }
  pop(): [number, number, number, number, number] | undefined {
    const h = this.items;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop() as [number, number, number, number, number];
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Every pair of records that share a blocking key, once: its log-odds, and whether the rules forbid the join. */
export function scoreBlockedPairs(
  records: MatchRecord[],
  model: MatchModel,
  lists?: ArrayLike<string | undefined>,
): Map<number, { logOdds: number; hard: boolean }> {
  const n = records.length;
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const k of blockingKeys(r)) {
      const list = blocks.get(k);
      if (!list) blocks.set(k, [i]);
      else if (list.length <= MAX_BLOCK) list.push(i);
    }
  });
  const scored = new Map<number, { logOdds: number; hard: boolean }>();
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > MAX_BLOCK) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = list[x] < list[y] ? [list[x], list[y]] : [list[y], list[x]];
        const key = i * n + j;
        if (scored.has(key)) continue;
        const a = records[i];
        const b = records[j];
        const verdict = identifierVerdict(a, b);
        const hard =
          verdict === "different" ||
          (!a.fromReference && !b.fromReference && !libraryJoinAllowed(a, b)) ||
          // Two entries of one reference list are two works, unless an identifier says they are one.
          (verdict !== "same" && lists?.[i] !== undefined && lists[i] === lists[j]);
        scored.set(key, { logOdds: logOdds(matchProbability(model, a, b)), hard });
      }
  }
  return scored;
}

/**
 * `lists`: for each record, the reference list it comes from (a citing paper), when known: two entries of one
 * list are never one work.
 */
export function clusterRecords(
  records: MatchRecord[],
  model: MatchModel,
  lists?: ArrayLike<string | undefined>,
): ClusterResult {
  const n = records.length;
  const scored = scoreBlockedPairs(records, model, lists);
  const joinAt = logOdds(model.threshold);
  // Each cluster is named by one of its records; links hold the scored pairs between clusters.
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const links: Map<number, Link>[] = Array.from({ length: n }, () => new Map());
  const owner = Int32Array.from({ length: n }, (_, i) => i);
  for (const [key, s] of scored) {
    const i = Math.floor(key / n);
    const j = key % n;
    const link = { sum: s.logOdds, n: 1, hard: s.hard };
    links[i].set(j, link);
    links[j].set(i, link);
  }
  const stamp = new Int32Array(n);
  const heap = new JoinHeap();
  const offer = (a: number, b: number, l: Link) => {
    if (l.hard) return;
    const avg = l.sum / l.n;
    if (avg < joinAt) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    heap.push([avg, x, y, stamp[x], stamp[y]]);
  };
  for (let i = 0; i < n; i++) for (const [j, l] of links[i]) if (i < j) offer(i, j, l);
  for (let top = heap.pop(); top; top = heap.pop()) {
    const [, x, y, sx, sy] = top;
    if (stamp[x] !== sx || stamp[y] !== sy || !members[x].length || !members[y].length) continue;
    // The larger cluster keeps its name and absorbs the other's members and links.
    const [keep, gone] = members[x].length >= members[y].length ? [x, y] : [y, x];
    for (const m of members[gone]) {
      members[keep].push(m);
      owner[m] = keep;
    }
    members[gone] = [];
    links[keep].delete(gone);
    for (const [c, l] of links[gone]) {
      if (c === keep) continue;
      const mine = links[keep].get(c);
      const joined = mine ? { sum: mine.sum + l.sum, n: mine.n + l.n, hard: mine.hard || l.hard } : l;
      links[keep].set(c, joined);
      links[c].delete(gone);
      links[c].set(keep, joined);
    }
    links[gone].clear();
    stamp[keep]++;
    stamp[gone]++;
    for (const [c, l] of links[keep]) offer(keep, c, l);
  }
  const ambiguous = ambiguousRecords(records.length, scored, owner, members, links, joinAt);
  const work = new Array<number>(n);
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = ambiguous.has(i) ? -1 - i : owner[i];
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

const probability = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Records that fit another cluster about as well as their own (average probability within AMBIGUITY_MARGIN,
 * above the threshold) when the two clusters are confidently distinct: their pairs average below DISTINCT, or a
 * rule forbids the join. Returns each with the clusters it fits, its own first.
 */
function ambiguousRecords(
  n: number,
  scored: Map<number, { logOdds: number; hard: boolean }>,
  owner: Int32Array,
  members: number[][],
  links: Map<number, Link>[],
  joinAt: number,
): Map<number, number[]> {
  const fits: Map<number, { sum: number; n: number }>[] = Array.from({ length: n }, () => new Map());
  for (const [key, s] of scored) {
    const i = Math.floor(key / n);
    const j = key % n;
    for (const [x, y] of [
      [i, j],
      [j, i],
    ]) {
      const c = owner[y];
      const f = fits[x].get(c) ?? { sum: 0, n: 0 };
      f.sum += s.logOdds;
      f.n++;
      fits[x].set(c, f);
    }
  }
  const ambiguous = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const own = owner[i];
    const mine = fits[i].get(own);
    if (!mine || members[own].length < 2 || fits[i].size < 2) continue;
    const ownP = probability(mine.sum / mine.n);
    const rivals: number[] = [];
    for (const [c, f] of fits[i]) {
      if (c === own) continue;
      const avg = f.sum / f.n;
      if (avg < joinAt || probability(avg) < ownP - AMBIGUITY_MARGIN) continue;
      const between = links[own].get(c);
      // Never compared (no pair of theirs met in a block): not known to be distinct, so the record stays put.
      const distinct =
        between !== undefined && (between.hard || probability(between.sum / between.n) < DISTINCT);
      if (distinct) rivals.push(c);
    }
    if (rivals.length) ambiguous.set(i, [own, ...rivals]);
  }
  return ambiguous;
}
