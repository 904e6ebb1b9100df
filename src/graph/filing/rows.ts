/**
 * The storage primitives that filing (src/graph/filing/) is written against: reading rows by keys and writing
 * rows, nothing more. Every decision — which work a record or reference is, when works join, what a work's
 * metadata is, who an author is, which ids are given — is made above, once, for every store; a store only
 * implements these (store/sqlite/ today, a PostgreSQL store next) and so files identical graphs.
 *
 * Each call may answer at once (SQLite, in-process) or with a promise (a database over a network): callers
 * always await. Calls that take lists are the bulk reads a batch makes in one round trip. Inside a transaction
 * (FilingStore.transaction) a read sees every write made before it in the same transaction.
 */
import type { CslItem } from "../../formats/csl.ts";
import type { Correction, CorrectionFields } from "../corrections.ts";

/** A value now or later: SQLite answers at once, a server with a promise. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What a reference names its work by (the refs' kind): an id, a DOI, fields to match, too little, or a link an
 * older citegraph resolved without keeping its target (kept as it is).
 */
export type ReferenceKind = "id" | "doi" | "item" | "raw" | "link";

export interface StoredDocument {
  id: number;
  workId: number;
  sha1: string;
}

/** A document's own content, as written again when its record changes. */
export interface DocumentContent {
  sha1: string;
  kind: string;
  source: string;
  item: CslItem;
  now: number;
}

export interface DocumentRows {
  /** The documents with these source ids (a record's own id). */
  bySource(sourceIds: string[]): Awaitable<Map<string, StoredDocument>>;
  /** A document without a source id whose content has this sha1. */
  bySha1(sha1: string): Awaitable<StoredDocument | undefined>;
  /** The first (lowest id) document without a source id of the work that holds this DOI. */
  byWorkDoi(doi: string): Awaitable<StoredDocument | undefined>;
  /** Adds a document; returns its id. */
  insert(workId: number, sourceId: string | null, content: DocumentContent): Awaitable<number>;
  update(id: number, content: DocumentContent): Awaitable<void>;
  /** A work's documents' ids, oldest first. */
  idsOf(workId: number): Awaitable<number[]>;
  /** A work's documents' records, oldest first; the first `limit` when given. */
  itemsOf(workId: number, limit?: number): Awaitable<CslItem[]>;
  /** The work each of these documents belongs to. */
  worksOf(ids: number[]): Awaitable<Map<number, number>>;
  move(ids: number[], workId: number): Awaitable<void>;
}

/** A works row as filing reads it: `csl` is the canonical item exactly as written (compared, not only parsed). */
export interface StoredWork {
  id: number;
  inLibrary: boolean;
  csl: string;
}

/** A works row as filing writes it. `doi` is the identifier column: null when another work holds the DOI. */
export interface WorkRow {
  id: number;
  inLibrary: boolean;
  item: CslItem;
  doi: string | null;
  now: number;
}

/** What the search index holds of a work. */
export interface WorkText {
  title: string;
  abstract?: string;
  body?: string;
  venue?: string;
  authors: string[];
}

export interface WorkRows {
  /** The works with these ids that exist. */
  get(ids: number[]): Awaitable<Map<number, StoredWork>>;
  /** The work whose identifier column holds this DOI. */
  byDoi(doi: string): Awaitable<{ id: number; inLibrary: boolean } | undefined>;
  /** byDoi for each of these DOIs (those no work holds are left out): a batch's in one read. */
  byDois(dois: string[]): Awaitable<Map<string, { id: number; inLibrary: boolean }>>;
  /** A work with this arXiv id (the lowest stored first). */
  byArxiv(arxiv: string): Awaitable<{ id: number; inLibrary: boolean } | undefined>;
  /**
   * The venues (container titles) works are about to be written with, named ahead for a batch: a store over a
   * network reads their ids in one call; one in the process may do nothing.
   */
  venuesAhead(names: string[]): Awaitable<void>;
  /** An id never given to a work: above every id in works and in retired works. */
  newId(): Awaitable<number>;
  /** Adds a work's row (and whatever the store keeps beside it for ranking and facets), with its full text. */
  insert(row: WorkRow, body?: string): Awaitable<void>;
  update(row: WorkRow): Awaitable<void>;
  setInLibrary(id: number, inLibrary: boolean): Awaitable<void>;
  setBody(id: number, body: string): Awaitable<void>;
  /** Writes a new work's search index row. */
  index(id: number, text: WorkText): Awaitable<void>;
  /** Writes a work's search index row again from what is stored (its metadata, authors or text changed). */
  reindex(id: number): Awaitable<void>;
  /** Whether a work is cited only and nothing names it: no reference points at it, no document is of it. */
  isOrphan(id: number): Awaitable<boolean>;
  /** Deletes a work with every row derived from it: its citations (both ways), keys, author links, index row. */
  delete(id: number): Awaitable<void>;
  /** Gives a work another (free) id: every row that names it follows, its index row too. */
  renumber(from: number, to: number): Awaitable<void>;
  /** Every work known only from references. */
  citedOnlyIds(): Awaitable<number[]>;
}

