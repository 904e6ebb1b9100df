/**
 * A linear-chain conditional random field: the scoring, decoding (Viterbi) and per-token marginals
 * (forward–backward) shared by training and tagging.
 *
 * Parameters are sparse the way CRFsuite keeps them: a state weight exists only for an (attribute, label) pair
 * seen in training, stored per attribute in one flat array (CSR), so a model over a million attributes stays a
 * few megabytes. Then come the label-to-label transitions, and the weights of starting and ending on a label.
 */

export interface CrfModel {
  labels: string[];
  /** Attribute (feature string) → its index. */
  attributes: Map<string, number>;
  /** Attribute a owns state parameters offsets[a] .. offsets[a+1]-1. */
  offsets: Uint32Array;
  /** The label of each state parameter. */
  paramLabels: Uint16Array;
  /** State weights, then L×L transitions (from × L + to), then L start and L end weights. */
  weights: Float64Array;
}

/** One sequence as attribute indices: token t has attrIds[attrStart[t] .. attrStart[t+1]-1]. */
export interface EncodedSequence {
  length: number;
  attrStart: Uint32Array;
  attrIds: Int32Array;
}

/** Where the blocks of the weight vector start: L×L transitions, then L start and L end weights. */
export function weightLayout(model: CrfModel): { L: number; trans: number; start: number; end: number } {
  const L = model.labels.length;
  const trans = model.paramLabels.length;
  return { L, trans, start: trans + L * L, end: trans + L * L + L };
}

/** Turns each token's feature strings into attribute indices, dropping those the model never saw. */
export function encode(model: CrfModel, features: string[][]): EncodedSequence {
  const attrStart = new Uint32Array(features.length + 1);
  const ids: number[] = [];
  for (let t = 0; t < features.length; t++) {
    for (const f of features[t]) {
      const a = model.attributes.get(f);
      if (a !== undefined) ids.push(a);
    }
    attrStart[t + 1] = ids.length;
  }
  return { length: features.length, attrStart, attrIds: Int32Array.from(ids) };
}

/** Unary scores: score[t × L + y] = Σ of the state weights of token t's attributes for label y. */
export function stateScores(model: CrfModel, seq: EncodedSequence, weights = model.weights): Float64Array {
  const L = model.labels.length;
  const { offsets, paramLabels } = model;
  const scores = new Float64Array(seq.length * L);
  for (let t = 0; t < seq.length; t++) {
    const row = t * L;
    for (let i = seq.attrStart[t]; i < seq.attrStart[t + 1]; i++) {
      const a = seq.attrIds[i];
      for (let k = offsets[a]; k < offsets[a + 1]; k++) scores[row + paramLabels[k]] += weights[k];
    }
  }
  return scores;
}

/** The best label sequence (label indices). */
export function viterbi(model: CrfModel, scores: Float64Array, length: number): Uint16Array {
  const w = model.weights;
  const { L, trans, start, end } = weightLayout(model);
  const out = new Uint16Array(length);
  if (length === 0) return out;
  let delta = new Float64Array(L);
  let next = new Float64Array(L);
  const back = new Uint16Array(length * L);
  for (let y = 0; y < L; y++) delta[y] = w[start + y] + scores[y];
  for (let t = 1; t < length; t++) {
    for (let y = 0; y < L; y++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const v = delta[p] + w[trans + p * L + y];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      next[y] = best + scores[t * L + y];
      back[t * L + y] = arg;
    }
    [delta, next] = [next, delta];
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    const v = delta[y] + w[end + y];
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  out[length - 1] = arg;
  for (let t = length - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]];
  return out;
}

export interface ForwardBackward {
  logZ: number;
  /** marginals[t × L + y] = P(label of token t = y | sequence). */
  marginals: Float64Array;
  /** Expected transition counts, L×L (only when asked for: training needs them, tagging does not). */
  pairs?: Float64Array;
}

/**
 * Forward–backward in scaled probability space (each step normalised; the scales give log Z), with scores
 * shifted by their maximum per token so that exp never overflows.
 */
