import assert from "node:assert/strict";
import { test } from "node:test";
import { Hono } from "hono";
import { rateLimit } from "./rate-limit.ts";

test("a client over its rate gets 429 with Retry-After (a page, or JSON under /api); tokens come back with time", async () => {
  let clock = 1_000_000;
  const app = new Hono();
  app.use(
    "*",
    rateLimit({ perMinute: 60, burst: 3 }, () => clock),
  );
  app.get("*", (c) => c.text("ok"));
  for (let i = 0; i < 3; i++)
    assert.equal((await app.request("/search?q=x")).status, 200, `request ${i + 1}`);
  const over = await app.request("/search?q=x");
  assert.equal(over.status, 429);
  assert.equal(over.headers.get("retry-after"), "1");
  assert.match(await over.text(), /Too many requests/);
  const api = await app.request("/api/v1/search?q=x");
  assert.equal(api.status, 429);
  assert.equal((await api.json()).status, 429);
  clock += 1_000; // one token a second
  assert.equal((await app.request("/search?q=x")).status, 200);
  assert.equal((await app.request("/search?q=x")).status, 429);
  clock += 60_000; // the bucket refills to its burst, not beyond
  for (let i = 0; i < 3; i++) assert.equal((await app.request("/")).status, 200);
  assert.equal((await app.request("/")).status, 429);
});
