/**
 * Changes to the citation graph as a whole rather than to one document: rebuilding it from the references,
 * merging two works that are one, and undoing such a merge. Every merge is recorded (work_merges) with what it
 * moved, so that a wrong one can be split again and the history stays readable.
 */
import type { CslItem } from "../../formats/csl.ts";
import { GraphEditError, type MergeRecord, type RebuildResult } from "../types.ts";
import { type Dirty, isAmbiguous, type ReferenceKind, SqliteWriter } from "./write.ts";

export class SqliteGraphWriter extends SqliteWriter {
  /**
   * Rebuilds the citation graph from the documents and their references alone by filing the documents again,
   * in the order they came, through the same steps as the incremental path: a library work becomes visible to
   * the matcher when its first document's turn comes (taking over a work only cited that its record matches, as
   * a promotion would), then the document's references are resolved. Cited-only works are dropped first and
   * found again; every edge and count is recomputed. For a library filed without later updates of its records
   * the result is the incremental one (a test and bench:graph check it); an updated record's references are
   * resolved as if it had had its present content from the start. After a change of matcher, or to check.
   *
   * Ids stay: library works keep theirs, and a cited-only work found again gets back the id it had — the one the
   * first of its references pointed at before. A cited-only id not found again redirects to the work most of its
   * references went to (or is gone, when none resolves).
   */
  rebuildGraph(): RebuildResult {
    return this.change((dirty, now) => {
      const db = this.db;
      const s = this.s;
      this.matchRecords.clear();
      // Where each reference to a cited-only work pointed before: the ids to give back.
      db.exec(`DROP TABLE IF EXISTS temp.rebuild_previous;
        CREATE TEMP TABLE rebuild_previous (ref_id INTEGER PRIMARY KEY, work_id INTEGER NOT NULL);
        INSERT INTO rebuild_previous SELECT r.id, r.work_id FROM refs r JOIN works w ON w.id = r.work_id
          WHERE w.in_library = 0;`);
      // People too are found again, in the order their works come: who a name is depends on what came before.
      db.exec(
        "UPDATE refs SET work_id = NULL, ambiguous = NULL WHERE kind <> 'link'; DELETE FROM citations; DELETE FROM work_keys; DELETE FROM work_authors; DELETE FROM authors;",
      );
      this.authorBlocks.clear();
      for (const id of db.prepare("SELECT id FROM works WHERE in_library = 0").pluck().all() as number[])
        this.deleteWork(id, dirty);
      const documents = db.prepare(
        "SELECT d.id, d.work_id, d.csl AS item, w.csl FROM documents d JOIN works w ON w.id = d.work_id WHERE d.id > ? ORDER BY d.id LIMIT 2000",
      );
      const refsOf = db.prepare(
        `SELECT r.id, r.kind, r.target, r.csl, p.work_id AS previous FROM refs r
         LEFT JOIN temp.rebuild_previous p ON p.ref_id = r.id
         WHERE r.document_id = ? AND r.kind <> 'link' ORDER BY r.position`,
      );
      const update = db.prepare("UPDATE refs SET work_id = ?, ambiguous = ? WHERE id = ?");
      const visible = new Set<number>();
      for (let after = 0; ; ) {
        const page = documents.all(after) as { id: number; work_id: number; item: string; csl: string }[];
        if (!page.length) break;
        for (const d of page) {
          if (!visible.has(d.work_id)) {
            const found = this.findWork(JSON.parse(d.item) as CslItem, true, d.work_id);
            if (found && !isAmbiguous(found)) {
              this.joinSameWork(found.id, found.join, now, dirty);
              if (!found.in_library) this.absorb(d.work_id, found.id, dirty);
            }
            const item = JSON.parse(d.csl) as CslItem;
            this.setKeys(d.work_id, item, true, true);
            this.setAuthors(d.work_id, item, true);
            visible.add(d.work_id);
            this.reconsiderNeighbours(d.work_id, now, dirty);
          }
          const citedHere = new Set<number>();
          for (const r of refsOf.all(d.id) as {
            id: number;
            kind: ReferenceKind;
            target: string | null;
            csl: string | null;
            previous: number | null;
          }[]) {
            const fields = r.csl ? (JSON.parse(r.csl) as CslItem) : undefined;
            const { cited, ambiguous, joined } = this.resolveReference(
              r.kind,
              r.target,
              fields,
              now,
              dirty,
              r.previous ?? undefined,
              citedHere,
            );
            if (cited !== null) citedHere.add(cited);
            update.run(cited, ambiguous ? JSON.stringify(ambiguous) : null, r.id);
            if (joined !== undefined) this.referenceJoined(joined, now, dirty);
          }
        }
        after = page[page.length - 1].id;
      }
      this.giveBackCitedOnlyIds(dirty);
      for (const id of db.prepare("SELECT DISTINCT work_id FROM documents").pluck().all() as number[])
        s.insertCitations.run({ id });
      // Cited-only ids not found again redirect where most of their references went.
      db.exec(`UPDATE retired_works SET into_id = (
          SELECT r.work_id FROM rebuild_previous p JOIN refs r ON r.id = p.ref_id
          WHERE p.work_id = retired_works.id AND r.work_id IS NOT NULL
          GROUP BY r.work_id ORDER BY count(*) DESC, r.work_id LIMIT 1)
        WHERE id IN (SELECT work_id FROM rebuild_previous) AND id NOT IN (SELECT id FROM works);
        DROP TABLE temp.rebuild_previous;`);
      db.exec(`UPDATE work_rank SET
        cited_by = (SELECT count(*) FROM citations WHERE cited_id = work_rank.id),
        self_cited = (SELECT count(*) FROM citations WHERE cited_id = work_rank.id AND self = 1)`);
      const n = (sql: string) => Number(db.prepare(sql).pluck().get());
      return {
        references: n("SELECT count(*) FROM refs"),
        resolved: n("SELECT count(*) FROM refs WHERE work_id IS NOT NULL"),
        ambiguous: n("SELECT count(*) FROM refs WHERE ambiguous IS NOT NULL"),
        citedOnly: n("SELECT count(*) FROM works WHERE in_library = 0"),
      };
    }).value;
  }

