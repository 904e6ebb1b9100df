/**
 * References filed onto works: by the id or DOI they name (or waiting for it), else by the matcher — a new
 * cited-only work when nothing fits, none when several different works fit equally (ambiguous). And the
 * reverse: a library work that arrives or changes takes the references filed earlier that meant it.
 */
import { type CslItem, normalizeDoi } from "../../formats/csl.ts";
import type { ReferenceInput } from "../../formats/record.ts";
import { asReference } from "../record.ts";
import { matchProbability } from "../score.ts";
import type { Filing } from "./filing.ts";
import { candidateIds, findWork, isAmbiguous } from "./find.ts";
import { joinSameWork } from "./merge.ts";
import type { ReferenceKind } from "./rows.ts";
import { insertWork, referenceJoined } from "./works.ts";

/** A work this alike a new library work may lose references to it (see reconsiderNeighbours). */
const NEIGHBOUR_PROBABILITY = 0.2;
/** References of one work resolved again when a look-alike arrives; a much-cited work keeps the rest. */
const RECONSIDERED_REFERENCES = 1000;

export interface Resolved {
  cited: number | null;
  ambiguous?: number[];
  /** A cited-only work the reference joined: its metadata is voted again once the reference is written. */
  joined?: number;
}

/**
 * The work a reference points at: by the record id or DOI it names (or nothing yet: it waits, see
 * resolvePending), or by matching its fields — a new cited-only work when nothing matches, none when several
 * works match equally (ambiguous). `reclaim`: the id a new cited-only work is given back (rebuild-graph).
 */
export async function resolveReference(
  f: Filing,
  kind: ReferenceKind,
  target: string | null,
  fields: CslItem | undefined,
  reclaim?: number,
  avoid?: ReadonlySet<number>,
): Promise<Resolved> {
  const rows = f.rows;
  if (kind === "id" && target) {
    const doc = (await rows.documents.bySource([target.slice(3)])).get(target.slice(3));
    return { cited: doc?.workId ?? null };
  }
  if (kind === "doi" && target) return { cited: (await rows.works.byDoi(target.slice(4)))?.id ?? null };
  if (kind !== "item" || !fields) return { cited: null };
  const found = await findWork(f, fields, false, undefined, avoid);
  if (isAmbiguous(found)) return { cited: null, ambiguous: found.ambiguous };
  if (found) {
    await joinSameWork(f, found.id, found.join);
    return { cited: found.id, joined: found.inLibrary ? undefined : found.id };
  }
  const id = await insertWork(f, fields, false, undefined, reclaim);
  f.dirty.fresh.add(id);
  return { cited: id };
}

/** What a reference names its work by, and the target it waits for. */
function kindOf(ref: ReferenceInput): { kind: ReferenceKind; target: string | null } {
  if ("id" in ref) return { kind: "id", target: `id:${ref.id}` };
  if ("doi" in ref) return { kind: "doi", target: `doi:${ref.doi}` };
  return { kind: "item" in ref ? "item" : "raw", target: null };
}

/** Writes a document's reference list (again), each entry resolved as it is written. */
export async function replaceReferences(
  f: Filing,
  documentId: number,
  workId: number,
  refs: ReferenceInput[],
  isNew: boolean,
): Promise<void> {
  const rows = f.rows;
  if (!isNew) {
    for (const w of await rows.refs.worksCitedBy(documentId)) f.dirty.orphans.add(w);
    await rows.refs.deleteOfDocument(documentId);
  }
  // The works this reference list cites so far: its later entries are other works (see findWork).
  const citedHere = new Set<number>();
  for (let position = 0; position < refs.length; position++) {
    const ref = refs[position];
    const item = "item" in ref ? ref.item : "parsed" in ref ? ref.parsed : undefined;
    const { kind, target } = kindOf(ref);
    if (kind === "item") f.known.itemReferences = true;
    const { cited, ambiguous, joined } = await resolveReference(f, kind, target, item, undefined, citedHere);
    if (cited !== null) citedHere.add(cited);
    await rows.refs.insert({
      documentId,
      position,
      raw: "raw" in ref ? (ref.raw ?? null) : null,
      item,
      target,
      workId: cited,
      contexts: "contexts" in ref && ref.contexts?.length ? ref.contexts : undefined,
      ambiguous,
      kind,
    });
    if (joined !== undefined) await referenceJoined(f, joined);
  }
  f.dirty.citing.add(workId);
}

/** References that waited for this record (by its id or DOI) now point at its work. */
export async function resolvePending(
  f: Filing,
  workId: number,
  sourceId: string | undefined,
  item: CslItem,
): Promise<void> {
  const doi = normalizeDoi(item.DOI);
  for (const target of [sourceId && `id:${sourceId}`, doi && `doi:${doi}`]) {
    if (!target) continue;
    const waiting = await f.rows.refs.waiting(target);
    if (!waiting.length) continue;
    await f.rows.refs.point(
      waiting.map((r) => r.id),
      workId,
    );
    for (const r of waiting) f.dirty.citing.add(r.citing);
  }
}

/**
 * A library work that is new or changed may be what references filed earlier meant, better than the work they
 * went to or as well (then they are ambiguous): the references of the works it resembles are resolved again —
 * those of a work only cited as if that work did not exist. This keeps the incremental path where resolving
 * everything at once (rebuild-graph) arrives.
 */
export async function reconsiderNeighbours(f: Filing, workId: number): Promise<void> {
  const { dirty, rows } = f;
  // Only references with fields are reconsidered: a library citing by id alone (S2ORC, OpenAlex) has none.
  f.known.itemReferences ??= await rows.refs.anyItems();
  if (!f.known.itemReferences) return;
  const self = await f.known.works.one(rows.works, workId);
  if (!self) return;
  // Compared as references see works: a reference's year does not refute, so neither does the year here.
  const record = asReference(self.record);
  const ids = (await candidateIds(f, record)).filter((id) => id !== workId);
  await f.known.works.get(rows.works, ids); // read together; each is looked at again as its turn comes
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    // An earlier neighbour's references may have merged this one away or changed it meanwhile.
    const work = await f.known.works.one(rows.works, id);
    if (!work) continue;
    if (matchProbability(f.model, record, work.record) < NEIGHBOUR_PROBABILITY) continue;
    const refs = await rows.refs.itemsTo(id, RECONSIDERED_REFERENCES);
    for (let k = 0; k < refs.length; k++) {
      const r = refs[k];
      // A work only cited exists because of its references: whether they would go elsewhere is asked without it.
      const avoid = new Set(await rows.refs.citedBefore(r.id));
      const found = await findWork(f, r.item, false, work.inLibrary ? undefined : id, avoid);
      if (!found && !work.inLibrary) continue;
      if (isAmbiguous(found)) await rows.refs.setAmbiguous(r.id, found.ambiguous);
      else if (found && found.id !== id) {
        await joinSameWork(f, found.id, found.join);
        await rows.refs.point([r.id], found.id);
        // A cited-only work left with no reference was this one: its id redirects there.
        if (!work.inLibrary) dirty.movedTo.set(id, found.id);
      } else continue;
      dirty.citing.add(r.citing);
      dirty.cited.add(id);
      dirty.orphans.add(id);
      if (!isAmbiguous(found) && found && !found.inLibrary) await referenceJoined(f, found.id);
      dirty.canonical.add(id);
    }
  }
}
