/**
 * Security headers for every response: a strict Content-Security-Policy (no inline script or style), no
 * sniffing, no framing, no referrer leaks to other sites.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./render.tsx";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "same-origin");
  };
}

/**
 * `Cache-Control: no-store` on everything under /admin and on every answer to an admin (a signed-in browser,
 * or a program with the token): such pages show what only admins may see, and no cache — the browser's, a
 * proxy's — may keep them for whoever comes next. Static files stay cacheable.
 */
export function noStoreForAdmins(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    const admin = (c as Context<AppEnv>).get("editor") !== undefined;
    if (path === "/admin" || path.startsWith("/admin/") || (admin && !path.startsWith("/static/")))
      c.header("Cache-Control", "no-store");
  };
}
