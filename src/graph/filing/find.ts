/**
 * Which work a record or reference is: the matcher's cascade (an identifier, then the candidates its blocking
 * keys find, scored; src/graph/resolve.ts) over the works of the store.
 */
import { type CslItem, normalizeDoi } from "../../formats/csl.ts";
import { type MatchRecord, toMatchRecord } from "../record.ts";
import { type Candidate, resolveRecord } from "../resolve.ts";
import { libraryJoinAllowed } from "../score.ts";
import type { Filing } from "./filing.ts";
import type { Awaitable } from "./rows.ts";

/** Documents of a work a new record of the library is checked against, one by one. */
const MAX_DOCUMENTS_CHECKED = 20;

export interface FoundWork {
  id: number;
  inLibrary: boolean;
}

/**
 * What findWork answers: a work (with the works that turned out to be the same one, to join to it), several
 * different works that fit equally well, or none.
 */
export type Found = (FoundWork & { join: number[] }) | { ambiguous: number[] } | undefined;

export const isAmbiguous = (f: Found): f is { ambiguous: number[] } => f !== undefined && "ambiguous" in f;

/**
 * The work a record (`isDocument`) or reference belongs to, as the matcher's cascade decides it: DOI, then
 * arXiv id, then candidates from the blocking keys scored by the match model (src/graph/resolve.ts). A record
 * of the library joins another library work only on strong evidence (libraryJoinAllowed: an identifier, or
 * titles and authors that agree); a reference may match on weaker. `avoid`: works the same bibliography cites
 * already — two entries of one reference list are two works ("Witte 2001", "Witte 2002c"), unless an
 * identifier says otherwise.
 */
export async function findWork(
  f: Filing,
  item: CslItem,
  isDocument: boolean,
  exclude?: number,
  avoid?: ReadonlySet<number>,
): Promise<Found> {
  const doi = normalizeDoi(item.DOI);
  if (doi) {
    const w = await f.rows.works.byDoi(doi);
    if (w && w.id !== exclude) return { ...w, join: [] };
  }
  if (item.arxiv) {
    const w = await f.rows.works.byArxiv(item.arxiv);
    if (w && w.id !== exclude) return { ...w, join: [] };
  }
  const record = f.matchRecord(item, isDocument ? "record" : "reference");
  const ids = (await candidateIds(f, record, item)).filter((id) => id !== exclude && !avoid?.has(id));
  if (ids.length === 0) return undefined;
  const works = await f.known.works.get(f.rows.works, ids);
  const candidates: Candidate<number>[] = [];
  // Indexed loops where a loop awaits: an iterator kept across awaits allocates at every step.
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const w = works.get(id);
    if (!w) continue;
    if (isDocument && w.inLibrary && !(await joinsEveryDocument(f, record, id, w.record))) continue;
    candidates.push({ id, record: w.record, inLibrary: w.inLibrary });
  }
  const pairs = await splitPairs(f);
  const r = resolveRecord(f.model, record, candidates, (a, b) => pairs.has(pairKey(a, b)));
  if (r.kind === "match")
    return { id: r.id, inLibrary: (works.get(r.id) as FoundWork).inLibrary, join: r.join };
  if (r.kind === "ambiguous") return { ambiguous: r.ids };
  return undefined;
}

/** The works that share a blocking key with a record. */
export function candidateIds(f: Filing, record: MatchRecord, item?: CslItem): Awaitable<number[]> {
  return f.known.keys.candidates(f.rows.keys, f.keyHashes(item, record));
}

/**
 * Whether a library record may join a library work: with the work's voted metadata and with each of its
 * documents (the first MAX_DOCUMENTS_CHECKED), so that "A, B" cannot bridge a record by A and one by B.
 */
async function joinsEveryDocument(
  f: Filing,
  record: MatchRecord,
  workId: number,
  canonical: MatchRecord,
): Promise<boolean> {
  if (!libraryJoinAllowed(record, canonical)) return false;
  return (await documentRecords(f, workId)).every((d) => libraryJoinAllowed(record, d));
}

/** The match records of a work's documents (the first MAX_DOCUMENTS_CHECKED). */
export async function documentRecords(f: Filing, workId: number): Promise<MatchRecord[]> {
  return (await f.rows.documents.itemsOf(workId, MAX_DOCUMENTS_CHECKED)).map((item) =>
    toMatchRecord(item, "record"),
  );
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The pairs of works a person split apart (a merge undone): the matcher never joins them again. */
function splitPairs(f: Filing): Awaitable<Set<string>> {
  return f.known.splitPairs ?? readSplitPairs(f);
}

async function readSplitPairs(f: Filing): Promise<Set<string>> {
  const pairs = new Set((await f.rows.history.splitPairs()).map(([a, b]) => pairKey(a, b)));
  f.known.splitPairs = pairs;
  return pairs;
}

/** Whether a person split these two works apart. */
export async function splitApart(f: Filing, a: number, b: number): Promise<boolean> {
  return (await splitPairs(f)).has(pairKey(a, b));
}

/** Whether a work exists (as filing knows it: written through, or read). */
export async function exists(f: Filing, id: number): Promise<boolean> {
  return (await f.known.works.one(f.rows.works, id)) !== undefined;
}
