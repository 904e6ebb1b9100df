/**
 * Documents by source id, read ahead for a batch (prefetch.ts) and kept for the transaction: filing asks for one
 * source id at a time — a record's own (is it filed already?) and each reference naming a record by id — which
 * over a network is a round trip each. Kept as filing writes (a document inserted, its content changed, moved to
 * another work), so that every answer is the one the store would give; absent ids are kept too. Only for the
 * transaction it was made for: nothing outside it writes documents meanwhile (the writers' lock).
 */
import { KeptAnswers } from "./kept-answers.ts";
import type { DocumentContent, DocumentRows, GraphRows, StoredDocument } from "./rows.ts";

class DocumentsAhead implements DocumentRows {
  /** What each source id asked names: a document, or none. */
  private readonly bySourceId = new KeptAnswers<string, StoredDocument>();

  constructor(private readonly rows: DocumentRows) {}

  bySource(sourceIds: string[]): Promise<Map<string, StoredDocument>> {
    return this.bySourceId.get(sourceIds, (missing) => this.rows.bySource(missing));
  }

  async insert(workId: number, sourceId: string | null, content: DocumentContent): Promise<number> {
    const id = await this.rows.insert(workId, sourceId, content);
    if (sourceId !== null) this.bySourceId.set(sourceId, { id, workId, sha1: content.sha1 });
    return id;
  }

  async update(id: number, content: DocumentContent): Promise<void> {
    await this.rows.update(id, content);
    this.bySourceId.change(
      (d) => d.id === id,
      (d) => ({ ...d, sha1: content.sha1 }),
    );
  }

  async move(ids: number[], workId: number): Promise<void> {
    await this.rows.move(ids, workId);
    const moved = new Set(ids);
    this.bySourceId.change(
      (d) => moved.has(d.id),
      (d) => ({ ...d, workId }),
    );
  }

  bySha1(sha1: string) {
    return this.rows.bySha1(sha1);
  }
  byWorkDoi(doi: string) {
    return this.rows.byWorkDoi(doi);
  }
  idsOf(workId: number) {
    return this.rows.idsOf(workId);
  }
  itemsOf(workId: number, limit?: number) {
    return this.rows.itemsOf(workId, limit);
  }
  worksOf(ids: number[]) {
    return this.rows.worksOf(ids);
  }
}

/** The rows of one transaction, with documents by source id kept as they are read ahead. */
export function withDocumentsAhead(rows: GraphRows): GraphRows {
  return { ...rows, documents: new DocumentsAhead(rows.documents) };
}
