/**
 * Several `citegraph serve` processes on one PostgreSQL library, as behind a proxy: two apps, each with a store,
 * PDF copies, and uploads of its own, as two processes would have them, on one database of the tests' server.
 * What one process does, the other sees: a sign-out, a correction, a PDF's copy, an upload's progress.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ingestPaths } from "../library/ingest.ts";
import { libraryPdfCopies, type PdfCopies } from "../library/pdf-copies.ts";
import { IngestQueue } from "../library/queue/ingest-queue.ts";
import { QUEUE_SCHEMA } from "../library/queue/job.ts";
import { QueuedUploads } from "../library/queue/upload-jobs.ts";
import { QueueWorker } from "../library/queue/worker.ts";
import { PostgresStore } from "../store/postgres/postgres-store.ts";
import { NUMBERED_PAPER, type PaperSpec, paperPdf } from "../testing/pdf-fixtures.ts";
import { type TestDatabase, testPostgres } from "../testing/postgres.ts";
import { doc, tempDir } from "../testing/temp-store.ts";
import { checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";

const TOKEN = "correct horse battery staple";
const postgres = await testPostgres();

/** One server process: its store, its copies, its uploads, its app. */
interface Server {
  store: PostgresStore;
  copies: PdfCopies;
  uploads: QueuedUploads;
  app: ReturnType<typeof createApp>;
}

