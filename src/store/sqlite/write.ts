/**
 * Filing records in the SQLite library: documents onto works and references onto cited works, both through
 * the matcher (src/graph/: blocking keys in work_keys, the match score, ambiguity), works' metadata voted from
 * their sources, names placed among the people of their block, and the citation edges and counts that follow.
 * Counts are never incremented blindly: every batch recomputes the edges of the works it touched from their
 * references and recounts the works those edges point at, so "Cited by N" always equals the length of the list
 * behind it. graph-edits.ts adds what changes the graph as a whole: rebuild, merge, split.
 */
import type Database from "better-sqlite3";
import { type CslItem, displayName, itemYear, normalizeDoi } from "../../formats/csl.ts";
import type { ReferenceInput } from "../../formats/record.ts";
import { type AuthorProfile, chooseAuthor, compatibleGivenNames } from "../../graph/authors.ts";
import { canonicalItem } from "../../graph/canonical.ts";
import { applyCorrections, type CorrectionFields } from "../../graph/corrections.ts";
import { authorKey } from "../../graph/keys.ts";
import { matchModel } from "../../graph/model.ts";
import { type MatchRecord, toMatchRecord } from "../../graph/record.ts";
import { type Candidate, resolveRecord } from "../../graph/resolve.ts";
import { libraryJoinAllowed, matchProbability } from "../../graph/score.ts";
import { words } from "../../text/normalize.ts";
import type { DocumentInput, UpsertResult } from "../types.ts";
import { ftsRow } from "./fts.ts";
import { matchRecordKeyHashes, workMatchRecord } from "./work-keys.ts";

type Db = Database.Database;

