/**
 * Where the ingest queue lives. A queue must be reachable by every worker, on every machine, so it is always a
 * PostgreSQL database: the library's own when the library is PostgreSQL, else one given by `--queue` or
 * `CITEGRAPH_QUEUE` (a SQLite library with its workers on the same machine). Loads no pg: every command calls it.
 */
import { isPostgresUrl } from "../../store/postgres/url.ts";

export const QUEUE_VARIABLE = "CITEGRAPH_QUEUE";

/** A queue that cannot be found or used, said in terms of the option that would fix it (exit code 2). */
export class QueueConfigError extends Error {}

/**
 * The queue's PostgreSQL URL for a library: the option, else `CITEGRAPH_QUEUE`, else the library itself when it
 * is PostgreSQL.
 * @example queueLocation("lib.db", "postgres://queue-host/citegraph") // → "postgres://queue-host/citegraph"
 */
export function queueLocation(library: string, option?: string): string {
  const given = option || process.env[QUEUE_VARIABLE];
  if (given) {
    if (!isPostgresUrl(given))
      throw new QueueConfigError(
        `--queue (or ${QUEUE_VARIABLE}) must be a postgres:// URL: the queue lives in PostgreSQL, not "${given}"`,
      );
    return given;
  }
  if (isPostgresUrl(library)) return library;
  throw new QueueConfigError(
    `the library ${library} is a SQLite file, so the queue needs a PostgreSQL database: give --queue postgres://… (or set ${QUEUE_VARIABLE})`,
  );
}

/** The queue for a library when one is configured (the server's admin page), else undefined; never throws. */
export function configuredQueue(library: string, option?: string): string | undefined {
  try {
    return queueLocation(library, option);
  } catch {
    return undefined;
  }
}
