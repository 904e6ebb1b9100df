/**
 * Filing records in the SQLite library: documents onto works, references onto cited works, and the
 * citation edges and counts that follow. Counts are never incremented blindly: every batch recomputes the
 * edges of the works it touched from their references and recounts the works those edges point at, so
 * "Cited by N" always equals the length of the list behind it.
 */
import type Database from "better-sqlite3";
import { type CslItem, displayName, itemYear, normalizeDoi } from "../../formats/csl.ts";
import type { ReferenceInput } from "../../formats/record.ts";
import { authorKey, workMatchKey } from "../../graph/keys.ts";
import type { DocumentInput, UpsertResult } from "../types.ts";
import { ftsRow } from "./fts.ts";

type Db = Database.Database;

/** Work ids whose derived data must be recomputed at the end of a batch. */
interface Dirty {
  /** Works whose outgoing citation edges must be rebuilt from their references. */
  citing: Set<number>;
  /** Works whose counts must be recomputed. */
  cited: Set<number>;
  /** Works whose authors changed, so self-citation flags on their edges are stale. */
  authors: Set<number>;
  /** Cited-only works that may have lost their last reference. */
  orphans: Set<number>;
}

function statements(db: Db) {
  return {
    docBySource: db.prepare("SELECT id, work_id, sha1 FROM documents WHERE source_id = ?"),
    docBySha1: db.prepare(
      "SELECT id, work_id, sha1 FROM documents WHERE sha1 = ? AND source_id IS NULL LIMIT 1",
    ),
    insertDoc: db.prepare(
      "INSERT INTO documents (work_id, source_id, sha1, kind, source, csl, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    updateDoc: db.prepare(
      "UPDATE documents SET sha1 = ?, kind = ?, source = ?, csl = ?, updated_at = ? WHERE id = ?",
    ),
    workByDoi: db.prepare("SELECT id, in_library FROM works WHERE doi = ?"),
    workByArxiv: db.prepare("SELECT id, in_library FROM works WHERE arxiv = ? LIMIT 1"),
    workByKey: db.prepare(
      "SELECT id, in_library, year FROM works WHERE match_key = ? ORDER BY in_library DESC, id LIMIT 20",
    ),
    workInLibrary: db.prepare("SELECT in_library FROM works WHERE id = ?"),
    insertWork: db.prepare(
      `INSERT INTO works (in_library, type, title, year, venue, doi, arxiv, url, abstract, keywords, csl, match_key, added_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateWork: db.prepare(
      `UPDATE works SET in_library = ?, type = ?, title = ?, year = ?, venue = ?, doi = ?, arxiv = ?, url = ?, abstract = ?,
       keywords = ?, csl = ?, match_key = ?, updated_at = ? WHERE id = ?`,
    ),
    workDoiOwner: db.prepare("SELECT id FROM works WHERE doi = ? AND id <> ?"),
    ftsDelete: db.prepare("DELETE FROM work_fts WHERE rowid = ?"),
    ftsInsert: db.prepare(
      "INSERT INTO work_fts (rowid, title, abstract, body, venue, authors, title_x, abstract_x, body_x, venue_x, authors_x) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    workBody: db.prepare("SELECT body FROM works WHERE id = ?"),
    authorIds: db.prepare("SELECT author_id FROM work_authors WHERE work_id = ? ORDER BY position"),
    deleteWorkAuthors: db.prepare("DELETE FROM work_authors WHERE work_id = ?"),
    insertAuthor: db.prepare("INSERT INTO authors (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
    authorByKey: db.prepare("SELECT id FROM authors WHERE key = ?"),
    insertWorkAuthor: db.prepare(
      "INSERT OR IGNORE INTO work_authors (work_id, position, author_id, name) VALUES (?, ?, ?, ?)",
    ),
    refsOfDoc: db.prepare("SELECT work_id FROM refs WHERE document_id = ? AND work_id IS NOT NULL"),
    deleteRefs: db.prepare("DELETE FROM refs WHERE document_id = ?"),
    insertRef: db.prepare(
      "INSERT INTO refs (document_id, position, raw, csl, target, work_id) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    pendingFor: db.prepare(
      "SELECT r.id, d.work_id AS citing FROM refs r JOIN documents d ON d.id = r.document_id WHERE r.target = ? AND r.work_id IS NULL",
    ),
    resolveRef: db.prepare("UPDATE refs SET work_id = ?, target = NULL WHERE id = ?"),
    citedOf: db.prepare("SELECT cited_id FROM citations WHERE citing_id = ?"),
    citingOf: db.prepare("SELECT citing_id FROM citations WHERE cited_id = ?"),
    deleteCitations: db.prepare("DELETE FROM citations WHERE citing_id = ?"),
    insertCitations: db.prepare(
      `INSERT OR IGNORE INTO citations (cited_id, citing_id, self)
       SELECT r.work_id, d.work_id, 0 FROM documents d JOIN refs r ON r.document_id = d.id
       WHERE d.work_id = @id AND r.work_id IS NOT NULL AND r.work_id <> @id`,
    ),
    /** Self-citation: the citing and the cited work share an author (same author key, for now). */
    markSelf: db.prepare(
      `UPDATE citations SET self = EXISTS (
         SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
         WHERE a.work_id = citations.citing_id AND b.work_id = citations.cited_id)
       WHERE citing_id = @id OR cited_id = @id`,
    ),
    markSelfCiting: db.prepare(
      `UPDATE citations SET self = EXISTS (
         SELECT 1 FROM work_authors a JOIN work_authors b ON b.author_id = a.author_id
         WHERE a.work_id = citations.citing_id AND b.work_id = citations.cited_id)
       WHERE citing_id = @id`,
    ),
    recount: db.prepare(
      `UPDATE works SET cited_by = (SELECT count(*) FROM citations WHERE cited_id = @id),
         self_cited = (SELECT count(*) FROM citations WHERE cited_id = @id AND self = 1) WHERE id = @id`,
    ),
    orphan: db.prepare(
      `SELECT 1 FROM works w WHERE w.id = @id AND w.in_library = 0
         AND NOT EXISTS (SELECT 1 FROM refs WHERE work_id = @id) AND NOT EXISTS (SELECT 1 FROM documents WHERE work_id = @id)`,
    ),
    deleteWork: db.prepare("DELETE FROM works WHERE id = ?"),
  };
}

type Statements = ReturnType<typeof statements>;

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
    matchKey: workMatchKey(item) ?? null,
  };
}

/**
 * Whether two years allow the same work under the title-and-author key. References often get the year off by
 * one (online first, proceedings dated a year later) or omit it; two library records must agree exactly, so
 * that a paper and its journal version the next year stay two works until the matcher says otherwise.
 */
function sameYear(a: number | undefined, b: number | undefined, bothRecords: boolean): boolean {
  if (a === undefined || b === undefined) return !bothRecords || a === b;
  return bothRecords ? a === b : Math.abs(a - b) <= 1;
}

export class SqliteWriter {
  private readonly s: Statements;

  constructor(private readonly db: Db) {
    this.s = statements(db);
  }

  /** Files a batch in one transaction. */
  upsert(batch: DocumentInput[]): UpsertResult {
    return this.db.transaction(() => {
      const now = Date.now();
      const dirty: Dirty = { citing: new Set(), cited: new Set(), authors: new Set(), orphans: new Set() };
      const result: UpsertResult = { added: 0, updated: 0, unchanged: 0 };
      for (const input of batch) result[this.upsertDocument(input, now, dirty)]++;
      this.settle(dirty);
      return result;
    })();
  }

  private upsertDocument(input: DocumentInput, now: number, dirty: Dirty): keyof UpsertResult {
    const s = this.s;
    const existing = (input.sourceId ? s.docBySource.get(input.sourceId) : s.docBySha1.get(input.sha1)) as
      | { id: number; work_id: number; sha1: string }
      | undefined;
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
      const found = this.findWork(input.item, true);
      if (found) {
        workId = found.id;
        // A work known only from references becomes a library work, with the document's metadata.
        if (!found.in_library) this.setWork(workId, input.item, true, now, dirty);
      } else {
        workId = this.insertWork(input.item, true, now);
      }
      docId = Number(
        s.insertDoc.run(workId, input.sourceId ?? null, input.sha1, input.kind, input.source, csl, now, now)
          .lastInsertRowid,
      );
      this.resolvePending(workId, input.sourceId, input.item, dirty);
    }
    this.replaceReferences(docId, workId, input.references, now, dirty);
    return existing ? "updated" : "added";
  }

  /** The work a record (`isDocument`) or reference belongs to: by DOI, then arXiv id, then title-and-author key. */
  private findWork(item: CslItem, isDocument: boolean): { id: number; in_library: number } | undefined {
    const s = this.s;
    const doi = normalizeDoi(item.DOI);
    if (doi) {
      const w = s.workByDoi.get(doi) as { id: number; in_library: number } | undefined;
      if (w) return w;
    }
    if (item.arxiv) {
      const w = s.workByArxiv.get(item.arxiv) as { id: number; in_library: number } | undefined;
      if (w) return w;
    }
    const key = workMatchKey(item);
    if (!key) return undefined;
    const year = itemYear(item);
    const candidates = s.workByKey.all(key) as { id: number; in_library: number; year: number | null }[];
    return candidates.find((c) => sameYear(year, c.year ?? undefined, isDocument && c.in_library === 1));
  }

  private insertWork(item: CslItem, inLibrary: boolean, now: number): number {
    const c = workColumns(item);
    const id = Number(
      this.s.insertWork.run(
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
        c.matchKey,
        now,
        now,
      ).lastInsertRowid,
    );
    const names = this.setAuthors(id, item);
    this.s.ftsInsert.run(
      id,
      ...ftsRow({
        title: c.title,
        abstract: c.abstract ?? undefined,
        venue: c.venue ?? undefined,
        authors: names,
      }),
    );
    return id;
  }

  /** Replaces a work's canonical metadata (the index row and author links with it). */
  private setWork(id: number, item: CslItem, inLibrary: boolean, now: number, dirty: Dirty): void {
    const s = this.s;
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
      c.matchKey,
      now,
      id,
    );
    const before = (s.authorIds.all(id) as { author_id: number }[]).map((r) => r.author_id).join(",");
    const names = this.setAuthors(id, item);
    const after = (s.authorIds.all(id) as { author_id: number }[]).map((r) => r.author_id).join(",");
    if (before !== after) dirty.authors.add(id);
    const body = (s.workBody.get(id) as { body: string | null } | undefined)?.body ?? undefined;
    s.ftsDelete.run(id);
    s.ftsInsert.run(
      id,
      ...ftsRow({
        title: c.title,
        abstract: c.abstract ?? undefined,
        body,
        venue: c.venue ?? undefined,
        authors: names,
      }),
    );
  }

  /** Links a work to its authors, in order; returns the names as printed. */
  private setAuthors(workId: number, item: CslItem): string[] {
    const s = this.s;
    s.deleteWorkAuthors.run(workId);
    const names: string[] = [];
    (item.author ?? []).forEach((name, position) => {
      const key = authorKey(name);
      const shown = displayName(name);
      if (!key || !shown) return;
      names.push(shown);
      s.insertAuthor.run(key, shown);
      const author = s.authorByKey.get(key) as { id: number };
      s.insertWorkAuthor.run(workId, position, author.id, shown);
    });
    return names;
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
  ): void {
    const s = this.s;
    for (const r of s.refsOfDoc.all(docId) as { work_id: number }[]) dirty.orphans.add(r.work_id);
    s.deleteRefs.run(docId);
    refs.forEach((ref, position) => {
      let target: string | null = null;
      let cited: number | null = null;
      if ("id" in ref) {
        const doc = s.docBySource.get(ref.id) as { work_id: number } | undefined;
        if (doc) cited = doc.work_id;
        else target = `id:${ref.id}`;
      } else if ("doi" in ref) {
        const w = s.workByDoi.get(ref.doi) as { id: number } | undefined;
        if (w) cited = w.id;
        else target = `doi:${ref.doi}`;
      } else if ("item" in ref) {
        cited = this.findWork(ref.item, false)?.id ?? this.insertWork(ref.item, false, now);
      }
      const raw = "raw" in ref ? ref.raw : null;
      const csl = "item" in ref ? JSON.stringify(ref.item) : null;
      s.insertRef.run(docId, position, raw, csl, target, cited);
    });
    dirty.citing.add(workId);
  }

  /** Recomputes what the batch made stale: edges, self flags, counts; drops cited-only works nobody cites. */
  private settle(dirty: Dirty): void {
    const s = this.s;
    const ids = (rows: unknown[], col: "cited_id" | "citing_id") =>
      (rows as Record<string, number>[]).map((r) => r[col]);
    for (const w of dirty.citing) {
      for (const c of ids(s.citedOf.all(w), "cited_id")) dirty.cited.add(c);
      s.deleteCitations.run(w);
      s.insertCitations.run({ id: w });
      s.markSelfCiting.run({ id: w });
      for (const c of ids(s.citedOf.all(w), "cited_id")) dirty.cited.add(c);
    }
    for (const w of dirty.authors) {
      s.markSelf.run({ id: w });
      dirty.cited.add(w);
      for (const c of ids(s.citedOf.all(w), "cited_id")) dirty.cited.add(c);
    }
    for (const w of dirty.cited) s.recount.run({ id: w });
    for (const w of dirty.orphans) {
      if (!s.orphan.get({ id: w })) continue;
      // An orphan cites nothing (it has no documents) and nothing cites it (no reference points at it).
      s.ftsDelete.run(w);
      s.deleteWorkAuthors.run(w);
      s.deleteWork.run(w);
    }
  }
}
