/**
 * The tagger every extract model uses: feature strings in, labels with confidences out. Parsers only see this
 * interface, so the engine under it (this CRF, or another later) can change without touching them.
 */
import { type CrfModel, encode, forwardBackward, stateScores, viterbi } from "./crf.ts";

export interface TaggedSequence {
  labels: string[];
  /** For each token, the probability of its label in the model's marginals. */
  confidence: number[];
}

export interface Tagger {
  readonly labels: readonly string[];
  /** Labels a sequence given each token's feature strings; confidences cost a forward-backward pass. */
  tag(features: string[][], withConfidence?: boolean): TaggedSequence;
}

export class CrfTagger implements Tagger {
  constructor(readonly model: CrfModel) {}

  get labels(): readonly string[] {
    return this.model.labels;
  }

  tag(features: string[][], withConfidence = true): TaggedSequence {
    if (features.length === 0) return { labels: [], confidence: [] };
    const seq = encode(this.model, features);
    const scores = stateScores(this.model, seq);
    const best = viterbi(this.model, scores, seq.length);
    const labels = Array.from(best, (y) => this.model.labels[y]);
    if (!withConfidence) return { labels, confidence: [] };
    const { marginals } = forwardBackward(this.model, scores, seq.length, false);
    const L = this.model.labels.length;
    return { labels, confidence: Array.from(best, (y, t) => marginals[t * L + y]) };
  }
}