export interface KeyRows {
  /** For each blocking key hash, the first `limit` works (lowest ids) that have it. */
  lists(hashes: number[], limit: number): Awaitable<Map<number, number[]>>;
  /** Gives a work these blocking key hashes; `replace`: the ones it had go. */
  set(workId: number, hashes: number[], replace: boolean): Awaitable<void>;
}

export interface NewReference {
  documentId: number;
  position: number;
  raw: string | null;
  item: CslItem | undefined;
  target: string | null;
  workId: number | null;
  contexts: string[] | undefined;
  ambiguous: number[] | undefined;
  kind: ReferenceKind;
}

/** A reference and the work that cites it (its document's work). */
export interface CitingReference {
  id: number;
  citing: number;
}

export interface ReferenceRows {
  /** The works a document's references point at. */
  worksCitedBy(documentId: number): Awaitable<number[]>;
  deleteOfDocument(documentId: number): Awaitable<void>;
  insert(ref: NewReference): Awaitable<void>;
  /** Unresolved references waiting for this target ("id:…", "doi:…"). */
  waiting(target: string): Awaitable<CitingReference[]>;
  /** Which of these targets unresolved references wait for: a batch's in one read. */
  waitedFor(targets: string[]): Awaitable<Set<string>>;
  /** Points references at a work (or at none), no longer ambiguous. */
  point(ids: number[], workId: number | null): Awaitable<void>;
  /** Leaves a reference unresolved, fitting these works equally. */
  setAmbiguous(id: number, workIds: number[]): Awaitable<void>;
  /** The references with fields (kind "item") that point at a work, oldest first, the first `limit`. */
  itemsTo(workId: number, limit: number): Awaitable<(CitingReference & { item: CslItem })[]>;
  /** Their fields only: what a cited-only work's metadata is voted from. */
  fieldsTo(workId: number, limit: number): Awaitable<CslItem[]>;
  /** How many of them there are, counted up to `limit`. */
  countTo(workId: number, limit: number): Awaitable<number>;
  /** Whether the library holds any reference with fields (kind "item"), pointing at a work or not. */
  anyItems(): Awaitable<boolean>;
  /** Every reference pointing at a work. */
  idsTo(workId: number): Awaitable<number[]>;
  /** The works the entries before this one in its reference list point at. */
  citedBefore(id: number): Awaitable<number[]>;
  /** Points references at another work; returns the works citing them. */
  move(ids: number[], workId: number): Awaitable<number[]>;
  /** The work each of these references points at (null: none). */
  worksOf(ids: number[]): Awaitable<Map<number, number | null>>;
  /**
   * In the lists of works that ambiguous references fit, `from` becomes `to` (once) or goes (`to` null).
   * Returns the references left fitting one work or none: `only` is that work.
   */
  renameInAmbiguous(
    from: number,
    to: number | null,
  ): Awaitable<(CitingReference & { only: number | null })[]>;
}

/** A person: the people of a name block ("smith_j") have keys "smith_j", "smith_j#2", …. */
export interface Person {
  id: number;
  key: string;
  givenNames: string[];
}

export interface PeopleRows {
  /** The people of a name block: the key and its numbered variants. */
  block(key: string): Awaitable<Person[]>;
  /** The people of each of these name blocks (every key asked is in the map): a batch's in one read. */
  blocks(keys: string[]): Awaitable<Map<string, Person[]>>;
  insert(key: string, name: string, givenNames: string[]): Awaitable<number>;
  setGivenNames(id: number, givenNames: string[]): Awaitable<void>;
  /** Author keys of a person's co-authors (the first `limit`). */
  coAuthorKeys(id: number, limit: number): Awaitable<string[]>;
  /** How many works a person is linked to. */
  workCount(id: number): Awaitable<number>;
  /** A work's authors' ids, in order. */
  ofWork(workId: number): Awaitable<number[]>;
  /** Links a work's author at `position` to a person, with the name as printed (kept if the place is taken). */
  link(workId: number, position: number, personId: number, name: string): Awaitable<void>;
  unlinkAll(workId: number): Awaitable<void>;
}

/**
 * The citation edges, derived from references: one edge from a citing work (a document's work) to every other
 * work its references point at, flagged `self` when the two works share a person among their authors; and a
 * work's counts, which are always the number of its edges (and of its self-citations).
 */
export interface EdgeRows {
  /** The works a work's edges point at. */
  citedFrom(workId: number): Awaitable<number[]>;
  /** Derives the edges of these works again from their references (`fresh` ones have none yet); returns the
   * works that lost or gained an edge. */
  replaceFrom(workIds: number[], fresh: ReadonlySet<number>): Awaitable<number[]>;
  /** Sets the self flags of every edge to or from these works again; returns the works they cite. */
  markSelf(workIds: number[]): Awaitable<number[]>;
  /** Counts these works' edges again. */
  recount(workIds: number[]): Awaitable<void>;
  /** Derives every edge and count from scratch. */
  rebuildAll(): Awaitable<void>;
}

