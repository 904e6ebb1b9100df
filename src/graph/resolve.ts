/**
 * Resolving one record against candidate works, INSPIRE's way: an identifier decides; otherwise the best
 * candidate above the threshold wins. Two candidates that fit about equally well are first compared with each
 * other: when they are themselves one work (split earlier, because the record that would have joined them came
 * later), the record resolves to one and the others are to be joined to it — so one split does not cascade into
 * many. Only when the works it fits are distinct is the record ambiguous, left unresolved rather than given to
 * one of them at random (INSPIRE's erratum and its article, "Annual report 2001/2002" and "…2002/2003").
 */
import type { MatchRecord } from "./record.ts";
import { identifierVerdict, libraryJoinAllowed, type MatchModel, matchProbability } from "./score.ts";

export interface Candidate<Id> {
  id: Id;
  record: MatchRecord;
  /** A work of the library (a document of it is held), rather than one known only from references. */
  inLibrary?: boolean;
}

export type Resolution<Id> =
  /** `join`: other candidates that are the same work as `id` — one work, to be merged into it. */
  | { kind: "match"; id: Id; probability: number; join: Id[] }
  | { kind: "ambiguous"; ids: Id[]; probability: number }
  | { kind: "none" };

/** Candidates scoring within this much of the best are as good as the best. */
export const AMBIGUITY_MARGIN = 0.05;
/** Candidates compared with one another for a join: the best few are where a split shows. */
const MAX_JOIN_CHECKED = 20;

/**
 * Whether two candidate works are one work: the matcher says so of their metadata, and when one is a library
 * work they also pass the stricter test for records the user gave (libraryJoinAllowed).
 */
export function sameCandidateWork<Id>(
  model: MatchModel,
  a: Candidate<Id>,
  b: Candidate<Id>,
  apart?: (a: Id, b: Id) => boolean,
): boolean {
  if (apart?.(a.id, b.id)) return false;
  if ((a.inLibrary || b.inLibrary) && !libraryJoinAllowed(a.record, b.record)) return false;
  return matchProbability(model, a.record, b.record) >= model.threshold;
}

/** The candidate that stays when several are one work: a library work, else the oldest (lowest) id. */
function keeper<Id>(cs: Candidate<Id>[]): Candidate<Id> {
  return [...cs].sort(
    (x, y) => Number(Boolean(y.inLibrary)) - Number(Boolean(x.inLibrary)) || (x.id < y.id ? -1 : 1),
  )[0];
}

/**
 * `apart` says which works a person split apart (a merge undone): never the same work, whatever their metadata
 * says, so a record that fits both equally stays ambiguous.
 */
export function resolveRecord<Id>(
  model: MatchModel,
  record: MatchRecord,
  candidates: Candidate<Id>[],
  apart?: (a: Id, b: Id) => boolean,
): Resolution<Id> {
  const byIdentifier = candidates.find((c) => identifierVerdict(record, c.record) === "same");
  if (byIdentifier) return { kind: "match", id: byIdentifier.id, probability: 1, join: [] };
  const best = new Map<Id, { c: Candidate<Id>; p: number }>();
  for (const c of candidates) {
    const p = matchProbability(model, record, c.record);
    if (p >= model.threshold && p > (best.get(c.id)?.p ?? -1)) best.set(c.id, { c, p });
  }
  if (best.size === 0) return { kind: "none" };
  const ranked = [...best.values()].sort((x, y) => y.p - x.p).slice(0, MAX_JOIN_CHECKED);
  const top = ranked[0].p;
  const close = ranked.filter((r) => r.p >= top - AMBIGUITY_MARGIN);
  // The close candidates must all be one work, each the same as every other: else the record is ambiguous.
  for (let i = 0; i < close.length; i++)
    for (let j = i + 1; j < close.length; j++)
      if (!sameCandidateWork(model, close[i].c, close[j].c, apart))
        return { kind: "ambiguous", ids: close.map((r) => r.c.id), probability: top };
  // One work, kept under one id. Only the close fits join, each checked against every other: a weaker fit
  // says too little to merge on (and may be another edition of the keeper, or a work a person split off).
  const keep = keeper(close.map((r) => r.c));
  return {
    kind: "match",
    id: keep.id,
    probability: top,
    join: close.map((r) => r.c.id).filter((id) => id !== keep.id),
  };
}
