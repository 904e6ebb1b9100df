/**
 * The PostgreSQL store: a library in a PostgreSQL database (pg 8, a Pool), answering every read of the Store
 * interface as the SQLite store does — the same rows, orders, counts and search results — so that a library
 * moved by `citegraph migrate` reads the same — and writing it as the SQLite store does: the graph's filing
 * (src/graph/filing/) over this library's rows (graph-rows.ts), in write transactions that any number of
 * processes may run at once (write.ts), so that the same writes make the same graph on both stores.
 *
 * Every query is parameterised; every list a method returns is bounded by the caller's limit or by a constant.
 */
import type pg from "pg";
import type { CslItem } from "../../formats/csl.ts";
import type { Correction } from "../../graph/corrections.ts";
import { isOtherEdition } from "../../graph/editions.ts";
import { type Changed, Filer } from "../../graph/filing/filer.ts";
import { matchRecordKeyHashes, workMatchRecord } from "../../graph/key-hash.ts";
import { type CorrectionRow, correctionOf } from "../correction-row.ts";
import type {
  AmbiguousReference,
  AuthorDetail,
  AuthorRef,
  CitingEntry,
  DocumentInfo,
  DocumentInput,
  FailureRecord,
  LibraryLeaders,
  LibraryStats,
  MergeRecord,
  MetadataSourceEntry,
  RebuildResult,
  ReferenceEntry,
  RelatedKind,
  SearchIds,
  SearchRequest,
  Store,
  UpsertResult,
  VenueDetail,
  WorkDetail,
  WorkId,
  WorkSummary,
} from "../types.ts";
import { inTransaction, newPool, PostgresLibraryError, safeUrl } from "./connection.ts";
import { authorDetail, leaderIds, relatedWorkIds, venueDetail } from "./graph-queries.ts";
import { type PostgresWriting, postgresWriting } from "./graph-rows.ts";
import { migrate } from "./schema.ts";
import { PostgresSearch } from "./search.ts";

interface WorkRow {
  id: number;
  in_library: boolean;
  type: string;
  title: string;
  year: number | null;
  venue: string | null;
  doi: string | null;
  arxiv: string | null;
  url: string | null;
  abstract: string | null;
  keywords: string | null;
  has_body: boolean;
  cited_by: number;
  self_cited: number;
  added_at: number;
}

const SUMMARY_COLUMNS =
  "w.id, w.in_library, w.type, w.title, w.year, w.venue, w.doi, w.arxiv, w.url, w.abstract, w.keywords, w.body IS NOT NULL AS has_body, r.cited_by, r.self_cited, w.added_at";
const WORKS = "works w JOIN work_rank r ON r.id = w.id";
/** Ids sent in one statement. */
const CHUNK = 1000;
/** The most rows one call returns, whatever limit it is given. */
const MAX_ROWS = 100_000;
/** A work's references read at most (a reference list is rarely above a few hundred). */
const MAX_REFERENCES = 10_000;
/** Works sharing a blocking key with a work looked at for its other editions. */
const EDITION_CANDIDATES = 200;
/** Merges followed from a retired id to the live work (graph/filing/edits.ts liveWork). */
const MAX_MERGE_HOPS = 64;
/** Leaders' answers kept for one version of the library. */
const MAX_CACHED_LEADERS = 1000;

interface DocumentRow {
  id: number;
  source_id: string | null;
  sha1: string;
  kind: string;
  source: string;
  added_at: number;
}

function documentInfo(d: DocumentRow): DocumentInfo {
  return {
    id: d.id,
    sourceId: d.source_id ?? undefined,
    sha1: d.sha1,
    kind: d.kind,
    source: d.source,
    addedAt: d.added_at,
  };
}

