/**
 * How the reference model is trained: one recipe that `npm run train:references` and `npm run eval:references`
 * both use, so the evaluated model and the shipped one differ only in their training data.
 */

import type { CrfModel } from "../../../label/crf.ts";
import { type TrainOptions, train } from "../../../label/train.ts";
import { REFERENCE_LABELS, type TaggedReference } from "../labels.ts";
import type { ReferenceCorpus } from "./corpus.ts";
import { toSequence } from "./sequences.ts";

export const TRAIN_OPTIONS: TrainOptions = {
  c2: 0.3,
  minCount: 2,
  maxIterations: 200,
  delta: 1e-5,
  past: 10,
  prune: 1e-3,
  labels: [...REFERENCE_LABELS],
};

/**
 * The corpora the shipped model learns from. LinkedBooks is read but left out: its tag set gives a chapter's
 * book the `title` tag and editors the `author` tag, which would teach the model the opposite of the others.
 */
export function shippedTrainingSet(c: ReferenceCorpus): TaggedReference[] {
  return [...c.anystyle, ...c.grobid, ...c.cora, ...c.parscit];
}

export function trainReferenceModel(
  refs: TaggedReference[],
  onIteration?: TrainOptions["onIteration"],
): CrfModel {
  return train(refs.map(toSequence), { ...TRAIN_OPTIONS, onIteration });
}
