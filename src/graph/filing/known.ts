/**
 * What filing keeps of the store's rows between reads, so that a much-cited work or a common blocking key is
 * read once rather than for every reference that meets it, and so that the candidates of many records come in
 * one bulk read. Filing writes every change to the store at once and tells these caches in the same step, so
 * they always answer what the store would; they are dropped whole when that may no longer hold — another
 * writer committed, or a transaction rolled back (FilingStore says so) — and when they grow too large.
 */
import { workMatchRecord } from "../key-hash.ts";
import type { MatchRecord } from "../record.ts";
import type { Awaitable, KeyRows, Person, WorkRows } from "./rows.ts";

/** A key shared by more works than this says little: only its first works (lowest ids) are candidates. */
export const WORKS_PER_KEY = 50;
/** Works kept: a much-cited work is a candidate again and again. */
const MAX_WORKS = 100_000;
/** Key lists kept. */
const MAX_KEYS = 300_000;
/** Name blocks kept, so that a large import does not read the same people again and again. */
const MAX_BLOCKS = 200_000;

/** A work as the matcher sees it; the match record is made when first asked (existence checks need none). */
export class WorkView {
  private made: MatchRecord | undefined;

  constructor(
    readonly id: number,
    readonly inLibrary: boolean,
    private csl: string | undefined,
    record?: MatchRecord,
  ) {
    this.made = record;
  }

  get record(): MatchRecord {
    if (!this.made) {
      this.made = workMatchRecord(JSON.parse(this.csl as string), this.inLibrary);
      this.csl = undefined;
    }
    return this.made;
  }
}

/** Works by id (null: known not to exist). */
export class KnownWorks {
  private readonly byId = new Map<number, WorkView | null>();

  /** The works among `ids` that exist; those not known yet are read in one call (known: answered at once). */
  get(rows: WorkRows, ids: readonly number[]): Awaitable<Map<number, WorkView>> {
    const out = new Map<number, WorkView>();
    const missing: number[] = [];
    for (const id of ids) {
      const w = this.byId.get(id);
      if (w === undefined) missing.push(id);
      else if (w) out.set(id, w);
    }
    return missing.length ? this.read(rows, missing, out) : out;
  }

  /** One work, if it exists. */
  one(rows: WorkRows, id: number): Awaitable<WorkView | undefined> {
    const w = this.byId.get(id);
    if (w !== undefined) return w ?? undefined;
    return this.read(rows, [id], new Map()).then((m) => m.get(id));
  }

  private async read(
    rows: WorkRows,
    missing: number[],
    out: Map<number, WorkView>,
  ): Promise<Map<number, WorkView>> {
    const stored = await rows.get(missing);
    if (this.byId.size + missing.length > MAX_WORKS) this.byId.clear();
    for (const id of missing) {
      const s = stored.get(id);
      const view = s ? new WorkView(s.id, s.inLibrary, s.csl) : null;
      this.byId.set(id, view);
      if (view) out.set(id, view);
    }
    return out;
  }

  /** Filing wrote a work's metadata (or its place in the library). */
  wrote(id: number, inLibrary: boolean, record: MatchRecord): void {
    this.byId.set(id, new WorkView(id, inLibrary, undefined, record));
  }

  deleted(id: number): void {
    this.byId.set(id, null);
  }

  /** Read it again when asked (a row changed in a way filing did not compute). */
  forget(id: number): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}

/**
 * For each blocking key hash read, its first WORKS_PER_KEY works (ascending), as the store would answer. Kept
 * only when the store's reads are dear (FilingStore.readAhead); else each record's lists are read as it comes.
 */
export class KnownKeys {
  private readonly lists = new Map<number, number[]>();
  /** The hashes of the lists here that name each work: where a work's change must be told. */
  private readonly listedUnder = new Map<number, number[]>();

  /**
   * The works under these keys, each once, in the order of the keys and of each key's list (the order the store
   * gives, so that ties between equal candidates fall the same way); the lists not known yet are read in one
   * call, and when all are known the answer is immediate.
   */
  constructor(private readonly keep: boolean) {}

  candidates(rows: KeyRows, hashes: readonly number[]): Awaitable<number[]> {
    if (!this.keep) {
      const read = rows.lists(hashes as number[], WORKS_PER_KEY);
      return read instanceof Promise ? read.then((got) => listed(got, hashes)) : listed(read, hashes);
    }
    // Indexed loops, here and below: this runs for every record and reference, and allocates nothing it can avoid.
    let missing: number[] | undefined;
    for (let i = 0; i < hashes.length; i++)
      if (!this.lists.has(hashes[i])) {
        missing ??= [];
        missing.push(hashes[i]);
      }
    if (!missing) return listed(this.lists, hashes);
    if (this.lists.size + missing.length > MAX_KEYS) {
      this.clear();
      missing = [...hashes];
    }
    return this.load(rows, missing).then(() => listed(this.lists, hashes));
  }

