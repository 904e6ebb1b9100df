/**
 * Resolving one record against candidate works, INSPIRE's way: an identifier decides; otherwise the best
 * candidate above the threshold wins — unless another, different work scores about as well, in which case the
 * record is ambiguous and left unresolved rather than given to one of them at random.
 */
import type { MatchRecord } from "./record.ts";
import { identifierVerdict, type MatchModel, matchProbability } from "./score.ts";

export interface Candidate<Id> {
  id: Id;
  record: MatchRecord;
}

export type Resolution<Id> =
  | { kind: "match"; id: Id; probability: number }
  | { kind: "ambiguous"; ids: Id[]; probability: number }
  | { kind: "none" };

/** Candidates scoring within this much of the best are as good as the best. */
export const AMBIGUITY_MARGIN = 0.05;

export function resolveRecord<Id>(
  model: MatchModel,
  record: MatchRecord,
  candidates: Candidate<Id>[],
): Resolution<Id> {
  const byIdentifier = candidates.find((c) => identifierVerdict(record, c.record) === "same");
  if (byIdentifier) return { kind: "match", id: byIdentifier.id, probability: 1 };
  const best = new Map<Id, number>();
  for (const c of candidates) {
    const p = matchProbability(model, record, c.record);
    if (p >= model.threshold && p > (best.get(c.id) ?? -1)) best.set(c.id, p);
  }
  if (best.size === 0) return { kind: "none" };
  const ranked = [...best].sort((x, y) => y[1] - x[1]);
  const top = ranked[0][1];
  const close = ranked.filter(([, p]) => p >= top - AMBIGUITY_MARGIN);
  if (close.length > 1) return { kind: "ambiguous", ids: close.map(([id]) => id), probability: top };
  return { kind: "match", id: ranked[0][0], probability: top };
}