  /**
   * After a rebuild, a cited-only work made under a new id (the reference that made it did not point at it
   * before: the order of events differed) takes the retired id most of its references pointed at, if that id is
   * free. Only cited-only works are renumbered: they have no documents and no edges yet (edges are rebuilt after).
   */
  private giveBackCitedOnlyIds(dirty: Dirty): void {
    const db = this.db;
    const proposals = db
      .prepare(
        `SELECT r.work_id AS fresh, p.work_id AS previous, count(*) AS n FROM refs r
         JOIN temp.rebuild_previous p ON p.ref_id = r.id JOIN works w ON w.id = r.work_id
         WHERE w.in_library = 0 AND r.work_id <> p.work_id
           AND r.work_id NOT IN (SELECT work_id FROM temp.rebuild_previous)
         GROUP BY r.work_id, p.work_id ORDER BY n DESC, previous, fresh`,
      )
      .all() as { fresh: number; previous: number }[];
    const moved = new Set<number>();
    for (const { fresh, previous } of proposals) {
      if (moved.has(fresh) || !this.s.isRetired.get(previous) || this.s.workForMatch.get(previous)) continue;
      moved.add(fresh);
      this.renumberCitedOnly(fresh, previous, dirty);
    }
  }

  /** Gives a cited-only work another id (one retired, given back): every row that names it follows. */
  private renumberCitedOnly(from: number, to: number, dirty: Dirty): void {
    const db = this.db;
    // The rows that name the work change one after the other: their keys are checked at commit.
    db.pragma("defer_foreign_keys = ON");
    this.s.unretire.run(to);
    for (const sql of [
      "UPDATE works SET id = @to WHERE id = @from",
      "UPDATE work_rank SET id = @to WHERE id = @from",
      "UPDATE work_keys SET work_id = @to WHERE work_id = @from",
      "UPDATE work_authors SET work_id = @to WHERE work_id = @from",
      "UPDATE refs SET work_id = @to WHERE work_id = @from",
      "UPDATE work_merges SET into_id = @to WHERE into_id = @from",
      "UPDATE retired_works SET into_id = @to WHERE into_id = @from",
    ])
      db.prepare(sql).run({ from, to });
    this.s.renameAmbiguous.run({ from, to });
    this.s.ftsDelete.run(from);
    this.reindexWork(to);
    this.matchRecords.delete(from);
    this.s.retire.run(from, to, Date.now());
    dirty.touched.add(from);
    dirty.touched.add(to);
  }

