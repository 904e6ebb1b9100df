/**
 * Other editions of a work: the same title and authors printed years apart (score.ts otherEdition keeps them
 * apart as works). A reader who finds the 1995 edition of a book wants to know of the 2001 one and its
 * citations, so the work page lists them — a decision about the graph, made here whatever store holds it.
 */
import type { MatchRecord } from "./record.ts";
import { authorsDisjoint, otherEdition, titlesAgree } from "./score.ts";

/** Whether `b` is another edition of `a`: titles and authors agree, and the two are editions apart. */
export function isOtherEdition(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.authors.length || !b.authors.length || authorsDisjoint(a, b)) return false;
  return titlesAgree(a, b) && otherEdition(a, b);
}
