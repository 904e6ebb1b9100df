/**
 * The embedded store: one SQLite file (WAL, foreign keys on), versioned migrations, writes in transactions.
 */
import Database from "better-sqlite3";
import type { CslItem } from "../../formats/csl.ts";
import type { Correction } from "../../graph/corrections.ts";
import { isOtherEdition } from "../../graph/editions.ts";
import { type Changed, Filer } from "../../graph/filing/filer.ts";
import { matchRecordKeyHashes, workMatchRecord } from "../../graph/key-hash.ts";
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
import { authorDetail, leaderIds, relatedWorkIds, venueDetail } from "./graph-queries.ts";
import { SqliteGraphRows, sqliteFilingStore } from "./graph-rows.ts";
import { migrate } from "./schema.ts";
import { SqliteSearch } from "./search.ts";
import { StatementCache } from "./statement-cache.ts";
import { SqliteWrites } from "./write.ts";

interface WorkRow {
  id: number;
  in_library: number;
  type: string;
  title: string;
  year: number | null;
  venue: string | null;
  doi: string | null;
  arxiv: string | null;
  url: string | null;
  abstract: string | null;
  keywords: string | null;
  has_body: number;
  cited_by: number;
  self_cited: number;
  added_at: number;
}

const SUMMARY_COLUMNS =
  "w.id, w.in_library, w.type, w.title, w.year, w.venue, w.doi, w.arxiv, w.url, w.abstract, w.keywords, w.body IS NOT NULL AS has_body, r.cited_by, r.self_cited, w.added_at";
/** Works with their counts, which live in work_rank. */
const WORKS = "works w JOIN work_rank r ON r.id = w.id";
/** SQLite's limit on bound parameters is far above this; chunks keep statements small. */
const CHUNK = 500;

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

/** How long one try at the write lock blocks this thread (SQLite's busy handler), in milliseconds. */
const BUSY_TIMEOUT_MS = 100;
/** How long opening a library waits for the lock a migration needs. */
const OPEN_WAIT_MS = 60_000;

