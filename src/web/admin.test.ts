import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FolderPdfCopies } from "../library/pdf-copies.ts";
import { IngestQueue } from "../library/queue/ingest-queue.ts";
import { DEFAULT_RETRY, INGEST_QUEUE, jobOptions } from "../library/queue/job.ts";
import { QueueMonitor } from "../library/queue/monitor.ts";
import { UploadQueue } from "../library/upload-queue.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { NUMBERED_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { testPostgres } from "../testing/postgres.ts";
import { doc, searchTitle, tempDir, tempStore } from "../testing/temp-store.ts";
import { ADMIN_COOKIE, checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";
import { configuredAdminToken } from "./server.ts";

const TOKEN = "correct horse battery staple";
let store: SqliteStore;
let cleanup: () => Promise<void>;
let uploads: UploadQueue;
let uploadDir: string;
let app: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  await store.upsertDocuments([
    doc("a", { title: "Garbage colection in <b>practice</b>", author: ["Jones, Richard"], year: 1996 }),
    doc("b", { title: "Garbage collection in practice", author: ["Jones, R."], year: 1996 }, [{ id: "a" }]),
    doc("c", { title: "Uniprocessor garbage collection techniques", author: ["Wilson, Paul"], year: 1992 }),
  ]);
  uploadDir = tempDir("citegraph-uploads-");
  uploads = new UploadQueue(store, {
    dir: join(uploadDir, "queue"),
    copies: new FolderPdfCopies(join(uploadDir, "files")),
  });
  app = createApp(store, { admin: checkAdminToken(TOKEN), uploads, maxUploadBytes: 2 * 1024 * 1024 });
});

after(async () => {
  await uploads.idle();
  await cleanup();
  rmSync(uploadDir, { recursive: true, force: true });
});

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

async function signIn(editor = "Ada Librarian"): Promise<string> {
  const r = await app.request("/admin/login", { method: "POST", body: form({ token: TOKEN, editor }) });
  assert.equal(r.status, 303);
  const cookie = r.headers.get("set-cookie") ?? "";
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  return cookie.split(";")[0];
}

async function post(path: string, cookie: string, body: URLSearchParams | FormData, headers = {}) {
  return app.request(path, { method: "POST", body, headers: { cookie, ...headers } });
}

test("the admin token is configured, never defaulted, and long enough", () => {
  assert.equal(configuredAdminToken(undefined, {}), undefined);
  assert.equal(configuredAdminToken(undefined, { CITEGRAPH_ADMIN_TOKEN: "" }), undefined);
  assert.throws(() => configuredAdminToken(undefined, { CITEGRAPH_ADMIN_TOKEN: "short" }), /at least 16/);
  assert.equal(configuredAdminToken(undefined, { CITEGRAPH_ADMIN_TOKEN: TOKEN })?.token, TOKEN);
  assert.throws(() => configuredAdminToken("/no/such/token-file"), /cannot read the admin token file/);
});

