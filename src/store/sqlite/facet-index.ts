/**
 * Facet counts for broad queries, from memory. Counting years, venues and authors over half a million hits by
 * joining each hit in SQL takes seconds; fetching the hits' ids from the full-text index and counting from
 * typed arrays (year, venue, library flag and authors of every work, about 25 bytes a work) takes a fraction of
 * that. Built on first use; works the store rewrites are patched in place; a commit by another process drops it.
 */
import type Database from "better-sqlite3";

/** Flags of a work: absent (no such work), in the library, or known only from references. */
const ABSENT = 0;
const IN_LIBRARY = 1;
const CITED_ONLY = 2;

/** Works patched since the build, beyond which a rebuild is cheaper than the overlay. */
const MAX_PATCHED = 200_000;

export interface FacetFilter {
  includeCitations: boolean;
  /** Year ranges every hit must fall in (top-level year: terms of the query). */
  years: { from: number; to: number }[];
}

export interface RawFacets {
  /** The hits counted: those the filter keeps. */
  total: number;
  /** [year, count], oldest first. */
  year: [number, number][];
  /** [venue id, count], most frequent first (ties by id), at most `top`. */
  venue: [number, number][];
  /** [author id, count], likewise. */
  author: [number, number][];
}

export class FacetIndex {
  private built = false;
  private year = new Int16Array(0);
  private venue = new Int32Array(0);
  private flags = new Uint8Array(0);
  /** Authors of work i: authorIds[authorStart[i] .. authorStart[i + 1]), unless patched. */
  private authorStart = new Int32Array(0);
  private authorIds = new Int32Array(0);
  private readonly patched = new Map<number, Int32Array>();

  constructor(private readonly db: Database.Database) {}

  get ready(): boolean {
    return this.built;
  }

  /** Forgets everything: the next use rebuilds. */
  drop(): void {
    this.built = false;
    this.year = new Int16Array(0);
    this.venue = new Int32Array(0);
    this.flags = new Uint8Array(0);
    this.authorStart = new Int32Array(0);
    this.authorIds = new Int32Array(0);
    this.patched.clear();
  }

  build(): void {
    const maxId = Number(this.db.prepare("SELECT coalesce(max(id), 0) FROM work_rank").pluck().get());
    this.year = new Int16Array(maxId + 1);
    this.venue = new Int32Array(maxId + 1);
    this.flags = new Uint8Array(maxId + 1);
    for (const [id, inLibrary, year, venue] of this.db
      .prepare("SELECT id, in_library, year, venue_id FROM work_rank")
      .raw()
      .iterate() as Iterable<[number, number, number | null, number | null]>) {
      this.set(id, inLibrary, year, venue);
    }
    const count = Number(this.db.prepare("SELECT count(*) FROM work_authors").pluck().get());
    const start = new Int32Array(maxId + 2);
    const ids = new Int32Array(count);
    let n = 0;
    let current = 0;
    // work_authors is stored in (work_id, position) order, so one scan fills the arrays.
    for (const [workId, authorId] of this.db
      .prepare("SELECT work_id, author_id FROM work_authors ORDER BY work_id, position")
      .raw()
      .iterate() as Iterable<[number, number]>) {
      if (workId > maxId || n >= count) continue;
      while (current < workId) start[++current] = n;
      ids[n++] = authorId;
    }
    while (current <= maxId) start[++current] = n;
    this.authorStart = start;
    this.authorIds = ids;
    this.patched.clear();
    this.built = true;
  }

  private set(id: number, inLibrary: number, year: number | null, venue: number | null): void {
    this.year[id] = year ?? 0;
    this.venue[id] = venue ?? 0;
    this.flags[id] = inLibrary ? IN_LIBRARY : CITED_ONLY;
  }

