/**
 * Rate limiting per client address: a token bucket each (`perMinute` tokens a minute, up to `burst` at once), so
 * that one harvester or scraper cannot starve everyone else. Over the limit a request gets 429 with Retry-After —
 * a short page for a browser, JSON under /api. The address is the socket's: a proxy in front should limit itself
 * (X-Forwarded-For is not trusted, anyone can send it). The buckets are this process's: with N server processes
 * behind a proxy a client may get N times the limit (docs/security.md, "Several server processes").
 */
import type { Context, MiddlewareHandler } from "hono";

export interface RateLimit {
  perMinute: number;
  burst: number;
}

/** Clients remembered at most; past this the oldest buckets are forgotten (memory stays bounded). */
const MAX_CLIENTS = 100_000;

function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}

export function rateLimit(limit: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = limit.perMinute / 60_000;
  return async (c, next) => {
    const key = clientAddress(c);
    const t = now();
    const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + (t - b.at) * rate);
    b.at = t;
    buckets.delete(key);
    buckets.set(key, b);
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / rate / 1000);
      c.header("Retry-After", String(wait));
      const message = `Too many requests from your address: at most ${limit.perMinute} a minute. Try again in ${wait} s.`;
      if (c.req.path.startsWith("/api/")) return c.json({ status: 429, message }, 429);
      return c.html(
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many requests — citegraph</title></head><body><main><h1>Too many requests</h1><p>${message}</p></main></body></html>`,
        429,
      );
    }
    b.tokens -= 1;
    await next();
  };
}
