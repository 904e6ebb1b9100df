import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FolderPdfCopies } from "../library/pdf-copies.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, searchTitle, tempStore } from "../testing/temp-store.ts";
import { createApp } from "./app.tsx";

let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> Virtual machine & "quotes"`;

before(async () => {
  ({ store, cleanup } = tempStore());
  const batch = [
    doc(
      "evil",
      {
        title: HOSTILE,
        author: ["<b>Bold</b>, Eve"],
        year: 2005,
        "container-title": "Venue <i>x</i>",
        abstract: `A virtual machine abstract with <script>bad()</script> inside.`,
      },
      [{ id: "v0" }],
    ),
  ];
  for (let i = 0; i < 25; i++) {
    batch.push(
      doc(
        `v${i}`,
        {
          title: `Virtual machine study ${i}`,
          author: ["Holloway, Grace"],
          year: 1990 + i,
          "container-title": i % 2 ? "PLDI" : "VEE",
          abstract: `Number ${i} on virtual machines.`,
        },
        i ? [{ id: "v0" }] : [],
      ),
    );
  }
  await store.upsertDocuments(batch);
  app = createApp(store);
});

after(async () => cleanup());

async function get(path: string, headers: Record<string, string> = {}) {
  const r = await app.request(path, { headers });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

test("the result page reads like CiteSeerX's: results line, hits, snippet, cited by, MetaCart, facets, pages", async () => {
  const r = await get("/search?q=virtual+machine");
  assert.equal(r.status, 200);
  assert.match(r.text, /^<!DOCTYPE html>/);
  assert.match(r.text, /Results 1 - 10 of 26/);
  assert.equal((r.text.match(/<li class="hit">/g) ?? []).length, 10);
  assert.match(r.text, /<b>virtual<\/b> <b>machines<\/b>/i);
  assert.match(r.text, /Cited by 25 \(24 self\)/);
  assert.match(r.text, /Add to MetaCart/);
  assert.match(r.text, /<summary>Abstract<\/summary>/);
  assert.match(r.text, /aria-label="Results per year, 1990 to 2014; the highest, \d+"/);
  assert.match(r.text, /href="\/search\?q=virtual\+machine\+venue%3A%22PLDI%22"/);
  assert.match(r.text, /href="\/search\?q=virtual\+machine&amp;page=2" rel="next"/);
  const page3 = await get("/search?q=virtual+machine&page=3");
  assert.match(page3.text, /Results 21 - 26 of 26/);
});

test("text from records is escaped everywhere it is shown", async () => {
  const evil = (await store.getWork(1))!.authors[0].id;
  for (const path of ["/search?q=virtual", "/works/1", "/search?q=author%3Aeve", `/authors/${evil}`]) {
    const r = await get(path);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.doesNotMatch(r.text, /<img src=x/);
    assert.doesNotMatch(r.text, /<script>bad/);
    assert.doesNotMatch(r.text, /<b>Bold<\/b>/);
  }
  const work = await get("/works/1");
  assert.match(work.text, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
});

test("every response carries the security headers; no inline script", async () => {
  const r = await get("/search?q=virtual");
  const csp = r.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  assert.doesNotMatch(r.text, /<script>[^<]/, "no inline script body");
  assert.doesNotMatch(r.text, / style="/, "no inline style");
});

test("sorting, include citations and the sort form", async () => {
  const byYear = await get("/search?q=virtual&sort=year");
  const firstTitle = /<h3><a href="\/works\/\d+"><bdi>([^<]+)<\/bdi><\/a>/.exec(byYear.text)?.[1];
  assert.equal(firstTitle, "Virtual machine study 24");
  assert.match(byYear.text, /<option value="year" selected="">/);
  const bad = await get("/search?q=virtual&sort=sideways");
  assert.equal(bad.status, 400);
  assert.match(bad.text, /unknown sort/);
});

test("malformed queries get a message, not a stack trace", async () => {
  const r = await get("/search?q=year%3Axyz");
  assert.equal(r.status, 400);
  assert.match(r.text, /year:2004/);
  assert.doesNotMatch(r.text, /at .*\.ts:\d+/);
  const repaired = await get("/search?q=%22virtual+machine");
  assert.equal(repaired.status, 200);
  assert.match(repaired.text, /quote was not closed/);
});

test("unknown works and pages are 404", async () => {
  assert.equal((await get("/works/99999")).status, 404);
  assert.equal((await get("/works/abc")).status, 404);
  assert.equal((await get("/nothing-here")).status, 404);
});

test("work page and cited-by list agree with the count", async () => {
  const work = await get("/works/2");
  assert.match(work.text, /Cited by 25 \(24 self\)/);
  const list = await get("/works/2/citations?sort=year");
  assert.match(list.text, /Works citing/);
  assert.equal((list.text.match(/<li><a href="\/works\//g) ?? []).length, 20);
  const page2 = await get("/works/2/citations?sort=year&page=2");
  assert.equal((page2.text.match(/<li><a href="\/works\//g) ?? []).length, 5);
  // Self-citations hidden: only the hostile record's (no shared author) is left, and paging keeps the choice.
  assert.match(
    list.text,
    /<a href="\/works\/2\/citations\?sort=year&amp;page=1&amp;self=0">Hide self-citations \(24\)<\/a>/,
  );
  const others = await get("/works/2/citations?sort=year&self=0");
  assert.equal((others.text.match(/<li><a href="\/works\//g) ?? []).length, 1);
  assert.match(others.text, /1 citing works without the 24 that share an author/);
  assert.doesNotMatch(others.text, /\(self-citation\)/);
  assert.match(others.text, />Show self-citations</);
});

test("a work page links its authors and lists related works; an author page shows the indicators", async () => {
  const work = await get("/works/3");
  const author = /<a class="author" href="\/authors\/(\d+)"><bdi>Grace Holloway<\/bdi><\/a>/.exec(work.text);
  assert.ok(author, "the author is linked");
  // v1 and the hostile record both cite v0 only: nothing is cited together with v0, but v1 shares its reference.
  assert.match(work.text, /<h2>Active Bibliography<\/h2>/);
  // Similar works come later (htmx when scrolled to; their own page without JavaScript).
  assert.match(work.text, /<section id="similar" hx-get="\/works\/3\/similar" hx-trigger="revealed"/);
  assert.match(work.text, /<a href="\/works\/3\/similar">/);
  const similar = await get("/works/3/similar", { "HX-Request": "true" });
  assert.match(
    similar.text,
    /^<section id="similar"><h2>Similar works<\/h2>[\s\S]*Virtual machine study \d+<\/bdi><\/a>/,
  );
  assert.doesNotMatch(similar.text, /<ol><li><a href="\/works\/3">/, "not itself");
  const similarPage = await get("/works/3/similar");
  assert.match(
    similarPage.text,
    /<h1>Works similar to <a href="\/works\/3"><bdi>Virtual machine study 1<\/bdi><\/a><\/h1>/,
  );
  assert.equal((await get("/works/99999/similar")).status, 404);
  const page = await get(`/authors/${author[1]}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1><bdi>Grace Holloway<\/bdi><\/h1>/);
  assert.match(page.text, /<th scope="row">Works<\/th><td>25<\/td>/);
  assert.match(page.text, /<th scope="row">h-index<\/th><td>1 \(1 without self-citations\)<\/td>/);
  assert.match(page.text, /<th scope="row">Citations<\/th><td>25 \(24 self\)<\/td>/);
  assert.match(
    page.text,
    /<ol><li><a href="\/works\/2"><bdi>Virtual machine study 0<\/bdi><\/a>/,
    "the most cited first",
  );
  // Citations per year as an SVG chart: one bar a year from the first citing year to the last, gaps included.
  const chart =
    /<svg class="chart"[^>]*aria-label="Citations per year, (\d{4}) to (\d{4}); the highest, (\d+)"[\s\S]*?<\/svg>/.exec(
      page.text,
    );
  assert.ok(chart, "the chart is there, labelled");
  assert.equal((chart[0].match(/<rect /g) ?? []).length, Number(chart[2]) - Number(chart[1]) + 1);
  assert.match(page.text, /<summary>Per year<\/summary><table class="per-year">/);
  const byYear = await get(`/authors/${author[1]}?sort=year`);
  assert.match(byYear.text, /Sorted by <a href="\/authors\/\d+">citations<\/a> · <strong>year<\/strong>/);
  assert.match(
    byYear.text,
    /<ol><li><a href="\/works\/26"><bdi>Virtual machine study 24<\/bdi><\/a>/,
    "the newest first",
  );
  assert.equal((await get("/authors/999999")).status, 404);
  assert.equal((await get("/authors/x")).status, 404);
});

