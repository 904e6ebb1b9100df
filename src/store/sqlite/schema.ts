/**
 * The SQLite schema as numbered migrations. A library file records the migrations it has had in
 * `schema_migrations`; opening it applies the missing ones in order, each in its own transaction.
 */
import type Database from "better-sqlite3";
import type { CslItem } from "../../formats/csl.ts";
import { workKeyHashes } from "./work-keys.ts";

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Fills what SQL alone cannot compute (keys derived by citegraph's own code), in the same transaction. */
  backfill?: (db: Database.Database) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: "works, documents, references, citations, authors, failures, full-text index",
    sql: `
CREATE TABLE works (
  id INTEGER PRIMARY KEY,
  in_library INTEGER NOT NULL DEFAULT 0,   -- 1 when a document of it is held; 0 when only cited
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  year INTEGER,
  venue TEXT,
  doi TEXT,
  arxiv TEXT,
  url TEXT,
  abstract TEXT,
  keywords TEXT,
  body TEXT,                               -- full text of an ingested PDF
  csl TEXT NOT NULL,                       -- canonical metadata as CSL-JSON
  match_key TEXT,
  match_hash INTEGER,                      -- 64-bit hash of match_key: a small index instead of a long text one
  added_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX works_doi ON works(doi) WHERE doi IS NOT NULL;
CREATE INDEX works_arxiv ON works(arxiv) WHERE arxiv IS NOT NULL;
CREATE INDEX works_match_hash ON works(match_hash) WHERE match_hash IS NOT NULL;

-- What search filters, sorts, ranks and facets on, one narrow row a work: joining every hit of a broad query
-- to this table is several times cheaper than to works, whose rows carry abstracts and full text.
-- in_library, year, venue and added_at mirror works (the writer sets both together); the citation counts
-- live only here, so that recounting rewrites a narrow row.
CREATE TABLE venues (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE work_rank (
  id INTEGER PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
  in_library INTEGER NOT NULL,
  year INTEGER,
  venue_id INTEGER REFERENCES venues(id),
  cited_by INTEGER NOT NULL DEFAULT 0,     -- distinct citing works: always count(citations)
  self_cited INTEGER NOT NULL DEFAULT 0,   -- those of them that share an author with this work
  added_at INTEGER NOT NULL
);
CREATE INDEX work_rank_cited ON work_rank(in_library, cited_by DESC, id);
CREATE INDEX work_rank_year ON work_rank(in_library, year, id);
CREATE INDEX work_rank_added ON work_rank(in_library, added_at, id);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  work_id INTEGER NOT NULL REFERENCES works(id),
  source_id TEXT UNIQUE,
  sha1 TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  csl TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX documents_work ON documents(work_id);
CREATE INDEX documents_sha1 ON documents(sha1);

CREATE TABLE refs (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  raw TEXT,
  csl TEXT,
  target TEXT,                             -- "id:…" or "doi:…" while the cited work is not known
  work_id INTEGER REFERENCES works(id),
  contexts TEXT,                           -- JSON list of citation contexts
  UNIQUE (document_id, position)
);
CREATE INDEX refs_pending ON refs(target) WHERE work_id IS NULL AND target IS NOT NULL;
CREATE INDEX refs_work ON refs(work_id) WHERE work_id IS NOT NULL;

CREATE TABLE citations (
  cited_id INTEGER NOT NULL REFERENCES works(id),
  citing_id INTEGER NOT NULL REFERENCES works(id),
  self INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cited_id, citing_id)
) WITHOUT ROWID;
CREATE INDEX citations_citing ON citations(citing_id, cited_id);

CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE work_authors (
  work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  name TEXT NOT NULL,
  PRIMARY KEY (work_id, position)
) WITHOUT ROWID;
CREATE INDEX work_authors_author ON work_authors(author_id, work_id);

CREATE TABLE failures (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  location TEXT,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (source, location)
);

-- Stemmed columns first, then the same text unstemmed (_x) for exact phrases and prefixes.
-- Contentless: the text lives in works; the index holds only what search needs.
CREATE VIRTUAL TABLE work_fts USING fts5(
  title, abstract, body, venue, authors,
  title_x, abstract_x, body_x, venue_x, authors_x,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
`,
  },
  {
    version: 2,
    description:
      "blocking keys for the matcher; ambiguous references; what each reference names its work by; merges; people as authors",
    sql: `
-- Every blocking key of every work (src/graph/blocking.ts), as a 64-bit hash: where a reference finds its
-- candidate works. Replaces the single exact title-and-author key.
CREATE TABLE work_keys (
  key_hash INTEGER NOT NULL,
  work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
  PRIMARY KEY (key_hash, work_id)
) WITHOUT ROWID;
CREATE INDEX work_keys_work ON work_keys(work_id);
-- OAI-PMH harvests library works by the time they changed.
CREATE INDEX works_changed ON works(in_library, updated_at, id);
DROP INDEX works_match_hash;
ALTER TABLE works DROP COLUMN match_key;
ALTER TABLE works DROP COLUMN match_hash;
-- A reference that fits several works equally well stays unresolved, with their ids here (a JSON list).
ALTER TABLE refs ADD COLUMN ambiguous TEXT;
CREATE INDEX refs_ambiguous ON refs(document_id) WHERE ambiguous IS NOT NULL;
-- What the reference names a work by, so that the graph can be rebuilt from the references alone: 'id' or 'doi'
-- (target keeps the id or DOI, also once resolved), 'item' (fields in csl, matched), 'raw' (too little to
-- match), 'link' (resolved by an older citegraph that did not keep its target: rebuilding keeps its work).
-- Merges of two works into one, each with what it moved, so that it can be split again (and when it was).
CREATE TABLE work_merges (
  id INTEGER PRIMARY KEY,
  into_id INTEGER NOT NULL,
  from_id INTEGER NOT NULL,                -- the absorbed work's id, gone since
  from_csl TEXT NOT NULL,                  -- its metadata at the merge
  documents TEXT NOT NULL,                 -- JSON list of the document ids moved
  refs TEXT NOT NULL,                      -- JSON list of the reference ids moved
  note TEXT,
  merged_at INTEGER NOT NULL,
  split_at INTEGER,
  split_into INTEGER                       -- the work the split made
);
-- Authors are people now, not name keys: a key's second person is "smith_j#2". The given names each person's
-- works print (folded, a JSON list) keep "John Smith" and "James Smith" apart.
ALTER TABLE authors ADD COLUMN given_names TEXT NOT NULL DEFAULT '[]';
ALTER TABLE refs ADD COLUMN kind TEXT NOT NULL DEFAULT 'item';
UPDATE refs SET kind = CASE
  WHEN target LIKE 'id:%' THEN 'id'
  WHEN target LIKE 'doi:%' THEN 'doi'
  WHEN csl IS NOT NULL AND work_id IS NOT NULL THEN 'item'
  WHEN csl IS NOT NULL THEN 'raw'
  WHEN work_id IS NOT NULL THEN 'link'
  ELSE 'raw' END;
`,
    backfill: (db) => keyEveryWork(db),
  },
  {
    version: 3,
    description: "corrections of works' metadata, versioned and reversible",
    sql: `
-- A person's corrections of a work's metadata (src/graph/corrections.ts), applied in order on top of the vote of
-- its sources; a reverted one stays in the history.
CREATE TABLE work_corrections (
  id INTEGER PRIMARY KEY,
  work_id INTEGER NOT NULL,
  fields TEXT NOT NULL,                    -- JSON: the corrected fields, null for a cleared one
  previous TEXT NOT NULL,                  -- JSON: what those fields showed before
  editor TEXT NOT NULL,
  note TEXT,
  made_at INTEGER NOT NULL,
  reverted_at INTEGER,
  reverted_by TEXT
);
CREATE INDEX work_corrections_work ON work_corrections(work_id, id);
`,
  },
  {
    version: 4,
    description: "an index for browsing oldest first",
    sql: `
-- "Oldest first" puts works without a year last (search.ts orderBy): an index in that order, so that browsing
-- the library by year ascending reads a page instead of sorting every work.
CREATE INDEX work_rank_year_asc ON work_rank(in_library, year IS NULL, year, id);
`,
    // A library analysed before (its planner statistics say how little in_library selects) must learn this index
    // too, or the planner takes it for every order by in_library; a library never analysed needs nothing.
    backfill: (db) => {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get())
        db.exec("ANALYZE work_rank");
    },
  },
  {
    version: 5,
    description:
      "work ids that are no longer works (never given again, redirected); blocking keys written again",
    sql: `
-- A work id once shown names that work for ever: when a work is merged into another or dropped, its id is kept
-- here — so that no new work is given it (new ids start above every id here and in works) and so that its URL
-- can redirect to the work it became part of (into_id), or say it is gone (null).
CREATE TABLE retired_works (
  id INTEGER PRIMARY KEY,
  into_id INTEGER,
  retired_at INTEGER NOT NULL
);
-- Merges by the matcher are recorded too (src/graph/resolve.ts); who made one is in the note.
`,
    // Ids freed before this version may have been given again already; from here on, none is. Merges recorded
    // before it redirect as well.
    backfill: (db) => {
      // A record read from a PDF says so (src/library/ingest.ts): its year confirms a match, does not refute one.
      db.exec(`UPDATE documents SET csl = json_set(csl, '$.custom.extracted', json('true')) WHERE kind = 'pdf';
        UPDATE works SET csl = json_set(csl, '$.custom.extracted', json('true'))
        WHERE EXISTS (SELECT 1 FROM documents d WHERE d.work_id = works.id AND d.kind = 'pdf')
          AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.work_id = works.id AND d.kind <> 'pdf');`);
      // The blocking keys changed with this version (keys that survive typos and titles cut to a word).
      db.exec("DELETE FROM work_keys");
      keyEveryWork(db);
      db.exec(`INSERT OR IGNORE INTO retired_works (id, into_id, retired_at)
        SELECT from_id, into_id, merged_at FROM work_merges
        WHERE split_at IS NULL AND from_id NOT IN (SELECT id FROM works)`);
    },
  },
  {
    version: 6,
    description: "admin sessions signed out (for every server process)",
    sql: `
-- Admin sessions signed out, until they would have expired anyway (src/web/admin-auth.ts): every server process
-- on this library refuses them. The row '*' refuses every session expiring up to its time (older ones forgotten).
CREATE TABLE revoked_sessions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX revoked_sessions_expiry ON revoked_sessions(expires_at);
`,
  },
];

