/**
 * Which record ids and DOIs unresolved references wait for, read ahead for a batch (prefetch.ts) and kept for the
 * transaction: each record filed asks for the references waiting for its id and its DOI, a round trip each over
 * a network, and almost always finds none. A target known to have none is answered at once; one that may have
 * some — waited for when read ahead, or given to a reference written unresolved since — is read as before. Any
 * write that could leave a reference unresolved otherwise (pointed at no work, made ambiguous) forgets it all.
 */
import type { CitingReference, GraphRows, NewReference, ReferenceRows } from "./rows.ts";

class WaitingAhead implements ReferenceRows {
  /** Targets whose waiting references are known to be none unless in `maybe`. */
  private readonly known = new Set<string>();
  private readonly maybe = new Set<string>();

  constructor(private readonly rows: ReferenceRows) {}

  async waitedFor(targets: string[]): Promise<Set<string>> {
    const unknown = [...new Set(targets.filter((t) => !this.known.has(t)))];
    for (const t of await this.rows.waitedFor(unknown)) this.maybe.add(t);
    for (const t of unknown) this.known.add(t);
    return new Set(targets.filter((t) => this.maybe.has(t)));
  }

  async waiting(target: string): Promise<CitingReference[]> {
    if (this.known.has(target) && !this.maybe.has(target)) return [];
    return this.rows.waiting(target);
  }

  async insert(ref: NewReference): Promise<void> {
    await this.rows.insert(ref);
    if (ref.workId === null && ref.target !== null) this.maybe.add(ref.target);
  }

  async point(ids: number[], workId: number | null): Promise<void> {
    await this.rows.point(ids, workId);
    if (workId === null) this.forget();
  }

  async setAmbiguous(id: number, workIds: number[]): Promise<void> {
    await this.rows.setAmbiguous(id, workIds);
    this.forget();
  }

  async renameInAmbiguous(from: number, to: number | null) {
    this.forget();
    return this.rows.renameInAmbiguous(from, to);
  }

  worksCitedBy(documentId: number) {
    return this.rows.worksCitedBy(documentId);
  }
  deleteOfDocument(documentId: number) {
    return this.rows.deleteOfDocument(documentId);
  }
  itemsTo(workId: number, limit: number) {
    return this.rows.itemsTo(workId, limit);
  }
  fieldsTo(workId: number, limit: number) {
    return this.rows.fieldsTo(workId, limit);
  }
  anyItems() {
    return this.rows.anyItems();
  }

  countTo(workId: number, limit: number) {
    return this.rows.countTo(workId, limit);
  }
  idsTo(workId: number) {
    return this.rows.idsTo(workId);
  }
  citedBefore(id: number) {
    return this.rows.citedBefore(id);
  }
  move(ids: number[], workId: number) {
    return this.rows.move(ids, workId);
  }
  worksOf(ids: number[]) {
    return this.rows.worksOf(ids);
  }

  /** Forgets which targets were known to be waited for by none. */
  private forget(): void {
    this.known.clear();
    this.maybe.clear();
  }
}

/** The rows of one transaction, with the targets references wait for kept as they are read ahead. */
export function withWaitingAhead(rows: GraphRows): GraphRows {
  return { ...rows, refs: new WaitingAhead(rows.refs) };
}
