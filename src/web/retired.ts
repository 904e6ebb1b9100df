/**
 * A work's URL names that work for ever. When the work was merged into another (by hand or by the matcher), its
 * URL — and every page under it — answers 301 with the same path under the work it is part of now, so that
 * bookmarks, MetaCart cookies and API clients keep reaching it; when it is gone (no reference names it any
 * more), 410. An id that never was a work falls through to the route's own 404.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Store } from "../store/types.ts";
import { positive } from "./render.tsx";

/**
 * How a retired id answers: the web renders a page, the API a JSON body. `status` is 301 for a read, 308 for a
 * write (which a client must send again, unchanged, to the new URL).
 */
export type RetiredAnswer = (
  c: Context,
  id: number,
  into: number | undefined,
  status: 301 | 308,
) => Response | Promise<Response>;

export function retiredWorkRedirects(store: Store, answer: RetiredAnswer): MiddlewareHandler {
  return async (c, next) => {
    const id = positive(c.req.param("id"));
    const retired = id === undefined ? undefined : await store.retiredWork(id);
    if (id === undefined || !retired) return next();
    if (retired.into !== undefined) {
      const url = new URL(c.req.url);
      url.pathname = url.pathname.replace(/\/works\/\d+(?=\/|\.|$)/, `/works/${retired.into}`);
      c.header("Location", `${url.pathname}${url.search}`);
    }
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    return answer(c, id, retired.into, read ? 301 : 308);
  };
}
