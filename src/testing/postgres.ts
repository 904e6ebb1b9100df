/**
 * Test helper: a PostgreSQL server for the tests, and a fresh empty database on it for each caller, so that test
 * files running side by side (scripts/test.sh runs two at once) never see each other's tables.
 *
 * Where the server is, in this order:
 * 1. `CITEGRAPH_TEST_POSTGRES`, a connection URL: .ci/run starts a throwaway cluster and sets it; a developer may
 *    point it at a server of their own (the tests create and drop databases named `citegraph_t_…` there).
 * 2. A throwaway cluster of this process's own, when PostgreSQL's programs are installed (Debian puts them in
 *    /usr/lib/postgresql/N/bin): initdb into a temporary folder, a unix socket there and no TCP, stopped and
 *    removed when the process exits. initdb refuses to run as root, so as root it runs as the `postgres` user.
 * 3. None: the tests skip, with one line saying why — except in CI (`CI=true`), where a missing or unreachable
 *    server is a failure, never a skip, so that a green CI always means the PostgreSQL tests ran.
 */
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { AUTHOR_IDS_OF_WORK } from "../store/postgres/schema.ts";

export const POSTGRES_URL_VARIABLE = "CITEGRAPH_TEST_POSTGRES";

/** One empty database for one caller: its URL (for pg or a store), and how to drop it when done. */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestPostgres {
  /** Why the PostgreSQL tests cannot run here (never in CI); undefined when there is a server. */
  skip?: string;
  /** The server's own database (where databases are created and dropped); undefined when skipped. */
  url?: string;
  /** Where the server came from, for messages: the variable, or the local cluster's folder. */
  origin?: string;
  /** A new empty database on the server, owned by the caller until it calls drop(). */
  newDatabase(): Promise<TestDatabase>;
}

const inCi = process.env.CI === "true";

let server: Promise<TestPostgres> | undefined;

/**
 * The server for this process's tests, found (or started) once. Use its `skip` on a describe() so a missing
 * server is one line in the output:
 *
 *     const postgres = await testPostgres();
 *     describe("on PostgreSQL", { skip: postgres.skip }, () => { … await postgres.newDatabase() … });
 *
 * Throws in CI when there is no server.
 */
export function testPostgres(): Promise<TestPostgres> {
  server ??= findServer();
  return server;
}

/**
 * A server for a benchmark (bench/scale.bench.ts): the one in CITEGRAPH_BENCH_POSTGRES, else a throwaway cluster
 * as durable as a SQLite library (fsync on; synchronous_commit off, as SQLite's WAL with synchronous=NORMAL may
 * lose the last commits in a crash of the machine, never its consistency), so that the two are timed alike.
 * `skip` says why there is none (a benchmark is never run in CI).
 */
export function benchPostgres(): Promise<TestPostgres> {
  return findServer("CITEGRAPH_BENCH_POSTGRES", true);
}

async function findServer(variable = POSTGRES_URL_VARIABLE, durable = false): Promise<TestPostgres> {
  const configured = process.env[variable];
  if (configured) {
    const unreachable = await reachable(configured);
    if (unreachable) return missing(`${variable} is set but its server does not answer: ${unreachable}`);
    return serverAt(configured, variable);
  }
  const local = startLocalCluster(durable);
  if (typeof local === "string")
    return missing(
      `no PostgreSQL server: ${variable} is not set and ${local} (apt-get install postgresql, or set ${variable} to a server's URL)`,
    );
  const unreachable = await reachable(local.url);
  if (unreachable)
    return missing(`the local PostgreSQL cluster in ${local.dir} does not answer: ${unreachable}`);
  return serverAt(local.url, local.dir);
}

/** Locally a skip with the reason; in CI an error, so the test file fails. */
function missing(reason: string): TestPostgres {
  if (inCi)
    throw new Error(`CI=true and ${reason}: the PostgreSQL tests must run in CI (.ci/run starts a server)`);
  return {
    skip: reason,
    newDatabase: () => Promise.reject(new Error(`no PostgreSQL server for the tests: ${reason}`)),
  };
}

