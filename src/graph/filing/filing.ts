/**
 * One transaction of filing: the store's rows inside it, what is known of them (known.ts), and the works whose
 * derived data the transaction made stale (Dirty), recomputed at its end (settle.ts). Every step of filing is a
 * function of this context, so that the steps can live in small files and run the same over any store.
 */
import type { CslItem } from "../../formats/csl.ts";
import { matchRecordKeyHashes } from "../key-hash.ts";
import { matchModel } from "../model.ts";
import { type MatchRecord, sameMatchFields, toMatchRecord } from "../record.ts";
import type { MatchModel } from "../score.ts";
import type { KnownRows } from "./known.ts";
import type { GraphRows } from "./rows.ts";

/** Work ids whose derived data must be recomputed at the end of a transaction. */
export interface Dirty {
  /** Works whose outgoing citation edges must be rebuilt from their references. */
  citing: Set<number>;
  /** Works whose counts must be recomputed. */
  cited: Set<number>;
  /** Works whose authors changed, so self-citation flags on their edges are stale. */
  authors: Set<number>;
  /** Works created in this transaction: they have no edges, authors or references yet to clear. */
  fresh: Set<number>;
  /** Works whose metadata was written (created, changed, deleted): what caches of metadata must re-read. */
  touched: Set<number>;
  /** Cited-only works that may have lost their last reference. */
  orphans: Set<number>;
  /** Works whose canonical metadata must be voted again at the end: merged, split, or references taken away. */
  canonical: Set<number>;
  /** Cited-only works whose references the matcher moved to another work: where the id redirects if it goes. */
  movedTo: Map<number, number>;
}

export function emptyDirty(): Dirty {
  return {
    citing: new Set(),
    cited: new Set(),
    authors: new Set(),
    orphans: new Set(),
    fresh: new Set(),
    touched: new Set(),
    canonical: new Set(),
    movedTo: new Map(),
  };
}

/** Whether an item is matched as a record of the library or as a reference. */
export type MatchSource = "record" | "reference";

export class Filing {
  readonly dirty: Dirty = emptyDirty();
  readonly now = Date.now();
  readonly model: MatchModel = matchModel();
  /** The work a document is being filed into: the matcher does not merge it away meanwhile (joinSameWork). */
  filing: number | undefined;

  /**
   * Match records (and key hashes) of the items whose candidates were read ahead (prefetch.ts), so that matching
   * does not make them again; only those of the documents read ahead, so that they stay few.
   */
  private readonly ahead = new Map<CslItem, { source: MatchSource; record: MatchRecord; hashes: number[] }>();

  constructor(
    readonly rows: GraphRows,
    readonly known: KnownRows,
    /** Whether a batch's candidates are read ahead (FilingStore.readAhead). */
    readonly readAhead = false,
  ) {}

  /**
   * The last match record made outside those read ahead (its hashes once asked): the item matched just before
   * a work is made of it or set from it (workRecord), so that the work's keys are not made again.
   */
  private last: { item: CslItem; source: MatchSource; record: MatchRecord; hashes?: number[] } | undefined;

  /** How the matcher sees a record of the library or a reference (`ahead`: kept for matching it later). */
  matchRecord(item: CslItem, source: MatchSource, ahead = false): MatchRecord {
    const known = this.made(item, source);
    if (known) return known.record;
    const record = toMatchRecord(item, source);
    if (ahead) this.ahead.set(item, { source, record, hashes: matchRecordKeyHashes(record) });
    else this.last = { item, source, record };
    return record;
  }

  /** The hashes of the blocking keys of a match record. */
  keyHashes(item: CslItem | undefined, record: MatchRecord): number[] {
    const known = item && this.ahead.get(item);
    if (known && known.record === record) return known.hashes;
    const last = this.last;
    if (last?.record === record) {
      last.hashes ??= matchRecordKeyHashes(record);
      return last.hashes;
    }
    return matchRecordKeyHashes(record);
  }

  /**
   * A work's match record and key hashes, as its canonical metadata `item` gives them — taken from the record
   * made of `from` (the item it was voted from, matched just before) when the two have the same match fields.
   */
  workRecord(
    item: CslItem,
    inLibrary: boolean,
    from: CslItem = item,
  ): { record: MatchRecord; hashes: number[] } {
    const source = inLibrary ? "record" : "reference";
    const known = sameMatchFields(from, item) ? this.made(from, source) : undefined;
    const record = known?.record ?? toMatchRecord(item, source);
    return { record, hashes: this.keyHashes(known ? from : undefined, record) };
  }

  /** The record made of this item as `source` sees it, when it was read ahead or made last. */
  private made(item: CslItem, source: MatchSource): { record: MatchRecord } | undefined {
    const ahead = this.ahead.get(item);
    if (ahead?.source === source) return ahead;
    const last = this.last;
    return last?.item === item && last.source === source ? last : undefined;
  }

  /** Forgets the items read ahead before. */
  forgetAhead(): void {
    this.ahead.clear();
    this.last = undefined;
  }
}
