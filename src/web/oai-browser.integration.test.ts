/**
 * /oai in a real browser (Debian's Chromium, driven by playwright-core): the answer's xml-stylesheet makes a
 * page of it under the route's Content-Security-Policy — the repository's name, the records' titles, the next
 * page by its resumption token — with no CSP violation and no script error.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumMissing, launchChromium, serveOnLoopback } from "../testing/chromium.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

const skip = chromiumMissing;

/** The library served, Chromium, and how to clean up after both. */
let site: { base: string; close: () => Promise<void> };
let browser: Browser;
let cleanup: () => Promise<void>;

before(async () => {
  if (skip) return;
  const temp = tempStore();
  cleanup = temp.cleanup;
  await temp.store.upsertDocuments(
    ["Trees & <b>graphs</b>", "Harvesting the second page", "A third record"].map((title, i) =>
      doc(`p${i}`, { title, author: ["Holloway, Grace"], year: 2001 + i, type: "article-journal" }),
    ),
  );
  site = await serveOnLoopback(
    createApp(temp.store, { oai: { pageSize: 2, repositoryName: "Holloway's test library" } }),
  );
  // Chromium 143+ adds a banner announcing the end of XSLT to every such page, styled inline: our policy
  // refuses those styles as it refuses any (the banner then shows unstyled). It is the browser's, not the
  // page's, so it is left out here, where every violation the page itself causes must show.
  browser = await launchChromium(["--disable-features=GenerateXSLTWarningBanner"]);
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await site.close();
  await cleanup();
});

/** A page that records every console error (CSP violations are console errors) and script error. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

test("Identify shows the repository as a page, styled, under the strict policy", { skip }, async () => {
  const { page, problems } = await watchedPage();
  const response = await page.goto(`${site.base}/oai?verb=Identify`);
  assert.match(response?.headers()["content-security-policy"] ?? "", /default-src 'none'/);
  assert.equal(await page.textContent("h2"), "Holloway's test library");
  assert.match((await page.textContent("main")) ?? "", /protocolVersion\s*2\.0/);
  // The site's stylesheet applied (loaded under the policy): the header is a flex row.
  assert.equal(
    await page.evaluate(() => getComputedStyle(document.querySelector("header.site")!).display),
    "flex",
  );
  assert.deepEqual(problems, [], "no console errors or CSP violations");
  await page.close();
});

test("ListRecords lists titles as text and pages on by the resumption token", { skip }, async () => {
  const { page, problems } = await watchedPage();
  await page.goto(`${site.base}/oai?verb=ListRecords&metadataPrefix=oai_dc`);
  const titles = await page.locator("td.title").allTextContents();
  assert.deepEqual(titles, ["Trees & <b>graphs</b>", "Harvesting the second page"]);
  assert.equal(await page.locator("td.title b").count(), 0, "markup in a title stays text");
  assert.match((await page.textContent("main")) ?? "", /info:eu-repo\/semantics\/article/);
  await page.getByRole("link", { name: "Next page" }).click();
  await page.waitForURL(/resumptionToken=/);
  assert.deepEqual(await page.locator("td.title").allTextContents(), ["A third record"]);
  assert.match((await page.textContent("main")) ?? "", /End of the list\./);
  await page.getByRole("link", { name: "oai:citegraph:works/3" }).click();
  await page.waitForURL(/verb=GetRecord/);
  assert.equal(await page.textContent("h1"), "OAI-PMH: GetRecord");
  assert.deepEqual(problems, [], "no console errors or CSP violations");
  await page.close();
});

test("an error answer is a page too", { skip }, async () => {
  const { page, problems } = await watchedPage();
  await page.goto(`${site.base}/oai?verb=Harvest`);
  assert.match((await page.textContent("p.error")) ?? "", /badVerb.*"Harvest" is not an OAI-PMH verb/);
  assert.deepEqual(problems, []);
  await page.close();
});
