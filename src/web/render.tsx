/**
 * What every HTML handler shares: the page frame around a body, the parameters it reads the same way, and who
 * is asking (an admin's editor name, set once per request by the app).
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Store, WorkDetail } from "../store/types.ts";
import { readCart } from "./cart.ts";
import { Layout } from "./pages/layout.tsx";
import { ErrorPage } from "./pages/misc.tsx";

/** The app's context variables: the editor when the request is an admin's. */
export type AppEnv = { Variables: { editor: string | undefined } };

export function editorOf(c: Context): string | undefined {
  return (c as Context<AppEnv>).get("editor");
}

export function render(
  c: Context,
  title: string,
  body: Child,
  opts: { q?: string; status?: 200 | 400 | 403 | 404 | 410 | 413 | 500 } = {},
) {
  const html = (
    <Layout title={title} q={opts.q} cartSize={readCart(c).length} admin={editorOf(c) !== undefined}>
      {body}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${html.toString()}`, opts.status ?? 200);
}

/** A positive integer from a path or query parameter, or undefined. */
export function positive(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** Longer "back" values are not ours (a result page's address is far shorter). */
const MAX_BACK = 4096;
/** Whitespace, control characters and backslashes: browsers drop or reinterpret them in URLs. */
const UNSAFE_IN_URL = /[\s\\\p{Cc}]/u;

/**
 * The path a form's "back" field names, when it is one of this site's; "/" otherwise (no open redirects).
 * Browsers strip tabs and newlines from a URL and read a backslash as "/", so "/\t/evil.example" would leave the
 * site as "//evil.example": any such character is refused outright, as is a path that, unescaped, would say
 * the same ("/%09/evil", "/%2F/evil"). What remains must resolve to this origin; it is returned normalised.
 */
export function safeBack(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_BACK) return "/";
  if (UNSAFE_IN_URL.test(value) || !value.startsWith("/") || value.startsWith("//")) return "/";
  const here = "http://x";
  let url: URL;
  let path: string;
  try {
    url = new URL(value, here);
    path = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  if (url.origin !== here || UNSAFE_IN_URL.test(path) || path.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}

/** A form field as text ("" when absent or a file). */
export function formText(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === "string" ? v : "";
}

export function notFound(c: Context) {
  return render(
    c,
    "Not found",
    <ErrorPage title="Not found" message="There is no such page or work in this library." />,
    { status: 404 },
  );
}

/** The work a path's `:id` names, or undefined (no such work, or not an id). */
export async function workOf(c: Context, store: Store): Promise<WorkDetail | undefined> {
  const id = positive(c.req.param("id"));
  return id ? store.getWork(id) : undefined;
}
