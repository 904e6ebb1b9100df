/**
 * Security headers for every response: a strict Content-Security-Policy (no inline script or style), no
 * sniffing, no framing, no referrer leaks to other sites. OAI-PMH answers get a stricter policy of their own.
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

/**
 * The policy of /oai, whose XML a browser shows through /static/oai.xsl (an XSLT stylesheet, which CSP counts
 * as a script: `script-src`). The page it makes needs only the site's stylesheet and icon: no script runs,
 * nothing is fetched, framed or submitted. Chromium's deprecation banner for XSLT, which it adds to such pages
 * with inline styles, is refused by this policy as by the site's (it then shows unstyled).
 */
export const OAI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The stylesheet itself is data to the page that uses it; opened alone it may load nothing. */
export const XSL_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

function policyFor(path: string): string {
  if (path === "/oai") return OAI_CONTENT_SECURITY_POLICY;
  if (path === "/static/oai.xsl") return XSL_CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY;
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", policyFor(c.req.path));
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
