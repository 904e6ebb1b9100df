/**
 * The web library (Hono, server-rendered): home, search results, work pages, cited-by lists, MetaCart, help.
 * Handlers stay thin: they read parameters, call the search and store modules, and render a page.
 * Every page works without JavaScript; htmx only saves a reload when adding to the MetaCart.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { bibliographyRuns, isBibliographyStyle } from "../formats/bibliography.ts";
import { BibtexKeys, toBibtex } from "../formats/bibtex-writer.ts";
import { provenance } from "../graph/canonical.ts";
import {
  EXPORT_FORMATS,
  EXPORT_TYPES,
  type ExportFormat,
  exportIds,
  RECORD_FORMATS,
  workCsl,
} from "../library/export.ts";
import type { PdfCopies } from "../library/pdf-copies.ts";
import type { Uploads } from "../library/upload-queue.ts";
import { DEFAULT_PDF_LIMITS } from "../pdf/types.ts";
import { parseQuery, QueryError } from "../search/query-parser.ts";
import { parseSort, search } from "../search/search.ts";
import { similarWorks } from "../search/similar.ts";
import { citationSummary } from "../search/summary.ts";
import type { Store } from "../store/types.ts";
import { type AdminOptions, mountAdmin } from "./admin.tsx";
import { type AdminConfig, AdminSessions, sameOrigin } from "./admin-auth.ts";
import { createApi } from "./api.ts";
import { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url.ts";
import { CART_LIMIT, readCart, writeCart } from "./cart.ts";
import { atomFeed, FEED_ENTRIES, type Feed } from "./feeds.ts";
import { answerOai, OAI_STYLESHEET_PATH, type OaiOptions, oaiStylesheet } from "./oai.ts";
import { AuthorPage } from "./pages/author.tsx";
import { AddToCart } from "./pages/components.tsx";
import { CartLink } from "./pages/layout.tsx";
import { BibliographyPage, CartPage, ErrorPage, HelpPage, HomePage } from "./pages/misc.tsx";
import { AsCited, ProvenanceSection } from "./pages/provenance.tsx";
import { SearchPage } from "./pages/search.tsx";
import { StatsPage, VenuePage } from "./pages/stats.tsx";
import { SummaryPage } from "./pages/summary.tsx";
import { CitationsPage, SimilarWorks, WorkPage } from "./pages/work.tsx";
import { type RateLimit, rateLimit } from "./rate-limit.ts";
import { type AppEnv, editorOf, notFound, positive, render, safeBack, workOf } from "./render.tsx";
import { retiredWorkRedirects } from "./retired.ts";
import { noStoreForAdmins, securityHeaders } from "./security.ts";

const require = createRequire(import.meta.url);
const HTMX = readFileSync(require.resolve("htmx.org/dist/htmx.min.js"), "utf8");
const STYLE = readFileSync(new URL("./static/style.css", import.meta.url), "utf8");
const FAVICON = readFileSync(new URL("./static/favicon.svg", import.meta.url), "utf8");

const CITATIONS_PER_PAGE = 20;
/** Related works shown on a work page, per kind. */
const RELATED_SHOWN = 5;
/** Similar works listed (their own page and the work page's section alike). */
const SIMILAR_SHOWN = 10;
/** Entries of each list on the statistics page, and works on a venue's page. */
const LEADERS_SHOWN = 10;
const VENUE_WORKS_SHOWN = 100;
/** References read for the provenance of a work only cited (the vote reads about as many). */
const PROVENANCE_REFERENCES = 50;

function currentPath(c: Context): string {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
}

export interface AppOptions {
  /** The library's PDF copies (its folder, or its database: library/pdf-copies.ts), for the cached-copy downloads. */
  copies?: PdfCopies;
  oai?: OaiOptions;
  /** Requests a client address may make; none when omitted (tests, a trusted network). */
  rateLimit?: RateLimit;
  /** The admin token: without one the library is read-only. */
  admin?: AdminConfig;
  /** Where uploaded PDFs go for ingest (admins only): this process's queue, or the ingest queue. */
  uploads?: Uploads;
  /** The ingest queue's numbers, shown on the admin page. */
  queue?: AdminOptions["queue"];
  /** The largest upload request, in bytes (all its files together): by default one PDF the ingest takes. */
  maxUploadBytes?: number;
  /**
   * The library's public address, the base of the absolute links of feeds and OAI-PMH (never the request's
   * Host header). DEFAULT_BASE_URL when omitted; `citegraph serve` gives the configured or listening address.
   */
  baseUrl?: string;
  /** A reverse proxy in front: its X-Forwarded-Host and X-Forwarded-Proto are believed. Off by default. */
  trustProxy?: boolean;
}

