/**
 * The result page in a real browser (Debian's Chromium, driven by playwright-core): no CSP violations or
 * script errors, htmx adds to the MetaCart in place, the abstract opens, everything reachable by keyboard.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { buildDemo } from "../library/demo.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

let store: SqliteStore;
let cleanup: () => Promise<void>;
let server: ReturnType<typeof serve>;
let base = "";
let browser: Browser;

before(async () => {
  if (skip) return;
  ({ store, cleanup } = tempStore());
  await buildDemo(store);
  const app = createApp(store);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await new Promise((r) => server.close(r));
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
  assert.match((await page.textContent("header nav")) ?? "", /MetaCart/);

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
