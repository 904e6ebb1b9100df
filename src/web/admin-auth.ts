/**
 * Who may write: reading the library is public; changing it (uploads, corrections, merges) needs the admin
 * token, which the operator configures and which has no default. A browser proves it once on /admin/login and
 * then carries a signed session cookie (HttpOnly, SameSite=Strict, 12 hours) naming the editor that corrections
 * are attributed to; a program sends `Authorization: Bearer TOKEN`. Signing out revokes the session on the
 * server too, so a copy of the cookie is worth nothing afterwards. Writes from another site's page are refused
 * by the cookie's SameSite rule and, for every write of the app, by an Origin check (sameOrigin). Sign-outs are
 * kept in the library, so every server process on it refuses a signed-out session (AdminSessions).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SessionRevocations } from "../store/types.ts";

export const ADMIN_COOKIE = "citegraph_admin";
export const SESSION_MS = 12 * 60 * 60 * 1000;
/** Tokens shorter than this are refused when the server starts: guessable tokens guard nothing. */
export const MIN_TOKEN_LENGTH = 16;
/**
 * Revoked sessions remembered at most. Past this the oldest are forgotten by refusing every session expiring
 * up to them (their editors sign in again): the table stays bounded and a revoked session never comes back.
 */
export const MAX_REVOKED_SESSIONS = 10_000;

export interface AdminConfig {
  token: string;
}

/** An error in the operator's configuration of the server (the admin token first): a usage error. */
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

/** Issued-at, session id (random), editor (base64url), signature. */
const COOKIE_SHAPE = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{43})$/;

interface Session {
  issuedAt: number;
  id: string;
  editor: string;
}

/** The last value of a header a proxy may have appended to (the proxy's own, not the client's). */
function lastValue(header: string | undefined): string | undefined {
  const v = header?.split(",").pop()?.trim();
  return v || undefined;
}

/** Whether the browser reached us over https: directly, or through a trusted proxy that says so. */
export function viaHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustProxy && lastValue(c.req.header("X-Forwarded-Proto"))?.toLowerCase() === "https";
}

/**
 * Revocations in this process's memory: for a server given no library to keep them in (tests, a program of its
 * own). Bounded as the stores bound theirs (SessionRevocations).
 */
export class MemoryRevocations implements SessionRevocations {
  /** Revoked session ids, with when they would have expired anyway. */
  private readonly revoked = new Map<string, number>();
  /** Sessions expiring at or before this time are refused (revocations forgotten to bound memory). */
  private refusedUpTo = -1;

  /** Revocations remembered now (bounded). */
  get size(): number {
    return this.revoked.size;
  }

  async revokeSession(id: string, expiresAt: number, bound: { now: number; maxKept: number }): Promise<void> {
    for (const [old, expires] of this.revoked) if (expires < bound.now) this.revoked.delete(old);
    this.revoked.set(id, expiresAt);
    while (this.revoked.size > Math.max(1, bound.maxKept)) {
      // Forget the oldest revocation by refusing everything expiring up to it: safe, never lenient.
      let oldest: [string, number] | undefined;
      for (const e of this.revoked) if (!oldest || e[1] < oldest[1]) oldest = e;
      this.revoked.delete(oldest![0]);
      this.refusedUpTo = Math.max(this.refusedUpTo, oldest![1]);
    }
  }

  async sessionRevoked(id: string, expiresAt: number): Promise<boolean> {
    return expiresAt <= this.refusedUpTo || this.revoked.has(id);
  }
}

/**
 * The browser sessions of a server. Signing out is kept in `revocations` — the library's (its store), so that
 * with several server processes on one library every one refuses a session signed out in any of them — or, when
 * none is given, this process's memory.
 */
export class AdminSessions {
  private readonly revocations: SessionRevocations;