  private async load(rows: KeyRows, missing: number[]): Promise<void> {
    const wanted = [...new Set(missing)];
    const got = await rows.lists(wanted, WORKS_PER_KEY);
    for (let i = 0; i < wanted.length; i++) this.put(wanted[i], got.get(wanted[i]) ?? []);
  }

  /** A work's keys are now `hashes` (none: it is gone). */
  wrote(id: number, hashes: readonly number[]): void {
    if (!this.keep) return;
    const under = this.listedUnder.get(id);
    this.listedUnder.delete(id);
    const keep: number[] = [];
    let stale: number[] | undefined;
    for (let i = 0; under && i < under.length; i++) {
      const h = under[i];
      if (hashes.includes(h)) keep.push(h);
      else {
        const list = this.lists.get(h) as number[];
        // A full list losing a work would let in one not read yet: it is read again when needed.
        if (list.length < WORKS_PER_KEY) removeAt(list, list.indexOf(id));
        else {
          stale ??= [];
          stale.push(h);
        }
      }
    }
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i];
      const list = this.lists.get(h);
      if (!list || keep.includes(h)) continue;
      let at = list.length;
      while (at > 0 && list[at - 1] > id) at--;
      if (at >= WORKS_PER_KEY) continue;
      insertAt(list, at, id);
      keep.push(h);
      if (list.length > WORKS_PER_KEY) this.unlist(list.pop() as number, h);
    }
    if (keep.length) this.listedUnder.set(id, keep);
    for (let i = 0; stale && i < stale.length; i++) this.drop(stale[i]);
  }

  clear(): void {
    this.lists.clear();
    this.listedUnder.clear();
  }

  private put(h: number, ids: number[]): void {
    this.lists.set(h, ids);
    for (let i = 0; i < ids.length; i++) {
      const under = this.listedUnder.get(ids[i]);
      if (under) under.push(h);
      else this.listedUnder.set(ids[i], [h]);
    }
  }

  private drop(h: number): void {
    const list = this.lists.get(h) ?? [];
    for (let i = 0; i < list.length; i++) this.unlist(list[i], h);
    this.lists.delete(h);
  }

  private unlist(id: number, h: number): void {
    const under = this.listedUnder.get(id);
    if (!under) return;
    removeAt(under, under.indexOf(h));
    if (!under.length) this.listedUnder.delete(id);
  }
}

/** The works under these keys' lists, each once, in order. */
function listed(lists: ReadonlyMap<number, number[]>, hashes: readonly number[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < hashes.length; i++) {
    const list = lists.get(hashes[i]) ?? [];
    for (let j = 0; j < list.length; j++) {
      if (seen.has(list[j])) continue;
      seen.add(list[j]);
      out.push(list[j]);
    }
  }
  return out;
}

/** Removes the element at `i` (none when -1) in place (splice would allocate the removed part). */
function removeAt(list: number[], i: number): void {
  if (i < 0) return;
  for (let k = i; k < list.length - 1; k++) list[k] = list[k + 1];
  list.pop();
}

function insertAt(list: number[], i: number, value: number): void {
  list.push(value);
  for (let k = list.length - 1; k > i; k--) list[k] = list[k - 1];
  list[i] = value;
}

/** Everything filing knows of the store's rows. */
export class KnownRows {
  readonly works = new KnownWorks();
  readonly keys: KnownKeys;
  /** The people of each name block (written through: new people and given names are added here). */
  readonly blocks = new Map<string, Person[]>();
  /** Pairs of works a person split apart, "a:b" with a < b; read when first needed, again after a split. */
  splitPairs: Set<string> | undefined;
  /**
   * Whether the library holds a reference with fields (kind "item"): read when first needed, true once filing
   * writes one. A library of records citing by id alone has none, and nothing for a new work to take over.
   */
  itemReferences: boolean | undefined;

  /** `keepKeys`: whether key lists are kept (FilingStore.readAhead). */
  constructor(keepKeys: boolean) {
    this.keys = new KnownKeys(keepKeys);
  }

  /** Keeps a block, dropping all when there are too many. */
  keepBlock(key: string, people: Person[]): void {
    if (this.blocks.size >= MAX_BLOCKS) this.blocks.clear();
    this.blocks.set(key, people);
  }

  clear(): void {
    this.works.clear();
    this.keys.clear();
    this.blocks.clear();
    this.splitPairs = undefined;
    this.itemReferences = undefined;
  }
}
