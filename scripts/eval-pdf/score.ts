/** Matching found references to gold ones, and scoring their fields. */
import type { CslItem } from "../../src/formats/csl.ts";
import { itemYear } from "../../src/formats/csl.ts";
import type { GoldReference } from "./excite-gold.ts";

export function softKey(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, b: Map<string, number>, na: number, nb: number): number {
  let common = 0;
  for (const [k, n] of a) common += Math.min(n, b.get(k) ?? 0);
  return na + nb > 0 ? (2 * common) / (na + nb) : 0;
}

/** 1 − edit distance / longer length. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let prev = new Uint32Array(m + 1);
  let cur = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++)
      cur[j] = Math.min(
        prev[j] + 1,
        cur[j - 1] + 1,
        prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1),
      );
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[m] / Math.max(n, m);
}

/** Pairs [gold index, found index], one to one, best first, each at least `threshold` similar. */
export function matchReferences(gold: string[], found: string[], threshold = 0.9): Array<[number, number]> {
  const g = gold.map(softKey);
  const f = found.map(softKey);
  const gb = g.map(bigrams);
  const fb = f.map(bigrams);
  const candidates: Array<[number, number, number]> = [];
  for (let i = 0; i < g.length; i++)
    for (let j = 0; j < f.length; j++) {
      // Dice on bigrams bounds the cheap part; edit distance is computed only for close pairs.
      const d = dice(gb[i], fb[j], g[i].length - 1, f[j].length - 1);
      if (d < threshold - 0.1) continue;
      const s = similarity(g[i], f[j]);
      if (s >= threshold) candidates.push([s, i, j]);
    }
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedG = new Set<number>();
  const usedF = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const [, i, j] of candidates) {
    if (usedG.has(i) || usedF.has(j)) continue;
    usedG.add(i);
    usedF.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

/**
 * Author fields compare as their family-name words of two letters or more: EXCITE's surname tags sometimes take
 * in an initial or an "and" ("Bluhm K.", "Flecker and Schulten,"), which is noise in the gold, not a name.
 */
export function authorWords(text: string): string {
  return text
    .split(/[\s,;]+/)
    .filter((w) => /\p{L}{2}/u.test(w) && !/^(?:and|und|et|al\.?|&)$/i.test(w))
    .join(" ");
}

export const FIELDS = ["author", "title", "year", "container-title", "volume", "issue", "page", "publisher"];

export function foundFields(item: CslItem): Record<string, string> {
  const f: Record<string, string> = {};
  const families = (item.author ?? []).map((a) => a.family ?? a.literal ?? "").filter(Boolean);
  if (families.length) f.author = authorWords(families.join(" "));
  if (item.title) f.title = item.title;
  const year = itemYear(item);
  if (year) f.year = String(year);
  if (item["container-title"]) f["container-title"] = item["container-title"];
  if (item.volume) f.volume = item.volume;
  if (item.issue) f.issue = item.issue;
  if (item.page) f.page = item.page;
  if (item.publisher) f.publisher = item.publisher;
  return f;
}

type Counts = { tp: number; fp: number; fn: number };

export function scoreFields(
  gold: GoldReference[],
  found: Array<{ item: CslItem }>,
  pairs: Array<[number, number]>,
  out: Map<string, Counts>,
): void {
  const counts = (k: string) => {
    let c = out.get(k);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      out.set(k, c);
    }
    return c;
  };
  const pairedG = new Map(pairs);
  const pairedF = new Set(pairs.map((p) => p[1]));
  gold.forEach((g, i) => {
    const j = pairedG.get(i);
    const f = j === undefined ? {} : foundFields(found[j].item);
    for (const k of FIELDS) {
      const gv = g.fields[k] ? softKey(g.fields[k]) : "";
      const fv = f[k] ? softKey(f[k]) : "";
      if (gv && fv && gv === fv) counts(k).tp++;
      else {
        if (fv) counts(k).fp++;
        if (gv) counts(k).fn++;
      }
    }
  });
  found.forEach((r, j) => {
    if (pairedF.has(j)) return;
    const f = foundFields(r.item);
    for (const k of FIELDS) if (f[k]) counts(k).fp++;
  });
}