  /** A library work takes over a work only cited: the references to it move over, and it is gone. */
  private absorb(into: number, citedOnly: number, dirty: Dirty): void {
    this.db.prepare("UPDATE refs SET work_id = ? WHERE work_id = ?").run(into, citedOnly);
    this.deleteWork(citedOnly, dirty, into);
  }

  /** Makes `from` part of `into` by hand (see mergeInto). Returns the merge's id in the history. */
  mergeWorks(into: number, from: number, note?: string): { mergeId: number; touched: Set<number> } {
    const { value, touched } = this.change((dirty, now) => {
      const db = this.db;
      if (into === from) throw new GraphEditError(`work ${into} cannot be merged with itself`);
      if (db.prepare("SELECT 1 FROM works WHERE id = ?").get(from) === undefined)
        throw new GraphEditError(`no work ${from}`);
      if (db.prepare("SELECT 1 FROM works WHERE id = ?").get(into) === undefined)
        throw new GraphEditError(`no work ${into}`);
      return this.mergeInto(into, from, note, now, dirty);
    });
    return { mergeId: value, touched };
  }

  /**
   * Undoes a merge: the absorbed work comes back under its own id with the documents and references the merge
   * moved, and the history records the split. References filed since the merge stay where the matcher put them.
   */
  splitMerge(mergeId: number): { workId: number; touched: Set<number> } {
    const { value, touched } = this.change((dirty, now) => {
      const db = this.db;
      const m = db.prepare("SELECT * FROM work_merges WHERE id = ?").get(mergeId) as
        | {
            into_id: number;
            from_id: number;
            from_csl: string;
            documents: string;
            refs: string;
            split_at: number | null;
          }
        | undefined;
      if (!m) throw new GraphEditError(`no merge ${mergeId}`);
      if (m.split_at !== null) throw new GraphEditError(`merge ${mergeId} was split already`);
      // The work it joined may have been merged on since: what the merge moved is there now.
      const into = this.liveWork(m.into_id);
      if (into === undefined)
        throw new GraphEditError(
          `merge ${mergeId}: work ${m.into_id}, which it joined, is gone from the library`,
        );
      const documents = (JSON.parse(m.documents) as number[]).filter(
        (d) => db.prepare("SELECT work_id FROM documents WHERE id = ?").pluck().get(d) === into,
      );
      const refs = (JSON.parse(m.refs) as number[]).filter(
        (r) => db.prepare("SELECT work_id FROM refs WHERE id = ?").pluck().get(r) === into,
      );
      const workId = this.insertWork(
        JSON.parse(m.from_csl) as CslItem,
        documents.length > 0,
        now,
        undefined,
        m.from_id,
      );
      dirty.fresh.add(workId);
      this.moveWork(into, workId, documents, refs, dirty);
      if (!db.prepare("SELECT 1 FROM documents WHERE work_id = ?").get(into))
        this.setInLibrary(into, false, dirty);
      dirty.canonical.add(into);
      dirty.canonical.add(workId);
      // The absorbed work's corrections were idle while it was gone; they are its own again.
      db.prepare("UPDATE work_corrections SET work_id = ? WHERE work_id = ?").run(workId, m.from_id);
      db.prepare("UPDATE work_merges SET split_at = ?, split_into = ? WHERE id = ?").run(
        now,
        workId,
        mergeId,
      );
      return workId;
    });
    return { workId: value, touched };
  }

  /** The merge history, newest first. */
  merges(limit: number): MergeRecord[] {
    return (
      this.db.prepare("SELECT * FROM work_merges ORDER BY id DESC LIMIT ?").all(limit) as {
        id: number;
        into_id: number;
        from_id: number;
        from_csl: string;
        documents: string;
        refs: string;
        note: string | null;
        merged_at: number;
        split_at: number | null;
        split_into: number | null;
      }[]
    ).map((m) => ({
      id: m.id,
      into: m.into_id,
      from: m.from_id,
      fromTitle: (JSON.parse(m.from_csl) as CslItem).title ?? "",
      documents: (JSON.parse(m.documents) as number[]).length,
      references: (JSON.parse(m.refs) as number[]).length,
      note: m.note ?? undefined,
      mergedAt: m.merged_at,
      splitAt: m.split_at ?? undefined,
      splitInto: m.split_into ?? undefined,
    }));
  }
}
