/**
 * Atom feeds (RFC 4287): a query's newest works (/feeds/search.atom?q=…) and a work's newest citing works
 * (/works/:id/citations.atom), so that a feed reader tells a researcher what is new. Every text is escaped.
 */
import type { WorkSummary } from "../store/types.ts";
import { escapeXml } from "./xml.ts";

/** Entries a feed carries. */
export const FEED_ENTRIES = 20;

export interface Feed {
  /** The feed's own URL, also its id. */
  self: string;
  /** The page it follows, for a browser. */
  alternate: string;
  title: string;
  works: WorkSummary[];
  base: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function atomFeed(feed: Feed): string {
  const updated = feed.works.reduce((m, w) => Math.max(m, w.addedAt), 0);
  const entry = (w: WorkSummary) =>
    [
      "<entry>",
      `<id>${escapeXml(`${feed.base}/works/${w.id}`)}</id>`,
      `<title>${escapeXml(w.title || "(untitled)")}</title>`,
      `<link href="${escapeXml(`${feed.base}/works/${w.id}`)}"/>`,
      `<updated>${iso(w.addedAt)}</updated>`,
      ...(w.authors.length ? w.authors : [{ id: 0, name: "unknown" }]).map(
        (a) => `<author><name>${escapeXml(a.name)}</name></author>`,
      ),
      `<summary>${escapeXml([w.venue, w.year].filter(Boolean).join(", ") + (w.abstract ? ` — ${w.abstract}` : ""))}</summary>`,
      "</entry>",
    ].join("");
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(feed.self)}</id>`,
    `<title>${escapeXml(feed.title)}</title>`,
    `<link rel="self" href="${escapeXml(feed.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    `<updated>${iso(updated)}</updated>`,
    "<generator>citegraph</generator>",
    ...feed.works.map(entry),
    "</feed>",
  ].join("\n");
}
