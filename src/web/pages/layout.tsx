/** The frame of every page: header with the search box, main content, footer. */
import type { Child } from "hono/jsx";

export interface LayoutProps {
  title: string;
  q?: string;
  cartSize?: number;
  /** An admin is signed in: the Admin link is shown. */
  admin?: boolean;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The title is isolated (FSI … PDI, a <title> holds no markup): a bidi control in it stops there. */}
        <title>{props.title ? `\u2068${props.title}\u2069 — citegraph` : "citegraph"}</title>
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {/* htmx would otherwise add an inline <style>, which the Content-Security-Policy forbids. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <script src="/static/htmx.min.js" defer></script>
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">
            citegraph
          </a>
          <SearchForm q={props.q ?? ""} />
          <nav aria-label="Site">
            <CartLink size={props.cartSize ?? 0} />
            <a href="/stats">Most cited</a>
            <a href="/help">Query help</a>
            {props.admin ? <a href="/admin">Admin</a> : null}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">citegraph — an autonomous citation index</footer>
      </body>
    </html>
  );
}

/** A search box; `id` tells a second box on the page from the header's (ids are unique in a page). */
export function SearchForm(props: { q: string; large?: boolean; id?: string }) {
  const id = props.id ?? (props.large ? "q-home" : "q");
  return (
    <search class={props.large ? "search large" : "search"}>
      <form action="/search" method="get">
        <label for={id} class="visually-hidden">
          Search the library
        </label>
        <input
          id={id}
          type="search"
          name="q"
          value={props.q}
          placeholder='e.g. "virtual machine" year:2000..2010'
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

/** The MetaCart link with its count; htmx replaces it (out of band) when a work is added in place. */
export function CartLink(props: { size: number; swap?: boolean }) {
  return (
    <a id="cart-link" href="/cart" {...(props.swap ? { "hx-swap-oob": "true" } : {})}>
      MetaCart{props.size ? ` (${props.size})` : ""}
    </a>
  );
}