export function forwardBackward(
  model: CrfModel,
  scores: Float64Array,
  length: number,
  withPairs: boolean,
  weights = model.weights,
): ForwardBackward {
  const { L, trans, start, end } = weightLayout(model);
  const T = length;
  const psi = new Float64Array(T * L);
  const alpha = new Float64Array(T * L);
  const beta = new Float64Array(T * L);
  const scale = new Float64Array(T);
  const E = new Float64Array(L * L);
  for (let i = 0; i < L * L; i++) E[i] = Math.exp(weights[trans + i]);
  let logZ = 0;
  for (let t = 0; t < T; t++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let y = 0; y < L; y++) max = Math.max(max, scores[t * L + y] + (t === 0 ? weights[start + y] : 0));
    logZ += max;
    for (let y = 0; y < L; y++)
      psi[t * L + y] = Math.exp(scores[t * L + y] + (t === 0 ? weights[start + y] : 0) - max);
  }
  // Forward.
  let c = 0;
  for (let y = 0; y < L; y++) c += alpha[y] = psi[y];
  scale[0] = c;
  for (let y = 0; y < L; y++) alpha[y] /= c;
  for (let t = 1; t < T; t++) {
    c = 0;
    const row = t * L;
    const prev = row - L;
    for (let y = 0; y < L; y++) {
      let s = 0;
      for (let p = 0; p < L; p++) s += alpha[prev + p] * E[p * L + y];
      const v = s * psi[row + y];
      alpha[row + y] = v;
      c += v;
    }
    scale[t] = c;
    for (let y = 0; y < L; y++) alpha[row + y] /= c;
  }
  let zEnd = 0;
  const last = (T - 1) * L;
  for (let y = 0; y < L; y++) zEnd += alpha[last + y] * Math.exp(weights[end + y]);
  for (let t = 0; t < T; t++) logZ += Math.log(scale[t]);
  logZ += Math.log(zEnd);
  // Backward, scaled to match: then marginal = alpha × beta.
  for (let y = 0; y < L; y++) beta[last + y] = Math.exp(weights[end + y]) / zEnd;
  // psiBeta = psi × beta, shared by the backward pass and the pair marginals.
  const psiBeta = new Float64Array(T * L);
  for (let y = 0; y < L; y++) psiBeta[last + y] = psi[last + y] * beta[last + y];
  for (let t = T - 2; t >= 0; t--) {
    const row = t * L;
    const nextRow = row + L;
    const cn = scale[t + 1];
    for (let y = 0; y < L; y++) {
      let s = 0;
      const er = y * L;
      for (let n = 0; n < L; n++) s += E[er + n] * psiBeta[nextRow + n];
      const b = s / cn;
      beta[row + y] = b;
      psiBeta[row + y] = psi[row + y] * b;
    }
  }
  const marginals = new Float64Array(T * L);
  for (let i = 0; i < T * L; i++) marginals[i] = alpha[i] * beta[i];
  let pairs: Float64Array | undefined;
  if (withPairs) {
    pairs = new Float64Array(L * L);
    for (let t = 0; t < T - 1; t++) {
      const row = t * L;
      const nextRow = row + L;
      const cn = scale[t + 1];
      for (let p = 0; p < L; p++) {
        const a = alpha[row + p] / cn;
        if (a === 0) continue;
        const er = p * L;
        for (let n = 0; n < L; n++) pairs[er + n] += a * E[er + n] * psiBeta[nextRow + n];
      }
    }
  }
  return { logZ, marginals, pairs };
}

/** The score of one labelling (unnormalised log-probability): what training compares with log Z. */
export function pathScore(
  model: CrfModel,
  scores: Float64Array,
  labels: ArrayLike<number>,
  weights = model.weights,
): number {
  const { L, trans, start, end } = weightLayout(model);
  const T = labels.length;
  if (T === 0) return 0;
  let s = weights[start + labels[0]] + weights[end + labels[T - 1]];
  for (let t = 0; t < T; t++) {
    s += scores[t * L + labels[t]];
    if (t > 0) s += weights[trans + labels[t - 1] * L + labels[t]];
  }
  return s;
}
