/**
 * The library in a real browser (Debian's Chromium, driven by playwright-core): no CSP violations or script
 * errors, htmx adds to the MetaCart in place, the abstract opens; a reader's path from a search to a BibTeX
 * file; the result list worked with the keyboard alone.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { buildDemo } from "../library/demo.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { chromiumMissing, launchChromium, serveOnLoopback } from "../testing/chromium.ts";
import { tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

const skip = chromiumMissing;

let store: SqliteStore;
let cleanup: () => Promise<void>;
let server: { base: string; close: () => Promise<void> };
let base = "";
let browser: Browser;

before(async () => {
  if (skip) return;
  ({ store, cleanup } = tempStore());
  await buildDemo(store);
  server = await serveOnLoopback(createApp(store));
  base = server.base;
  browser = await launchChromium();
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await server.close();
  await cleanup();
});

test("result page in Chromium: no errors, htmx MetaCart, abstract toggle, keyboard", { skip }, async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${base}/search?q=virtual+machine`);
  assert.match((await page.textContent(".results-line")) ?? "", /^Results 1 - 10 of \d+$/);
  assert.equal(await page.locator("li.hit").count(), 10);
  // htmx is loaded from our own origin under the strict CSP.
  assert.equal(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx), "object");

  const firstHit = page.locator("li.hit").first();
  const url = page.url();
  await firstHit.getByRole("button", { name: "Add to MetaCart" }).click();
  await firstHit.locator(".in-cart").waitFor();
  assert.equal(page.url(), url, "added in place, without leaving the page");
  assert.match((await page.textContent("header nav")) ?? "", /MetaCart \(1\)/, "the header's count follows");

  const details = firstHit.locator("details.abstract");
  assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false);
  await details.locator("summary").click();
  assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), true);

  // The search box is reachable and usable from the keyboard.
  await page.focus("#q");
  await page.fill("#q", '"garbage collection"');
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=%22garbage\+collection%22/);
  assert.match((await page.textContent(".results-line")) ?? "", /Results 1 - \d+ of \d+/);

  await page.goto(`${base}/cart`);
  assert.match((await page.textContent("h1")) ?? "", /MetaCart \(1\)/);
  assert.deepEqual(problems, [], "no console errors or CSP violations");
  await page.close();
});

/** Collects console errors and page errors (CSP violations are console errors). */
function watch(page: import("playwright-core").Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

test("search, open a work, follow a citation, add it to the MetaCart, export BibTeX", { skip }, async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${base}/search?q=garbage+collection`);
  await page.locator("li.hit h3 a, li.hit a.title").first().click();
  await page.waitForURL(/\/works\/\d+$/);
  const firstWork = page.url();
  // Follow a reference of this work to the work it names.
  const reference = page.locator('ol.references a[href^="/works/"]').first();
  const cited = (await reference.getAttribute("href")) ?? "";
  await reference.click();
  await page.waitForURL(new RegExp(`${cited}$`));
  assert.notEqual(page.url(), firstWork);
  const title = ((await page.textContent("h1")) ?? "").trim();
  assert.ok(title.length > 3);
  await page.getByRole("button", { name: "Add to MetaCart" }).first().click();
  await page.locator(".in-cart").first().waitFor();
  await page.getByRole("link", { name: /MetaCart \(1\)/ }).click();
  await page.waitForURL(/\/cart$/);
  assert.match((await page.textContent("h1")) ?? "", /MetaCart \(1\)/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "BibTeX" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "metacart.bib");
  const path = await download.path();
  const bib = readFileSync(path, "utf8");
  assert.equal((bib.match(/^@\w+\{/gm) ?? []).length, 1);
  const words = title.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  for (const w of words) assert.ok(bib.includes(w), `the BibTeX names the work: ${w}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the result list works from the keyboard alone", { skip }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/`);
  // Type a query without touching the mouse: the search box takes focus from Tab.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "q-home"; i++)
    await page.keyboard.press("Tab");
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    "q-home",
    "the search box is reached by Tab",
  );
  await page.keyboard.type("virtual machine");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/search\?q=virtual\+machine/);
  // Tab forward to the first hit's title; every stop on the way has a visible focus indicator.
  const firstTitle = await page.locator("li.hit").first().locator("a").first().getAttribute("href");
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return {
        href: el.getAttribute("href"),
        visible: style.outlineStyle !== "none" || style.boxShadow !== "none",
      };
    });
    assert.ok(focus?.visible, `focus is visible on stop ${i}`);
    reached = focus?.href === firstTitle;
  }
  assert.ok(reached, "the first hit's title is reached by Tab");
  // Its abstract toggle and Add to MetaCart follow, and work with the keyboard.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const tag = await page.evaluate(() => document.activeElement?.textContent?.trim());
    if (tag === "Add to MetaCart") break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), "Add to MetaCart");
  await page.keyboard.press("Enter");
  await page.locator("li.hit").first().locator(".in-cart").waitFor();
  // Enter on a title opens the work.
  await page.locator("li.hit").nth(1).locator("a").first().focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/works\/\d+$/);
  assert.deepEqual(problems, []);
  await page.close();
});