  private grow(id: number): void {
    if (id < this.flags.length) return;
    const size = Math.max(id + 1, this.flags.length * 2);
    const grown = <T extends Int16Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.year = grown(this.year, (n) => new Int16Array(n));
    this.venue = grown(this.venue, (n) => new Int32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
  }

  /** Re-reads works the store has just written (created, changed or deleted). */
  update(ids: Iterable<number>): void {
    if (!this.built) return;
    const rank = this.db.prepare("SELECT in_library, year, venue_id FROM work_rank WHERE id = ?").raw();
    const authors = this.db
      .prepare("SELECT author_id FROM work_authors WHERE work_id = ? ORDER BY position")
      .pluck();
    for (const id of ids) {
      this.grow(id);
      const row = rank.get(id) as [number, number | null, number | null] | undefined;
      if (row) this.set(id, row[0], row[1], row[2]);
      else this.flags[id] = ABSENT;
      this.patched.set(id, Int32Array.from(authors.all(id) as number[]));
    }
    if (this.patched.size > MAX_PATCHED) this.drop();
  }

  private authorsOf(id: number): Int32Array {
    const p = this.patched.get(id);
    if (p) return p;
    if (id + 1 >= this.authorStart.length) return EMPTY;
    return this.authorIds.subarray(this.authorStart[id], this.authorStart[id + 1]);
  }

  /** Counts over `hits` (work ids), or over every work when `hits` is null. */
  count(hits: Iterable<number> | null, filter: FacetFilter, top: number): RawFacets {
    if (!this.built) this.build();
    const { years, venues, authors } = this;
    // Kept between calls: a call that threw half way must not leave its counts to the next.
    for (const counter of [years, venues, authors]) counter.clear();
    let total = 0;
    const visit = (id: number) => {
      const flag = id < this.flags.length ? this.flags[id] : ABSENT;
      if (flag === ABSENT || (flag === CITED_ONLY && !filter.includeCitations)) return;
      const y = this.year[id];
      for (const r of filter.years) if (!y || y < r.from || y > r.to) return;
      total++;
      if (y) years.add(y + YEAR_OFFSET);
      const v = this.venue[id];
      if (v) venues.add(v);
      const list = this.authorsOf(id);
      // A work counts once for an author, even if the author is listed twice.
      list.forEach((a, i) => {
        if (list.indexOf(a) === i) authors.add(a);
      });
    };
    if (hits === null) for (let id = 1; id < this.flags.length; id++) visit(id);
    else for (const id of hits) visit(id);
    return {
      total,
      year: years
        .take(Number.POSITIVE_INFINITY)
        .map(([y, n]): [number, number] => [y - YEAR_OFFSET, n])
        .sort((a, b) => a[0] - b[0]),
      venue: venues.take(top),
      author: authors.take(top),
    };
  }

  /** The counters of count(), kept between calls: a broad query counts half a million hits. */
  private readonly years = new Counter();
  private readonly venues = new Counter();
  private readonly authors = new Counter();
}

const EMPTY = new Int32Array(0);

/** Years (an Int16Array's: before the common era too) are counted under the year plus this, never below 0. */
const YEAR_OFFSET = 32768;

/**
 * Counts by id (a year, a venue's, an author's: small integers from 0) in a typed array, with the ids counted so
 * far listed: adding is an array increment, and taking the result visits only the ids counted, then clears them.
 * In a Map, and with every entry sorted to find the ten largest, counting the facets of `language` over a
 * million works took 550 ms (docs/benchmarks.md, "SQLite facets over half a million hits").
 */
export class Counter {
  private counts = new Int32Array(1024);
  private ids: number[] = [];

  add(id: number): void {
    if (!(id >= 0)) throw new RangeError(`a counter counts ids from 0, not ${id}`);
    if (id >= this.counts.length) {
      const grown = new Int32Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[id]++ === 0) this.ids.push(id);
  }

  /** The `top` [id, count] with the highest counts, ties by the smaller id; the counts are cleared. */
  take(top: number): [number, number][] {
    const best = topIds(this.ids, this.counts, top).map((id): [number, number] => [id, this.counts[id]]);
    this.clear();
    return best;
  }

  /** Every count back to 0: a visit of the ids counted. */
  clear(): void {
    for (const id of this.ids) this.counts[id] = 0;
    this.ids = [];
  }
}

/** The ids of the `top` highest counts, highest first, ties by the smaller id: one pass, a sorted list of `top`. */
function topIds(ids: number[], counts: Int32Array, top: number): number[] {
  const before = (a: number, b: number) => counts[a] > counts[b] || (counts[a] === counts[b] && a < b);
  if (ids.length <= top || top > 64)
    return [...ids].sort((a, b) => counts[b] - counts[a] || a - b).slice(0, top);
  const best: number[] = [];
  for (const id of ids) {
    if (best.length === top && !before(id, best[top - 1])) continue;
    let i = best.length === top ? top - 1 : best.length;
    while (i > 0 && before(id, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = id;
  }
  return best;
}