describe("two servers on one PostgreSQL library", { skip: postgres.skip }, () => {
  let db: TestDatabase;
  let queue: IngestQueue;
  let a: Server;
  let b: Server;
  const dir = tempDir("citegraph-serve-many-");

  const server = async (): Promise<Server> => {
    const store = await PostgresStore.open(db.url);
    const copies = libraryPdfCopies(db.url);
    const uploads = new QueuedUploads(store, queue, { retry: { retries: 0, retryDelaySeconds: 1 } });
    const app = createApp(store, { admin: checkAdminToken(TOKEN), copies, uploads });
    return { store, copies, uploads, app };
  };

  before(async () => {
    db = await postgres.newDatabase();
    queue = await IngestQueue.open(db.url);
    a = await server();
    b = await server();
    await a.store.upsertDocuments([
      doc("a", { title: "Garbage colection in practice", author: ["Jones, Richard"], year: 1996 }),
    ]);
  });

  after(async () => {
    for (const s of [a, b]) {
      await s?.uploads.close();
      await s?.copies.close();
      await s?.store.close();
    }
    await queue?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (s: Server, editor = "Ada Librarian") => {
    const r = await s.app.request("/admin/login", {
      method: "POST",
      body: new URLSearchParams({ token: TOKEN, editor }),
    });
    assert.equal(r.status, 303);
    return (r.headers.get("set-cookie") ?? "").split(";")[0];
  };
  const adminPage = (s: Server, cookie: string) => s.app.request("/admin", { headers: { cookie } });
  const signedIn = async (s: Server, cookie: string) =>
    (await (await adminPage(s, cookie)).text()).includes('action="/admin/logout"');

  test("a session signed out on one server is refused on the other", async () => {
    const cookie = await signIn(a);
    assert.ok(await signedIn(b, cookie), "the other server takes the session (the same token signs it)");
    const out = await b.app.request("/admin/logout", { method: "POST", headers: { cookie } });
    assert.equal(out.status, 303);
    assert.equal(await signedIn(a, cookie), false, "signed out on b, refused on a");
    const write = await a.app.request("/admin/works/1/edit", {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ title: "Taken over" }),
    });
    assert.equal(write.status, 403, "a copied cookie writes nothing");
    assert.ok(await signedIn(a, await signIn(a)), "a new session is fine");
  });

  test("a correction made through one server shows on the other", async () => {
    const cookie = await signIn(a, "Grace <Editor>");
    const page = async () => (await b.app.request("/works/1")).text();
    assert.match(await page(), /Garbage colection in practice/);
    const r = await a.app.request("/admin/works/1/edit", {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ title: "Garbage collection in practice", note: "typo" }),
    });
    assert.equal(r.status, 303);
    const shown = await page();
    assert.match(shown, /Garbage collection in practice/, "b shows a's correction at once");
    assert.doesNotMatch(shown, /Garbage colection/);
  });

  test("the PDF copy of a document ingested into the library is downloadable from every server", async () => {
    const bytes = await paperPdf(NUMBERED_PAPER);
    const path = join(dir, "numbered.pdf");
    writeFileSync(path, bytes);
    const report = await ingestPaths(a.store, [path], { jobs: 1, copies: a.copies });
    assert.equal(report.added, 1);
    const sha1 = createHash("sha1").update(bytes).digest("hex");
    const r = await b.app.request(`/documents/${sha1}.pdf`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/pdf");
    assert.deepEqual(Buffer.from(await r.arrayBuffer()), bytes, "the bytes ingested, from the database");
    assert.equal(existsSync(`${db.url}.files`), false, "no folder named after the URL");
    assert.equal((await b.app.request(`/documents/${"0".repeat(40)}.pdf`)).status, 404);
    assert.equal((await b.app.request("/documents/..%2F..%2Fetc%2Fpasswd")).status, 404);
  });

  test("an upload to a server with a queue becomes a job; a worker files it; the upload page shows it done", async () => {
    const paper: PaperSpec = { ...NUMBERED_PAPER, title: "Uploaded through the queue to <any> worker" };
    const bytes = await paperPdf(paper);
    const cookie = await signIn(a);
    const body = new FormData();
    body.append("files", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "../up <one>.pdf");
    body.append("files", new Blob(["hello, not a pdf"], { type: "text/plain" }), "notes.txt");
    const r = await a.app.request("/admin/upload", { method: "POST", body, headers: { cookie } });
    assert.equal(r.status, 303);

    const table = async () => (await b.app.request("/admin/uploads", { headers: { cookie } })).text();
    const waiting = await table();
    assert.match(waiting, /up_one_\.pdf/, "the other server lists the upload, its name made safe");
    assert.match(waiting, /<td>queued<\/td>/, "its job waits for a worker");
    assert.match(waiting, /hx-trigger/, "the page polls while a job waits");
    assert.match(waiting, /not-pdf: not a PDF/, "a file that is not a PDF fails at once");
    const sha1 = createHash("sha1").update(bytes).digest("hex");
    const staged = await queue.db.executeSql(`SELECT 1 FROM ${QUEUE_SCHEMA}.queued_pdfs WHERE sha1 = $1`, [
      sha1,
    ]);
    assert.equal(staged.rows.length, 1, "the PDF waits in the queue's database, not on a server's disk");

    const worker = new QueueWorker(b.store, queue, {
      concurrency: 1,
      exitWhenIdle: true,
      pollMs: 100,
      copies: b.copies,
    });
    const report = await worker.run();
    assert.equal(report.added, 1);

    const done = await table();
    assert.match(done, /<td>added<\/td>/);
    assert.ok(done.includes("Uploaded through the queue to &lt;any&gt; worker"), "the title found, escaped");
    assert.doesNotMatch(done, /hx-trigger/, "polling stops when nothing waits");
    assert.match(done, /2 of 2 uploads finished/);
    const copy = await a.app.request(`/documents/${sha1}.pdf`);
    assert.deepEqual(Buffer.from(await copy.arrayBuffer()), bytes, "its copy is the library's");
    const left = await queue.db.executeSql(`SELECT 1 FROM ${QUEUE_SCHEMA}.queued_pdfs WHERE sha1 = $1`, [
      sha1,
    ]);
    assert.equal(left.rows.length, 0, "one copy: the staged bytes moved to the library's table");
    assert.ok((await a.store.failures(10)).some((f) => f.source === "upload:notes.txt.pdf"));
  });
});
