/**
 * Every page of the demo library, as a newcomer browsing it would reach them: a crawler starts at the home page
 * (signed in as an admin, so the administration pages are reached too) and follows every same-site link.
 * Each page must answer 200 and be well-formed markup (hono/jsx writes XHTML-compatible HTML), and every kind of
 * page the README lists must have been reached.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SaxesParser } from "saxes";
import { buildDemo } from "../library/demo.ts";
import { tempStore } from "../testing/temp-store.ts";
import { checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";

/** Pages fetched at most, and of one kind (searches refine without end: facets, sorts, pages). */
const MAX_PAGES = 3000;
const PER_KIND = 60;

/** A page's kind: its path with ids taken out. */
const kindOf = (path: string) =>
  path
    .replace(/\?.*$/, "")
    .replace(/\/\d+/g, "/:id")
    .replace(/\/[0-9a-f]{40}\.pdf$/, "/:file");

function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)]
    .map((m) => m[1].replace(/&amp;/g, "&"))
    .filter((h) => h.startsWith("/") && !h.startsWith("//"));
}

function wellFormed(html: string): void {
  const parser = new SaxesParser();
  parser.write(html.replace(/^<!DOCTYPE html>/, "")).close();
}

test("every page of the demo answers, well-formed, and every kind of page is reached", async () => {
  const { store, cleanup } = tempStore();
  try {
    await buildDemo(store);
    const token = "crawl-token-0123456789";
    const app = createApp(store, { admin: checkAdminToken(token) });
    const headers = { authorization: `Bearer ${token}` };
    const seen = new Set<string>();
    const queue = ["/", "/admin", "/cart/bibliography?style=apa", "/oai?verb=Identify"];
    const kinds = new Map<string, number>();
    while (queue.length && seen.size < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const r = await app.request(path, { headers });
      assert.equal(r.status, 200, path);
      const type = r.headers.get("content-type") ?? "";
      const kind = path
        .replace(/\?.*$/, "")
        .replace(/\/\d+/g, "/:id")
        .replace(/\/[0-9a-f]{40}\.pdf$/, "/:file");
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (!/html|xml/.test(type)) continue;
      const text = await r.text();
      try {
        wellFormed(text);
      } catch (e) {
        assert.fail(`${path}: not well-formed: ${(e as Error).message}`);
      }
      if (type.includes("html"))
        for (const l of links(text)) {
          const k = kindOf(l);
          if (!seen.has(l) && (k === "/works/:id" || k === "/authors/:id" || (kinds.get(k) ?? 0) < PER_KIND))
            queue.push(l);
        }
    }
    assert.ok(seen.size < MAX_PAGES, "the crawl ended");
    for (const kind of [
      "/",
      "/search",
      "/works/:id",
      "/works/:id/citations",
      "/works/:id/history",
      "/authors/:id",
      "/venues/:id",
      "/stats",
      "/summary",
      "/cart",
      "/cart/export",
      "/cart/bibliography",
      "/help",
      "/feeds/search.atom",
      "/admin",
      "/admin/works/:id/edit",
    ])
      assert.ok(kinds.has(kind), `${kind} reached (reached: ${[...kinds.keys()].join(" ")})`);
    assert.ok((kinds.get("/works/:id") ?? 0) >= 25, "every work");
  } finally {
    await cleanup();
  }
});
