/** `citegraph serve`: the web app on a port, until interrupted. */
import { readFileSync } from "node:fs";
import { serve as serveNode } from "@hono/node-server";
import { fileStoreDir } from "../library/pdf-files.ts";
import { UploadQueue } from "../library/upload-queue.ts";
import type { Store } from "../store/types.ts";
import { AdminConfigError, checkAdminToken } from "./admin-auth.ts";
import { createApp } from "./app.tsx";
import type { RateLimit } from "./rate-limit.ts";

export interface ServeOptions {
  port: number;
  host: string;
  /** The library file: its PDF copies and upload queue live beside it. */
  library?: string;
  rateLimit?: RateLimit;
  /** A file holding the admin token (else $CITEGRAPH_ADMIN_TOKEN; else no administration). */
  adminTokenFile?: string;
  maxUploadMb?: number;
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

export async function serve(store: Store, opts: ServeOptions): Promise<void> {
  const admin = configuredAdminToken(opts.adminTokenFile);
  const fileStore = opts.library ? fileStoreDir(opts.library) : undefined;
  const uploads =
    admin && opts.library ? new UploadQueue(store, { dir: `${opts.library}.uploads`, fileStore }) : undefined;
  const app = createApp(store, {
    fileStore,
    rateLimit: opts.rateLimit,
    admin,
    uploads,
    maxUploadBytes: opts.maxUploadMb ? opts.maxUploadMb * 1024 * 1024 : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      process.stdout.write(
        `citegraph is serving the library at http://${opts.host}:${info.port}/ (Ctrl-C to stop)${admin ? "; administration at /admin" : ""}\n`,
      );
    });
    server.on("error", (e) => reject(new Error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`)));
    const stop = () => {
      server.close(() => {
        (uploads?.idle() ?? Promise.resolve()).then(() => store.close()).then(resolve, reject);
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
