/**
 * How the header model is trained: one recipe for `npm run train:header` and its evaluation, so the evaluated
 * model and the shipped one differ only in their training data.
 */
import type { CrfModel } from "../../../label/crf.ts";
import { labelsFromSpans } from "../../../label/spans.ts";
import { type LabelledSequence, type TrainOptions, train } from "../../../label/train.ts";
import { featurizeHeader } from "../features.ts";
import { HEADER_LABELS, type HeaderLabel, type TaggedHeader } from "../labels.ts";
import type { HeaderCorpus } from "./corpus.ts";

export const HEADER_TRAIN_OPTIONS: TrainOptions = {
  c2: 0.5,
  minCount: 2,
  maxIterations: 300,
  delta: 1e-5,
  past: 10,
  prune: 1e-3,
  labels: [...HEADER_LABELS],
};

export function headerSequence(h: TaggedHeader): LabelledSequence {
  const { tokens, features } = featurizeHeader(h.text);
  const labels = labelsFromSpans<HeaderLabel>(
    h.spans,
    tokens.map((t) => t.start),
    "other",
  );
  return { features, labels };
}

export function allHeaders(c: HeaderCorpus): TaggedHeader[] {
  return [...c.grobid, ...c.citeseer];
}

/** The evaluation split: every tenth header of each corpus is held out. */
export function splitHeaders(c: HeaderCorpus): { train: TaggedHeader[]; test: TaggedHeader[] } {
  const train: TaggedHeader[] = [];
  const test: TaggedHeader[] = [];
  for (const set of [c.grobid, c.citeseer])
    set.forEach((h, i) => {
      (i % 10 === 9 ? test : train).push(h);
    });
  return { train, test };
}

export function trainHeaderModel(
  headers: TaggedHeader[],
  onIteration?: TrainOptions["onIteration"],
): CrfModel {
  return train(headers.map(headerSequence), { ...HEADER_TRAIN_OPTIONS, onIteration });
}
