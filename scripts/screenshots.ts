/**
 * `npm run screenshots`: pictures of the web library for the README — the result page, a work page, an author
 * page, the MetaCart's bibliography and the administration page — taken in Debian's Chromium from the demo
 * library, written to docs/screenshots/. Re-run after a change to the pages.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { chromium } from "playwright-core";
import { buildDemo } from "../src/library/demo.ts";
import { UploadQueue } from "../src/library/upload-queue.ts";
import { NUMBERED_PAPER, paperPdf } from "../src/testing/pdf-fixtures.ts";
import { tempDir, tempStore } from "../src/testing/temp-store.ts";
import { checkAdminToken } from "../src/web/admin-auth.ts";
import { createApp } from "../src/web/app.tsx";

const OUT = new URL("../docs/screenshots/", import.meta.url).pathname;
const TOKEN = "screenshots-admin-token";

const { store, cleanup } = tempStore();
await buildDemo(store);
const spool = tempDir("citegraph-screenshots-");
const uploads = new UploadQueue(store, { dir: join(spool, "uploads") });
const app = createApp(store, { admin: checkAdminToken(TOKEN), uploads });
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const shot = async (name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };

  await page.goto(`${base}/search?q=garbage+collection`);
  await page.locator("li.hit details.abstract summary").first().click();
  await shot("results");

  await page.locator("li.hit h3 a").first().click();
  await page.waitForURL(/\/works\/\d+$/);
  await page.getByRole("button", { name: "Add to MetaCart" }).first().click();
  await page.locator(".in-cart").first().waitFor();
  await shot("work");

  await page.locator("a.author").first().click();
  await page.waitForURL(/\/authors\/\d+$/);
  await shot("author");

  await page.goto(`${base}/search?q=virtual+machine`);
  for (let i = 0; i < 3; i++) {
    const adds = page.getByRole("button", { name: "Add to MetaCart" });
    const before = await adds.count();
    await adds.first().click();
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll("button")].filter((b) => b.textContent?.trim() === "Add to MetaCart")
          .length < n,
      before,
    );
  }
  await page.goto(`${base}/cart/bibliography?style=apa`);
  await shot("bibliography");

  await page.goto(`${base}/admin`);
  await page.fill("#editor", "Ada Librarian");
  await page.fill("#token", TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin$/);
  // One upload through the form, so that the progress table has something to show.
  writeFileSync(join(spool, "keller-lindqvist.pdf"), await paperPdf(NUMBERED_PAPER));
  await page.setInputFiles("#files", join(spool, "keller-lindqvist.pdf"));
  await page.getByRole("button", { name: "Upload" }).click();
  await page.waitForURL(/\/admin\?done=uploaded$/);
  await uploads.idle();
  await page.goto(`${base}/admin`);
  await shot("admin");
} finally {
  await browser.close();
  server.close();
  await uploads.idle();
  await cleanup();
  rmSync(spool, { recursive: true, force: true });
}
