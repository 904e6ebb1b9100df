/**
 * A person's corrections of a work's metadata: recorded (who, when, why, the values set and those replaced)
 * and applied by the vote (works.ts recanonicalize) on top of what the sources say. Reverting marks the
 * correction and votes again, so the history is never rewritten.
 */
import type { CslItem } from "../../formats/csl.ts";
import {
  type Correction,
  CorrectionError,
  type CorrectionFields,
  changesNothing,
  currentValues,
} from "../corrections.ts";
import type { Filing } from "./filing.ts";

/**
 * Records a correction of a library work and has it applied. Refused, with the reason: an unknown or cited-only
 * work (its metadata is the references' vote, and its id does not survive rebuild-graph), a correction that
 * changes nothing. Fields, editor and note come validated.
 */
export async function correctWork(
  f: Filing,
  workId: number,
  fields: CorrectionFields,
  by: { editor: string; note?: string },
): Promise<Correction> {
  const rows = f.rows;
  const work = (await rows.works.get([workId])).get(workId);
  if (!work) throw new CorrectionError(`no work ${workId}`);
  if (!work.inLibrary)
    throw new CorrectionError(
      `work ${workId} is known only from references: its metadata is what they say (corrections are for works in the library)`,
    );
  const item = JSON.parse(work.csl) as CslItem;
  if (changesNothing(item, fields)) throw new CorrectionError("the correction changes nothing");
  const id = await rows.corrections.insert({
    workId,
    fields,
    previous: currentValues(item, fields),
    editor: by.editor,
    note: by.note ?? null,
    at: f.now,
  });
  f.dirty.canonical.add(workId);
  return (await rows.corrections.get(id)) as Correction;
}

/** Reverts a correction: the work shows again what the vote and the other corrections give. */
export async function revertCorrection(f: Filing, id: number, by: string): Promise<Correction> {
  const rows = f.rows;
  const c = await rows.corrections.get(id);
  if (!c) throw new CorrectionError(`no correction ${id}`);
  if (c.revertedAt !== undefined) throw new CorrectionError(`correction ${id} was reverted already`);
  await rows.corrections.revert(id, f.now, by);
  f.dirty.canonical.add(c.workId);
  return (await rows.corrections.get(id)) as Correction;
}
