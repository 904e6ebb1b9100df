/** Tagged references as CRF training sequences: each token takes the label of the span it starts in. */
import type { LabelledSequence } from "../../../label/train.ts";
import { featurize } from "../features.ts";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";

export function tokenLabels(ref: TaggedReference, starts: number[]): ReferenceLabel[] {
  let i = 0;
  return starts.map((s) => {
    while (i < ref.spans.length && ref.spans[i].end <= s) i++;
    const span = ref.spans[i];
    return span && span.start <= s && s < span.end ? span.label : "other";
  });
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
