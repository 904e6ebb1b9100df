/**
 * The store: one interface for everything the library keeps, with SQLite behind it by default. Search, graph
 * and web code talk to this interface only, so a PostgreSQL store can take its place. Every call is async
 * for that reason, even where SQLite answers at once.
 */
import type { CslItem } from "../formats/csl.ts";
import type { Correction } from "../graph/corrections.ts";
import type { DocumentInput, UpsertResult } from "../graph/filing/documents.ts";
import type { RebuildResult } from "../graph/filing/rebuild.ts";
import type { QueryNode } from "./query.ts";

export type WorkId = number;

// What filing takes and gives is defined where filing is decided (src/graph/filing/), once for every store.
export { GraphEditError } from "../graph/filing/edits.ts";
export type { DocumentInput, RebuildResult, UpsertResult };

export interface AuthorRef {
  id: number;
  name: string;
}

/** What a result list shows of a work. */
export interface WorkSummary {
  id: WorkId;
  inLibrary: boolean;
  type: string;
  title: string;
  authors: AuthorRef[];
  year?: number;
  venue?: string;
  doi?: string;
  arxiv?: string;
  url?: string;
  abstract?: string;
  keywords?: string;
  /** The library holds the work's full text (an ingested PDF). */
  hasFullText: boolean;
  citedBy: number;
  selfCited: number;
  addedAt: number;
}

export interface DocumentInfo {
  id: number;
  sourceId?: string;
  sha1: string;
  kind: string;
  source: string;
  addedAt: number;
}

/** One entry of a work's reference list. */
export interface ReferenceEntry {
  position: number;
  raw?: string;
  item?: CslItem;
  /** The work it resolves to, or undefined while unresolved. */
  work?: { id: WorkId; title: string; inLibrary: boolean };
  /** What it waits for while unresolved: "id:…" or "doi:…". */
  target?: string;
  /** While unresolved because several works fit it equally well: those works. */
  ambiguous?: WorkId[];
}

/** How two works are related: cited together (co-citation) or citing the same works (coupling). */
export type RelatedKind = "co-citation" | "coupling";

/** An author as the library knows them: works, indicators, co-authors. */
export interface AuthorDetail {
  id: number;
  name: string;
  /** The names the author's works print, most frequent first. */
  variants: string[];
  /** Most cited first. */
  works: WorkSummary[];
  citations: number;
  selfCitations: number;
  hIndex: number;
  hIndexWithoutSelf: number;
  i10Index: number;
  /** Citations received, by the year of the citing work. */
  citationsPerYear: { year: number; citations: number }[];
  coAuthors: { id: number; name: string; works: number }[];
  /** Where the author's papers say they work (from ingested title pages), most works first. */
  affiliations: { name: string; works: number }[];
}

/** One source of a work's metadata: a document's record, or a reference to the work as printed and parsed. */
export interface MetadataSourceEntry {
  kind: "document" | "reference";
  item: CslItem;
  /** A document's id and where it came from. */
  document?: DocumentInfo;
  /** A reference: the string as printed, and the work whose reference list holds it. */
  raw?: string;
  citing?: { id: WorkId; title: string };
}

/** One merge of the history: `from` became part of `into`; split again when `splitAt` is set. */
export interface MergeRecord {
  id: number;
  into: WorkId;
  from: WorkId;
  fromTitle: string;
  documents: number;
  references: number;
  note?: string;
  mergedAt: number;
  splitAt?: number;
  /** The work the split gave back. */
  splitInto?: WorkId;
}

/** A ranked entry of the statistics: an author or a venue with its works and citations. */
export interface RankedEntity {
  id: number;
  name: string;
  works: number;
  citations: number;
}

/** The library's most cited works, authors and venues, overall or for one year of publication. */
export interface LibraryLeaders {
  works: WorkSummary[];
  authors: RankedEntity[];
  venues: RankedEntity[];
}