/** Writes the blocking keys of every work (src/graph/blocking.ts), a page of works at a time. */
function keyEveryWork(db: Database.Database): void {
  const insert = db.prepare("INSERT OR IGNORE INTO work_keys (key_hash, work_id) VALUES (?, ?)");
  const page = db.prepare("SELECT id, in_library, csl FROM works WHERE id > ? ORDER BY id LIMIT 5000");
  for (let after = 0; ; ) {
    const works = page.all(after) as { id: number; in_library: number; csl: string }[];
    if (!works.length) break;
    for (const w of works)
      for (const h of workKeyHashes(JSON.parse(w.csl) as CslItem, w.in_library === 1)) insert.run(h, w.id);
    after = works[works.length - 1].id;
  }
}

/** Applies the migrations the file has not had yet. */
export function migrate(db: Database.Database): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const done = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const newest = Math.max(0, ...done);
  const known = Math.max(...MIGRATIONS.map((m) => m.version));
  if (newest > known) {
    throw new Error(
      `the library was written by a newer citegraph (schema version ${newest}; this one knows up to ${known})`,
    );
  }
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      // Another process may have applied it while this one waited for the lock.
      if (db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version)) return;
      db.exec(m.sql);
      m.backfill?.(db);
      db.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.description,
        Date.now(),
      );
    }).immediate();
  }
}
