/**
 * Training a CRF: builds the attribute index and the sparse parameter layout from labelled sequences, then
 * minimises the L2-regularised negative log-likelihood with L-BFGS. No randomness anywhere: attributes are
 * numbered in order of first appearance, sums run in a fixed order, so the same data gives the same model.
 */
import {
  type CrfModel,
  type EncodedSequence,
  encode,
  forwardBackward,
  pathScore,
  stateScores,
  weightLayout,
} from "./crf.ts";
import { type LbfgsOptions, minimize, type Objective } from "./lbfgs.ts";

/** One training example: each token's feature strings, and its gold label. */
export interface LabelledSequence {
  features: string[][];
  labels: string[];
}

export interface TrainOptions extends LbfgsOptions {
  /** L2 regularisation: the objective adds c2/2 × |w|². */
  c2?: number;
  /** Attributes seen fewer times than this are dropped (noise, and model size). */
  minCount?: number;
  /** The label set in a fixed order (default: in order of first appearance). */
  labels?: string[];
  /** State weights smaller than this in magnitude are pruned from the saved model. */
  prune?: number;
}

/** The attribute index and sparse layout for a training set, all weights zero. */
export function layoutModel(data: LabelledSequence[], minCount: number, labelOrder?: string[]): CrfModel {
  const labels = labelOrder ? [...labelOrder] : [];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, number>();
  for (const seq of data) {
    for (const l of seq.labels) {
      if (!labelIndex.has(l)) {
        if (labelOrder) throw new Error(`label "${l}" is not in the label set`);
        labelIndex.set(l, labels.length);
        labels.push(l);
      }
    }
    for (const fs of seq.features) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const attributes = new Map<string, number>();
  for (const [f, c] of counts) if (c >= minCount) attributes.set(f, attributes.size);
  counts.clear();
  // The labels each attribute was seen with: one state parameter per such pair.
  const L = labels.length;
  const seen = new Uint8Array(attributes.size * L);
  for (const seq of data) {
    seq.features.forEach((fs, t) => {
      const y = labelIndex.get(seq.labels[t])!;
      for (const f of fs) {
        const a = attributes.get(f);
        if (a !== undefined) seen[a * L + y] = 1;
      }
    });
  }
  const offsets = new Uint32Array(attributes.size + 1);
  let n = 0;
  for (let a = 0; a < attributes.size; a++) {
    for (let y = 0; y < L; y++) n += seen[a * L + y];
    offsets[a + 1] = n;
  }
  const paramLabels = new Uint16Array(n);
  let k = 0;
  for (let a = 0; a < attributes.size; a++)
    for (let y = 0; y < L; y++) if (seen[a * L + y]) paramLabels[k++] = y;
  return { labels, attributes, offsets, paramLabels, weights: new Float64Array(n + L * L + 2 * L) };
}

/** Trains a model on labelled sequences. */
export function train(data: LabelledSequence[], options: TrainOptions = {}): CrfModel {
  const model = layoutModel(data, options.minCount ?? 1, options.labels);
  model.weights = minimize(objectiveFor(model, data, options.c2 ?? 1), model.weights, options);
  return options.prune ? pruneModel(model, options.prune) : model;
}

/** The regularised negative log-likelihood of the data under a model's layout, with its gradient. */
export function objectiveFor(model: CrfModel, data: LabelledSequence[], c2: number): Objective {
  const L = model.labels.length;
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  const encoded: EncodedSequence[] = [];
  const gold: Uint16Array[] = [];
  for (const seq of data) {
    if (seq.labels.length === 0) continue;
    encoded.push(encode(model, seq.features));
    gold.push(Uint16Array.from(seq.labels, (l) => labelIndex.get(l)!));
  }
  const { trans, start, end } = weightLayout(model);
  const { offsets, paramLabels } = model;

  // Observed feature counts do not depend on the weights: computed once.
  const observed = new Float64Array(model.weights.length);
  encoded.forEach((seq, i) => {
    const labels = gold[i];
    for (let t = 0; t < seq.length; t++) {
      for (let j = seq.attrStart[t]; j < seq.attrStart[t + 1]; j++) {
        const a = seq.attrIds[j];
        for (let k = offsets[a]; k < offsets[a + 1]; k++) if (paramLabels[k] === labels[t]) observed[k]++;
      }
      if (t > 0) observed[trans + labels[t - 1] * L + labels[t]]++;
    }
    observed[start + labels[0]]++;
    observed[end + labels[seq.length - 1]]++;
  });

  return (w: Float64Array, grad: Float64Array): number => {
    let value = 0;
    for (let i = 0; i < w.length; i++) {
      grad[i] = c2 * w[i] - observed[i];
      value += 0.5 * c2 * w[i] * w[i];
    }
    for (let s = 0; s < encoded.length; s++) {
      const seq = encoded[s];
      const scores = stateScores(model, seq, w);
      const fb = forwardBackward(model, scores, seq.length, true, w);
      value += fb.logZ - pathScore(model, scores, gold[s], w);
      const m = fb.marginals;
      for (let t = 0; t < seq.length; t++) {
        const row = t * L;
        for (let j = seq.attrStart[t]; j < seq.attrStart[t + 1]; j++) {
          const a = seq.attrIds[j];
          for (let k = offsets[a]; k < offsets[a + 1]; k++) grad[k] += m[row + paramLabels[k]];
        }
      }
      const pairs = fb.pairs!;
      for (let i = 0; i < L * L; i++) grad[trans + i] += pairs[i];
      const last = (seq.length - 1) * L;
      for (let y = 0; y < L; y++) {
        grad[start + y] += m[y];
        grad[end + y] += m[last + y];
      }
    }
    return value;
  };
}

/** Drops state weights below `threshold` in magnitude, and attributes left with none. */
export function pruneModel(model: CrfModel, threshold: number): CrfModel {
  const L = model.labels.length;
  const nState = model.paramLabels.length;
  const attributes = new Map<string, number>();
  const offsets: number[] = [0];
  const paramLabels: number[] = [];
  const weights: number[] = [];
  for (const [f, a] of model.attributes) {
    let kept = 0;
    for (let k = model.offsets[a]; k < model.offsets[a + 1]; k++) {
      if (Math.abs(model.weights[k]) < threshold) continue;
      paramLabels.push(model.paramLabels[k]);
      weights.push(model.weights[k]);
      kept++;
    }
    if (kept === 0) continue;
    attributes.set(f, attributes.size);
    offsets.push(paramLabels.length);
  }
  const rest = model.weights.subarray(nState, nState + L * L + 2 * L);
  return {
    labels: model.labels,
    attributes,
    offsets: Uint32Array.from(offsets),
    paramLabels: Uint16Array.from(paramLabels),
    weights: Float64Array.from([...weights, ...rest]),
  };
}
