/** `citegraph serve`: the web app on a port, until interrupted. */
import { serve as serveNode } from "@hono/node-server";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.tsx";
import type { RateLimit } from "./rate-limit.ts";

export async function serve(
  store: Store,
  opts: { port: number; host: string; fileStore?: string; rateLimit?: RateLimit },
): Promise<void> {
  const app = createApp(store, { fileStore: opts.fileStore, rateLimit: opts.rateLimit });
  await new Promise<void>((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      process.stdout.write(
        `citegraph is serving the library at http://${opts.host}:${info.port}/ (Ctrl-C to stop)\n`,
      );
    });
    server.on("error", (e) => reject(new Error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`)));
    const stop = () => {
      server.close(() => {
        store.close().then(resolve, reject);
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