/** Works sharing a blocking key with a work that are looked at for its other editions. */
const EDITION_CANDIDATES = 200;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** The graph's filing decisions (src/graph/filing/) over this library's rows. */
  private readonly filer: Filer;
  private readonly rows: SqliteGraphRows;
  private readonly writes: SqliteWrites;
  readonly searcher: SqliteSearch;
  private readonly statements: StatementCache;
  private cachedStats: { version: string; stats: LibraryStats } | undefined;
  private cachedLeaders: { version: string; byQuery: Map<string, ReturnType<typeof leaderIds>> } | undefined;

  constructor(
    readonly path: string,
    /** `readAhead`: file as a store over a network would (graph/filing/prefetch.ts), to test that it changes nothing. */
    options: { readonly?: boolean; readAhead?: boolean } = {},
  ) {
    try {
      this.db = new Database(path, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
    } catch (e) {
      throw new Error(`cannot open the library ${path}: ${(e as Error).message}`);
    }
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("cache_size = -262144");
      this.db.pragma("temp_store = MEMORY");
      // Opening may wait for another process's write (a migration needs the lock); later writes wait in
      // write(), which sleeps between tries instead of blocking this thread.
      this.db.pragma(`busy_timeout = ${OPEN_WAIT_MS}`);
      if (!options.readonly) migrate(this.db);
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    } catch (e) {
      this.db.close();
      throw new Error(`cannot open the library ${path}: ${(e as Error).message}`);
    }
    this.statements = new StatementCache(this.db);
    this.rows = new SqliteGraphRows(this.db);
    this.writes = new SqliteWrites(this.db, path, this.rows);
    this.filer = new Filer(sqliteFilingStore(this.rows, this.writes, options.readAhead));
    this.searcher = new SqliteSearch(this.db);
  }

  async upsertDocuments(batch: DocumentInput[]): Promise<UpsertResult> {
    return this.change(() => this.filer.upsert(batch));
  }

  async recordFailures(failures: FailureRecord[]): Promise<void> {
    const insert =
      this.statements.get(`INSERT INTO failures (source, location, reason, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (source, location) DO UPDATE SET reason = excluded.reason, at = excluded.at`);
    await this.writes.run(() => {
      for (const f of failures) insert.run(f.source, f.location ?? null, f.reason, f.at ?? Date.now());
    });
  }

  async failures(limit = 1000): Promise<FailureRecord[]> {
    await this.writes.idle();
    return this.statements
      .get("SELECT source, location, reason, at FROM failures ORDER BY id DESC LIMIT ?")
      .all(limit) as FailureRecord[];
  }

  async clearFailures(sources: string[]): Promise<void> {
    if (sources.length === 0) return;
    const del = this.statements.get("DELETE FROM failures WHERE source = ?");
    await this.writes.run(() => {
      for (const s of sources) del.run(s);
    });
  }

  async knownSha1s(sha1s: string[]): Promise<Set<string>> {
    await this.writes.idle();
    const get = this.statements.get("SELECT 1 FROM documents WHERE sha1 = ? LIMIT 1").pluck();
    return new Set(sha1s.filter((h) => get.get(h) !== undefined));
  }

  async getWorks(ids: WorkId[]): Promise<WorkSummary[]> {
    await this.writes.idle();
    const byId = new Map<number, WorkSummary>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const marks = chunk.map(() => "?").join(",");
      const rows = this.statements
        .get(`SELECT ${SUMMARY_COLUMNS} FROM ${WORKS} WHERE w.id IN (${marks})`)
        .all(...chunk) as WorkRow[];
      const authors = this.authorsOf(chunk);
      for (const r of rows) byId.set(r.id, toSummary(r, authors.get(r.id) ?? []));
    }
    return ids.map((id) => byId.get(id)).filter((w): w is WorkSummary => w !== undefined);
  }

  private authorsOf(ids: number[]): Map<number, AuthorRef[]> {
    const out = new Map<number, AuthorRef[]>();
    if (!ids.length) return out;
    const rows = this.statements
      .get(
        `SELECT work_id, author_id, name FROM work_authors WHERE work_id IN (${ids.map(() => "?").join(",")}) ORDER BY work_id, position`,
      )
      .all(...ids) as { work_id: number; author_id: number; name: string }[];
    for (const r of rows) {
      const list = out.get(r.work_id) ?? [];
      list.push({ id: r.author_id, name: r.name });
      out.set(r.work_id, list);
    }
    return out;
  }

  async getWork(id: WorkId): Promise<WorkDetail | undefined> {
    await this.writes.idle();
    const row = this.statements
      .get(`SELECT ${SUMMARY_COLUMNS}, w.csl, w.body, w.updated_at FROM ${WORKS} WHERE w.id = ?`)
      .get(id) as (WorkRow & { csl: string; body: string | null; updated_at: number }) | undefined;
    if (!row) return undefined;
    const documents = (
      this.statements
        .get(
          "SELECT id, source_id, sha1, kind, source, added_at FROM documents WHERE work_id = ? ORDER BY id",
        )
        .all(id) as DocumentRow[]
    ).map(documentInfo);
    const references = (
      this.statements
        .get(
          `SELECT r.position, r.raw, r.csl, r.target, r.ambiguous, w.id AS work_id, w.title, w.in_library
           FROM refs r JOIN documents d ON d.id = r.document_id LEFT JOIN works w ON w.id = r.work_id
           WHERE d.work_id = ? ORDER BY d.id, r.position`,
        )
        .all(id) as {
        position: number;
        raw: string | null;
        csl: string | null;
        target: string | null;
        ambiguous: string | null;
        work_id: number | null;
        title: string | null;
        in_library: number | null;
      }[]
    ).map(
      (r): ReferenceEntry => ({
        position: r.position,
        raw: r.raw ?? undefined,
        item: r.csl ? (JSON.parse(r.csl) as CslItem) : undefined,
        target: r.work_id === null ? (r.target ?? undefined) : undefined,
        ambiguous: r.ambiguous ? (JSON.parse(r.ambiguous) as WorkId[]) : undefined,
        work:
          r.work_id !== null
            ? { id: r.work_id, title: r.title ?? "", inLibrary: r.in_library === 1 }
            : undefined,
      }),
    );
    return {
      ...toSummary(row, this.authorsOf([id]).get(id) ?? []),
      csl: JSON.parse(row.csl) as CslItem,
      updatedAt: row.updated_at,
      body: row.body ?? undefined,
      documents,
      references,
    };
  }

  async bodies(ids: WorkId[], maxChars: number): Promise<Map<WorkId, string>> {
    await this.writes.idle();
    const out = new Map<WorkId, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = this.statements
        .get(
          `SELECT id, substr(body, 1, ?) AS body FROM works WHERE body IS NOT NULL AND id IN (${chunk.map(() => "?").join(",")})`,
        )
        .all(maxChars, ...chunk) as { id: number; body: string }[];
      for (const r of rows) out.set(r.id, r.body);
    }
    return out;
  }

  async citedBy(
    id: WorkId,
    opts: { sort: "citations" | "year" | "recent"; offset: number; limit: number; withoutSelf?: boolean },
  ): Promise<{ total: number; items: CitingEntry[] }> {
    await this.writes.idle();
    const self = opts.withoutSelf ? " AND c.self = 0" : "";
    const order =
      opts.sort === "year"
        ? "w.year DESC, w.id"
        : opts.sort === "recent"
          ? "w.added_at DESC, w.id DESC"
          : "w.cited_by DESC, w.id";
    // w is the citing work's work_rank row: it has the year and the counts.
    const rows = this.statements
      .get(
        `SELECT c.citing_id, c.self FROM citations c JOIN work_rank w ON w.id = c.citing_id
         WHERE c.cited_id = ?${self} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(id, opts.limit, opts.offset) as { citing_id: number; self: number }[];
    const total = Number(
      this.statements.get(`SELECT count(*) FROM citations c WHERE c.cited_id = ?${self}`).pluck().get(id),
    );
    const works = new Map((await this.getWorks(rows.map((r) => r.citing_id))).map((w) => [w.id, w]));
    const contexts = this.statements.get(
      `SELECT r.contexts FROM refs r JOIN documents d ON d.id = r.document_id
       WHERE d.work_id = ? AND r.work_id = ? AND r.contexts IS NOT NULL`,
    );
    const items = rows.map((r) => ({
      work: works.get(r.citing_id)!,
      self: r.self === 1,
      contexts: (contexts.pluck().all(r.citing_id, id) as string[])
        .flatMap((c) => JSON.parse(c) as string[])
        .slice(0, 5),
    }));
    return { total, items };
  }

  async search(req: SearchRequest): Promise<SearchIds> {
    await this.writes.idle();
    return this.searcher.search(req);
  }

  async worksByDate(opts: {
    from?: number;
    until?: number;
    after?: { at: number; id: WorkId };
    limit: number;
  }): Promise<{ id: WorkId; updatedAt: number }[]> {
    await this.writes.idle();
    const rows = this.statements
      .get(
        `SELECT id, updated_at FROM works WHERE in_library = 1 AND updated_at >= @from AND updated_at <= @until
         AND (updated_at > @at OR (updated_at = @at AND id > @id)) ORDER BY updated_at, id LIMIT @limit`,
      )
      .all({
        from: opts.from ?? 0,
        until: opts.until ?? Number.MAX_SAFE_INTEGER,
        at: opts.after?.at ?? -1,
        id: opts.after?.id ?? 0,
        limit: opts.limit,
      }) as { id: number; updated_at: number }[];
    return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
  }

  async earliestChange(): Promise<number | undefined> {
    await this.writes.idle();
    const v = this.statements.get("SELECT min(updated_at) FROM works WHERE in_library = 1").pluck().get();
    return typeof v === "number" ? v : undefined;
  }

  async listWorkIds(opts: { afterId: WorkId; limit: number; includeCitations: boolean }): Promise<WorkId[]> {
    await this.writes.idle();
    const filter = opts.includeCitations ? "" : "AND in_library = 1";
    return this.statements
      .get(`SELECT id FROM works WHERE id > ? ${filter} ORDER BY id LIMIT ?`)
      .pluck()
      .all(opts.afterId, opts.limit) as WorkId[];
  }

  async stats(): Promise<LibraryStats> {
    await this.writes.idle();
    // Counting millions of rows takes a while; the answer holds until this or another process writes.
    const version = this.dataVersion();
    if (this.cachedStats?.version === version) return this.cachedStats.stats;
    const n = (sql: string) => Number(this.statements.get(sql).pluck().get());
    const stats: LibraryStats = {
      works: n("SELECT count(*) FROM works"),
      worksInLibrary: n("SELECT count(*) FROM works WHERE in_library = 1"),
      worksCitedOnly: n("SELECT count(*) FROM works WHERE in_library = 0"),
      documents: n("SELECT count(*) FROM documents"),
      references: n("SELECT count(*) FROM refs"),
      referencesResolved: n("SELECT count(*) FROM refs WHERE work_id IS NOT NULL"),
      citations: n("SELECT count(*) FROM citations"),
      selfCitations: n("SELECT count(*) FROM citations WHERE self = 1"),
      authors: n("SELECT count(*) FROM authors"),
      failures: n("SELECT count(*) FROM failures"),
    };
    this.cachedStats = { version, stats };
    return stats;
  }

  async relatedWorks(
    id: WorkId,
    kind: RelatedKind,
    limit: number,
  ): Promise<{ work: WorkSummary; strength: number }[]> {
    await this.writes.idle();
    const related = relatedWorkIds(this.statements, id, kind, limit);
    const works = new Map((await this.getWorks(related.map((r) => r.id))).map((w) => [w.id, w]));
    return related.flatMap((r) => {
      const work = works.get(r.id);
      return work ? [{ work, strength: r.strength }] : [];
    });
  }

  async otherEditions(id: WorkId, limit: number): Promise<WorkSummary[]> {
    await this.writes.idle();
    const row = this.statements.get("SELECT in_library, csl FROM works WHERE id = ?").get(id) as
      | { in_library: number; csl: string }
      | undefined;
    if (!row) return [];
    const record = workMatchRecord(JSON.parse(row.csl) as CslItem, row.in_library === 1);
    const hashes = matchRecordKeyHashes(record);
    if (!hashes.length) return [];
    const candidates = this.statements
      .get(
        `SELECT DISTINCT k.work_id, w.in_library, w.csl FROM work_keys k JOIN works w ON w.id = k.work_id
         WHERE k.key_hash IN (${hashes.map(() => "?").join(",")}) AND k.work_id <> ? LIMIT ${EDITION_CANDIDATES}`,
      )
      .all(...hashes, id) as { work_id: number; in_library: number; csl: string }[];
    const editions = candidates
      .filter((c) =>
        isOtherEdition(record, workMatchRecord(JSON.parse(c.csl) as CslItem, c.in_library === 1)),
      )
      .map((c) => c.work_id);
    return (await this.getWorks(editions))
      .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.id - b.id)
      .slice(0, limit);
  }

  async getAuthor(id: number): Promise<AuthorDetail | undefined> {
    await this.writes.idle();
    const detail = authorDetail(this.statements, id);
    if (!detail) return undefined;
    const { workIds, ...rest } = detail;
    return { ...rest, works: await this.getWorks(workIds) };
  }

  async mergeWorks(into: WorkId, from: WorkId, note?: string): Promise<{ mergeId: number }> {
    return { mergeId: await this.change(() => this.filer.mergeWorks(into, from, note)) };
  }

  async retiredWork(id: WorkId): Promise<{ into?: WorkId } | undefined> {
    await this.writes.idle();
    if (!this.statements.get("SELECT 1 FROM retired_works WHERE id = ?").get(id)) return undefined;
    // A chain of merges (a into b, b into c) is followed to the work that is live now.
    const into = await this.filer.liveWork(id);
    return into === undefined ? {} : { into };
  }

  async splitMerge(mergeId: number): Promise<{ workId: WorkId }> {
    return { workId: await this.change(() => this.filer.splitMerge(mergeId)) };
  }

  async merges(limit: number): Promise<MergeRecord[]> {
    await this.writes.idle();
    return this.rows.history.merges(limit);
  }

  async metadataSources(id: WorkId, limit: number): Promise<MetadataSourceEntry[]> {
    await this.writes.idle();
    const docs = this.statements
      .get(
        "SELECT id, source_id, sha1, kind, source, added_at, csl FROM documents WHERE work_id = ? ORDER BY id",
      )
      .all(id) as (DocumentRow & { csl: string })[];
    if (docs.length)
      return docs.map((d) => ({
        kind: "document",
        item: JSON.parse(d.csl) as CslItem,
        document: documentInfo(d),
      }));
    const refs = this.statements
      .get(
        `SELECT r.raw, r.csl, w.id, w.title FROM refs r JOIN documents d ON d.id = r.document_id
         JOIN works w ON w.id = d.work_id WHERE r.work_id = ? AND r.csl IS NOT NULL ORDER BY r.id LIMIT ?`,
      )
      .all(id, limit) as { raw: string | null; csl: string; id: number; title: string }[];
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
    await this.writes.idle();
    return this.rows.corrections.ofWork(workId, limit);
  }

  async leaders(opts: { year?: number; limit: number }): Promise<LibraryLeaders> {
    await this.writes.idle();
    // Ranking every author and venue reads the whole library; the answer holds until the library changes.
    const version = this.dataVersion();
    if (this.cachedLeaders?.version !== version) this.cachedLeaders = { version, byQuery: new Map() };
    const key = `${opts.year ?? ""}:${opts.limit}`;
    let ids = this.cachedLeaders.byQuery.get(key);
    if (!ids) {
      ids = leaderIds(this.statements, opts);
      if (this.cachedLeaders.byQuery.size < 1000) this.cachedLeaders.byQuery.set(key, ids);
    }
    return { works: await this.getWorks(ids.works), authors: ids.authors, venues: ids.venues };
  }

  /** Changes when this connection or another process writes: what caches of whole-library answers key on. */
  private dataVersion(): string {
    return `${this.writes.ended}:${this.statements.get("PRAGMA data_version").pluck().get()}`;
  }

  async getVenue(id: number, limit: number): Promise<VenueDetail | undefined> {
    await this.writes.idle();
    const v = venueDetail(this.statements, id, limit);
    if (!v) return undefined;
    const { topIds, ...rest } = v;
    return { ...rest, top: await this.getWorks(topIds) };
  }

  async rebuildGraph(): Promise<RebuildResult> {
    const { value } = await this.filer.rebuildGraph();
    this.searcher.invalidate();
    return value;
  }

  async ambiguousReferences(opts: {
    offset: number;
    limit: number;
  }): Promise<{ total: number; items: AmbiguousReference[] }> {
    await this.writes.idle();
    const total = Number(
      this.statements.get("SELECT count(*) FROM refs WHERE ambiguous IS NOT NULL").pluck().get(),
    );
    const rows = this.statements
      .get(
        `SELECT r.position, r.raw, r.csl, r.ambiguous, w.id, w.title FROM refs r
         JOIN documents d ON d.id = r.document_id JOIN works w ON w.id = d.work_id
         WHERE r.ambiguous IS NOT NULL ORDER BY r.id LIMIT ? OFFSET ?`,
      )
      .all(opts.limit, opts.offset) as {
      position: number;
      raw: string | null;
      csl: string | null;
      ambiguous: string;
      id: number;
      title: string;
    }[];
    const work = this.statements.get("SELECT id, title, in_library FROM works WHERE id = ?");
    const items = rows.map((r) => ({
      citing: { id: r.id, title: r.title },
      position: r.position,
      raw: r.raw ?? undefined,
      item: r.csl ? (JSON.parse(r.csl) as CslItem) : undefined,
      candidates: (JSON.parse(r.ambiguous) as number[]).flatMap((id) => {
        const w = work.get(id) as { id: number; title: string; in_library: number } | undefined;
        return w ? [{ id: w.id, title: w.title, inLibrary: w.in_library === 1 }] : [];
      }),
    }));
    return { total, items };
  }

  async revokeSession(id: string, expiresAt: number, bound: { now: number; maxKept: number }): Promise<void> {
    this.db
      .transaction(() => {
        this.statements.get("DELETE FROM revoked_sessions WHERE expires_at < ?").run(bound.now);
        this.statements
          .get("INSERT OR IGNORE INTO revoked_sessions (id, expires_at) VALUES (?, ?)")
          .run(id, expiresAt);
        const old = this.statements
          .get(
            "SELECT id, expires_at FROM revoked_sessions WHERE id <> '*' ORDER BY expires_at DESC, id LIMIT -1 OFFSET ?",
          )
          .all(Math.max(1, bound.maxKept)) as { id: string; expires_at: number }[];
        if (!old.length) return;
        const forget = this.statements.get("DELETE FROM revoked_sessions WHERE id = ?");
        for (const r of old) forget.run(r.id);
        this.statements
          .get(
            "INSERT INTO revoked_sessions (id, expires_at) VALUES ('*', ?) ON CONFLICT (id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)",
          )
          .run(Math.max(...old.map((r) => r.expires_at)));
      })
      .immediate();
  }

  async sessionRevoked(id: string, expiresAt: number): Promise<boolean> {
    return !!this.statements
      .get("SELECT 1 FROM revoked_sessions WHERE id = ? OR (id = '*' AND expires_at >= ?)")
      .get(id, expiresAt);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** A change to the graph (src/graph/filing/): its value, once what search keeps of its works is patched. */
  private async change<T>(run: () => Promise<Changed<T>>): Promise<T> {
    const { value, touched } = await run();
    this.searcher.worksChanged(touched);
    return value;
  }
}

function toSummary(r: WorkRow, authors: AuthorRef[]): WorkSummary {
  return {
    id: r.id,
    inLibrary: r.in_library === 1,
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
    hasFullText: r.has_body === 1,
    citedBy: r.cited_by,
    selfCited: r.self_cited,
    addedAt: r.added_at,
  };
}