export interface StoredMerge {
  intoId: number;
  fromId: number;
  fromCsl: string;
  documents: number[];
  refs: number[];
  splitAt: number | null;
}

/** A merge as the history records it: what moved from the absorbed work, and its metadata then. */
export interface NewMerge {
  into: number;
  from: number;
  fromCsl: string;
  documents: number[];
  refs: number[];
  note: string | null;
  at: number;
}

export interface HistoryRows {
  /** Retires a work id for ever; it redirects to `into` (null: gone). Replaces an earlier retirement. */
  retire(id: number, into: number | null, at: number): Awaitable<void>;
  /** Where retired ids redirect now (each id and its new target); ids not retired are left alone. */
  redirect(redirects: [id: number, into: number | null][]): Awaitable<void>;
  unretire(id: number): Awaitable<void>;
  isRetired(id: number): Awaitable<boolean>;
  /** The work a retired id redirects to: null when gone, undefined when the id is not retired. */
  retiredInto(id: number): Awaitable<number | null | undefined>;
  /** Every pair of works a merge was split into: a person said they are two. */
  splitPairs(): Awaitable<[number, number][]>;
  insertMerge(merge: NewMerge): Awaitable<number>;
  merge(id: number): Awaitable<StoredMerge | undefined>;
  markSplit(id: number, at: number, into: number): Awaitable<void>;
}

/** A correction as recorded: the fields it sets and what they showed before, who made it and why. */
export interface NewCorrection {
  workId: number;
  fields: CorrectionFields;
  previous: CorrectionFields;
  editor: string;
  note: string | null;
  at: number;
}

export interface CorrectionRows {
  /** The fields of a work's corrections not reverted, in the order they were made. */
  active(workId: number): Awaitable<CorrectionFields[]>;
  insert(correction: NewCorrection): Awaitable<number>;
  revert(id: number, at: number, by: string): Awaitable<void>;
  get(id: number): Awaitable<Correction | undefined>;
  /** A work's corrections become another work's (a split gives the absorbed work back its own). */
  move(fromWork: number, toWork: number): Awaitable<void>;
}

/** A document as rebuild-graph files it again: its record, and its work's metadata when the page was read. */
export interface RebuildDocument {
  id: number;
  workId: number;
  item: CslItem;
  workItem: CslItem;
}

/** A reference as rebuild-graph resolves it again, with the cited-only work it pointed at before. */
export interface RebuildReference {
  id: number;
  kind: ReferenceKind;
  target: string | null;
  item: CslItem | undefined;
  previous: number | null;
}

/** What rebuild-graph needs beyond filing: the graph's state before it, and the documents in order. */
export interface RebuildRows {
  /**
   * Remembers where each reference to a cited-only work pointed (until `finish`), then forgets every
   * resolution (but links) and everything derived from them: edges, blocking keys, people and author links.
   */
  reset(): Awaitable<void>;
  /** Documents after `after`, in id order, the first `limit`. */
  documents(after: number, limit: number): Awaitable<RebuildDocument[]>;
  /** A document's references to resolve again (not links), in order. */
  referencesOf(documentId: number): Awaitable<RebuildReference[]>;
  resolve(id: number, workId: number | null, ambiguous: number[] | undefined): Awaitable<void>;
  /**
   * Cited-only works now whose references pointed before at another id (not one of them now): how many of
   * their references pointed at each.
   */
  earlierIds(): Awaitable<{ work: number; earlier: number; n: number }[]>;
  /** For each earlier cited-only id that is no longer a work: the works its references point at now, counted. */
  laterWorks(): Awaitable<{ earlier: number; work: number | null; n: number }[]>;
  /** Forgets what `reset` remembered. */
  finish(): Awaitable<void>;
  /** The graph's size: references, resolved, ambiguous, works cited only. */
  counts(): Awaitable<{ references: number; resolved: number; ambiguous: number; citedOnly: number }>;
}

/** Every table filing reads and writes. */
export interface GraphRows {
  documents: DocumentRows;
  works: WorkRows;
  keys: KeyRows;
  refs: ReferenceRows;
  people: PeopleRows;
  edges: EdgeRows;
  history: HistoryRows;
  corrections: CorrectionRows;
  rebuild: RebuildRows;
}

/**
 * A store filing can write to. A transaction is all or nothing, and no other writer's changes show inside it;
 * `stale` says whether rows read before it may have changed (another writer committed since this one's last
 * transaction, or that one rolled back), so that what filing keeps of them is dropped.
 */
export interface FilingStore {
  /** For reads outside a transaction. */
  readonly rows: GraphRows;
  /**
   * Whether reading ahead pays: for a store over a network, where every read is a round trip, filing reads a
   * batch's candidates in bulk and keeps them (prefetch.ts); for one in the process, reading as filing goes is
   * cheaper than keeping and maintaining what was read (measured on SQLite: docs/architecture.md).
   */
  readonly readAhead: boolean;
  transaction<T>(fn: (rows: GraphRows, opened: { stale: boolean }) => Promise<T>): Promise<T>;
}
