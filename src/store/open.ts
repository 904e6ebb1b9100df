/**
 * Opens the library a command or the server works on: given by --db, CITEGRAPH_DB, or ./citegraph.db — a SQLite
 * file, or a PostgreSQL database when it is a postgres:// or postgresql:// URL, read and written the same way
 * (store/postgres/postgres-store.ts), by as many processes as wanted.
 */
import { isPostgresUrl } from "./postgres/url.ts";
import { SqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./types.ts";

export const DEFAULT_DB = "citegraph.db";

export function libraryPath(option?: string): string {
  return option || process.env.CITEGRAPH_DB || DEFAULT_DB;
}

export function openStore(path: string): Store {
  if (isPostgresUrl(path))
    return lazyStore(async () => {
      const { PostgresStore } = await import("./postgres/postgres-store.ts");
      return PostgresStore.open(path);
    });
  return new SqliteStore(path);
}

/**
 * A store opened on its first call: pg (a tenth of a second to load) is loaded only by a command that opens a
 * PostgreSQL library, and opening stays synchronous for every caller. An error opening it is the first call's.
 */
function lazyStore(open: () => Promise<Store>): Store {
  let store: Promise<Store> | undefined;
  return new Proxy({} as Store, {
    get(_, name) {
      if (typeof name !== "string" || name === "then") return undefined;
      return async (...args: unknown[]) => {
        if (name === "close" && !store) return;
        store ??= open();
        const s = (await store) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return s[name](...args);
      };
    },
  });
}