export interface VenueDetail extends RankedEntity {
  /** Most cited first. */
  top: WorkSummary[];
}

/** A reference left unresolved because several works fit it equally well. */
export interface AmbiguousReference {
  citing: { id: WorkId; title: string };
  position: number;
  raw?: string;
  item?: CslItem;
  candidates: { id: WorkId; title: string; inLibrary: boolean }[];
}

export interface WorkDetail extends WorkSummary {
  csl: CslItem;
  /** When its metadata last changed (ms): an OAI-PMH record's datestamp. */
  updatedAt: number;
  /** Full text, when a PDF was ingested. */
  body?: string;
  documents: DocumentInfo[];
  references: ReferenceEntry[];
}

export interface CitingEntry {
  work: WorkSummary;
  self: boolean;
  contexts: string[];
}

export type SortOrder = "relevance" | "citations" | "year" | "year-asc" | "recent";
export const SORT_ORDERS: readonly SortOrder[] = ["relevance", "citations", "year", "year-asc", "recent"];

/** A place in a result order, for paging by position rather than offset: a hit's sort keys and its id. */
export interface SortPosition {
  keys: (number | null)[];
  id: WorkId;
}

export interface SearchRequest {
  /** null lists every work (browsing). */
  query: QueryNode | null;
  sort: SortOrder;
  offset: number;
  limit: number;
  /** Include works known only from references. */
  includeCitations: boolean;
  /** Mild boost of much-cited works in relevance order. */
  citationBoost: boolean;
  facets: boolean;
  /**
   * Paging by position (no depth limit): the hits after this one ("start": from the first), `offset` ignored.
   * The answer then gives the position of its last hit.
   */
  after?: SortPosition | "start";
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  /** Every year in the result set, oldest first (a histogram). */
  year: FacetValue[];
  venue: FacetValue[];
  author: FacetValue[];
}

export interface SearchIds {
  total: number;
  ids: WorkId[];
  /** With `after`: the position of the last hit returned, to ask for the next page. */
  last?: SortPosition;
  facets?: Facets;
}

export interface LibraryStats {
  works: number;
  worksInLibrary: number;
  worksCitedOnly: number;
  documents: number;
  references: number;
  referencesResolved: number;
  citations: number;
  selfCitations: number;
  authors: number;
  failures: number;
}

export interface FailureRecord {
  source: string;
  location?: string;
  reason: string;
  at?: number;
}

/**
 * Admin sessions signed out, kept in the library so that every server process on it refuses them
 * (src/web/admin-auth.ts). Only expiry times are known here: a session is named by its id and the time it expires.
 */
export interface SessionRevocations {
  /**
   * Refuses the session `id` until `expiresAt` (ms). Revocations expired by `now` are dropped; past `maxKept`
   * the oldest are forgotten by refusing every session that expires no later than they do (never lenient).
   */
  revokeSession(id: string, expiresAt: number, bound: { now: number; maxKept: number }): Promise<void>;
  /** Whether the session `id`, expiring at `expiresAt`, was signed out. */
  sessionRevoked(id: string, expiresAt: number): Promise<boolean>;
}

