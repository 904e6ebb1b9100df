/**
 * Uploads under attack and under load (issue 17): a request without the token is refused before its body is
 * read; a body is streamed to disk and counted, stopped as soon as it passes the limit; the upload limit agrees
 * with the ingest's; a library busy with another writer keeps uploads queued, with their files, until a
 * later try stores them.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import { isPassingFailure, UploadQueue } from "../library/upload-queue.ts";
import { DEFAULT_PDF_LIMITS } from "../pdf/types.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import type { Store } from "../store/types.ts";
import { NUMBERED_PAPER, paperPdf } from "../testing/pdf-fixtures.ts";
import { searchTitle, tempDir, tempStore } from "../testing/temp-store.ts";
import { checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";
import { uploadLimits } from "./server.ts";

const TOKEN = "correct horse battery staple";
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BOUNDARY = "----citegraphTestBoundary";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

let store: SqliteStore;
let cleanup: () => Promise<void>;
let dir: string;

before(() => {
  ({ store, cleanup } = tempStore());
  dir = tempDir("citegraph-upload-test-");
});

after(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A request body made as it is pulled (nothing ahead), counting the bytes the server pulled. */
function pulledBody(chunks: Iterator<Uint8Array>, onPull?: (pulled: number) => void) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) return controller.close();
        pulled += next.value.length;
        onPull?.(pulled);
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** A form of one file: its head, `size` bytes of content made chunk by chunk, and the closing boundary. */
function* formChunks(
  size: number,
  name = "big.pdf",
  first: Uint8Array = Buffer.from("%PDF-1.4\n"),
): Generator<Uint8Array> {
  yield Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  yield first;
  for (let sent = first.length; sent < size; sent += CHUNK)
    yield Buffer.alloc(Math.min(CHUNK, size - sent), 0x41);
  yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
}

function upload(app: ReturnType<typeof createApp>, body: ReadableStream<Uint8Array>, headers = {}) {
  return app.request("/admin/upload", {
    method: "POST",
    body,
    headers: { "content-type": MULTIPART, ...headers },
    duplex: "half",
  } as RequestInit);
}

const incoming = (queueDir: string) => readdirSync(join(queueDir, "incoming"));

test("an upload without the token is refused before its body is read", async () => {
  const queueDir = join(dir, "anonymous");
  const uploads = new UploadQueue(store, { dir: queueDir });
  const app = createApp(store, { admin: checkAdminToken(TOKEN), uploads, maxUploadBytes: 8 * MB });
  for (const headers of [
    {},
    { authorization: "Bearer wrong-token-of-some-length" },
    { cookie: "citegraph_admin=1.x.y.z" },
  ]) {
    const body = pulledBody(formChunks(50 * MB));
    const r = await upload(app, body.stream, headers);
    assert.equal(r.status, 403);
    assert.ok(body.pulled() < 256 * 1024, `pulled ${body.pulled()} bytes of a 50 MB body`);
  }
  assert.deepEqual(incoming(queueDir), []);
  assert.deepEqual(uploads.list(), []);
});

test("an upload over the limit is stopped as soon as it passes it; nothing of it is kept", async () => {
  const queueDir = join(dir, "over");
  const uploads = new UploadQueue(store, { dir: queueDir });
  const app = createApp(store, { admin: checkAdminToken(TOKEN), uploads, maxUploadBytes: 4 * MB });
  let onDisk = 0;
  const body = pulledBody(formChunks(50 * MB), (pulled) => {
    // Halfway to the limit the file is on disk already, not gathered in memory.
    if (pulled > 3 * MB && !onDisk)
      onDisk = incoming(queueDir).reduce((n, f) => n + statSync(join(queueDir, "incoming", f)).size, 0);
  });
  const r = await upload(app, body.stream, { authorization: `Bearer ${TOKEN}` });
  assert.equal(r.status, 413);
  assert.match(await r.text(), /larger than the limit of 4 MB/);
  assert.ok(body.pulled() <= 4 * MB + 2 * CHUNK, `pulled ${body.pulled()} bytes for a limit of 4 MB`);
  assert.ok(onDisk > 2 * MB, `streamed to disk as it arrived (${onDisk} bytes there at 3 MB)`);
  assert.deepEqual(incoming(queueDir), [], "the partial file is deleted");
  assert.deepEqual(uploads.list(), [], "no job");
  // A declared length over the limit is refused without reading a byte.
  const declared = pulledBody(formChunks(5 * MB));
  const early = await upload(app, declared.stream, {
    authorization: `Bearer ${TOKEN}`,
    "content-length": String(5 * MB + 300),
  });
  assert.equal(early.status, 413);
  assert.equal(declared.pulled(), 0);
});

