/**
 * Opens the library a command or the server works on: the SQLite file given by --db, CITEGRAPH_DB, or
 * ./citegraph.db. (A PostgreSQL URL will select the PostgreSQL store once it exists.)
 */
import { SqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./types.ts";

export const DEFAULT_DB = "citegraph.db";

export function libraryPath(option?: string): string {
  return option || process.env.CITEGRAPH_DB || DEFAULT_DB;
}

export function openStore(path: string): Store {
  if (/^postgres(ql)?:\/\//.test(path)) {
    throw new Error(`PostgreSQL libraries are not supported yet: ${path.replace(/\/\/[^@/]*@/, "//…@")}`);
  }
  return new SqliteStore(path);
}
