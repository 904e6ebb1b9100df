/**
 * Who may write: reading the library is public; changing it (uploads, corrections, merges) needs the admin
 * token, which the operator configures and which has no default. A browser proves it once on /admin/login and
 * then carries a signed session cookie (HttpOnly, SameSite=Strict, 12 hours) naming the editor that corrections
 * are attributed to; a program sends `Authorization: Bearer TOKEN`. Writes from another site's page are refused
 * by the cookie's SameSite rule and, where the browser says where a request came from, by an Origin check.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const ADMIN_COOKIE = "citegraph_admin";
const SESSION_MS = 12 * 60 * 60 * 1000;
/** Tokens shorter than this are refused when the server starts: guessable tokens guard nothing. */
export const MIN_TOKEN_LENGTH = 16;

export interface AdminConfig {
  token: string;
}

/** An error in the operator's configuration of the admin token. */
export class AdminConfigError extends Error {}

export function checkAdminToken(token: string): AdminConfig {
  const t = token.trim();
  if (t.length < MIN_TOKEN_LENGTH)
    throw new AdminConfigError(`the admin token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  return { token: t };
}

function sign(token: string, payload: string): string {
  return createHmac("sha256", token).update(payload).digest("base64url");
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `given` is the configured token (compared in constant time). */
export function isAdminToken(config: AdminConfig | undefined, given: unknown): boolean {
  return !!config && typeof given === "string" && sameSecret(config.token, given.trim());
}

/** Starts a browser session for an editor. */
export function startSession(c: Context, config: AdminConfig, editor: string): void {
  const payload = `${Date.now()}.${Buffer.from(editor).toString("base64url")}`;
  setCookie(c, ADMIN_COOKIE, `${payload}.${sign(config.token, payload)}`, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: SESSION_MS / 1000,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, ADMIN_COOKIE, { path: "/" });
}

/**
 * The editor this request acts for, when it is an admin's: from a valid, unexpired session cookie, or "api" for
 * a request with the token as a bearer. Undefined otherwise (and always when no token is configured).
 */
export function adminEditor(c: Context, config: AdminConfig | undefined): string | undefined {
  if (!config) return undefined;
  const auth = c.req.header("Authorization");
  if (auth?.startsWith("Bearer ")) return isAdminToken(config, auth.slice(7)) ? "api" : undefined;
  const cookie = getCookie(c, ADMIN_COOKIE);
  const m = cookie ? /^(\d{1,15})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
  if (!m) return undefined;
  if (!sameSecret(sign(config.token, `${m[1]}.${m[2]}`), m[3])) return undefined;
  const age = Date.now() - Number(m[1]);
  if (age < 0 || age > SESSION_MS) return undefined;
  return Buffer.from(m[2], "base64url").toString("utf8") || "admin";
}

/**
 * Refuses a state-changing request that a browser says came from another site (the Origin header, sent with
 * every cross-site POST): defence in depth beside the SameSite cookie.
 */
export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const origin = c.req.header("Origin");
      if (origin !== undefined && !sameHost(origin, c.req.header("X-Forwarded-Host") ?? c.req.header("Host")))
        return c.text("Cross-site request refused", 403);
    }
    await next();
  };
}

/**
 * Whether an Origin names this server. Hosts are compared, not schemes: behind a proxy that ends TLS the
 * browser's origin is https while the request reaching us is http.
 */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed page, a file) or garbage
  }
}