test("an upload within the limit is queued from disk by path; a form without a file or broken is 400", async () => {
  const queueDir = join(dir, "within");
  const uploads = new UploadQueue(store, { dir: queueDir });
  const app = createApp(store, { admin: checkAdminToken(TOKEN), uploads, maxUploadBytes: 8 * MB });
  const pdf = await paperPdf({ ...NUMBERED_PAPER, title: "Streaming uploads of scholarly papers" });
  function* chunks(): Generator<Uint8Array> {
    yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nignored\r\n`);
    yield* formChunks(pdf.length, "../streamed paper.pdf", pdf);
  }
  const body = pulledBody(chunks());
  const r = await upload(app, body.stream, { authorization: `Bearer ${TOKEN}` });
  assert.equal(r.status, 303);
  assert.deepEqual(incoming(queueDir), [], "moved out of the incoming folder into its job's");
  await uploads.idle();
  const [job] = uploads.list();
  assert.equal(job.name, "streamed_paper.pdf");
  assert.equal(job.bytes, pdf.length);
  assert.equal(job.state, "added");
  assert.equal((await searchTitle(store, "streaming", false)).total, 1);
  const empty = await upload(
    app,
    pulledBody(
      [
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename=""\r\n\r\n\r\n--${BOUNDARY}--\r\n`,
        ),
      ].values(),
    ).stream,
    { authorization: `Bearer ${TOKEN}` },
  );
  assert.equal(empty.status, 400, "a form with no file chosen");
  assert.match(await empty.text(), /Choose one or more PDF files/);
  const broken = await upload(app, pulledBody([Buffer.from(`--${BOUNDARY}\r\nno end`)].values()).stream, {
    authorization: `Bearer ${TOKEN}`,
  });
  assert.equal(broken.status, 400);
  assert.match(await broken.text(), /could not be read/);
  assert.deepEqual(incoming(queueDir), []);
});

test("the upload limit agrees with the ingest limit of a PDF", async () => {
  assert.deepEqual(uploadLimits(), {
    maxUploadBytes: DEFAULT_PDF_LIMITS.maxBytes,
    ingestMaxBytes: DEFAULT_PDF_LIMITS.maxBytes,
  });
  assert.deepEqual(
    uploadLimits(300),
    { maxUploadBytes: 300 * MB, ingestMaxBytes: 300 * MB },
    "raised together",
  );
  assert.deepEqual(uploadLimits(20), {
    maxUploadBytes: 20 * MB,
    ingestMaxBytes: DEFAULT_PDF_LIMITS.maxBytes,
  });
  assert.throws(() => uploadLimits(0), /whole number/);
  assert.throws(() => uploadLimits(1.5), /whole number/);
  // An app given no limit takes requests only as large as the ingest takes a PDF.
  const uploads = new UploadQueue(store, { dir: join(dir, "default-limit") });
  const app = createApp(store, { admin: checkAdminToken(TOKEN), uploads });
  const over = await upload(app, pulledBody(formChunks(1000)).stream, {
    authorization: `Bearer ${TOKEN}`,
    "content-length": String(DEFAULT_PDF_LIMITS.maxBytes + 1),
  });
  assert.equal(over.status, 413);
  await uploads.close();
  assert.deepEqual(uploads.list(), [], "nothing queued");
});

/** The real store, with some of its methods failing as a busy SQLite library fails, while `failing` says so. */
function busyStore(
  real: Store,
  methods: (keyof Store)[],
  failing: () => boolean,
  error?: () => Error,
): Store {
  return new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (methods.includes(prop as keyof Store))
        return async (...args: unknown[]) => {
          if (failing()) throw error?.() ?? new Database.SqliteError("database is locked", "SQLITE_BUSY");
          return value.apply(target, args);
        };
      return value.bind(target);
    },
  });
}

