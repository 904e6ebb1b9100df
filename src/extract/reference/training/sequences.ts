/** Tagged references as CRF training sequences: each token takes the label of the span it starts in. */
import { labelsFromSpans } from "../../../label/spans.ts";
import type { LabelledSequence } from "../../../label/train.ts";
import { featurize } from "../features.ts";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";

export function tokenLabels(ref: TaggedReference, starts: number[]): ReferenceLabel[] {
  return labelsFromSpans<ReferenceLabel>(ref.spans, starts, "other");
}

export function toSequence(ref: TaggedReference): LabelledSequence {
  const { tokens, features } = featurize(ref.text);
  return {
    features,
    labels: tokenLabels(
      ref,
      tokens.map((t) => t.start),
    ),
  };
}
