/**
 * MetaCart: the works a reader collects for export, kept in a cookie (no account, no server state).
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const CART_COOKIE = "citegraph_cart";
/** A cookie holds about 4 KB: enough for this many ids. */
export const CART_LIMIT = 300;

export function readCart(c: Context): number[] {
  const raw = getCookie(c, CART_COOKIE) ?? "";
  const ids: number[] = [];
  for (const part of raw.split(".")) {
    const n = Number(part);
    if (Number.isSafeInteger(n) && n > 0 && !ids.includes(n)) ids.push(n);
    if (ids.length >= CART_LIMIT) break;
  }
  return ids;
}

export function writeCart(c: Context, ids: number[]): void {
  setCookie(c, CART_COOKIE, ids.slice(0, CART_LIMIT).join("."), {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 60 * 60 * 24 * 365,
  });
}