test("a work page shows its BibTeX in place, escaped", async () => {
  const page = await get("/works/1");
  const bib =
    /<details class="bibtex"><summary>BibTeX<\/summary><pre><code>([\s\S]*?)<\/code><\/pre><\/details>/.exec(
      page.text,
    );
  assert.ok(bib, "shown in place");
  assert.match(bib[1], /^@article\{\w+2005Script,$/m);
  assert.doesNotMatch(bib[1], /<script>/, "nothing of the record's markup gets through");
});

test("a work URL gives BibTeX, CSL-JSON or RIS to whoever asks for it; HTML otherwise", async () => {
  const as = async (accept: string) => {
    const r = await app.request("/works/2", { headers: { Accept: accept } });
    return { type: r.headers.get("content-type") ?? "", vary: r.headers.get("vary"), text: await r.text() };
  };
  const bib = await as("application/x-bibtex");
  assert.match(bib.type, /^application\/x-bibtex/);
  assert.match(bib.text, /^@\w+\{[^,]+,/m);
  assert.match(bib.text, /title = \{Virtual machine study 0\}/);
  assert.equal(bib.vary, "Accept");
  const csl = await as("application/vnd.citationstyles.csl+json");
  assert.equal(JSON.parse(csl.text)[0].title, "Virtual machine study 0");
  const ris = await as("application/x-research-info-systems, */*;q=0.1");
  assert.match(ris.text, /^TI {2}- Virtual machine study 0$/m);
  const apa = await as("text/x-bibliography");
  assert.match(apa.type, /^text\/plain/);
  assert.match(apa.text, /^Holloway, G\. \(1990\)\. Virtual machine study 0\. In VEE\.\n$/);
  assert.match(
    (await as('text/x-bibliography; style="vancouver"')).text,
    /^1\. Holloway G\. Virtual machine study 0/,
  );
  assert.match((await as("text/html,application/x-bibtex")).type, /^text\/html/);
  assert.match((await as("*/*")).type, /^text\/html/);
});

test("Atom feeds: a query's newest works and a work's newest citing works, escaped and well-formed", async () => {
  const { SaxesParser } = await import("saxes");
  const parse = (xml: string) => {
    const names: string[] = [];
    const p = new SaxesParser({ xmlns: true });
    p.on("opentag", (t) => names.push(t.local));
    p.write(xml).close();
    return names;
  };
  const r = await app.request("/feeds/search.atom?q=virtual");
  assert.match(r.headers.get("content-type") ?? "", /^application\/atom\+xml/);
  const xml = await r.text();
  const names = parse(xml);
  assert.equal(names[0], "feed");
  assert.equal(names.filter((n) => n === "entry").length, 20);
  assert.doesNotMatch(xml, /<script>/);
  const cites = await (await app.request("/works/2/citations.atom")).text();
  assert.equal(parse(cites).filter((n) => n === "entry").length, 20);
  assert.match(cites, /<title>citegraph: works citing Virtual machine study 0<\/title>/);
  assert.equal((await app.request("/works/99999/citations.atom")).status, 404);
});

test("the citation summary of a query: works, citations, h-index, bands, without self-citations too", async () => {
  const r = await get("/summary?q=virtual");
  assert.equal(r.status, 200);
  assert.match(r.text, /<th scope="row">Works<\/th><td>26<\/td><td>26<\/td>/);
  assert.match(r.text, /<th scope="row">Citations<\/th><td>25<\/td><td>1<\/td>/);
  assert.match(r.text, /<th scope="row">Works cited 10–49 times<\/th><td>1<\/td><td>0<\/td>/);
  assert.match(r.text, /<th scope="row">Works cited 0 times<\/th><td>25<\/td><td>25<\/td>/);
  assert.match((await get("/search?q=virtual")).text, /href="\/summary\?q=virtual">Citation summary<\/a>/);
});

test("statistics list the most cited works, authors and venues, overall and of a year; venue pages", async () => {
  const all = await get("/stats");
  assert.equal(all.status, 200);
  assert.match(
    all.text,
    /<h2>Works<\/h2><ol><li><a href="\/works\/2"><bdi>Virtual machine study 0<\/bdi><\/a>/,
  );
  assert.match(all.text, /<a href="\/authors\/\d+"><bdi>Grace Holloway<\/bdi><\/a> — 25 citations, 25 works/);
  const venue = /<a href="\/venues\/(\d+)"><bdi>VEE<\/bdi><\/a> — 25 citations, 13 works/.exec(all.text);
  assert.ok(venue, "VEE leads the venues");
  const ofYear = await get("/stats?year=1991");
  assert.match(ofYear.text, /Most cited works of 1991/);
  assert.match(ofYear.text, /Virtual machine study 1<\/bdi><\/a>/);
  assert.doesNotMatch(ofYear.text, /Virtual machine study 0<\/bdi><\/a>/);
  const page = await get(`/venues/${venue[1]}`);
  assert.match(page.text, /<h1><bdi>VEE<\/bdi><\/h1>/);
  assert.match(page.text, /13 works in the library, cited 25 times/);
  assert.equal((await get("/venues/99999")).status, 404);
});

test("MetaCart: add (form and htmx), list, export, remove; redirects stay on this site", async () => {
  const form = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request("/cart/add", {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  const added = await form({ id: "3", back: "//evil.example/" });
  assert.equal(added.status, 303);
  assert.equal(added.headers.get("location"), "/");
  const cookie = (added.headers.get("set-cookie") ?? "").split(";")[0];
  assert.match(cookie, /^citegraph_cart=3$/);
  const htmx = await form({ id: "4", back: "/search?q=x" }, { "HX-Request": "true", cookie });
  assert.equal(htmx.status, 200);
  assert.match(await htmx.text(), /In MetaCart/);
  const cookie2 = (htmx.headers.get("set-cookie") ?? "").split(";")[0];
  assert.equal(cookie2, "citegraph_cart=3.4");
  const cart = await get("/cart", { cookie: cookie2 });
  assert.match(cart.text, /MetaCart \(2\)/);
  const bib = await app.request("/cart/export?format=bibtex", { headers: { cookie: cookie2 } });
  assert.equal(bib.headers.get("content-type"), "application/x-bibtex; charset=utf-8");
  assert.equal(((await bib.text()).match(/^@/gm) ?? []).length, 2);
  const ris = await app.request("/cart/export?format=ris", { headers: { cookie: cookie2 } });
  assert.equal(((await ris.text()).match(/^TY {2}- /gm) ?? []).length, 2);
  const enw = await app.request("/cart/export?format=endnote", { headers: { cookie: cookie2 } });
  assert.equal(enw.headers.get("content-disposition"), 'attachment; filename="metacart.enw"');
  assert.equal(((await enw.text()).match(/^%0 /gm) ?? []).length, 2);
  // A formatted bibliography: the hostile record (id 1) shows as text on the page and in the download.
  const withEvil = "citegraph_cart=1.3";
  const page = await get("/cart/bibliography?style=apa", { cookie: withEvil });
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>MetaCart — APA<\/h1>/);
  assert.equal((page.text.match(/<li>/g) ?? []).length, 2);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.ok(page.text.includes("&lt;script&gt;alert(“x”)&lt;/script&gt;"), "escaped, not dropped");
  assert.match(page.text, /<i>PLDI<\/i>/, "the style's italics kept");
  const text = await app.request("/cart/export?format=harvard", { headers: { cookie: withEvil } });
  assert.equal(text.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal((await text.text()).trimEnd().split("\n").length, 2);
  assert.equal((await get("/cart/bibliography?style=chicago")).status, 404);
  const removed = await app.request("/cart/remove", {
    method: "POST",
    body: new URLSearchParams({ id: "3" }),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie2 },
  });
  assert.equal((removed.headers.get("set-cookie") ?? "").split(";")[0], "citegraph_cart=4");
  const search = await get("/search?q=virtual", { cookie: "citegraph_cart=4" });
  assert.match(search.text, /MetaCart \(1\)/);
  assert.match(search.text, /id="cart-4">In MetaCart/);
});

test("oversized request bodies are refused", async () => {
  const r = await app.request("/cart/add", {
    method: "POST",
    body: "id=1&x=" + "a".repeat(100_000),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(r.status, 413);
});

test("an ingested PDF's cached copy is offered on its work page and served by its sha1, nothing else", async () => {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tempDir } = await import("../testing/temp-store.ts");
  const { storedPdfPath } = await import("../library/pdf-files.ts");
  const files = join(tempDir("citegraph-files-"), "lib.db.files");
  const sha1 = "a".repeat(40);
  const path = storedPdfPath(files, sha1);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "%PDF-1.4 test");
  await store.upsertDocuments([
    {
      sha1,
      kind: "pdf",
      source: "paper.pdf",
      item: { title: "An ingested paper" },
      references: [],
      body: "full text",
    },
  ]);
  const withFiles = createApp(store, { copies: new FolderPdfCopies(files) });
  const id = (
    await store.search({
      query: null,
      sort: "recent",
      offset: 0,
      limit: 1,
      includeCitations: false,
      citationBoost: false,
      facets: false,
    })
  ).ids[0];
  const page = await (await withFiles.request(`/works/${id}`)).text();
  assert.ok(page.includes(`href="/documents/${sha1}.pdf"`), "the work page links the cached copy");
  const pdf = await withFiles.request(`/documents/${sha1}.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.equal(await pdf.text(), "%PDF-1.4 test");
  for (const bad of [
    `${"b".repeat(40)}.pdf`,
    "..%2F..%2Fetc%2Fpasswd",
    `${sha1}.txt`,
    `${sha1.toUpperCase()}.pdf`,
  ])
    assert.equal((await withFiles.request(`/documents/${bad}`)).status, 404, bad);
  assert.equal((await app.request(`/documents/${sha1}.pdf`)).status, 404, "no file store, no downloads");
});

test("citation contexts show their marker highlighted, escaped", async () => {
  const { MARK_END, MARK_START } = await import("../extract/contexts/contexts.ts");
  await store.upsertDocuments([
    doc("ctx", { title: "A paper with contexts", author: ["Reed, Ann"], year: 2020 }, [
      {
        id: "v3",
        contexts: [`As <b>shown</b> by Holloway ${MARK_START}[7]${MARK_END} & others.`, "An old context"],
      },
    ]),
  ]);
  const v3 = (
    await store.search({
      query: { kind: "term", field: "title", word: "study" },
      sort: "year-asc",
      offset: 3,
      limit: 1,
      includeCitations: false,
      citationBoost: false,
      facets: false,
    })
  ).ids[0];
  const page = await get(`/works/${v3}/citations`);
  assert.ok(
    page.text.includes(
      '<blockquote class="context">As &lt;b&gt;shown&lt;/b&gt; by Holloway <mark>[7]</mark> &amp; others.</blockquote>',
    ),
  );
  assert.ok(page.text.includes('<blockquote class="context">An old context</blockquote>'));
  const api = await (await app.request(`/api/v1/works/${v3}/citations`)).json();
  const entry = api.items.find((i: { title: string }) => i.title === "A paper with contexts");
  assert.deepEqual(
    entry.contexts,
    ["As <b>shown</b> by Holloway [7] & others.", "An old context"],
    "plain text in the API",
  );
});

test("a work only cited shows how it is cited and which references its fields come from", async () => {
  await store.upsertDocuments([
    doc("p1", { title: "First citing paper", author: ["Ames, Al"], year: 2019 }, [
      {
        raw: "Tanaka, K. (2001). Parsing <the> untrusted. J. Hard Cases 4.",
        item: {
          title: "Parsing <the> untrusted",
          author: [{ family: "Tanaka", given: "K." }],
          issued: { "date-parts": [[2001]] },
        },
      },
    ]),
    doc("p2", { title: "Second citing paper", author: ["Bo, Bea"], year: 2020 }, [
      {
        raw: "K. Tanaka. Parsing the untrusted. 2001.",
        item: {
          title: "Parsing the untrusted",
          author: [{ family: "Tanaka", given: "K." }],
          issued: { "date-parts": [[2001]] },
        },
      },
    ]),
  ]);
  const found = await searchTitle(store, "untrusted");
  assert.equal(found.total, 1, "both references name one work");
  const page = await get(`/works/${found.ids[0]}`);
  assert.match(page.text, /<h2>As cited<\/h2>/);
  assert.ok(
    page.text.includes(
      "<bdi>Tanaka, K. (2001). Parsing &lt;the&gt; untrusted. J. Hard Cases 4.</bdi> — in <a href=",
    ),
  );
  assert.match(page.text, />Second citing paper<\/bdi><\/a>/);
  assert.match(page.text, /<th scope="row">Year<\/th><td><bdi>2001<\/bdi><\/td><td>2 of 2 references<\/td>/);
});
