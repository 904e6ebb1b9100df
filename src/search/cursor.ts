/**
 * Cursors for paging a result list without a depth limit (the API's `cursor=`, as OpenAlex's): a page's last
 * hit's position in the order, so the next page starts after it at the same cost however deep it is. A cursor
 * is opaque to clients (base64url JSON) and tied to its query: used with another query or order it is refused,
 * not silently misread.
 */
import { createHash } from "node:crypto";
import type { SortPosition } from "../store/types.ts";
import { QueryError } from "./query-parser.ts";

/** The cursor that asks for the first page. */
export const FIRST_CURSOR = "*";

/** What a cursor must agree with: the query, the order and the filters. */
export function cursorScope(parts: (string | boolean)[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("base64url").slice(0, 12);
}

export function encodeCursor(position: SortPosition, scope: string): string {
  return Buffer.from(JSON.stringify({ s: scope, k: position.keys, i: position.id })).toString("base64url");
}

/** A cursor's fields, when it has the shape of one (whatever its scope). */
function readCursor(cursor: string): { s: string; k: (number | null)[]; i: number } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const c = parsed as { s?: unknown; k?: unknown; i?: unknown } | null;
  const valid =
    c &&
    typeof c.s === "string" &&
    Array.isArray(c.k) &&
    c.k.length <= 8 &&
    c.k.every((v) => v === null || (typeof v === "number" && Number.isFinite(v))) &&
    Number.isSafeInteger(c.i);
  return valid ? (c as { s: string; k: (number | null)[]; i: number }) : undefined;
}

export function decodeCursor(cursor: string, scope: string): SortPosition | "start" {
  if (cursor === FIRST_CURSOR) return "start";
  const c = readCursor(cursor);
  if (!c) throw new QueryError(`cursor: "${cursor.slice(0, 40)}" is not a cursor (start with cursor=*)`);
  if (c.s !== scope) throw new QueryError("cursor: it belongs to another query, order or filter");
  return { keys: c.k, id: c.i };
}

/**
 * How many sort keys a cursor's position has (undefined when it is not a cursor). The scope cannot vouch for
 * it — anyone can compute a scope — so a caller compares it with a position of the same order.
 */
export function cursorKeyCount(cursor: string): number | undefined {
  return readCursor(cursor)?.k.length;
}