test("without a token the library is read-only; with one, writes need it", async () => {
  const readOnly = createApp(store);
  assert.match(await (await readOnly.request("/admin")).text(), /Administration is off/);
  const refused = await readOnly.request("/admin/merge", {
    method: "POST",
    body: form({ into: "1", from: "2" }),
  });
  assert.equal(refused.status, 403);
  assert.equal(
    (await readOnly.request("/admin/login", { method: "POST", body: form({ token: TOKEN }) })).status,
    403,
  );

  assert.equal(
    (await app.request("/admin/merge", { method: "POST", body: form({ into: "1", from: "2" }) })).status,
    403,
  );
  assert.equal((await app.request("/admin/works/1/edit")).status, 403);
  const wrong = await app.request("/admin/login", {
    method: "POST",
    body: form({ token: "guess", editor: "x" }),
  });
  assert.equal(wrong.status, 403);
  assert.match(await wrong.text(), /not the admin token/);
  assert.equal(wrong.headers.get("set-cookie"), null);

  const cookie = await signIn();
  const page = await (await app.request("/admin", { headers: { cookie } })).text();
  assert.match(page, /Signed in as <strong>Ada Librarian<\/strong>/);
  assert.match(page, /href="\/admin">Admin<\/a>/, "the navigation shows Admin");
  // A forged or altered session is worth nothing.
  const forged = cookie.replace(/=(\d+)\./, (_m, t) => `=${Number(t) + 1}.`);
  assert.match(
    await (await app.request("/admin", { headers: { cookie: forged } })).text(),
    /Sign in to administer/,
  );
  assert.match(
    await (
      await app.request("/admin", { headers: { cookie: `${ADMIN_COOKIE}=1.YQ.${"a".repeat(43)}` } })
    ).text(),
    /Sign in to administer/,
  );
  // A program uses the token as a bearer.
  assert.equal((await app.request("/admin", { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  assert.equal(
    (await app.request("/admin/works/1/edit", { headers: { authorization: "Bearer nope" } })).status,
    403,
  );
  // Another site's page cannot post with the admin's cookie.
  const csrf = await post("/admin/merge", cookie, form({ into: "1", from: "2" }), {
    origin: "https://evil.example",
  });
  assert.equal(csrf.status, 403);
  for (const origin of ["null", "not a url"])
    assert.equal(
      (await post("/admin/merge", cookie, form({ into: "1", from: "2" }), { origin })).status,
      403,
    );
  assert.equal((await store.merges(10)).length, 0);
  // Behind a proxy that ends TLS, the browser's https origin names the host the proxy forwards — believed only
  // when the operator says a proxy is in front (anyone can send X-Forwarded-Host).
  const viaProxy = { origin: "https://library.example.org", "x-forwarded-host": "library.example.org" };
  const untrusted = await post("/admin/merge", cookie, form({ into: "x", from: "y" }), viaProxy);
  assert.equal(untrusted.status, 403, "X-Forwarded-Host is not believed by default");
  const behindProxy = createApp(store, { admin: checkAdminToken(TOKEN), trustProxy: true });
  const proxied = await behindProxy.request("/admin/merge", {
    method: "POST",
    body: form({ into: "x", from: "y" }),
    headers: { authorization: `Bearer ${TOKEN}`, ...viaProxy },
  });
  assert.equal(proxied.status, 400, "not refused as cross-site (the ids are bad)");
  const direct = await post("/admin/merge", cookie, form({ into: "x", from: "y" }), {
    origin: "http://127.0.0.1:3000",
    host: "127.0.0.1:3000",
  });
  assert.equal(direct.status, 400);

  const out = await post("/admin/logout", cookie, form({}));
  assert.match(out.headers.get("set-cookie") ?? "", new RegExp(`${ADMIN_COOKIE}=;`));
});

test("a correction through the web: form, history with the old and new values, revert", async () => {
  const cookie = await signIn("Ada Librarian");
  const edit = await (await app.request("/admin/works/1/edit", { headers: { cookie } })).text();
  assert.ok(
    edit.includes('value="Garbage colection in &lt;b&gt;practice&lt;/b&gt;"'),
    "the form shows the value, escaped",
  );
  assert.match(edit, /<textarea id="f-author" name="author" rows="5">Jones, Richard<\/textarea>/);

  const bad = await post(
    "/admin/works/1/edit",
    cookie,
    form({ title: "Garbage collection", issued: "19x6" }),
  );
  assert.equal(bad.status, 400);
  const badText = await bad.text();
  assert.match(badText, /issued: the year must be/);
  assert.ok(badText.includes('value="19x6"'), "what was typed is kept for fixing");
  assert.equal((await store.getWork(1))!.title, "Garbage colection in <b>practice</b>", "nothing stored");

  const ok = await post(
    "/admin/works/1/edit",
    cookie,
    form({
      title: "Garbage collection in practice",
      author: "Jones, Richard\r\nLins, Rafael\r\n",
      issued: "1996",
      note: "from the title page",
    }),
  );
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/works/1/history");
  const w = (await store.getWork(1))!;
  assert.equal(w.title, "Garbage collection in practice");
  assert.deepEqual(
    w.authors.map((a) => a.name),
    ["Richard Jones", "Rafael Lins"],
  );
  // The work page says where each field comes from.
  const workPage = await (await app.request("/works/1")).text();
  assert.match(workPage, /<summary>Where this record comes from<\/summary>/);
  assert.match(
    workPage,
    /<th scope="row">Title<\/th><td><bdi>Garbage collection in practice<\/bdi><\/td><td>corrected by Ada Librarian, \d{4}-\d\d-\d\d<\/td>/,
  );
  assert.match(
    workPage,
    /<th scope="row">Year<\/th><td><bdi>1996<\/bdi><\/td><td><bdi>record a<\/bdi><\/td>/,
  );
  const [c] = await store.corrections(1, 5);
  assert.deepEqual(Object.keys(c.fields).sort(), ["author", "title"], "only the fields changed are recorded");
  assert.equal(c.editor, "Ada Librarian");

  const history = await (await app.request("/works/1/history")).text();
  assert.match(history, /by <strong>Ada Librarian<\/strong> — <bdi>from the title page<\/bdi>/);
  assert.ok(
    history.includes(
      "<del><bdi>Garbage colection in &lt;b&gt;practice&lt;/b&gt;</bdi></del> → <ins><bdi>Garbage collection in practice</bdi></ins>",
    ),
  );
  assert.doesNotMatch(history, /Revert/, "readers see the history, not the buttons");
  assert.match(await (await app.request("/works/1/history", { headers: { cookie } })).text(), /Revert/);

  const revert = await post(`/admin/corrections/${c.id}/revert`, cookie, form({}));
  assert.equal(revert.status, 303);
  assert.equal((await store.getWork(1))!.title, "Garbage colection in <b>practice</b>");
  assert.match(await (await app.request("/works/1/history")).text(), /reverted .* by Ada Librarian/);
  assert.equal((await post(`/admin/corrections/${c.id}/revert`, cookie, form({}))).status, 400);
  assert.equal((await post("/admin/works/999/edit", cookie, form({ title: "x" }))).status, 404);
  const nothing = await post(
    "/admin/works/1/edit",
    cookie,
    form({ title: "Garbage colection in <b>practice</b>" }),
  );
  assert.match(await nothing.text(), /nothing was changed/);
});

test("merge and split through the web", async () => {
  const cookie = await signIn();
  const bad = await post("/admin/merge", cookie, form({ into: "3", from: "3" }));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /Not merged: work 3 cannot be merged with itself/);
  const merged = await post("/admin/merge", cookie, form({ into: "1", from: "2", note: "same book" }));
  assert.equal(merged.status, 303);
  assert.equal(await store.getWork(2), undefined);
  const page = await (await app.request("/admin?done=merged", { headers: { cookie } })).text();
  assert.match(page, /Merged\./);
  assert.match(page, /same book/);
  const [m] = await store.merges(1);
  assert.equal((await post(`/admin/merges/${m.id}/split`, cookie, form({}))).status, 303);
  assert.ok((await store.merges(1))[0].splitInto, "split recorded");
  assert.match(await (await post(`/admin/merges/${m.id}/split`, cookie, form({}))).text(), /split already/);
});

test("uploads: PDFs are queued and ingested with progress; other files fail with the reason", async () => {
  const cookie = await signIn();
  const body = new FormData();
  body.append(
    "files",
    new Blob([new Uint8Array(await paperPdf(NUMBERED_PAPER))], { type: "application/pdf" }),
    "../../paper one.pdf",
  );
  body.append("files", new Blob(["hello, not a pdf"], { type: "text/plain" }), "notes.txt");
  const r = await post("/admin/upload", cookie, body);
  assert.equal(r.status, 303);
  const table = await (await app.request("/admin/uploads", { headers: { cookie } })).text();
  assert.match(table, /paper_one\.pdf/, "the name is made safe");
  assert.match(table, /not-pdf: not a PDF/, "the failure catalogue's code");
  await uploads.idle();
  const jobs = uploads.list();
  assert.deepEqual(
    jobs.map((j) => [j.name, j.state]),
    [
      ["notes.txt.pdf", "failed"],
      ["paper_one.pdf", "added"],
    ],
  );
  assert.equal(jobs[1].title, NUMBERED_PAPER.title);
  const done = await (await app.request("/admin/uploads", { headers: { cookie } })).text();
  assert.doesNotMatch(done, /hx-trigger/, "polling stops when the queue is empty");
  assert.match(done, /2 of 2 uploads finished/);
  const found = await searchTitle(store, "citation", false);
  assert.equal(found.total, 1, "the uploaded paper is in the library");
  assert.ok((await store.failures(10)).some((f) => f.source === "upload:notes.txt.pdf"));

  const anonymous = new FormData();
  anonymous.append("files", new Blob(["%PDF-1.4"]), "x.pdf");
  assert.equal((await app.request("/admin/upload", { method: "POST", body: anonymous })).status, 403);
  const big = new FormData();
  big.append("files", new Blob([new Uint8Array(3 * 1024 * 1024)]), "big.pdf");
  assert.equal((await post("/admin/upload", cookie, big)).status, 413);
});

test("uploads left by a stopped server are ingested when it starts again", async () => {
  const dir = join(uploadDir, "restart");
  const first = new UploadQueue(store, { dir });
  // Files as a stopped server leaves them: written, not yet ingested.
  const { mkdirSync, writeFileSync } = await import("node:fs");
  mkdirSync(join(dir, "7"), { recursive: true });
  writeFileSync(join(dir, "7", "left.pdf"), "%PDF-1.4 truncated");
  await first.idle();
  const second = new UploadQueue(store, { dir });
  await second.idle();
  const [job] = second.list();
  assert.equal(job.name, "left.pdf");
  assert.equal(job.state, "failed", "a broken PDF is recorded as failed, with the reason");
  assert.ok(job.reason);
});

const postgres = await testPostgres();

test("the admin page shows the ingest queue's numbers", { skip: postgres.skip }, async () => {
  const db = await postgres.newDatabase();
  const queue = await IngestQueue.open(db.url);
  const monitor = new QueueMonitor(db.url);
  try {
    const sha1 = "0123456789abcdef0123456789abcdef01234567";
    const data = { sha1, name: "paper.pdf", limits: { maxPages: 10, maxBytes: 1000 }, timeoutMs: 1000 };
    await queue.boss.send(INGEST_QUEUE, data, jobOptions(data, DEFAULT_RETRY));
    const withQueue = createApp(store, { admin: checkAdminToken(TOKEN), queue: monitor });
    const signedIn = await withQueue.request("/admin/login", {
      method: "POST",
      body: form({ token: TOKEN, editor: "Ada" }),
    });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    const page = await (await withQueue.request("/admin", { headers: { cookie } })).text();
    assert.match(page, /Ingest queue/);
    assert.match(page, /<th>Waiting<\/th><td>1<\/td>/);
    assert.match(page, /<th>Done<\/th><td>0<\/td>/);
    assert.doesNotMatch(
      await (await app.request("/admin", { headers: { cookie: await signIn() } })).text(),
      /Ingest queue/,
      "no queue, no numbers",
    );
  } finally {
    await monitor.close();
    await queue.close();
    await db.drop();
  }
});