/** Why a server does not answer, or undefined when it does. */
async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

let databases = 0;

function serverAt(url: string, origin: string): TestPostgres {
  return {
    url,
    origin,
    newDatabase: async () => {
      // Unique across the processes sharing one server: the pid, a counter, and a random part for pid reuse.
      const name = `citegraph_t_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
      await asAdmin(url, `CREATE DATABASE ${name}`);
      return {
        name,
        url: withDatabase(url, name),
        // FORCE: a test that failed half-way may have left a connection open.
        drop: () => asAdmin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    },
  };
}

/** Runs one statement on the server's own database (CREATE/DROP DATABASE cannot run inside the one dropped). */
async function asAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Postings (work_terms) that differ from the lexemes of work_fts's rows, either way — rows its triggers (or a
 * migration's bulk write) should not have, or lack: 0 when they are kept right. One `n` column.
 */
export const POSTINGS_DRIFT = `SELECT count(*)::int AS n FROM (
  (SELECT lexeme, work_id, freq, length, positions FROM work_terms
   EXCEPT SELECT t.lexeme, f.id, t.freq, f.length, t.positions FROM work_fts f, work_terms_of(f.document) t)
  UNION ALL
  (SELECT t.lexeme, f.id, t.freq, f.length, t.positions FROM work_fts f, work_terms_of(f.document) t
   EXCEPT SELECT lexeme, work_id, freq, length, positions FROM work_terms)) d`;

/** work_rank rows whose author_ids (schema version 7) are not their work's authors as work_authors links them. */
export const AUTHOR_IDS_DRIFT = `SELECT count(*)::int AS n FROM work_rank r WHERE r.author_ids IS DISTINCT FROM ${AUTHOR_IDS_OF_WORK}`;

/**
 * The same URL naming another database. String surgery, not `new URL`: a socket URL without a host
 * (`postgres://user@/db?host=/tmp/x`, which pg and libpq accept) is not a valid WHATWG URL.
 */
export function withDatabase(url: string, database: string): string {
  const m = /^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!m) throw new Error(`not a PostgreSQL URL: ${url}`);
  return `${m[1]}/${database}${m[3]}`;
}

/** The folder of PostgreSQL's programs: the newest Debian install, else initdb's on the PATH. */
function postgresBin(): string | undefined {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => existsSync(join(debian, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(debian, versions[0], "bin");
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return onPath ? dirname(onPath) : undefined;
}

/**
 * Starts a throwaway cluster for this process: its URL and folder, or why it cannot (a string). For tests, tuned
 * not to keep data: no fsync (the folder is deleted at exit anyway); `durable` for timing, as a real server runs.
 */
function startLocalCluster(durable: boolean): { url: string; dir: string } | string {
  const bin = postgresBin();
  if (!bin) return "PostgreSQL's programs are not installed (no /usr/lib/postgresql/*/bin/initdb)";
  const root = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (root) {
    const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
    const uid = id("-u");
    if (uid.status !== 0) return "running as root, and initdb refuses root, but there is no postgres user";
    owner = { uid: Number(uid.stdout), gid: Number(id("-g").stdout) };
  }
  const dir = mkdtempSync(join(tmpdir(), "citegraph-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (program: string, args: string[]) => {
    const [command, all] = root
      ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]]
      : [join(bin, program), args];
    return spawnSync(command, all, { encoding: "utf8" });
  };
  const data = join(dir, "data");
  const init = run("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `initdb failed: ${(init.stderr || init.stdout).trim().split("\n").pop()}`;
  }
  const tuning = durable
    ? "-c synchronous_commit=off"
    : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  const options = `-c listen_addresses='' -k ${dir} ${tuning}`;
  const start = run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-s", "-o", options, "start"]);
  if (start.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `pg_ctl start failed: ${(start.stderr || start.stdout).trim().split("\n").pop()}`;
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run("pg_ctl", ["-D", data, "-m", "immediate", "-s", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  // A test run interrupted (Ctrl-C, the runner's timeout) stops the cluster too, then dies of the same signal.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  return { url: `postgres://postgres@localhost/postgres?host=${dir}`, dir };
}