/** Requests other than uploads are small: forms, queries. */
const MAX_REQUEST_BYTES = 64 * 1024;
/** Uploads are as large as the ingest takes a PDF, unless configured otherwise (server.ts, uploadLimits). */
export const DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_PDF_LIMITS.maxBytes;

export function createApp(store: Store, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const sessions = options.admin
    ? new AdminSessions(options.admin, { trustProxy: options.trustProxy, revocations: store })
    : undefined;
  app.use("*", securityHeaders());
  app.use("*", noStoreForAdmins());
  if (options.rateLimit) app.use("*", rateLimit(options.rateLimit));
  // Every write of the app (MetaCart, administration, API) is refused when a browser says it is cross-site.
  // The base URL names this site only when it was given (the default names no real site).
  app.use("*", sameOrigin({ trustProxy: options.trustProxy, baseUrl: options.baseUrl && baseUrl }));
  const smallBodies = bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: (c: Context) => c.text("Request too large", 413),
  });
  // An upload's body is read by its handler only, after the admin check, to disk and counted (upload.ts).
  app.use("*", (c, next) => (c.req.path === "/admin/upload" ? next() : smallBodies(c, next)));
  app.use("*", async (c, next) => {
    c.set("editor", await sessions?.editor(c));
    await next();
  });

  app.get("/static/htmx.min.js", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(HTMX, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
  app.get("/static/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get("/static/favicon.svg", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(FAVICON, 200, { "Content-Type": "image/svg+xml" });
  });

  app.get(OAI_STYLESHEET_PATH, oaiStylesheet);

  app.route("/api/v1", createApi(store));
  const retired = retiredWorkRedirects(store, (c, id, into, status) =>
    into === undefined
      ? render(
          c,
          "Gone",
          <ErrorPage
            title="Gone"
            message={`Work ${id} is no longer in this library: no reference names it any more.`}
          />,
          { status: 410 },
        )
      : c.body(null, status),
  );
  app.use("/works/:id", retired);
  app.use("/works/:id/*", retired);
  mountAdmin(app, store, {
    sessions,
    uploads: options.uploads,
    queue: options.queue,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  });
  app.on(["GET", "POST"], "/oai", (c) => answerOai(c, store, baseUrl, options.oai));

  app.get("/stats", async (c) => {
    const raw = c.req.query("year");
    const year = raw ? positive(raw) : undefined;
    const leaders = await store.leaders({ year, limit: LEADERS_SHOWN });
    return render(c, "Most cited", <StatsPage leaders={leaders} year={year} />);
  });

  app.get("/venues/:id", async (c) => {
    const id = positive(c.req.param("id"));
    const venue = id ? await store.getVenue(id, VENUE_WORKS_SHOWN) : undefined;
    if (!venue) return notFound(c);
    return render(c, venue.name, <VenuePage venue={venue} />);
  });

  app.get("/summary", async (c) => {
    const q = c.req.query("q") ?? "";
    const summary = await citationSummary(store, parseQuery(q).node);
    return render(c, `Citation summary${q ? `: ${q}` : ""}`, <SummaryPage q={q} summary={summary} />, { q });
  });

  app.get("/feeds/search.atom", async (c) => {
    const q = c.req.query("q") ?? "";
    const r = await search(store, { q, sort: "recent", perPage: FEED_ENTRIES });
    return atom(c, {
      self: `${baseUrl}/feeds/search.atom?q=${encodeURIComponent(q)}`,
      alternate: `${baseUrl}/search?q=${encodeURIComponent(q)}&sort=recent`,
      title: q ? `citegraph: newest works for ${q}` : "citegraph: newest works",
      works: r.hits,
      base: baseUrl,
    });
  });

  app.get("/works/:id/citations.atom", async (c) => {
    const id = positive(c.req.param("id"));
    const work = id ? (await store.getWorks([id]))[0] : undefined;
    if (!work) return notFound(c);
    const list = await store.citedBy(work.id, { sort: "recent", offset: 0, limit: FEED_ENTRIES });
    return atom(c, {
      self: `${baseUrl}/works/${work.id}/citations.atom`,
      alternate: `${baseUrl}/works/${work.id}/citations`,
      title: `citegraph: works citing ${work.title}`,
      works: list.items.map((e) => e.work),
      base: baseUrl,
    });
  });

  app.get("/", async (c) => render(c, "", <HomePage stats={await store.stats()} />));
  app.get("/help", (c) => render(c, "Query help", <HelpPage />));

  app.get("/search", async (c) => {
    const q = c.req.query("q") ?? "";
    const params = {
      q,
      sort: parseSort(c.req.query("sort")),
      page: positive(c.req.query("page")) ?? 1,
      includeCitations: c.req.query("include_citations") === "1",
    };
    const result = await search(store, { ...params, facets: true });
    const cart = new Set(readCart(c));
    return render(
      c,
      q ? `${q}` : "All works",
      <SearchPage result={result} params={params} cart={cart} back={currentPath(c)} />,
      { q },
    );
  });

  app.get("/works/:id", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    // Content negotiation (as doi.org does): a citation manager asking for BibTeX, CSL-JSON or RIS gets it.
    const wanted = negotiatedFormat(c.req.header("Accept"));
    if (wanted) {
      c.header("Vary", "Accept");
      return c.body(await exportIds(store, [work.id], wanted), 200, {
        "Content-Type": `${EXPORT_TYPES[wanted].type}; charset=utf-8`,
      });
    }
    c.header("Vary", "Accept");
    const citing = await store.citedBy(work.id, { sort: "citations", offset: 0, limit: 10 });
    const coupled = await store.relatedWorks(work.id, "coupling", RELATED_SHOWN);
    const coCited = await store.relatedWorks(work.id, "co-citation", RELATED_SHOWN);
    const editions = await store.otherEditions(work.id, RELATED_SHOWN);
    const inCart = readCart(c).includes(work.id);
    const sources = await store.metadataSources(work.id, PROVENANCE_REFERENCES);
    const corrections = (await store.corrections(work.id, 1000))
      .filter((x) => x.revertedAt === undefined)
      .reverse();
    const fields = provenance(
      work.csl,
      sources.map((x) => ({ item: x.item, document: x.kind === "document" })),
      corrections.map((x) => x.fields),
    );
    return render(
      c,
      work.title,
      <WorkPage
        work={work}
        citing={citing.items}
        inCart={inCart}
        back={currentPath(c)}
        coupled={coupled}
        coCited={coCited}
        editions={editions}
        admin={editorOf(c) !== undefined}
        bibtex={toBibtex(workCsl(work), new BibtexKeys())}
      >
        <AsCited sources={work.inLibrary ? [] : sources} />
        <ProvenanceSection work={work} fields={fields} sources={sources} corrections={corrections} />
      </WorkPage>,
    );
  });

  app.get("/works/:id/similar", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    const similar = await similarWorks(store, work, SIMILAR_SHOWN);
    if (c.req.header("HX-Request") === "true")
      return c.html((<SimilarWorks work={work} similar={similar} />).toString());
    return render(c, `Similar to ${work.title}`, <SimilarWorks work={work} similar={similar} page />);
  });

  app.get("/authors/:id", async (c) => {
    const id = positive(c.req.param("id"));
    const author = id ? await store.getAuthor(id) : undefined;
    if (!author) return notFound(c);
    const sort = c.req.query("sort") === "year" ? "year" : "citations";
    return render(c, author.name, <AuthorPage author={author} sort={sort} />);
  });

  // The cached copy of an ingested PDF, by its sha1 (nothing else can name a file: the name is checked whole).
  app.get("/documents/:file", async (c) => {
    const m = /^([0-9a-f]{40})\.pdf$/.exec(c.req.param("file"));
    const bytes = m ? await options.copies?.get(m[1]) : undefined;
    if (!bytes) return notFound(c);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${m![1]}.pdf"`,
    });
  });

  app.get("/works/:id/citations", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    const sort = c.req.query("sort") === "year" ? "year" : "citations";
    const page = positive(c.req.query("page")) ?? 1;
    const withoutSelf = c.req.query("self") === "0";
    const list = await store.citedBy(work.id, {
      sort,
      offset: (page - 1) * CITATIONS_PER_PAGE,
      limit: CITATIONS_PER_PAGE,
      withoutSelf,
    });
    return render(
      c,
      `Citing ${work.title}`,
      <CitationsPage
        work={work}
        items={list.items}
        total={list.total}
        page={page}
        perPage={CITATIONS_PER_PAGE}
        sort={sort}
        withoutSelf={withoutSelf}
      />,
    );
  });

  app.get("/cart", async (c) =>
    render(c, "MetaCart", <CartPage works={await store.getWorks(readCart(c))} />),
  );

  app.post("/cart/add", async (c) => {
    const form = await c.req.parseBody();
    const id = positive(typeof form.id === "string" ? form.id : undefined);
    let cart = readCart(c);
    if (id && (await store.getWorks([id])).length && !cart.includes(id)) {
      cart = [...cart, id];
      writeCart(c, cart);
    }
    if (c.req.header("HX-Request") === "true" && id) {
      // The button in place, and the header's count with it.
      return c.html(
        (
          <>
            <AddToCart id={id} inCart back="/" />
            <CartLink size={Math.min(cart.length, CART_LIMIT)} swap />
          </>
        ).toString(),
      );
    }
    return c.redirect(safeBack(form.back), 303);
  });

  app.post("/cart/remove", async (c) => {
    const form = await c.req.parseBody();
    const id = positive(typeof form.id === "string" ? form.id : undefined);
    writeCart(
      c,
      readCart(c).filter((x) => x !== id),
    );
    return c.redirect("/cart", 303);
  });

  app.post("/cart/clear", (c) => {
    writeCart(c, []);
    return c.redirect("/cart", 303);
  });

  app.get("/cart/bibliography", async (c) => {
    const style = c.req.query("style") ?? "apa";
    if (!isBibliographyStyle(style)) return notFound(c);
    const works = await Promise.all(readCart(c).map((id) => store.getWork(id)));
    const items = works.filter((w) => w !== undefined).map(workCsl);
    return render(
      c,
      "MetaCart bibliography",
      <BibliographyPage style={style} entries={bibliographyRuns(items, style)} />,
    );
  });

  app.get("/cart/export", async (c) => {
    const format = c.req.query("format") ?? "bibtex";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      return render(
        c,
        "Unknown format",
        <ErrorPage title="Unknown format" message={`Export formats: ${EXPORT_FORMATS.join(", ")}.`} />,
        {
          status: 400,
        },
      );
    }
    const f = format as ExportFormat;
    const body = await exportIds(store, readCart(c), f);
    return c.body(body, 200, {
      "Content-Type": `${EXPORT_TYPES[f].type}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="metacart.${EXPORT_TYPES[f].extension}"`,
    });
  });

  app.notFound((c) => notFound(c));
  app.onError((err, c) => {
    if (err instanceof QueryError) {
      const q = c.req.query("q");
      return render(
        c,
        "Query problem",
        <ErrorPage title="The query could not be understood" message={err.message} q={q} />,
        { q, status: 400 },
      );
    }
    console.error(err);
    return render(
      c,
      "Error",
      <ErrorPage title="Something went wrong" message="The server could not answer this request." />,
      { status: 500 },
    );
  });
  return app;
}

function atom(c: Context, feed: Feed) {
  return c.body(atomFeed(feed), 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
}

/**
 * The export format an Accept header asks for, when it names one of ours before any HTML: a record format by
 * its type, or a formatted citation as doi.org gives one (`text/x-bibliography; style=apa`, APA by default).
 */
function negotiatedFormat(accept: string | undefined): ExportFormat | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(",")) {
    const [head, ...params] = part.split(";");
    const type = head.trim().toLowerCase();
    if (type === "text/html" || type === "application/xhtml+xml") return undefined;
    if (type === "text/x-bibliography") {
      const style = params.map((p) => /^\s*style\s*=\s*"?([\w-]+)"?\s*$/i.exec(p)?.[1]).find(Boolean);
      return style && isBibliographyStyle(style.toLowerCase())
        ? (style.toLowerCase() as ExportFormat)
        : "apa";
    }
    const format = RECORD_FORMATS.find((f) => EXPORT_TYPES[f].type === type);
    if (format && format !== "jsonl") return format;
  }
  return undefined;
}