/** Work ids whose derived data must be recomputed at the end of a batch. */
export interface Dirty {
  /** Works whose outgoing citation edges must be rebuilt from their references. */
  citing: Set<number>;
  /** Works whose counts must be recomputed. */
  cited: Set<number>;
  /** Works whose authors changed, so self-citation flags on their edges are stale. */
  authors: Set<number>;
  /** Works created in this batch: they have no edges, authors or references yet to clear. */
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

function statements(db: Db) {
  return {
    docBySource: db.prepare("SELECT id, work_id, sha1 FROM documents WHERE source_id = ?"),
    docBySha1: db.prepare(
      "SELECT id, work_id, sha1 FROM documents WHERE sha1 = ? AND source_id IS NULL LIMIT 1",
    ),
    /** An id-less record is the same record again when its DOI is: the document to update. */
    docByDoi: db.prepare(
      `SELECT d.id, d.work_id, d.sha1 FROM works w JOIN documents d ON d.work_id = w.id
       WHERE w.doi = ? AND d.source_id IS NULL ORDER BY d.id LIMIT 1`,
    ),
    insertDoc: db.prepare(
      "INSERT INTO documents (work_id, source_id, sha1, kind, source, csl, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    updateDoc: db.prepare(
      "UPDATE documents SET sha1 = ?, kind = ?, source = ?, csl = ?, updated_at = ? WHERE id = ?",
    ),
    workByDoi: db.prepare("SELECT id, in_library FROM works WHERE doi = ?"),
    workByArxiv: db.prepare("SELECT id, in_library FROM works WHERE arxiv = ? LIMIT 1"),
    /**
     * Candidate works under a record's blocking keys, one statement for each number of keys (1 to
     * KEYS_PER_LOOKUP): a key shared by more works than 50 says little, and is cut.
     */
    worksByKeys: Array.from({ length: KEYS_PER_LOOKUP + 1 }, (_, n) =>
      n === 0
        ? undefined
        : db
            .prepare(
              `SELECT DISTINCT work_id FROM (${Array.from({ length: n }, () => "SELECT work_id FROM (SELECT work_id FROM work_keys WHERE key_hash = ? LIMIT 50)").join(" UNION ALL ")})`,
            )
            .pluck(),
    ),
    workForMatch: db.prepare("SELECT id, in_library, csl FROM works WHERE id = ?"),
    deleteKeys: db.prepare("DELETE FROM work_keys WHERE work_id = ?"),
    setWorkInLibrary: db.prepare("UPDATE works SET in_library = ? WHERE id = ?"),
    setRankInLibrary: db.prepare("UPDATE work_rank SET in_library = ? WHERE id = ?"),
    itemRefsOf: db.prepare(
      `SELECT r.id, r.csl, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id
       WHERE r.work_id = ? AND r.kind = 'item' ORDER BY r.id LIMIT ?`,
    ),
    /** The works a reference's list cites before it: a reference list names each work once. */
    worksCitedBefore: db
      .prepare(
        `SELECT DISTINCT b.work_id FROM refs r JOIN refs b ON b.document_id = r.document_id
         WHERE r.id = @id AND b.position < r.position AND b.work_id IS NOT NULL`,
      )
      .pluck(),
    setRefWork: db.prepare("UPDATE refs SET work_id = ?, ambiguous = NULL WHERE id = ?"),
    setRefAmbiguous: db.prepare("UPDATE refs SET work_id = NULL, ambiguous = ? WHERE id = ?"),
    referenceCount: db
      .prepare("SELECT count(*) FROM (SELECT 1 FROM refs WHERE work_id = ? AND kind = 'item' LIMIT ?)")
      .pluck(),
    documentItems: db.prepare("SELECT csl FROM documents WHERE work_id = ? ORDER BY id").pluck(),
    firstDocumentItems: db.prepare("SELECT csl FROM documents WHERE work_id = ? ORDER BY id LIMIT ?").pluck(),
    activeCorrections: db
      .prepare("SELECT fields FROM work_corrections WHERE work_id = ? AND reverted_at IS NULL ORDER BY id")
      .pluck(),
    referenceItems: db
      .prepare("SELECT csl FROM refs WHERE work_id = ? AND kind = 'item' ORDER BY id LIMIT ?")
      .pluck(),
    insertKey: db.prepare("INSERT OR IGNORE INTO work_keys (key_hash, work_id) VALUES (?, ?)"),
    insertWork: db.prepare(
      `INSERT INTO works (id, in_library, type, title, year, venue, doi, arxiv, url, abstract, keywords, csl, added_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    /** A new work's id: above every id ever given, so that no id names two works (retired_works keeps the gone). */
    nextWorkId: db
      .prepare(
        "SELECT max(coalesce((SELECT max(id) FROM works), 0), coalesce((SELECT max(id) FROM retired_works), 0)) + 1",
      )
      .pluck(),
    splitPair: db.prepare(
      `SELECT 1 FROM work_merges WHERE split_at IS NOT NULL
       AND ((into_id = ? AND split_into = ?) OR (into_id = ? AND split_into = ?)) LIMIT 1`,
    ),
    isRetired: db.prepare("SELECT 1 FROM retired_works WHERE id = ?").pluck(),
    retiredInto: db.prepare("SELECT into_id FROM retired_works WHERE id = ?").pluck(),
    retire: db.prepare("INSERT OR REPLACE INTO retired_works (id, into_id, retired_at) VALUES (?, ?, ?)"),
    unretire: db.prepare("DELETE FROM retired_works WHERE id = ?"),
    insertMerge: db.prepare(
      "INSERT INTO work_merges (into_id, from_id, from_csl, documents, refs, note, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    documentsOf: db.prepare("SELECT id FROM documents WHERE work_id = ? ORDER BY id").pluck(),
    refsTo: db.prepare("SELECT id FROM refs WHERE work_id = ? ORDER BY id").pluck(),
    refCiting: db
      .prepare("SELECT d.work_id FROM refs r JOIN documents d ON d.id = r.document_id WHERE r.id = ?")
      .pluck(),
    moveDoc: db.prepare("UPDATE documents SET work_id = ? WHERE id = ?"),
    /** Lists of an ambiguous reference's works: `from` replaced by `to` (dropped when null), each id once. */
    renameAmbiguous: db.prepare(
      `UPDATE refs SET ambiguous = (SELECT json_group_array(DISTINCT v) FROM
         (SELECT CASE WHEN value = @from THEN @to ELSE value END AS v FROM json_each(refs.ambiguous)) WHERE v IS NOT NULL)
       WHERE ambiguous IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(refs.ambiguous) WHERE value = @from)`,
    ),
    /** Ambiguous references left fitting one work or none: resolved to it, or plainly unresolved. */
    settledAmbiguous: db.prepare(
      `SELECT r.id, d.work_id AS citing, json_extract(r.ambiguous, '$[0]') AS only FROM refs r
       JOIN documents d ON d.id = r.document_id
       WHERE r.ambiguous IS NOT NULL AND json_array_length(r.ambiguous) <= 1`,
    ),
    moveRef: db.prepare("UPDATE refs SET work_id = ? WHERE id = ?"),
    updateWork: db.prepare(
      `UPDATE works SET in_library = ?, type = ?, title = ?, year = ?, venue = ?, doi = ?, arxiv = ?, url = ?, abstract = ?,
       keywords = ?, csl = ?, updated_at = ? WHERE id = ?`,
    ),
    insertRank: db.prepare(
      "INSERT INTO work_rank (id, in_library, year, venue_id, added_at) VALUES (?, ?, ?, ?, ?)",
    ),
    updateRank: db.prepare("UPDATE work_rank SET in_library = ?, year = ?, venue_id = ? WHERE id = ?"),
    venueByName: db.prepare("SELECT id FROM venues WHERE name = ?"),
    insertVenue: db.prepare("INSERT INTO venues (name) VALUES (?)"),
    workDoiOwner: db.prepare("SELECT id FROM works WHERE doi = ? AND id <> ?"),
    ftsDelete: db.prepare("DELETE FROM work_fts WHERE rowid = ?"),
    ftsInsert: db.prepare(
      "INSERT INTO work_fts (rowid, title, abstract, body, venue, authors, title_x, abstract_x, body_x, venue_x, authors_x) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    setBody: db.prepare("UPDATE works SET body = ? WHERE id = ?"),
    workText: db.prepare("SELECT title, abstract, venue, body FROM works WHERE id = ?"),
    workAuthorNames: db.prepare("SELECT name FROM work_authors WHERE work_id = ? ORDER BY position").pluck(),
    authorIds: db.prepare("SELECT author_id FROM work_authors WHERE work_id = ? ORDER BY position"),
    deleteWorkAuthors: db.prepare("DELETE FROM work_authors WHERE work_id = ?"),
    insertAuthor: db.prepare("INSERT INTO authors (key, name, given_names) VALUES (?, ?, ?)"),
    /** The people of a name block: the key itself and its numbered variants ("smith_j", "smith_j#2", …). */
    authorBlock: db.prepare(
      "SELECT id, key, given_names FROM authors WHERE key = ? OR (key > ? AND key < ?)",
    ),
    setGivenNames: db.prepare("UPDATE authors SET given_names = ? WHERE id = ?"),
    authorCoAuthors: db
      .prepare(
        `SELECT DISTINCT a.key FROM work_authors w1 JOIN work_authors w2 ON w2.work_id = w1.work_id AND w2.author_id <> w1.author_id
         JOIN authors a ON a.id = w2.author_id WHERE w1.author_id = ? LIMIT 300`,
      )
      .pluck(),
    authorWorks: db.prepare("SELECT count(*) FROM work_authors WHERE author_id = ?").pluck(),
    insertWorkAuthor: db.prepare(
      "INSERT OR IGNORE INTO work_authors (work_id, position, author_id, name) VALUES (?, ?, ?, ?)",
    ),
    refsOfDoc: db.prepare("SELECT work_id FROM refs WHERE document_id = ? AND work_id IS NOT NULL"),
    deleteRefs: db.prepare("DELETE FROM refs WHERE document_id = ?"),
    insertRef: db.prepare(
      "INSERT INTO refs (document_id, position, raw, csl, target, work_id, contexts, ambiguous, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    pendingFor: db.prepare(
      "SELECT r.id, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id WHERE r.target = ? AND r.work_id IS NULL",
    ),
    resolveRef: db.prepare("UPDATE refs SET work_id = ? WHERE id = ?"),
    citedOf: db.prepare("SELECT cited_id FROM citations WHERE citing_id = ?").pluck(),
    deleteCitations: db.prepare("DELETE FROM citations WHERE citing_id = ?"),
    deleteCitationsTo: db.prepare("DELETE FROM citations WHERE cited_id = ?"),
    /** Edges from a work's references, with the self-citation flag: the two works share an author. */
    insertCitations: db.prepare(
      `INSERT OR IGNORE INTO citations (cited_id, citing_id, self)
       SELECT r.work_id, d.work_id, EXISTS (
         SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
         WHERE a.work_id = d.work_id AND b.work_id = r.work_id)
       FROM documents d JOIN refs r ON r.document_id = d.id
       WHERE d.work_id = @id AND r.work_id IS NOT NULL AND r.work_id <> @id`,
    ),
    /** Self-citation flags of every edge touching a work, after its authors changed. */
    markSelf: db.prepare(
      `UPDATE citations SET self = EXISTS (
         SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
         WHERE a.work_id = citations.citing_id AND b.work_id = citations.cited_id)
       WHERE citing_id = @id OR cited_id = @id`,
    ),
    recount: db.prepare(
      `UPDATE work_rank SET cited_by = (SELECT count(*) FROM citations WHERE cited_id = @id),
         self_cited = (SELECT count(*) FROM citations WHERE cited_id = @id AND self = 1) WHERE id = @id`,
    ),
    orphan: db.prepare(
      `SELECT 1 FROM works w WHERE w.id = @id AND w.in_library = 0
         AND NOT EXISTS (SELECT 1 FROM refs WHERE work_id = @id) AND NOT EXISTS (SELECT 1 FROM documents WHERE work_id = @id)`,
    ),
    deleteWork: db.prepare("DELETE FROM works WHERE id = ?"),
    deleteRank: db.prepare("DELETE FROM work_rank WHERE id = ?"),
  };
}

export type Statements = ReturnType<typeof statements>;

interface FoundWork {
  id: number;
  in_library: number;
}

/** The columns of a works row taken from its canonical CSL item. */
function workColumns(item: CslItem) {
  return {
    type: item.type ?? "article",
    title: item.title ?? "",
    year: itemYear(item) ?? null,
    venue: item["container-title"] ?? null,
    doi: normalizeDoi(item.DOI) ?? null,
    arxiv: item.arxiv ?? null,
    url: item.URL ?? null,
    abstract: item.abstract ?? null,
    keywords: item.keyword ?? null,
    csl: JSON.stringify(item),
  };
}

/** What a reference names its work by (the refs.kind column). */
export type ReferenceKind = "id" | "doi" | "item" | "raw" | "link";

/**
 * What findWork answers: a work (with the works that turned out to be the same one, to join to it), several
 * different works that fit equally well, or none.
 */
type Found = (FoundWork & { join: number[] }) | { ambiguous: number[] } | undefined;

export const isAmbiguous = (f: Found): f is { ambiguous: number[] } => f !== undefined && "ambiguous" in f;

/** A work this alike a new library work may lose references to it (see reconsiderNeighbours). */
const NEIGHBOUR_PROBABILITY = 0.2;
/** References of one work resolved again when a look-alike arrives; a much-cited work keeps the rest. */
const RECONSIDERED_REFERENCES = 1000;

/** References a cited-only work's metadata is voted from. */
const CANONICAL_REFERENCES = 50;

/** Merges followed from a retired id to the work it is part of now (a chain is short; a loop cannot be). */
const MAX_MERGE_HOPS = 64;

/** Documents of a work a new record of the library is checked against, one by one. */
const MAX_DOCUMENTS_CHECKED = 20;

/** Blocking keys looked up in one statement: a record has at most fourteen (src/graph/blocking.ts). */
const KEYS_PER_LOOKUP = 14;

/** Match records of works kept between lookups: a much-cited work is a candidate again and again. */
const MATCH_CACHE_SIZE = 100_000;

/** Author ids by key, so that a large import does not look up the same author again and again. */
const AUTHOR_CACHE_SIZE = 200_000;
/** Authors linked to a work: a thousand-author collaboration paper links its first this many. */
const MAX_LINKED_AUTHORS = 100;
/** Spellings of a person's given name kept for disambiguation. */
const MAX_GIVEN_NAMES = 20;

export class SqliteWriter {
  protected readonly s: Statements;
  private readonly venueIds = new Map<string, number>();
  /** The people of each name block seen lately (written through: new people and given names are added here). */
  protected readonly authorBlocks = new Map<string, { id: number; key: string; givenNames: string[] }[]>();
  protected readonly matchRecords = new Map<number, MatchRecord>();
  /** The id the next new work gets, within the running transaction (undefined: read it). */
  private nextId: number | undefined;
  /** The work a document is being filed into: the matcher does not merge it away meanwhile (joinSameWork). */
  private filing: number | undefined;

  constructor(protected readonly db: Db) {
    this.s = statements(db);
  }

  /** Files a batch in one transaction; returns the counts and the works whose metadata it wrote. */
  upsert(batch: DocumentInput[]): { result: UpsertResult; touched: Set<number> } {
    const { value: result, touched } = this.change((dirty, now) => {
      const result: UpsertResult = { added: 0, updated: 0, unchanged: 0 };
      for (const input of batch) result[this.upsertDocument(input, now, dirty)]++;
      return result;
    });
    return { result, touched };
  }

  /**
   * Runs a change in one transaction, then recomputes what it made stale (settle); returns its value and the
   * works whose metadata was written.
   */
  protected change<T>(fn: (dirty: Dirty, now: number) => T): { value: T; touched: Set<number> } {
    try {
      this.nextId = undefined;
      // IMMEDIATE: the write lock is taken before anything is read, so another process's write cannot make
      // this one's reads stale halfway (SQLite would refuse its first write then, without waiting).
      return this.db
        .transaction(() => {
          const now = Date.now();
          const dirty = emptyDirty();
          const value = fn(dirty, now);
          this.settle(dirty, now);
          for (const id of dirty.fresh) dirty.touched.add(id);
          return { value, touched: dirty.touched };
        })
        .immediate();
    } catch (e) {
      // The transaction rolled back: authors and venues it created are gone, so their cached ids are wrong.
      this.venueIds.clear();
      this.authorBlocks.clear();
      this.matchRecords.clear();
      throw e;
    }
  }

  private upsertDocument(input: DocumentInput, now: number, dirty: Dirty): keyof UpsertResult {
    const s = this.s;
    const doi = normalizeDoi(input.item.DOI);
    const existing = (
      input.sourceId
        ? s.docBySource.get(input.sourceId)
        : (s.docBySha1.get(input.sha1) ?? (doi ? s.docByDoi.get(doi) : undefined))
    ) as { id: number; work_id: number; sha1: string } | undefined;
    if (existing && existing.sha1 === input.sha1) return "unchanged";
    const csl = JSON.stringify(input.item);
    let docId: number;
    let workId: number;
    if (existing) {
      docId = existing.id;
      workId = existing.work_id;
      s.updateDoc.run(input.sha1, input.kind, input.source, csl, now, docId);
      this.setWork(workId, input.item, true, now, dirty);
    } else {
      const match = this.findWork(input.item, true);
      // A document always gets a work: when it fits several equally, a new one (a merge can follow).
      const found = isAmbiguous(match) ? undefined : match;
      if (found) {
        workId = found.id;
        this.joinSameWork(workId, found.join, now, dirty);
        // A work known only from references becomes a library work (its metadata is voted again just below,
        // where the document outweighs the references).
        if (!found.in_library) this.setWork(workId, input.item, true, now, dirty);
      } else {
        // A new work's index row is written once, with the full text in it.
        workId = this.insertWork(input.item, true, now, input.body);
        dirty.fresh.add(workId);
      }
      docId = Number(
        s.insertDoc.run(workId, input.sourceId ?? null, input.sha1, input.kind, input.source, csl, now, now)
          .lastInsertRowid,
      );
    }
    if (input.body !== undefined && !dirty.fresh.has(workId)) {
      // The full text goes in before the index row is written again with it.
      s.setBody.run(input.body, workId);
      this.reindexWork(workId);
    }
    // Voted at once, not at the end of the batch: what the next document or reference is matched against must not
    // depend on where a batch ends (rebuildGraph, which has no batches, must find the same).
    this.recanonicalize(workId, now, dirty);
    this.filing = workId;
    try {
      this.reconsiderNeighbours(workId, now, dirty);
      // References that waited for this record's id or DOI (a changed record may bring a new DOI).
      this.resolvePending(workId, input.sourceId, input.item, dirty);
      this.replaceReferences(docId, workId, input.references, now, dirty, !existing);
    } finally {
      this.filing = undefined;
    }
    return existing ? "updated" : "added";
  }

  /**
   * The work a record (`isDocument`) or reference belongs to, as the matcher's cascade decides it: DOI, then
   * arXiv id, then candidates from the blocking keys scored by the match model (src/graph/resolve.ts). A record
   * of the library joins another library work only on strong evidence (libraryJoinAllowed: an identifier, or
   * titles and authors that agree); a reference may match on weaker. `avoid`: works the same bibliography cites
   * already — two entries of one reference list are two works ("Witte 2001", "Witte 2002c"), unless an
   * identifier says otherwise.
   */
  protected findWork(item: CslItem, isDocument: boolean, exclude?: number, avoid?: Set<number>): Found {
    const s = this.s;
    const doi = normalizeDoi(item.DOI);
    if (doi) {
      const w = s.workByDoi.get(doi) as FoundWork | undefined;
      if (w && w.id !== exclude) return { ...w, join: [] };
    }
    if (item.arxiv) {
      const w = s.workByArxiv.get(item.arxiv) as FoundWork | undefined;
      if (w && w.id !== exclude) return { ...w, join: [] };
    }
    const record = toMatchRecord(item, isDocument ? "record" : "reference");
    const ids = this.candidateIds(record);
    if (exclude !== undefined) ids.delete(exclude);
    for (const id of avoid ?? []) ids.delete(id);
    if (ids.size === 0) return undefined;
    const candidates: Candidate<number>[] = [];
    const rows = new Map<number, FoundWork>();
    for (const id of ids) {
      const row = s.workForMatch.get(id) as (FoundWork & { csl: string }) | undefined;
      if (!row) continue;
      const inLibrary = row.in_library === 1;
      const candidate = this.matchRecord(id, row.csl, inLibrary);
      if (isDocument && inLibrary && !this.joinsEveryDocument(record, id, candidate)) continue;
      rows.set(id, { id: row.id, in_library: row.in_library });
      candidates.push({ id, record: candidate, inLibrary });
    }
    const r = resolveRecord(matchModel(), record, candidates, (a, b) => this.splitApart(a, b));
    if (r.kind === "match") return { ...(rows.get(r.id) as FoundWork), join: r.join };
    if (r.kind === "ambiguous") return { ambiguous: r.ids };
    return undefined;
  }

  /**
   * Whether a library record may join a library work: with the work's voted metadata and with each of its
   * documents (the first MAX_DOCUMENTS_CHECKED), so that "A, B" cannot bridge a record by A and one by B.
   */
  private joinsEveryDocument(record: MatchRecord, workId: number, canonical: MatchRecord): boolean {
    if (!libraryJoinAllowed(record, canonical)) return false;
    return this.documentRecords(workId).every((d) => libraryJoinAllowed(record, d));
  }

  /** The match records of a work's documents (the first MAX_DOCUMENTS_CHECKED). */
  private documentRecords(workId: number): MatchRecord[] {
    return (this.s.firstDocumentItems.all(workId, MAX_DOCUMENTS_CHECKED) as string[]).map((csl) =>
      toMatchRecord(JSON.parse(csl) as CslItem, "record"),
    );
  }

  /** The live work an id names: itself, or the work it was merged into (followed through later merges). */
  liveWork(id: number): number | undefined {
    let at: number | null | undefined = id;
    for (let hops = 0; at !== null && at !== undefined && hops < MAX_MERGE_HOPS; hops++) {
      if (this.s.workForMatch.get(at)) return at;
      at = this.s.retiredInto.get(at) as number | null | undefined;
    }
    return undefined;
  }

  /** Whether a person split these two works apart (a merge undone): the matcher never joins them again. */
  private splitApart(a: number, b: number): boolean {
    return this.s.splitPair.get(a, b, b, a) !== undefined;
  }

  /**
   * The works the matcher found to be one work with `into` (a record fitted them all equally): merged into it,
   * each merge recorded in the history with the matcher as its author, so that it can be split again.
   */
  protected joinSameWork(into: number, others: number[], now: number, dirty: Dirty): void {
    for (const from of others) {
      if (from === into || !this.s.workForMatch.get(from)) continue;
      // Never the work a document is being filed into (its id is in use until the document is written), never two
      // works a person split apart.
      if (from === this.filing || this.splitApart(into, from)) continue;
      // Two library works join only if every record of one may join every record of the other.
      const mine = this.documentRecords(into);
      const theirs = this.documentRecords(from);
      if (!mine.every((a) => theirs.every((b) => libraryJoinAllowed(a, b)))) continue;
      this.mergeInto(into, from, "the matcher: the same work, fitted equally by one record", now, dirty);
    }
  }

  /**
   * Makes `from` part of `into`: its documents and the references to it move over, its citations follow, and
   * its id redirects to `into` from now on. Returns the merge's id in the history.
   */
  protected mergeInto(
    into: number,
    from: number,
    note: string | undefined,
    now: number,
    dirty: Dirty,
  ): number {
    const s = this.s;
    const source = (s.workForMatch.get(from) as { csl: string }).csl;
    const documents = s.documentsOf.all(from) as number[];
    const refs = s.refsTo.all(from) as number[];
    this.moveWork(from, into, documents, refs, dirty);
    this.deleteWork(from, dirty, into);
    if (documents.length) this.setInLibrary(into, true, dirty);
    dirty.canonical.add(into);
    return Number(
      s.insertMerge.run(
        into,
        from,
        source,
        JSON.stringify(documents),
        JSON.stringify(refs),
        note ?? null,
        now,
      ).lastInsertRowid,
    );
  }

  /**
   * A work that is gone (`to` null) or now part of `to` leaves the lists of works that ambiguous references fit:
   * the list names `to` instead (once), and a reference left fitting one work resolves to it.
   */
  protected renameInAmbiguous(from: number, to: number | null, dirty: Dirty): void {
    const s = this.s;
    s.renameAmbiguous.run({ from, to });
    for (const r of s.settledAmbiguous.all() as { id: number; citing: number; only: number | null }[]) {
      s.setRefWork.run(r.only, r.id);
      dirty.citing.add(r.citing);
      if (r.only !== null) dirty.cited.add(r.only);
    }
  }

  /** Moves documents and references from one work to another and marks what that makes stale. */
  protected moveWork(from: number, to: number, documents: number[], refs: number[], dirty: Dirty): void {
    const s = this.s;
    for (const d of documents) s.moveDoc.run(to, d);
    for (const r of refs) {
      s.moveRef.run(to, r);
      dirty.citing.add(s.refCiting.get(r) as number);
    }
    for (const w of [from, to]) {
      dirty.citing.add(w);
      dirty.cited.add(w);
      dirty.orphans.add(w);
    }
  }

  /** The works that share a blocking key with a record. */
  private candidateIds(record: MatchRecord): Set<number> {
    const hashes = matchRecordKeyHashes(record);
    const ids = new Set<number>();
    for (let i = 0; i < hashes.length; i += KEYS_PER_LOOKUP) {
      const chunk = hashes.slice(i, i + KEYS_PER_LOOKUP);
      const lookup = this.s.worksByKeys[chunk.length] as Database.Statement;
      for (const id of lookup.all(...chunk) as number[]) ids.add(id);
    }
    return ids;
  }

  private matchRecord(id: number, csl: string, inLibrary: boolean): MatchRecord {
    let r = this.matchRecords.get(id);
    if (!r) {
      r = workMatchRecord(JSON.parse(csl) as CslItem, inLibrary);
      if (this.matchRecords.size >= MATCH_CACHE_SIZE) this.matchRecords.clear();
      this.matchRecords.set(id, r);
    }
    return r;
  }

  /** Replaces a work's blocking keys, from its canonical metadata. */
  protected setKeys(id: number, item: CslItem, inLibrary: boolean, isNew: boolean): void {
    if (!isNew) this.s.deleteKeys.run(id);
    const record = workMatchRecord(item, inLibrary);
    for (const h of matchRecordKeyHashes(record)) this.s.insertKey.run(h, id);
    // Kept for the lookups to come: the work was just written, so it is likely to be a candidate soon.
    if (this.matchRecords.size >= MATCH_CACHE_SIZE) this.matchRecords.clear();
    this.matchRecords.set(id, record);
  }

  /**
   * Creates a work. `reclaim` is the id it had before, retired meanwhile (rebuild-graph finding a cited-only work
   * again, a split giving the absorbed work back): it is given back, so that the work keeps its URL.
   */
  protected insertWork(
    item: CslItem,
    inLibrary: boolean,
    now: number,
    body?: string,
    reclaim?: number,
  ): number {
    const s = this.s;
    // Stored as the vote of its one source, so that voting again with no new source changes nothing.
    item = canonicalItem([{ item, document: inLibrary }]);
    const c = workColumns(item);
    let wanted: number;
    if (reclaim !== undefined && s.isRetired.get(reclaim) && !s.workForMatch.get(reclaim)) {
      s.unretire.run(reclaim);
      wanted = reclaim;
    } else {
      // Read once a transaction, then counted up: no other writer runs inside it.
      this.nextId ??= s.nextWorkId.get() as number;
      wanted = this.nextId++;
    }
    const id = Number(
      s.insertWork.run(
        wanted,
        inLibrary ? 1 : 0,
        c.type,
        c.title,
        c.year,
        c.venue,
        c.doi,
        c.arxiv,
        c.url,
        c.abstract,
        c.keywords,
        c.csl,
        now,
        now,
      ).lastInsertRowid,
    );
    if (body !== undefined) this.s.setBody.run(body, id);
    this.setKeys(id, item, inLibrary, true);
    this.s.insertRank.run(id, inLibrary ? 1 : 0, c.year, this.venueId(c.venue), now);
    const names = this.setAuthors(id, item, true);
    this.s.ftsInsert.run(
      id,
      ...ftsRow({
        title: c.title,
        abstract: c.abstract ?? undefined,
        body,
        venue: c.venue ?? undefined,
        authors: names,
      }),
    );
    return id;
  }

  /** Replaces a work's canonical metadata (the index row and author links with it). */
  protected setWork(id: number, item: CslItem, inLibrary: boolean, now: number, dirty: Dirty): void {
    const s = this.s;
    dirty.touched.add(id);
    const c = workColumns(item);
    // A DOI already held by another work stays with that work: merging is the citation-graph stage's call.
    const doi = c.doi && s.workDoiOwner.get(c.doi, id) ? null : c.doi;
    s.updateWork.run(
      inLibrary ? 1 : 0,
      c.type,
      c.title,
      c.year,
      c.venue,
      doi,
      c.arxiv,
      c.url,
      c.abstract,
      c.keywords,
      c.csl,
      now,
      id,
    );
    this.setKeys(id, item, inLibrary, false);
    s.updateRank.run(inLibrary ? 1 : 0, c.year, this.venueId(c.venue), id);
    const before = (s.authorIds.all(id) as { author_id: number }[]).map((r) => r.author_id).join(",");
    this.setAuthors(id, item, false);
    const after = (s.authorIds.all(id) as { author_id: number }[]).map((r) => r.author_id).join(",");
    if (before !== after) dirty.authors.add(id);
    this.reindexWork(id);
  }

  /** Writes a work's search index row again from what the works table holds (its metadata or full text changed). */
  protected reindexWork(id: number): void {
    const w = this.s.workText.get(id) as
      | { title: string; abstract: string | null; venue: string | null; body: string | null }
      | undefined;
    if (!w) return;
    const names = this.s.workAuthorNames.all(id) as string[];
    this.s.ftsDelete.run(id);
    this.s.ftsInsert.run(
      id,
      ...ftsRow({
        title: w.title,
        abstract: w.abstract ?? undefined,
        body: w.body ?? undefined,
        venue: w.venue ?? undefined,
        authors: names,
      }),
    );
  }

  /** Links a work to its authors, in order, each to the person the name is (disambiguated); returns the names. */
  protected setAuthors(workId: number, item: CslItem, isNew: boolean): string[] {
    const s = this.s;
    if (!isNew) s.deleteWorkAuthors.run(workId);
    const names: string[] = [];
    const list = (item.author ?? []).slice(0, MAX_LINKED_AUTHORS);
    const keys = list.map((n) => authorKey(n));
    list.forEach((name, position) => {
      const key = keys[position];
      const shown = displayName(name);
      if (!key || !shown) return;
      names.push(shown);
      const coAuthors = keys.filter((k, i): k is string => k !== undefined && i !== position);
      const given = words(name.given ?? "").join(" ");
      s.insertWorkAuthor.run(workId, position, this.authorId(key, shown, given, coAuthors), shown);
    });
    return names;
  }

  private venueId(name: string | null): number | null {
    if (!name) return null;
    let id = this.venueIds.get(name);
    if (id === undefined) {
      id =
        (this.s.venueByName.get(name) as { id: number } | undefined)?.id ??
        Number(this.s.insertVenue.run(name).lastInsertRowid);
      if (this.venueIds.size >= AUTHOR_CACHE_SIZE) this.venueIds.clear();
      this.venueIds.set(name, id);
    }
    return id;
  }

  /**
   * The person a name is, among those known under its key (src/graph/authors.ts: given names that cannot be one
   * person's keep them apart, shared co-authors decide between the rest); a new person when it can be none.
   */
  private authorId(key: string, name: string, given: string, coAuthors: string[]): number {
    const s = this.s;
    let block = this.authorBlocks.get(key);
    if (!block) {
      block = (
        s.authorBlock.all(key, `${key}#`, `${key}#\uffff`) as {
          id: number;
          key: string;
          given_names: string;
        }[]
      ).map((b) => ({ id: b.id, key: b.key, givenNames: JSON.parse(b.given_names) as string[] }));
      if (this.authorBlocks.size >= AUTHOR_CACHE_SIZE) this.authorBlocks.clear();
      this.authorBlocks.set(key, block);
    }
    const candidates = block.filter(
      (b) => !given || b.givenNames.every((g) => compatibleGivenNames(g, given)),
    );
    // Co-authors and work counts only matter when there is a choice to make, co-authors only if the work has some.
    const several = candidates.length > 1;
    const people: AuthorProfile[] = candidates.map((b) => ({
      id: b.id,
      givenNames: b.givenNames,
      coAuthors: new Set(several && coAuthors.length ? (s.authorCoAuthors.all(b.id) as string[]) : []),
      works: several ? (s.authorWorks.get(b.id) as number) : 0,
    }));
    const id = chooseAuthor({ given, coAuthors }, people);
    const givenNames = given ? [given] : [];
    if (id === undefined) {
      const next = Math.max(1, ...block.map((b) => Number(/#(\d+)$/.exec(b.key)?.[1] ?? 1))) + 1;
      const variant = block.length ? `${key}#${next}` : key;
      const created = Number(s.insertAuthor.run(variant, name, JSON.stringify(givenNames)).lastInsertRowid);
      block.push({ id: created, key: variant, givenNames });
      return created;
    }
    const person = block.find((b) => b.id === id) as (typeof block)[number];
    if (given && !person.givenNames.includes(given) && person.givenNames.length < MAX_GIVEN_NAMES) {
      person.givenNames = [...person.givenNames, given];
      s.setGivenNames.run(JSON.stringify(person.givenNames), id);
    }
    return id;
  }

  /** References that waited for this record (by its id or DOI) now point at its work. */
  private resolvePending(workId: number, sourceId: string | undefined, item: CslItem, dirty: Dirty): void {
    const targets = [sourceId && `id:${sourceId}`, normalizeDoi(item.DOI) && `doi:${normalizeDoi(item.DOI)}`];
    for (const target of targets) {
      if (!target) continue;
      for (const r of this.s.pendingFor.all(target) as { id: number; citing: number }[]) {
        this.s.resolveRef.run(workId, r.id);
        dirty.citing.add(r.citing);
      }
    }
  }

  private replaceReferences(
    docId: number,
    workId: number,
    refs: ReferenceInput[],
    now: number,
    dirty: Dirty,
    isNew: boolean,
  ): void {
    const s = this.s;
    if (!isNew) {
      for (const r of s.refsOfDoc.all(docId) as { work_id: number }[]) dirty.orphans.add(r.work_id);
      s.deleteRefs.run(docId);
    }
    // The works this reference list cites so far: its later entries are other works (see findWork).
    const citedHere = new Set<number>();
    refs.forEach((ref, position) => {
      const raw = "raw" in ref ? (ref.raw ?? null) : null;
      const fields = "item" in ref ? ref.item : "parsed" in ref ? ref.parsed : undefined;
      const contexts = "contexts" in ref && ref.contexts?.length ? JSON.stringify(ref.contexts) : null;
      const kind: ReferenceKind = "id" in ref ? "id" : "doi" in ref ? "doi" : "item" in ref ? "item" : "raw";
      const target = "id" in ref ? `id:${ref.id}` : "doi" in ref ? `doi:${ref.doi}` : null;
      const { cited, ambiguous, joined } = this.resolveReference(
        kind,
        target,
        fields,
        now,
        dirty,
        undefined,
        citedHere,
      );
      if (cited !== null) citedHere.add(cited);
      s.insertRef.run(
        docId,
        position,
        raw,
        fields ? JSON.stringify(fields) : null,
        target,
        cited,
        contexts,
        ambiguous ? JSON.stringify(ambiguous) : null,
        kind,
      );
      if (joined !== undefined) this.referenceJoined(joined, now, dirty);
    });
    dirty.citing.add(workId);
  }

  /**
   * A library work that is new or changed may be what references filed earlier meant, better than the work they
   * went to or as well (then they are ambiguous): the references of the works it resembles are resolved again —
   * those of a work only cited as if that work did not exist. This keeps the incremental path where resolving
   * everything at once (rebuildGraph) arrives.
   */
  protected reconsiderNeighbours(workId: number, now: number, dirty: Dirty): void {
    const s = this.s;
    const self = s.workForMatch.get(workId) as (FoundWork & { csl: string }) | undefined;
    if (!self) return;
    // Compared as references see works: a reference's year does not refute, so neither does the year here.
    const record = workMatchRecord(JSON.parse(self.csl) as CslItem, false);
    const model = matchModel();
    for (const id of this.candidateIds(record)) {
      if (id === workId) continue;
      const row = s.workForMatch.get(id) as (FoundWork & { csl: string }) | undefined;
      if (!row) continue;
      const p = matchProbability(model, record, this.matchRecord(id, row.csl, row.in_library === 1));
      if (p < NEIGHBOUR_PROBABILITY) continue;
      for (const r of s.itemRefsOf.all(id, RECONSIDERED_REFERENCES) as {
        id: number;
        csl: string;
        citing: number;
      }[]) {
        // A work only cited exists because of its references: whether they would go elsewhere is asked without it.
        const avoid = new Set(s.worksCitedBefore.all({ id: r.id }) as number[]);
        const found = this.findWork(
          JSON.parse(r.csl) as CslItem,
          false,
          row.in_library ? undefined : id,
          avoid,
        );
        if (!found && !row.in_library) continue;
        if (isAmbiguous(found)) s.setRefAmbiguous.run(JSON.stringify(found.ambiguous), r.id);
        else if (found && found.id !== id) {
          this.joinSameWork(found.id, found.join, now, dirty);
          s.setRefWork.run(found.id, r.id);
          // A cited-only work left with no reference was this one: its id redirects there.
          if (!row.in_library) dirty.movedTo.set(id, found.id);
        } else continue;
        dirty.citing.add(r.citing);
        dirty.cited.add(id);
        dirty.orphans.add(id);
        if (!isAmbiguous(found) && found && !found.in_library) this.referenceJoined(found.id, now, dirty);
        dirty.canonical.add(id);
      }
    }
  }

  /**
   * The work a reference points at: by the record id or DOI it names (or nothing yet: it waits, see
   * resolvePending), or by matching its fields — a new cited-only work when nothing matches, none when several
   * works match equally (ambiguous).
   */
  protected resolveReference(
    kind: ReferenceKind,
    target: string | null,
    fields: CslItem | undefined,
    now: number,
    dirty: Dirty,
    reclaim?: number,
    avoid?: Set<number>,
  ): { cited: number | null; ambiguous?: number[]; joined?: number } {
    const s = this.s;
    if (kind === "id" && target) {
      const doc = s.docBySource.get(target.slice(3)) as { work_id: number } | undefined;
      return { cited: doc?.work_id ?? null };
    }
    if (kind === "doi" && target) {
      const w = s.workByDoi.get(target.slice(4)) as { id: number } | undefined;
      return { cited: w?.id ?? null };
    }
    if (kind !== "item" || !fields) return { cited: null };
    const found = this.findWork(fields, false, undefined, avoid);
    if (isAmbiguous(found)) return { cited: null, ambiguous: found.ambiguous };
    if (found) {
      this.joinSameWork(found.id, found.join, now, dirty);
      return { cited: found.id, joined: found.in_library ? undefined : found.id };
    }
    const id = this.insertWork(fields, false, now, undefined, reclaim);
    dirty.fresh.add(id);
    return { cited: id };
  }

  /** Marks a work as held by the library or only cited (both tables that say so), keys and all. */
  protected setInLibrary(id: number, inLibrary: boolean, dirty: Dirty): void {
    const s = this.s;
    s.setWorkInLibrary.run(inLibrary ? 1 : 0, id);
    s.setRankInLibrary.run(inLibrary ? 1 : 0, id);
    const csl = (s.workForMatch.get(id) as { csl: string } | undefined)?.csl;
    if (csl) this.setKeys(id, JSON.parse(csl) as CslItem, inLibrary, false);
    dirty.touched.add(id);
  }

  /**
   * Deletes a work and its derived rows; the works it cited lose a citation (recounted in settle). Its id is
   * retired, never given again: it redirects to `into` when the work became part of another, and ambiguous
   * references that fitted it fit `into` instead (renameInAmbiguous).
   */
  protected deleteWork(id: number, dirty: Dirty, into?: number): void {
    const s = this.s;
    s.retire.run(id, into ?? null, Date.now());
    this.renameInAmbiguous(id, into ?? null, dirty);
    for (const c of s.citedOf.all(id) as number[]) dirty.cited.add(c);
    s.deleteCitations.run(id);
    s.deleteCitationsTo.run(id);
    s.ftsDelete.run(id);
    s.deleteWorkAuthors.run(id);
    s.deleteRank.run(id);
    s.deleteWork.run(id);
    this.matchRecords.delete(id);
    dirty.touched.add(id);
  }

  /**
   * Votes a work's canonical metadata again (src/graph/canonical.ts) from its documents — or, for a work only
   * cited, from the first CANONICAL_REFERENCES references to it, after which more cannot change the vote much.
   */
  protected recanonicalize(id: number, now: number, dirty: Dirty): void {
    const s = this.s;
    const row = s.workForMatch.get(id) as (FoundWork & { csl: string }) | undefined;
    if (!row) return;
    const docs = s.documentItems.all(id) as string[];
    const sources = docs.length
      ? docs.map((csl) => ({ item: JSON.parse(csl) as CslItem, document: true }))
      : (s.referenceItems.all(id, CANONICAL_REFERENCES) as string[]).map((csl) => ({
          item: JSON.parse(csl) as CslItem,
          document: false,
        }));
    if (!sources.length) return;
    // A person's corrections stand over the vote (src/graph/corrections.ts).
    const corrections = (s.activeCorrections.all(id) as string[]).map(
      (f) => JSON.parse(f) as CorrectionFields,
    );
    const item = applyCorrections(canonicalItem(sources), corrections);
    if (JSON.stringify(item) !== row.csl) this.setWork(id, item, row.in_library === 1, now, dirty);
  }

  /**
   * A reference joined a cited-only work: its metadata is voted again, at once — unless the vote already has all
   * the references it reads, when one more cannot change it.
   */
  protected referenceJoined(id: number, now: number, dirty: Dirty): void {
    if ((this.s.referenceCount.get(id, CANONICAL_REFERENCES + 1) as number) <= CANONICAL_REFERENCES)
      this.recanonicalize(id, now, dirty);
  }

  /** Recomputes what the batch made stale: metadata; drops cited-only works nobody cites; edges, self flags, counts. */
  protected settle(dirty: Dirty, now: number): void {
    const s = this.s;
    for (const w of dirty.canonical) this.recanonicalize(w, now, dirty);
    // Orphans first: an ambiguous reference that fitted one may be left fitting one work, and resolve to it.
    for (const w of dirty.orphans) {
      // An orphan cites nothing (it has no documents) and nothing cites it (no reference points at it).
      if (!s.orphan.get({ id: w })) continue;
      this.deleteWork(w, dirty, dirty.movedTo.get(w));
    }
    const addCitedOf = (w: number) => {
      for (const c of s.citedOf.all(w) as number[]) dirty.cited.add(c);
    };
    for (const w of dirty.citing) {
      if (!dirty.fresh.has(w)) {
        addCitedOf(w); // edges about to go: their targets lose a citation
        s.deleteCitations.run(w);
      }
      s.insertCitations.run({ id: w });
      addCitedOf(w);
    }
    for (const w of dirty.authors) {
      s.markSelf.run({ id: w });
      dirty.cited.add(w);
      addCitedOf(w);
    }
    for (const w of dirty.cited) s.recount.run({ id: w });
  }
}