export interface Store extends SessionRevocations {
  /** Files records as documents of works, resolves their references, keeps citation counts exact. One transaction. */
  upsertDocuments(batch: DocumentInput[]): Promise<UpsertResult>;
  recordFailures(failures: FailureRecord[]): Promise<void>;
  failures(limit?: number): Promise<FailureRecord[]>;
  /** Forgets the failures recorded for these sources (a file that has now been read). */
  clearFailures(sources: string[]): Promise<void>;
  /** Which of these content hashes the library already holds a document of. */
  knownSha1s(sha1s: string[]): Promise<Set<string>>;
  getWorks(ids: WorkId[]): Promise<WorkSummary[]>;
  getWork(id: WorkId): Promise<WorkDetail | undefined>;
  /** The first `maxChars` of each work's full text, for snippets; works without one are left out. */
  bodies(ids: WorkId[], maxChars: number): Promise<Map<WorkId, string>>;
  /**
   * Works citing `id`: most cited first, newest (by year) first, or most recently added first (for feeds).
   * `total` always equals the work's citedBy (citedBy − selfCited `withoutSelf`).
   */
  citedBy(
    id: WorkId,
    opts: { sort: "citations" | "year" | "recent"; offset: number; limit: number; withoutSelf?: boolean },
  ): Promise<{ total: number; items: CitingEntry[] }>;
  search(req: SearchRequest): Promise<SearchIds>;
  /**
   * Library works changed in [from, until] (ms), in order of change then id, after a position: the pages an
   * OAI-PMH harvester walks. `earliest` is the oldest change of any library work.
   */
  worksByDate(opts: {
    from?: number;
    until?: number;
    after?: { at: number; id: WorkId };
    limit: number;
  }): Promise<{ id: WorkId; updatedAt: number }[]>;
  earliestChange(): Promise<number | undefined>;
  /** All works in id order, in pages: for export. */
  listWorkIds(opts: { afterId: WorkId; limit: number; includeCitations: boolean }): Promise<WorkId[]>;
  stats(): Promise<LibraryStats>;
  /** Works related to a work, strongest first. */
  relatedWorks(
    id: WorkId,
    kind: RelatedKind,
    limit: number,
  ): Promise<{ work: WorkSummary; strength: number }[]>;
  /** Other editions of a work (src/graph/editions.ts): the same title and authors, years apart; oldest first. */
  otherEditions(id: WorkId, limit: number): Promise<WorkSummary[]>;
  getAuthor(id: number): Promise<AuthorDetail | undefined>;
  /** The most cited library works, authors and venues, overall or of one year. */
  leaders(opts: { year?: number; limit: number }): Promise<LibraryLeaders>;
  getVenue(id: number, limit: number): Promise<VenueDetail | undefined>;
  /** Makes `from` part of `into` (documents, references, citations), recorded in the merge history. */
  mergeWorks(into: WorkId, from: WorkId, note?: string): Promise<{ mergeId: number }>;
  /** Undoes a merge: the absorbed work comes back, under its own id, with what the merge moved. */
  splitMerge(mergeId: number): Promise<{ workId: WorkId }>;
  /**
   * What became of an id that is no longer a work: `into`, the work it is part of now (merged, by hand or by the
   * matcher; followed through later merges), or nothing when it is gone (no reference names it any more).
   * Undefined for an id that is a work, or never was one.
   */
  retiredWork(id: WorkId): Promise<{ into?: WorkId } | undefined>;
  /** The merge history, newest first. */
  merges(limit: number): Promise<MergeRecord[]>;
  /**
   * Corrects a library work's metadata (fields as CSL-JSON: title, author, issued, …; null clears one), recorded
   * with its editor and note; throws CorrectionError naming the field when a value is refused.
   */
  correctWork(
    id: WorkId,
    fields: Record<string, unknown>,
    by: { editor: string; note?: string },
  ): Promise<Correction>;
  /** Reverts a correction; the work shows again what its sources and the other corrections give. */
  revertCorrection(id: number, editor: string): Promise<Correction>;
  /**
   * What a work's metadata is voted from: its documents' records (oldest first), or for a work only cited, the
   * references to it (the first `limit`), each with the work that cites it.
   */
  metadataSources(id: WorkId, limit: number): Promise<MetadataSourceEntry[]>;
  /** A work's corrections, newest first, reverted ones included. */
  corrections(workId: WorkId, limit: number): Promise<Correction[]>;
  /** Resolves every reference again and recounts everything: the same graph the incremental path keeps. */
  rebuildGraph(): Promise<RebuildResult>;
  /** References the matcher left unresolved because several works fit them equally, oldest first. */
  ambiguousReferences(opts: {
    offset: number;
    limit: number;
  }): Promise<{ total: number; items: AmbiguousReference[] }>;
  close(): Promise<void>;
}
