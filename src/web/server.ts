/** `citegraph serve`: the web app on a port, until interrupted. */
import { readFileSync } from "node:fs";
import { serve as serveNode } from "@hono/node-server";
import { libraryPdfCopies, type PdfCopies } from "../library/pdf-copies.ts";
import { UploadQueue, type Uploads } from "../library/upload-queue.ts";
import { DEFAULT_PDF_LIMITS } from "../pdf/types.ts";
import { isPostgresUrl } from "../store/postgres/url.ts";
import type { Store } from "../store/types.ts";
import { AdminConfigError, checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";
import { configuredBaseUrl, listenBaseUrl, ServeConfigError } from "./base-url.ts";
import type { RateLimit } from "./rate-limit.ts";

export interface ServeOptions {
  port: number;
  host: string;
  /** The library (a SQLite file or a postgres:// URL): where its PDF copies are (pdf-copies.ts). */
  library?: string;
  /**
   * The ingest queue's PostgreSQL URL (a PostgreSQL library's own when not given): uploads are queued there for
   * `citegraph worker`, and its numbers are on the admin page. Without one a SQLite library's uploads are
   * ingested in this process, waiting in `LIBRARY.uploads/`.
   */
  queue?: string;
  rateLimit?: RateLimit;
  /** A file holding the admin token (else $CITEGRAPH_ADMIN_TOKEN; else no administration). */
  adminTokenFile?: string;
  /** The largest upload request, in MB (default: the ingest limit of one PDF). */
  maxUploadMb?: number;
  /** The library's public address (else $CITEGRAPH_BASE_URL; else http://HOST:PORT). */
  baseUrl?: string;
  /** A reverse proxy in front sets X-Forwarded-Host and X-Forwarded-Proto, which are then believed. */
  trustProxy?: boolean;
}

/** The admin token the operator configured, if any: from a file (first line) or the environment. */
export function configuredAdminToken(file: string | undefined, env = process.env) {
  let token: string | undefined;
  if (file) {
    try {
      token = readFileSync(file, "utf8").split(/\r?\n/)[0];
    } catch (e) {
      throw new AdminConfigError(`cannot read the admin token file ${file}: ${(e as Error).message}`);
    }
  } else token = env.CITEGRAPH_ADMIN_TOKEN;
  return token === undefined || (!file && token === "") ? undefined : checkAdminToken(token);
}

/**
 * The upload limits that agree with each other: a request may be as large as one PDF the ingest accepts
 * (DEFAULT_PDF_LIMITS.maxBytes, 100 MB) unless the operator says otherwise; a larger request limit raises the
 * ingest limit of uploaded PDFs with it, so that nothing accepted is then refused for its size.
 */
export function uploadLimits(maxUploadMb?: number): { maxUploadBytes: number; ingestMaxBytes: number } {
  if (maxUploadMb !== undefined && !(Number.isInteger(maxUploadMb) && maxUploadMb > 0))
    throw new ServeConfigError(`the upload limit must be a whole number of MB, not ${maxUploadMb}`);
  const maxUploadBytes = maxUploadMb ? maxUploadMb * 1024 * 1024 : DEFAULT_PDF_LIMITS.maxBytes;
  return { maxUploadBytes, ingestMaxBytes: Math.max(DEFAULT_PDF_LIMITS.maxBytes, maxUploadBytes) };
}

/** Where a browser on this machine finds a server listening on host:port (every address: the loopback one). */
export function browserUrl(host: string, port: number): string {
  const local = host === "0.0.0.0" ? "127.0.0.1" : host === "::" || host === "[::]" ? "::1" : host;
  return `${listenBaseUrl(local, port)}/`;
}

export async function serve(store: Store, opts: ServeOptions): Promise<void> {
  const admin = configuredAdminToken(opts.adminTokenFile);
  const baseUrl = configuredBaseUrl(opts.baseUrl) ?? listenBaseUrl(opts.host, opts.port);
  const limits = uploadLimits(opts.maxUploadMb);
  const copies = opts.library
    ? libraryPdfCopies(opts.library, { maxBytes: limits.ingestMaxBytes })
    : undefined;
  const queueUrl = opts.queue ?? (opts.library && isPostgresUrl(opts.library) ? opts.library : undefined);
  const { QueueMonitor } = queueUrl
    ? await import("../library/queue/monitor.ts")
    : { QueueMonitor: undefined };
  const queue = queueUrl && QueueMonitor ? new QueueMonitor(queueUrl) : undefined;
  const uploads =
    admin && opts.library ? await openUploads(store, opts.library, queueUrl, copies, limits) : undefined;
  const app = createApp(store, {
    queue,
    copies,
    rateLimit: opts.rateLimit,
    admin,
    uploads,
    maxUploadBytes: limits.maxUploadBytes,
    baseUrl,
    trustProxy: opts.trustProxy,
  });
  await new Promise<void>((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      // The address on a line of its own, first: what a new user needs to go on (nothing opens by itself).
      process.stdout.write(
        `Serving citegraph on ${browserUrl(opts.host, info.port)} — open it in a browser\n(Ctrl-C to stop${admin ? "; administration at /admin" : ""}; feed and OAI-PMH links use ${baseUrl})\n`,
      );
    });
    server.on("error", (e) => reject(new Error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`)));
    const stop = () => {
      server.close(() => {
        // Uploads queued in this process keep their files (the next start ingests them); those on the ingest
        // queue are the workers'.
        (uploads?.close() ?? Promise.resolve())
          .then(() => queue?.close())
          .then(() => copies?.close())
          .then(() => store.close())
          .then(resolve, reject);
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * Where uploads go: with a queue, onto it for any worker (any number of server processes may take them); without
 * one, a SQLite library ingests them in this process, from `LIBRARY.uploads/`.
 */
async function openUploads(
  store: Store,
  library: string,
  queueUrl: string | undefined,
  copies: PdfCopies | undefined,
  limits: { ingestMaxBytes: number },
): Promise<Uploads> {
  if (!queueUrl)
    return new UploadQueue(store, {
      dir: `${library}.uploads`,
      copies,
      limits: { maxBytes: limits.ingestMaxBytes },
    });
  const { QueuedUploads } = await import("../library/queue/upload-jobs.ts");
  return QueuedUploads.open(store, queueUrl, { limits: { maxBytes: limits.ingestMaxBytes } });
}
