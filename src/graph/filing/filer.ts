/**
 * Filing over any store (rows.ts): every change to the graph runs in one transaction of the store, then
 * recomputes what it made stale (settle.ts), and reports the works whose metadata it wrote — what caches of
 * metadata above the store (search facets) must read again. What filing knows of the store's rows (known.ts)
 * lives as long as the filer, and is dropped whenever the store says it may be stale or a change fails.
 */
import { type Correction, CorrectionError, validateCorrection, validateNote } from "../corrections.ts";
import { correctWork, revertCorrection } from "./correct.ts";
import { type DocumentInput, fileDocuments, type UpsertResult } from "./documents.ts";
import { liveWork, mergeWorks, splitMerge } from "./edits.ts";
import { Filing } from "./filing.ts";
import { KnownRows } from "./known.ts";
import { type RebuildResult, rebuildGraph } from "./rebuild.ts";
import type { FilingStore } from "./rows.ts";
import { rowsAhead } from "./rows-ahead.ts";
import { settle } from "./settle.ts";

/** A change's value and the works whose metadata it wrote (created, changed, deleted). */
export interface Changed<T> {
  value: T;
  touched: Set<number>;
}

export class Filer {
  private readonly known: KnownRows;

  constructor(private readonly store: FilingStore) {
    this.known = new KnownRows(store.readAhead);
  }

  /** Files a batch in one transaction; returns the counts. */
  upsert(batch: DocumentInput[]): Promise<Changed<UpsertResult>> {
    return this.change((f) => fileDocuments(f, batch));
  }

  rebuildGraph(): Promise<Changed<RebuildResult>> {
    return this.change((f) => rebuildGraph(f));
  }

  /** Makes `from` part of `into` by hand; the value is the merge's id in the history. */
  mergeWorks(into: number, from: number, note?: string): Promise<Changed<number>> {
    return this.change((f) => mergeWorks(f, into, from, note));
  }

  /** Undoes a merge; the value is the id of the work it gives back. */
  splitMerge(mergeId: number): Promise<Changed<number>> {
    return this.change((f) => splitMerge(f, mergeId));
  }

  /** Records a correction of a library work and applies it; refused with the reason (CorrectionError). */
  correctWork(
    workId: number,
    raw: Record<string, unknown>,
    by: { editor: string; note?: string },
  ): Promise<Changed<Correction>> {
    const fields = validateCorrection(raw);
    const editor = validateNote("editor", by.editor) ?? "";
    if (!editor) throw new CorrectionError("editor: a correction needs the name of who made it");
    const note = validateNote("note", by.note);
    return this.change((f) => correctWork(f, workId, fields, { editor, note }));
  }

  revertCorrection(id: number, editor: string): Promise<Changed<Correction>> {
    const by = validateNote("editor", editor);
    if (!by) throw new CorrectionError("editor: a revert needs the name of who made it");
    return this.change((f) => revertCorrection(f, id, by));
  }

  /** The live work an id names: itself, or the work it was merged into. */
  liveWork(id: number): Promise<number | undefined> {
    return liveWork(this.store.rows, id);
  }

  /** Runs a change in one transaction, then recomputes what it made stale. */
  private async change<T>(fn: (f: Filing) => Promise<T>): Promise<Changed<T>> {
    try {
      return await this.store.transaction(async (rows, { stale }) => {
        if (stale) this.known.clear();
        const readAhead = this.store.readAhead;
        const f = new Filing(readAhead ? rowsAhead(rows) : rows, this.known, readAhead);
        const value = await fn(f);
        await settle(f);
        return { value, touched: f.dirty.touched };
      });
    } catch (e) {
      // Rolled back: what was learnt or written meanwhile is not what the store holds.
      this.known.clear();
      throw e;
    }
  }
}