/** A caller's limit, bounded. */
function bounded(limit: number): number {
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`not a limit: ${limit}`);
  return Math.min(Math.floor(limit), MAX_ROWS);
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  private readonly searcher: PostgresSearch;
  /** Connected and migrated: every method waits for it (openStore opens without awaiting). */
  private readonly ready: Promise<void>;
  private readonly writing: PostgresWriting;
  /** The graph's filing decisions (src/graph/filing/) over this library's rows. */
  private readonly filer: Filer;
  private cachedStats: { version: number; stats: LibraryStats } | undefined;
  private cachedLeaders:
    | { version: number; byQuery: Map<string, Awaited<ReturnType<typeof leaderIds>>> }
    | undefined;

  /** Opens the library at `url`, creating its tables in an empty database; a query waits until it is open. */
  constructor(readonly url: string) {
    this.pool = newPool(url);
    this.searcher = new PostgresSearch(this.pool);
    this.writing = postgresWriting(this.pool, url);
    this.filer = new Filer(this.writing.filing);
    this.ready = migrate(this.pool).catch((e: Error) => {
      throw new PostgresLibraryError(`cannot open the library ${safeUrl(url)}: ${e.message}`);
    });
    // Awaited by every method; a failure is reported there, not as an unhandled rejection here.
    this.ready.catch(() => {});
  }

  /** Opens the library and waits until it is ready (an error names the URL). */
  static async open(url: string): Promise<PostgresStore> {
    const store = new PostgresStore(url);
    try {
      await store.ready;
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  private async query<T>(text: string, values: unknown[] = []): Promise<T[]> {
    await this.ready;
    return (await this.pool.query(text, values)).rows as T[];
  }

  private async count(text: string, values: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: number }>(text, values);
    return Number(row.n);
  }

  /**
   * write_version (write.ts): moves whenever this or another process commits a write, so that what is cached of
   * whole-library answers (stats, leaders) holds until then.
   */
  private async version(): Promise<number> {
    const [row] = await this.query<{ version: number }>("SELECT version FROM write_version");
    return Number(row.version);
  }

  /** A change to the graph (src/graph/filing/), once the library is open. */
  private async change<T>(run: () => Promise<Changed<T>>): Promise<T> {
    await this.ready;
    return (await run()).value;
  }

  async upsertDocuments(batch: DocumentInput[]): Promise<UpsertResult> {
    return this.change(() => this.filer.upsert(batch));
  }

  async recordFailures(failures: FailureRecord[]): Promise<void> {
    await this.ready;
    const sql = this.writing.sql;
    // Ids as SQLite gives them (sql.ts): one above the largest, under the writers' lock.
    await this.writing.writes.transaction(async () => {
      for (const f of failures)
        await sql.query(
          `INSERT INTO failures (id, source, location, reason, at)
           VALUES ((SELECT coalesce(max(id), 0) + 1 FROM failures), $1, $2, $3, $4)
           ON CONFLICT (source, location) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
          [f.source, f.location ?? null, f.reason, f.at ?? Date.now()],
        );
    });
  }

  async failures(limit = 1000): Promise<FailureRecord[]> {
    const rows = await this.query<FailureRecord & { location: string | null }>(
      "SELECT source, location, reason, at FROM failures ORDER BY id DESC LIMIT $1",
      [bounded(limit)],
    );
    // As SQLite gives them: a missing location is null.
    return rows;
  }

  async clearFailures(sources: string[]): Promise<void> {
    if (sources.length === 0) return;
    await this.ready;
    // Nearly always there is nothing to clear (a file read at its first try): a read, without the writers' lock
    // and the transaction every filed PDF would otherwise take once more. A failure recorded after this read
    // is one recorded after the file was read, and stays.
    const recorded = await this.query("SELECT 1 FROM failures WHERE source = ANY($1::text[]) LIMIT 1", [
      sources,
    ]);
    if (recorded.length === 0) return;
    const sql = this.writing.sql;
    await this.writing.writes.transaction(async () => {
      await sql.query("DELETE FROM failures WHERE source = ANY($1::text[])", [sources]);
    });
  }

  async knownSha1s(sha1s: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let i = 0; i < sha1s.length; i += CHUNK) {
      const rows = await this.query<{ sha1: string }>(
        "SELECT DISTINCT sha1 FROM documents WHERE sha1 = ANY($1::text[])",
        [sha1s.slice(i, i + CHUNK)],
      );
      for (const r of rows) known.add(r.sha1);
    }
    return known;
  }

  async getWorks(ids: WorkId[]): Promise<WorkSummary[]> {
    const byId = new Map<number, WorkSummary>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const [rows, authors] = await Promise.all([
        this.query<WorkRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${WORKS} WHERE w.id = ANY($1::bigint[])`, [
          chunk,
        ]),
        this.authorsOf(chunk),
      ]);
      for (const r of rows) byId.set(r.id, toSummary(r, authors.get(r.id) ?? []));
    }
    return ids.map((id) => byId.get(id)).filter((w): w is WorkSummary => w !== undefined);
  }

  private async authorsOf(ids: number[]): Promise<Map<number, AuthorRef[]>> {
    const out = new Map<number, AuthorRef[]>();
    if (!ids.length) return out;
    const rows = await this.query<{ work_id: number; author_id: number; name: string }>(
      "SELECT work_id, author_id, name FROM work_authors WHERE work_id = ANY($1::bigint[]) ORDER BY work_id, position",
      [ids],
    );
    for (const r of rows) {
      const list = out.get(r.work_id) ?? [];
      list.push({ id: r.author_id, name: r.name });
      out.set(r.work_id, list);
    }
    return out;
  }

  async getWork(id: WorkId): Promise<WorkDetail | undefined> {
    const [[row], documents, references, authors] = await Promise.all([
      this.query<WorkRow & { csl: string; body: string | null; updated_at: number }>(
        `SELECT ${SUMMARY_COLUMNS}, w.csl, w.body, w.updated_at FROM ${WORKS} WHERE w.id = $1`,
        [id],
      ),
      this.query<DocumentRow>(
        "SELECT id, source_id, sha1, kind, source, added_at FROM documents WHERE work_id = $1 ORDER BY id",
        [id],
      ),
      this.query<{
        position: number;
        raw: string | null;
        csl: string | null;
        target: string | null;
        ambiguous: number[] | null;
        work_id: number | null;
        title: string | null;
        in_library: boolean | null;
      }>(
        `SELECT r.position, r.raw, r.csl, r.target, r.ambiguous, w.id AS work_id, w.title, w.in_library
         FROM refs r JOIN documents d ON d.id = r.document_id LEFT JOIN works w ON w.id = r.work_id
         WHERE d.work_id = $1 ORDER BY d.id, r.position LIMIT ${MAX_REFERENCES}`,
        [id],
      ),
      this.authorsOf([id]),
    ]);
    if (!row) return undefined;
    return {
      ...toSummary(row, authors.get(id) ?? []),
      csl: JSON.parse(row.csl) as CslItem,
      updatedAt: row.updated_at,
      body: row.body ?? undefined,
      documents: documents.map(documentInfo),
      references: references.map(
        (r): ReferenceEntry => ({
          position: r.position,
          raw: r.raw ?? undefined,
          item: r.csl ? (JSON.parse(r.csl) as CslItem) : undefined,
          target: r.work_id === null ? (r.target ?? undefined) : undefined,
          ambiguous: r.ambiguous ?? undefined,
          work:
            r.work_id !== null
              ? { id: r.work_id, title: r.title ?? "", inLibrary: r.in_library === true }
              : undefined,
        }),
      ),
    };
  }

  async bodies(ids: WorkId[], maxChars: number): Promise<Map<WorkId, string>> {
    const out = new Map<WorkId, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.query<{ id: number; body: string }>(
        "SELECT id, substr(body, 1, $1) AS body FROM works WHERE body IS NOT NULL AND id = ANY($2::bigint[])",
        [Math.max(0, Math.floor(maxChars)), ids.slice(i, i + CHUNK)],
      );
      for (const r of rows) out.set(r.id, r.body);
    }
    return out;
  }

  async citedBy(
    id: WorkId,
    opts: { sort: "citations" | "year" | "recent"; offset: number; limit: number; withoutSelf?: boolean },
  ): Promise<{ total: number; items: CitingEntry[] }> {
    const self = opts.withoutSelf ? " AND NOT c.self" : "";
    const order =
      opts.sort === "year"
        ? "w.year DESC NULLS LAST, w.id"
        : opts.sort === "recent"
          ? "w.added_at DESC, w.id DESC"
          : "w.cited_by DESC, w.id";
    const [rows, total] = await Promise.all([
      this.query<{ citing_id: number; self: boolean }>(
        `SELECT c.citing_id, c.self FROM citations c JOIN work_rank w ON w.id = c.citing_id
         WHERE c.cited_id = $1${self} ORDER BY ${order} LIMIT $2 OFFSET $3`,
        [id, bounded(opts.limit), Math.max(0, Math.floor(opts.offset))],
      ),
      this.count(`SELECT count(*) AS n FROM citations c WHERE c.cited_id = $1${self}`, [id]),
    ]);
    const citing = rows.map((r) => r.citing_id);
    const [works, contexts] = await Promise.all([
      this.getWorks(citing),
      this.query<{ work_id: number; contexts: string[] }>(
        `SELECT d.work_id, r.contexts FROM refs r JOIN documents d ON d.id = r.document_id
         WHERE d.work_id = ANY($1::bigint[]) AND r.work_id = $2 AND r.contexts IS NOT NULL ORDER BY r.id`,
        [citing, id],
      ),
    ]);
    const byId = new Map(works.map((w) => [w.id, w]));
    const contextsOf = new Map<number, string[]>();
    for (const c of contexts)
      contextsOf.set(c.work_id, [...(contextsOf.get(c.work_id) ?? []), ...c.contexts]);
    const items = rows.map((r) => ({
      work: byId.get(r.citing_id)!,
      self: r.self,
      contexts: (contextsOf.get(r.citing_id) ?? []).slice(0, 5),
    }));
    return { total, items };
  }

  async search(req: SearchRequest): Promise<SearchIds> {
    await this.ready;
    return this.searcher.search({ ...req, limit: bounded(req.limit) });
  }

  async worksByDate(opts: {
    from?: number;
    until?: number;
    after?: { at: number; id: WorkId };
    limit: number;
  }): Promise<{ id: WorkId; updatedAt: number }[]> {
    const rows = await this.query<{ id: number; updated_at: number }>(
      `SELECT id, updated_at FROM works WHERE in_library AND updated_at >= $1 AND updated_at <= $2
       AND (updated_at > $3 OR (updated_at = $3 AND id > $4)) ORDER BY updated_at, id LIMIT $5`,
      [
        opts.from ?? 0,
        opts.until ?? Number.MAX_SAFE_INTEGER,
        opts.after?.at ?? -1,
        opts.after?.id ?? 0,
        bounded(opts.limit),
      ],
    );
    return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
  }

  async earliestChange(): Promise<number | undefined> {
    const [row] = await this.query<{ at: number | null }>(
      "SELECT min(updated_at) AS at FROM works WHERE in_library",
    );
    return row.at ?? undefined;
  }

  async listWorkIds(opts: { afterId: WorkId; limit: number; includeCitations: boolean }): Promise<WorkId[]> {
    const filter = opts.includeCitations ? "" : "AND in_library";
    const rows = await this.query<{ id: number }>(
      `SELECT id FROM works WHERE id > $1 ${filter} ORDER BY id LIMIT $2`,
      [opts.afterId, bounded(opts.limit)],
    );
    return rows.map((r) => r.id);
  }

  async stats(): Promise<LibraryStats> {
    // Counting millions of rows takes a while; the answer holds until this or another process writes.
    if (this.cachedStats && this.cachedStats.version === (await this.version()))
      return this.cachedStats.stats;
    const [row] = await this.query<Record<keyof LibraryStats | "version", number>>(
      `SELECT (SELECT version FROM write_version) AS version,
              (SELECT count(*) FROM works) AS works,
              (SELECT count(*) FROM works WHERE in_library) AS "worksInLibrary",
              (SELECT count(*) FROM works WHERE NOT in_library) AS "worksCitedOnly",
              (SELECT count(*) FROM documents) AS documents,
              (SELECT count(*) FROM refs) AS "references",
              (SELECT count(*) FROM refs WHERE work_id IS NOT NULL) AS "referencesResolved",
              (SELECT count(*) FROM citations) AS citations,
              (SELECT count(*) FROM citations WHERE self) AS "selfCitations",
              (SELECT count(*) FROM authors) AS authors,
              (SELECT count(*) FROM failures) AS failures`,
    );
    const stats: LibraryStats = {
      works: row.works,
      worksInLibrary: row.worksInLibrary,
      worksCitedOnly: row.worksCitedOnly,
      documents: row.documents,
      references: row.references,
      referencesResolved: row.referencesResolved,
      citations: row.citations,
      selfCitations: row.selfCitations,
      authors: row.authors,
      failures: row.failures,
    };
    // The version read in the same statement as the counts: the answer of exactly that version.
    this.cachedStats = { version: Number(row.version), stats };
    return stats;
  }

  async relatedWorks(
    id: WorkId,
    kind: RelatedKind,
    limit: number,
  ): Promise<{ work: WorkSummary; strength: number }[]> {
    await this.ready;
    const related = await relatedWorkIds(this.pool, id, kind, bounded(limit));
    const works = new Map((await this.getWorks(related.map((r) => r.id))).map((w) => [w.id, w]));
    return related.flatMap((r) => {
      const work = works.get(r.id);
      return work ? [{ work, strength: r.strength }] : [];
    });
  }

  async otherEditions(id: WorkId, limit: number): Promise<WorkSummary[]> {
    const [row] = await this.query<{ in_library: boolean; csl: string }>(
      "SELECT in_library, csl FROM works WHERE id = $1",
      [id],
    );
    if (!row) return [];
    const record = workMatchRecord(JSON.parse(row.csl) as CslItem, row.in_library);
    const hashes = matchRecordKeyHashes(record);
    if (!hashes.length) return [];
    const candidates = await this.query<{ work_id: number; in_library: boolean; csl: string }>(
      `SELECT k.work_id, w.in_library, w.csl FROM (SELECT DISTINCT work_id FROM work_keys
         WHERE key_hash = ANY($1::bigint[]) AND work_id <> $2 ORDER BY work_id LIMIT ${EDITION_CANDIDATES}) k
       JOIN works w ON w.id = k.work_id`,
      [hashes, id],
    );
    const editions = candidates
      .filter((c) => isOtherEdition(record, workMatchRecord(JSON.parse(c.csl) as CslItem, c.in_library)))
      .map((c) => c.work_id);
    return (await this.getWorks(editions))
      .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.id - b.id)
      .slice(0, bounded(limit));
  }

  async getAuthor(id: number): Promise<AuthorDetail | undefined> {
    await this.ready;
    const detail = await authorDetail(this.pool, id);
    if (!detail) return undefined;
    const { workIds, ...rest } = detail;
    return { ...rest, works: await this.getWorks(workIds) };
  }

  async leaders(opts: { year?: number; limit: number }): Promise<LibraryLeaders> {
    await this.ready;
    // Ranking every author and venue reads the whole library; the answer holds until the library changes. The
    // version is read before ranking: a write meanwhile makes the next call rank again.
    const version = await this.version();
    if (this.cachedLeaders?.version !== version) this.cachedLeaders = { version, byQuery: new Map() };
    const key = `${opts.year ?? ""}:${bounded(opts.limit)}`;
    let ids = this.cachedLeaders.byQuery.get(key);
    if (!ids) {
      ids = await leaderIds(this.pool, { year: opts.year, limit: bounded(opts.limit) });
      if (this.cachedLeaders.byQuery.size < MAX_CACHED_LEADERS) this.cachedLeaders.byQuery.set(key, ids);
    }
    return { works: await this.getWorks(ids.works), authors: ids.authors, venues: ids.venues };
  }

  async getVenue(id: number, limit: number): Promise<VenueDetail | undefined> {
    await this.ready;
    const v = await venueDetail(this.pool, id, bounded(limit));
    if (!v) return undefined;
    const { topIds, ...rest } = v;
    return { ...rest, top: await this.getWorks(topIds) };
  }

  async mergeWorks(into: WorkId, from: WorkId, note?: string): Promise<{ mergeId: number }> {
    return { mergeId: await this.change(() => this.filer.mergeWorks(into, from, note)) };
  }

  async splitMerge(mergeId: number): Promise<{ workId: WorkId }> {
    return { workId: await this.change(() => this.filer.splitMerge(mergeId)) };
  }

  async retiredWork(id: WorkId): Promise<{ into?: WorkId } | undefined> {
    // Follows the merges (a into b, b into c) to the work that is live now, as graph/filing/edits.ts liveWork.
    const [row] = await this.query<{ retired: boolean; live: number | null }>(
      `WITH RECURSIVE chain(id, hops) AS (
         SELECT $1::bigint, 0
         UNION ALL
         SELECT r.into_id, c.hops + 1 FROM chain c JOIN retired_works r ON r.id = c.id
         WHERE r.into_id IS NOT NULL AND c.hops + 1 < ${MAX_MERGE_HOPS}
           AND NOT EXISTS (SELECT 1 FROM works w WHERE w.id = c.id))
       SELECT EXISTS (SELECT 1 FROM retired_works WHERE id = $1) AS retired,
              (SELECT c.id FROM chain c JOIN works w ON w.id = c.id ORDER BY c.hops LIMIT 1) AS live`,
      [id],
    );
    if (!row.retired) return undefined;
    return row.live === null ? {} : { into: row.live };
  }

  async merges(limit: number): Promise<MergeRecord[]> {
    const rows = await this.query<{
      id: number;
      into_id: number;
      from_id: number;
      from_csl: string;
      documents: number;
      refs: number;
      note: string | null;
      merged_at: number;
      split_at: number | null;
      split_into: number | null;
    }>(
      `SELECT id, into_id, from_id, from_csl, cardinality(documents) AS documents, cardinality(refs) AS refs,
              note, merged_at, split_at, split_into FROM work_merges ORDER BY id DESC LIMIT $1`,
      [bounded(limit)],
    );
    return rows.map((m) => ({
      id: m.id,
      into: m.into_id,
      from: m.from_id,
      fromTitle: (JSON.parse(m.from_csl) as CslItem).title ?? "",
      documents: m.documents,
      references: m.refs,
      note: m.note ?? undefined,
      mergedAt: m.merged_at,
      splitAt: m.split_at ?? undefined,
      splitInto: m.split_into ?? undefined,
    }));
  }

  async metadataSources(id: WorkId, limit: number): Promise<MetadataSourceEntry[]> {
    const docs = await this.query<DocumentRow & { csl: string }>(
      `SELECT id, source_id, sha1, kind, source, added_at, csl FROM documents WHERE work_id = $1
       ORDER BY id LIMIT ${MAX_ROWS}`,
      [id],
    );
    if (docs.length)
      return docs.map((d) => ({
        kind: "document",
        item: JSON.parse(d.csl) as CslItem,
        document: documentInfo(d),
      }));
    const refs = await this.query<{ raw: string | null; csl: string; id: number; title: string }>(
      `SELECT r.raw, r.csl, w.id, w.title FROM refs r JOIN documents d ON d.id = r.document_id
       JOIN works w ON w.id = d.work_id WHERE r.work_id = $1 AND r.csl IS NOT NULL ORDER BY r.id LIMIT $2`,
      [id, bounded(limit)],
    );
    return refs.map((r) => ({
      kind: "reference",
      item: JSON.parse(r.csl) as CslItem,
      raw: r.raw ?? undefined,
      citing: { id: r.id, title: r.title },
    }));
  }

  async correctWork(
    id: WorkId,
    fields: Record<string, unknown>,
    by: { editor: string; note?: string },
  ): Promise<Correction> {
    return this.change(() => this.filer.correctWork(id, fields, by));
  }

  async revertCorrection(id: number, editor: string): Promise<Correction> {
    return this.change(() => this.filer.revertCorrection(id, editor));
  }

  async corrections(workId: WorkId, limit: number): Promise<Correction[]> {
    const rows = await this.query<CorrectionRow>(
      "SELECT * FROM work_corrections WHERE work_id = $1 ORDER BY id DESC LIMIT $2",
      [workId, bounded(limit)],
    );
    return rows.map(correctionOf);
  }

  async rebuildGraph(): Promise<RebuildResult> {
    return this.change(() => this.filer.rebuildGraph());
  }

  async ambiguousReferences(opts: {
    offset: number;
    limit: number;
  }): Promise<{ total: number; items: AmbiguousReference[] }> {
    const [total, rows] = await Promise.all([
      this.count("SELECT count(*) AS n FROM refs WHERE ambiguous IS NOT NULL"),
      this.query<{
        position: number;
        raw: string | null;
        csl: string | null;
        ambiguous: number[];
        id: number;
        title: string;
      }>(
        `SELECT r.position, r.raw, r.csl, r.ambiguous, w.id, w.title FROM refs r
         JOIN documents d ON d.id = r.document_id JOIN works w ON w.id = d.work_id
         WHERE r.ambiguous IS NOT NULL ORDER BY r.id LIMIT $1 OFFSET $2`,
        [bounded(opts.limit), Math.max(0, Math.floor(opts.offset))],
      ),
    ]);
    const candidateIds = [...new Set(rows.flatMap((r) => r.ambiguous))];
    const candidates = new Map(
      (
        await this.query<{ id: number; title: string; in_library: boolean }>(
          "SELECT id, title, in_library FROM works WHERE id = ANY($1::bigint[])",
          [candidateIds],
        )
      ).map((w) => [w.id, w]),
    );
    const items = rows.map((r) => ({
      citing: { id: r.id, title: r.title },
      position: r.position,
      raw: r.raw ?? undefined,
      item: r.csl ? (JSON.parse(r.csl) as CslItem) : undefined,
      candidates: r.ambiguous.flatMap((id) => {
        const w = candidates.get(id);
        return w ? [{ id: w.id, title: w.title, inLibrary: w.in_library }] : [];
      }),
    }));
    return { total, items };
  }

  async revokeSession(id: string, expiresAt: number, bound: { now: number; maxKept: number }): Promise<void> {
    await this.ready;
    await inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM revoked_sessions WHERE expires_at < $1", [bound.now]);
      await client.query(
        "INSERT INTO revoked_sessions (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        [id, expiresAt],
      );
      // The oldest past the bound are forgotten: every session expiring up to the latest of them is refused.
      await client.query(
        `WITH old AS (
           DELETE FROM revoked_sessions WHERE id IN (
             SELECT id FROM revoked_sessions WHERE id <> '*' ORDER BY expires_at DESC, id OFFSET $1)
           RETURNING expires_at)
         INSERT INTO revoked_sessions (id, expires_at) SELECT '*', max(expires_at) FROM old HAVING count(*) > 0
         ON CONFLICT (id) DO UPDATE SET expires_at = GREATEST(revoked_sessions.expires_at, excluded.expires_at)`,
        [Math.max(1, bound.maxKept)],
      );
    });
  }

  async sessionRevoked(id: string, expiresAt: number): Promise<boolean> {
    const rows = await this.query(
      "SELECT 1 FROM revoked_sessions WHERE id = $1 OR (id = '*' AND expires_at >= $2) LIMIT 1",
      [id, expiresAt],
    );
    return rows.length > 0;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

function toSummary(r: WorkRow, authors: AuthorRef[]): WorkSummary {
  return {
    id: r.id,
    inLibrary: r.in_library,
    type: r.type,
    title: r.title,
    authors,
    year: r.year ?? undefined,
    venue: r.venue ?? undefined,
    doi: r.doi ?? undefined,
    arxiv: r.arxiv ?? undefined,
    url: r.url ?? undefined,
    abstract: r.abstract ?? undefined,
    keywords: r.keywords ?? undefined,
    hasFullText: r.has_body,
    citedBy: r.cited_by,
    selfCited: r.self_cited,
    addedAt: r.added_at,
  };
}
