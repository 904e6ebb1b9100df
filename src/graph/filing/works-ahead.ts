/**
 * Works by DOI, read ahead for a batch (prefetch.ts), and the works rows this transaction wrote, kept for the
 * transaction: filing asks for the work of each DOI a record or reference names, and reads back the row of a
 * work it has just made, a round trip each over a network. Kept as filing writes works (inserted, updated with
 * another DOI or none, flagged, deleted, renumbered), so that every answer is the one the store would give; DOIs
 * no work holds are kept too.
 */

import { KeptAnswers } from "./kept-answers.ts";
import type { GraphRows, StoredWork, WorkRow, WorkRows, WorkText } from "./rows.ts";
import { workColumns } from "./work-columns.ts";

type Flagged = { id: number; inLibrary: boolean };

class WorksAhead implements WorkRows {
  /** The work holding each DOI asked, or none. */
  private readonly byDoiKept = new KeptAnswers<string, Flagged>();
  /** The rows of works written in this transaction as get() reads them, or none (null: deleted). */
  private readonly written = new Map<number, StoredWork | null>();

  constructor(private readonly rows: WorkRows) {}

  byDois(dois: string[]): Promise<Map<string, Flagged>> {
    return this.byDoiKept.get(dois, (missing) => this.rows.byDois(missing));
  }

  async byDoi(doi: string): Promise<Flagged | undefined> {
    return (await this.byDois([doi])).get(doi);
  }

  async get(ids: number[]): Promise<Map<number, StoredWork>> {
    const missing = ids.filter((id) => !this.written.has(id));
    const out = missing.length ? await this.rows.get(missing) : new Map<number, StoredWork>();
    for (const id of ids) {
      const w = this.written.get(id);
      if (w) out.set(id, w);
    }
    return out;
  }

  async insert(row: WorkRow, body?: string): Promise<void> {
    await this.rows.insert(row, body);
    this.wrote(row);
    if (row.doi) this.byDoiKept.set(row.doi, { id: row.id, inLibrary: row.inLibrary });
  }

  async update(row: WorkRow): Promise<void> {
    await this.rows.update(row);
    this.wrote(row);
    // The DOI it held before (if another) is held by none now.
    this.holdersOf(row.id, () => null);
    if (row.doi) this.byDoiKept.set(row.doi, { id: row.id, inLibrary: row.inLibrary });
  }

  async setInLibrary(id: number, inLibrary: boolean): Promise<void> {
    await this.rows.setInLibrary(id, inLibrary);
    this.holdersOf(id, () => ({ id, inLibrary }));
    const w = this.written.get(id);
    if (w) this.written.set(id, { ...w, inLibrary });
  }

  async delete(id: number): Promise<void> {
    await this.rows.delete(id);
    this.holdersOf(id, () => null);
    this.written.set(id, null);
  }

  async renumber(from: number, to: number): Promise<void> {
    await this.rows.renumber(from, to);
    this.holdersOf(from, (w) => ({ ...w, id: to }));
    // Read again when asked: what the store holds under both ids now.
    this.written.delete(from);
    this.written.delete(to);
  }

  venuesAhead(names: string[]) {
    return this.rows.venuesAhead(names);
  }
  byArxiv(arxiv: string) {
    return this.rows.byArxiv(arxiv);
  }
  newId() {
    return this.rows.newId();
  }
  setBody(id: number, body: string) {
    return this.rows.setBody(id, body);
  }
  index(id: number, text: WorkText) {
    return this.rows.index(id, text);
  }
  reindex(id: number) {
    return this.rows.reindex(id);
  }
  isOrphan(id: number) {
    return this.rows.isOrphan(id);
  }
  citedOnlyIds() {
    return this.rows.citedOnlyIds();
  }

  private wrote(row: WorkRow): void {
    this.written.set(row.id, { id: row.id, inLibrary: row.inLibrary, csl: workColumns(row.item).csl });
  }

  /** What the kept DOIs of a work say now. */
  private holdersOf(id: number, to: (w: Flagged) => Flagged | null): void {
    this.byDoiKept.change((w) => w.id === id, to);
  }
}

/** The rows of one transaction, with works by DOI kept as they are read ahead, and works as written. */
export function withWorksAhead(rows: GraphRows): GraphRows {
  return { ...rows, works: new WorksAhead(rows.works) };
}
