/**
 * Gradient-boosted decision trees for the match score: small trees over the pair features, fitted one after
 * another to what the sum so far gets wrong (logistic loss, Newton steps in the leaves). Trees capture what a
 * linear score cannot — "near-equal titles need no year, unless one is generic" — and stay small enough to
 * read in the model file. Deterministic: candidate splits are fixed quantiles, ties go to the lower feature.
 */

export interface TreeNode {
  /** Internal node: feature index and threshold (go left when x[feature] <= threshold). */
  feature?: number;
  threshold?: number;
  left?: TreeNode;
  right?: TreeNode;
  /** Leaf: the value added to the score. */
  value?: number;
}

export interface BoostedTrees {
  /** The score before any tree (the log-odds of the base rate). */
  base: number;
  trees: TreeNode[];
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  learningRate: number;
  /** Fewest examples a leaf may hold. */
  minLeaf: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Candidate thresholds per feature. */
  bins: number;
}

export function treeValue(node: TreeNode, x: ArrayLike<number>): number {
  let n = node;
  while (n.feature !== undefined)
    n = (x[n.feature] <= (n.threshold as number) ? n.left : n.right) as TreeNode;
  return n.value ?? 0;
}

/** The log-odds the ensemble gives `x`. */
export function boostedScore(model: BoostedTrees, x: ArrayLike<number>): number {
  let z = model.base;
  for (const t of model.trees) z += treeValue(t, x);
  return z;
}

/** Up to `bins` thresholds per feature: midpoints between distinct values at evenly spaced ranks. */
function candidateThresholds(xs: ArrayLike<number>[], feature: number, bins: number): number[] {
  const values = Array.from(new Set(xs.map((x) => x[feature]))).sort((a, b) => a - b);
  if (values.length < 2) return [];
  const out = new Set<number>();
  const step = Math.max(1, Math.floor(values.length / bins));
  for (let i = step; i < values.length; i += step) out.add((values[i - 1] + values[i]) / 2);
  return [...out].sort((a, b) => a - b);
}

export function trainBoostedTrees(
  xs: ArrayLike<number>[],
  ys: number[],
  options: BoostOptions,
): BoostedTrees {
  const n = xs.length;
  const positives = ys.reduce((s, y) => s + y, 0);
  const base = Math.log((positives + 1) / (n - positives + 1));
  const score = new Float64Array(n).fill(base);
  const features = xs[0]?.length ?? 0;
  const thresholds = Array.from({ length: features }, (_, f) => candidateThresholds(xs, f, options.bins));
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeNode[] = [];
  const leafValue = (idx: number[]) => {
    let sg = 0;
    let sh = 0;
    for (const i of idx) {
      sg += g[i];
      sh += h[i];
    }
    return (-sg / (sh + options.lambda)) * options.learningRate;
  };
  const gain = (sg: number, sh: number) => (sg * sg) / (sh + options.lambda);
  const grow = (idx: number[], depth: number): TreeNode => {
    if (depth === 0 || idx.length < 2 * options.minLeaf) return { value: leafValue(idx) };
    let sg = 0;
    let sh = 0;
    for (const i of idx) {
      sg += g[i];
      sh += h[i];
    }
    const parent = gain(sg, sh);
    let best = { gain: 1e-9, feature: -1, threshold: 0 };
    for (let f = 0; f < features; f++) {
      const ts = thresholds[f];
      if (!ts.length) continue;
      // Sums of gradients per bin, then a sweep over the thresholds.
      const bg = new Float64Array(ts.length + 1);
      const bh = new Float64Array(ts.length + 1);
      const bc = new Int32Array(ts.length + 1);
      for (const i of idx) {
        const v = xs[i][f];
        let lo = 0;
        let hi = ts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (v <= ts[mid]) hi = mid;
          else lo = mid + 1;
        }
        bg[lo] += g[i];
        bh[lo] += h[i];
        bc[lo]++;
      }
      let lg = 0;
      let lh = 0;
      let lc = 0;
      for (let k = 0; k < ts.length; k++) {
        lg += bg[k];
        lh += bh[k];
        lc += bc[k];
        if (lc < options.minLeaf || idx.length - lc < options.minLeaf) continue;
        const gn = gain(lg, lh) + gain(sg - lg, sh - lh) - parent;
        if (gn > best.gain) best = { gain: gn, feature: f, threshold: ts[k] };
      }
    }
    if (best.feature < 0) return { value: leafValue(idx) };
    const left = idx.filter((i) => xs[i][best.feature] <= best.threshold);
    const right = idx.filter((i) => xs[i][best.feature] > best.threshold);
    return {
      feature: best.feature,
      threshold: best.threshold,
      left: grow(left, depth - 1),
      right: grow(right, depth - 1),
    };
  };
  const all = Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < options.rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]));
      g[i] = p - ys[i];
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree = grow(all, options.depth);
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i] += treeValue(tree, xs[i]);
  }
  return { base, trees };
}