async function queued(queue: UploadQueue, title: string): Promise<string> {
  const path = queue.incomingPath();
  writeFileSync(path, await paperPdf({ ...NUMBERED_PAPER, title }));
  await queue.addFiles([{ name: `${title}.pdf`, path }]);
  return path;
}

/** Waits until the queue's only job has been tried `n` times, or has finished. */
async function tried(queue: UploadQueue, n: number): Promise<void> {
  const [job] = queue.list();
  if ((job.attempts ?? 0) >= n || (job.state !== "queued" && job.state !== "running")) return;
  await new Promise((r) => setTimeout(r, 10));
  return tried(queue, n);
}

test("a library busy with another writer keeps the upload queued with its file; a later try stores it", async () => {
  let fails = 2;
  const flaky = busyStore(store, ["upsertDocuments"], () => fails-- > 0);
  const queueDir = join(dir, "busy");
  const queue = new UploadQueue(flaky, { dir: queueDir, retryDelayMs: 50 });
  await queued(queue, "Busy libraries and patient queues");
  await tried(queue, 1);
  const [waiting] = queue.list();
  assert.equal(waiting.state, "queued");
  assert.match(waiting.reason ?? "", /will try again .*database is locked/);
  assert.ok(existsSync(join(queueDir, String(waiting.id))), "the file is kept");
  await queue.idle();
  const [job] = queue.list();
  assert.equal(job.state, "added");
  assert.equal(job.attempts, 2);
  assert.ok(!existsSync(join(queueDir, String(job.id))), "deleted once stored");
  assert.equal((await searchTitle(store, "patient", false)).total, 1);
});

test("the failures tried again are the library's being busy, never the document's own", () => {
  for (const reason of [
    "not-stored: database is locked",
    "not stored: SQLITE_BUSY: database is locked",
    "not-stored: the library is busy: another process has been writing to x.db for over 10 minutes",
    "the ingest stopped: database table is locked",
  ])
    assert.ok(isPassingFailure(reason), reason);
  for (const reason of [
    "corrupt: no trailer",
    "not-stored: CHECK constraint failed: title",
    "timeout: 120 s",
    undefined,
  ])
    assert.ok(!isPassingFailure(reason), String(reason));
});

test("an ingest that fails as a whole leaves its jobs queued with their files, tried again", async () => {
  let fails = 1;
  const flaky = busyStore(store, ["knownSha1s"], () => fails-- > 0);
  const queue = new UploadQueue(flaky, { dir: join(dir, "stopped"), retryDelayMs: 20 });
  await queued(queue, "Ingests that stop halfway");
  await queue.idle();
  const [job] = queue.list();
  assert.equal(job.state, "added");
  assert.equal(job.attempts, 1);
});

test("a failure of the document itself ends the job and deletes its file", async () => {
  const flaky = busyStore(
    store,
    ["upsertDocuments"],
    () => true,
    () => new Database.SqliteError("CHECK constraint failed: title", "SQLITE_CONSTRAINT_CHECK"),
  );
  const queueDir = join(dir, "bad");
  const queue = new UploadQueue(flaky, { dir: queueDir, retryDelayMs: 20 });
  await queued(queue, "Documents the library refuses");
  await queue.idle();
  const [job] = queue.list();
  assert.equal(job.state, "failed");
  assert.match(job.reason ?? "", /CHECK constraint failed/);
  assert.equal(job.attempts, undefined, "not tried again");
  assert.ok(!existsSync(join(queueDir, String(job.id))));
});

test("closing a queue stops its retries; the file waits for the next start", async () => {
  let busy = true;
  const flaky = busyStore(store, ["upsertDocuments"], () => busy);
  const queueDir = join(dir, "closed");
  const first = new UploadQueue(flaky, { dir: queueDir, retryDelayMs: 20 });
  await queued(first, "Queues closed while the library is busy");
  await tried(first, 2);
  assert.equal(first.list()[0].state, "queued");
  await first.close();
  const attempts = first.list()[0].attempts;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(first.list()[0].attempts, attempts, "no try after closing");
  busy = false;
  const second = new UploadQueue(store, { dir: queueDir });
  await second.idle();
  assert.deepEqual(
    second.list().map((j) => j.state),
    ["added"],
  );
});