  constructor(
    readonly config: AdminConfig,
    private readonly options: {
      trustProxy?: boolean;
      now?: () => number;
      /** Where signed-out sessions are kept: the library (its Store), else memory. */
      revocations?: SessionRevocations;
      /** Revocations remembered at most (MAX_REVOKED_SESSIONS). */
      maxRevoked?: number;
    } = {},
  ) {
    this.revocations = options.revocations ?? new MemoryRevocations();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Starts a browser session for an editor. */
  start(c: Context, editor: string): void {
    const payload = `${this.now()}.${randomBytes(16).toString("base64url")}.${Buffer.from(editor).toString("base64url")}`;
    setCookie(c, ADMIN_COOKIE, `${payload}.${sign(this.config.token, payload)}`, {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: viaHttps(c, this.options.trustProxy ?? false),
      maxAge: SESSION_MS / 1000,
    });
  }

  /** Ends the request's session: the cookie is cleared and its id refused from now on, wherever it was copied. */
  async end(c: Context): Promise<void> {
    const s = await this.session(c);
    if (s)
      await this.revocations.revokeSession(s.id, s.issuedAt + SESSION_MS, {
        now: this.now(),
        maxKept: this.options.maxRevoked ?? MAX_REVOKED_SESSIONS,
      });
    deleteCookie(c, ADMIN_COOKIE, { path: "/" });
  }

  /**
   * The editor this request acts for, when it is an admin's: from a valid, unexpired, unrevoked session
   * cookie, or "api" for a request with the token as a bearer. Undefined otherwise.
   */
  async editor(c: Context): Promise<string | undefined> {
    const auth = c.req.header("Authorization");
    if (auth?.startsWith("Bearer ")) return isAdminToken(this.config, auth.slice(7)) ? "api" : undefined;
    return (await this.session(c))?.editor;
  }

  /** The request's session when its cookie is well signed, unexpired and not signed out (asked last: a query). */
  private async session(c: Context): Promise<Session | undefined> {
    const m = COOKIE_SHAPE.exec(getCookie(c, ADMIN_COOKIE) ?? "");
    if (!m) return undefined;
    if (!sameSecret(sign(this.config.token, `${m[1]}.${m[2]}.${m[3]}`), m[4])) return undefined;
    const issuedAt = Number(m[1]);
    const age = this.now() - issuedAt;
    if (age < 0 || age > SESSION_MS) return undefined;
    if (await this.revocations.sessionRevoked(m[2], issuedAt + SESSION_MS)) return undefined;
    return { issuedAt, id: m[2], editor: Buffer.from(m[3], "base64url").toString("utf8") || "admin" };
  }
}

export interface OriginOptions {
  /**
   * A reverse proxy the operator runs in front: its X-Forwarded-Host names the host browsers see. Without it
   * those headers are ignored, as anyone can send them.
   */
  trustProxy?: boolean;
  /** The library's public address: an Origin naming its host is this site too. */
  baseUrl?: string;
}

/**
 * Refuses a state-changing request (anything but GET and HEAD) that a browser says came from another site: by
 * the Origin header, sent with every POST, or by Sec-Fetch-Site. Programs send neither and are not refused
 * here (writes need the token anyway); defence in depth beside the SameSite cookies.
 */
export function sameOrigin(options: OriginOptions = {}): MiddlewareHandler {
  const publicHost = options.baseUrl ? new URL(options.baseUrl).host.toLowerCase() : undefined;
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const site = c.req.header("Sec-Fetch-Site")?.toLowerCase();
      const origin = c.req.header("Origin");
      const host =
        (options.trustProxy ? lastValue(c.req.header("X-Forwarded-Host")) : undefined) ??
        c.req.header("Host") ??
        new URL(c.req.url).host;
      const hosts = [host?.toLowerCase(), publicHost].filter((h): h is string => !!h);
      if (site === "cross-site" || site === "same-site" || (origin !== undefined && !sameHost(origin, hosts)))
        return c.text("Cross-site request refused", 403);
    }
    await next();
  };
}

/**
 * Whether an Origin names this server. Hosts are compared, not schemes: behind a proxy that ends TLS the
 * browser's origin is https while the request reaching us is http.
 */
function sameHost(origin: string, hosts: string[]): boolean {
  try {
    return hosts.includes(new URL(origin).host.toLowerCase());
  } catch {
    return false; // "null" (a sandboxed page, a file) or garbage
  }
}
