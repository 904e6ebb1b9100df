/**
 * Issue 17, the hostile drill against the web library: malformed input answers 400 (never a stack trace), no
 * open redirect, no cross-site writes, forwarded headers believed only behind a configured proxy, sessions
 * revoked on sign-out, admin answers never cached, links built on the configured base URL (never the Host
 * header), and bidi controls in records kept inside their element.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Hono } from "hono";
import { cursorScope, encodeCursor } from "../search/cursor.ts";
import type { SqliteStore } from "../store/sqlite/sqlite-store.ts";
import { doc, tempStore } from "../testing/temp-store.ts";
import {
  ADMIN_COOKIE,
  AdminConfigError,
  AdminSessions,
  checkAdminToken,
  MemoryRevocations,
} from "./admin-auth.ts";
import { createApp } from "./app.tsx";
import { checkBaseUrl, configuredBaseUrl, listenBaseUrl, ServeConfigError } from "./base-url.ts";
import { safeBack } from "./render.tsx";

const TOKEN = "correct horse battery staple";
const RLO = "\u202E";
let store: SqliteStore;
let cleanup: () => Promise<void>;
let app: ReturnType<typeof createApp>;
let admin: ReturnType<typeof createApp>;

before(async () => {
  ({ store, cleanup } = tempStore());
  await store.upsertDocuments([
    doc("v0", {
      title: "Virtual machine basics",
      author: ["Holloway, Grace"],
      year: 2001,
      "container-title": "VEE",
    }),
    doc(
      "rlo",
      {
        title: `Virtual ${RLO}exe.txt machines`,
        author: [`${RLO}Mallory, Eve`, "Holloway, Grace"],
        year: 2010,
        "container-title": `${RLO}Journal of Tricks`,
        abstract: `A virtual machine ${RLO}desrever abstract.`,
        DOI: `10.1/${RLO}x`,
      },
      [{ id: "v0" }],
    ),
    ...Array.from({ length: 6 }, (_, i) =>
      doc(`m${i}`, { title: `Virtual machine paper ${i}`, author: ["Tie, Tom"], year: 2000 + (i % 2) }, [
        { id: "v0" },
      ]),
    ),
  ]);
  app = createApp(store);
  admin = createApp(store, { admin: checkAdminToken(TOKEN) });
});

after(async () => cleanup());

async function signIn(on = admin, headers: Record<string, string> = {}): Promise<string> {
  const r = await on.request("/admin/login", {
    method: "POST",
    body: new URLSearchParams({ token: TOKEN, editor: "Ada" }),
    headers,
  });
  assert.equal(r.status, 303);
  return (r.headers.get("set-cookie") ?? "").split(";")[0];
}

const cartAdd = (body: Record<string, string>, headers: Record<string, string> = {}, on = app) =>
  on.request("/cart/add", {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });

/** A cursor as the API writes one, its fields replaced. */
function reforged(cursor: string, keys: (number | null)[]): string {
  const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  return Buffer.from(JSON.stringify({ ...c, k: keys })).toString("base64url");
}

test("forged API cursors with the right scope but the wrong number of keys answer 400, not 500", async () => {
  for (const [q, sort] of [
    ["virtual", "citations"],
    ["", "citations"],
    ["virtual", "relevance"],
    ["", "year-asc"],
    ["virtual", "recent"],
  ]) {
    const first = await app.request(`/api/v1/search?q=${q}&sort=${sort}&per_page=2&cursor=*`);
    const cursor = ((await first.json()) as { next_cursor: string }).next_cursor;
    const keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")).k as number[];
    assert.equal((await app.request(`/api/v1/search?q=${q}&sort=${sort}&cursor=${cursor}`)).status, 200);
    for (const wrong of [[...keys, 1], keys.slice(1), []]) {
      const r = await app.request(`/api/v1/search?q=${q}&sort=${sort}&cursor=${reforged(cursor, wrong)}`);
      assert.equal(r.status, 400, `${sort} "${q}" with ${wrong.length} keys`);
      const body = (await r.json()) as { message: string };
      assert.match(body.message, /^cursor: it is not a position in this result list/);
    }
  }
  // A list with no hits has no position at all: a forged cursor for it is refused the same way.
  const scope = cursorScope(["zzzqqq", "citations", false, true]);
  const nothing = await app.request(
    `/api/v1/search?q=zzzqqq&sort=citations&cursor=${encodeCursor({ keys: [1, 2, 3, 4], id: 1 }, scope)}`,
  );
  assert.equal(nothing.status, 400);
});

test("OAI-PMH resumption tokens whose from, until or position is not a number are badResumptionToken", async () => {
  const token = (p: unknown) => Buffer.from(JSON.stringify(p)).toString("base64url");
  const forged = [
    { verb: "ListRecords", from: {} },
    { verb: "ListRecords", from: [] },
    { verb: "ListRecords", until: true },
    { verb: "ListRecords", until: "2001-01-01" },
    { verb: "ListRecords", from: 1.5 },
    { verb: "ListRecords", after: { at: "1", id: 1 } },
    { verb: "ListRecords", after: [] },
    { verb: "ListRecords", after: null },
    ["ListRecords"],
    null,
    7,
  ];
  for (const p of forged) {
    const r = await app.request(`/oai?verb=ListRecords&resumptionToken=${token(p)}`);
    assert.equal(r.status, 200, JSON.stringify(p));
    assert.match(await r.text(), /<error code="badResumptionToken">/, JSON.stringify(p));
  }
  const fine = await app.request(
    `/oai?verb=ListRecords&resumptionToken=${token({ verb: "ListRecords", from: 0 })}`,
  );
  assert.doesNotMatch(await fine.text(), /<error/, "a well-formed token is still read");
});

test("a newline or other control character in the back field is no 500", async () => {
  for (const back of ["/search?q=a\nb", "/\r\nSet-Cookie: x=1", "/x\u0000y", "/x\u0085"]) {
    const r = await cartAdd({ id: "1", back });
    assert.equal(r.status, 303, JSON.stringify(back));
    assert.equal(r.headers.get("location"), "/");
  }
});

test("back may only name a path of this site: no open redirect through tabs, backslashes or escapes", async () => {
  const refused = [
    "/\t/evil.example/",
    "/\n/evil.example/",
    "\t//evil.example/",
    "/\\evil.example",
    "/%09/evil.example/",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    " /ok",
    "/%zz",
    "",
    "ok",
    `/${"a".repeat(5000)}`,
  ];
  for (const back of refused) assert.equal(safeBack(back), "/", JSON.stringify(back));
  assert.equal(safeBack(undefined), "/");
  assert.equal(safeBack(["/ok"]), "/");
  assert.equal(safeBack("/ok?x=1"), "/ok?x=1");
  assert.equal(safeBack("/search?q=virtual+machine&page=2"), "/search?q=virtual+machine&page=2");
  assert.equal(safeBack("/works/3#citations"), "/works/3#citations");
  assert.equal(safeBack("/a/../works/3"), "/works/3", "normalised");
  // Through the form: a tab (sent as %09, decoded by the form parser) does not lead off the site.
  const r = await cartAdd({ id: "1", back: "/\t/evil.example/" });
  assert.equal(r.headers.get("location"), "/");
  assert.equal((await cartAdd({ id: "1", back: "/search?q=x" })).headers.get("location"), "/search?q=x");
});

test("cross-site writes are refused everywhere: MetaCart, administration, API, OAI", async () => {
  const evil = { origin: "https://evil.example" };
  const r = await cartAdd({ id: "1", back: "/" }, evil);
  assert.equal(r.status, 403);
  assert.equal(r.headers.get("set-cookie"), null, "the cart is not written");
  assert.equal((await cartAdd({ id: "1" }, { "sec-fetch-site": "cross-site" })).status, 403);
  assert.equal((await cartAdd({ id: "1" }, { "sec-fetch-site": "same-site" })).status, 403);
  for (const path of ["/cart/remove", "/cart/clear", "/oai", "/admin/login", "/api/v1/works/1/corrections"])
    assert.equal(
      (await admin.request(path, { method: "POST", body: "id=1", headers: evil })).status,
      403,
      path,
    );
  // The same site: by Host, or by Sec-Fetch-Site; programs send neither header.
  assert.equal((await cartAdd({ id: "1" }, { origin: "http://localhost" })).status, 303);
  assert.equal(
    (await cartAdd({ id: "1" }, { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).status,
    303,
  );
  assert.equal((await cartAdd({ id: "1" }, { "sec-fetch-site": "same-origin" })).status, 303);
  assert.equal((await cartAdd({ id: "1" })).status, 303);
  const configured = createApp(store, { baseUrl: "https://library.example.org" });
  const viaBase = await cartAdd({ id: "1" }, { origin: "https://library.example.org" }, configured);
  assert.equal(viaBase.status, 303, "the configured public address is this site");
});

test("X-Forwarded-Host and X-Forwarded-Proto are believed only behind a configured proxy", async () => {
  const forwarded = {
    origin: "https://library.example.org",
    host: "127.0.0.1:3000",
    "x-forwarded-host": "library.example.org",
    "x-forwarded-proto": "https",
  };
  assert.equal((await cartAdd({ id: "1" }, forwarded)).status, 403, "anyone can send X-Forwarded-Host");
  const proxied = createApp(store, { trustProxy: true, admin: checkAdminToken(TOKEN) });
  assert.equal((await cartAdd({ id: "1" }, forwarded, proxied)).status, 303);
  // A proxy appends its own value: the last one is believed, not what the client wrote before it.
  const appended = { ...forwarded, "x-forwarded-host": "library.example.org, evil.example" };
  assert.equal((await cartAdd({ id: "1" }, appended, proxied)).status, 403);
  const secure = async (on: ReturnType<typeof createApp>) => {
    const r = await on.request("/admin/login", {
      method: "POST",
      body: new URLSearchParams({ token: TOKEN }),
      headers: { "x-forwarded-proto": "https" },
    });
    return /;\s*Secure/i.test(r.headers.get("set-cookie") ?? "");
  };
  assert.equal(await secure(proxied), true, "behind a TLS proxy the session cookie is Secure");
  assert.equal(await secure(admin), false, "X-Forwarded-Proto alone proves nothing");
});

test("signing out revokes the session: a copy of the cookie is refused afterwards", async () => {
  const cookie = await signIn();
  const other = await signIn();
  const asAdmin = async (c: string) =>
    (await (await admin.request("/admin", { headers: { cookie: c } })).text()).includes("Signed in as");
  assert.ok(await asAdmin(cookie));
  const out = await admin.request("/admin/logout", { method: "POST", headers: { cookie } });
  assert.equal(out.status, 303);
  assert.equal(await asAdmin(cookie), false, "the copied cookie is worth nothing");
  const write = await admin.request("/admin/merge", {
    method: "POST",
    body: new URLSearchParams({ into: "1", from: "2" }),
    headers: { cookie },
  });
  assert.equal(write.status, 403);
  assert.ok(await asAdmin(other), "another session goes on");
  assert.equal(
    (await admin.request("/api/v1/works/1/corrections", { method: "POST", headers: { cookie } })).status,
    401,
  );
});

test("revocations are bounded: past the bound, older sessions are refused rather than forgotten", async () => {
  let now = 1_000_000;
  const revocations = new MemoryRevocations();
  const sessions = new AdminSessions(checkAdminToken(TOKEN), { now: () => now, maxRevoked: 3, revocations });
  const web = new Hono();
  web.post("/in", (c) => {
    sessions.start(c, "Ada");
    return c.body(null, 204);
  });
  web.post("/out", async (c) => {
    await sessions.end(c);
    return c.body(null, 204);
  });
  web.get("/who", async (c) => c.text((await sessions.editor(c)) ?? "nobody"));
  const signIn = async () => {
    now += 1000;
    return ((await web.request("/in", { method: "POST" })).headers.get("set-cookie") ?? "").split(";")[0];
  };
  const who = async (cookie: string) => (await web.request("/who", { headers: { cookie } })).text();
  const kept = await signIn();
  const revoked: string[] = [];
  for (let i = 0; i < 5; i++) {
    const c = await signIn();
    await web.request("/out", { method: "POST", headers: { cookie: c } });
    revoked.push(c);
  }
  assert.equal(revocations.size, 3, "memory stays bounded");
  for (const c of revoked) assert.equal(await who(c), "nobody", "no revoked session comes back");
  assert.equal(await who(kept), "nobody", "an older session is refused with the revocations forgotten");
  assert.equal(await who(await signIn()), "Ada", "a new session is fine");
  now += 13 * 60 * 60 * 1000;
  const late = await signIn();
  await web.request("/out", { method: "POST", headers: { cookie: late } });
  assert.equal(revocations.size, 1, "expired revocations are dropped");
});

test("administration pages and every answer to an admin carry Cache-Control: no-store", async () => {
  const noStore = (r: Response) => r.headers.get("cache-control") === "no-store";
  assert.ok(noStore(await admin.request("/admin")), "the sign-in page");
  assert.ok(noStore(await admin.request("/admin/merge", { method: "POST" })), "a refusal");
  const login = await admin.request("/admin/login", {
    method: "POST",
    body: new URLSearchParams({ token: TOKEN }),
  });
  assert.ok(noStore(login));
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  for (const path of ["/admin", "/admin/uploads", "/works/1", "/works/1/history", "/search?q=virtual", "/"])
    assert.ok(noStore(await admin.request(path, { headers: { cookie } })), path);
  assert.ok(
    noStore(await admin.request("/api/v1/works/1", { headers: { authorization: `Bearer ${TOKEN}` } })),
  );
  assert.equal(
    (await admin.request("/works/1")).headers.get("cache-control"),
    null,
    "readers' pages as before",
  );
  const css = await admin.request("/static/style.css", { headers: { cookie } });
  assert.match(css.headers.get("cache-control") ?? "", /max-age/, "static files stay cacheable");
});

test("feed and OAI-PMH links are built on the configured base URL, never the Host header", async () => {
  const feed = await (await app.request("http://evil.example/feeds/search.atom?q=virtual")).text();
  assert.doesNotMatch(feed, /evil\.example/);
  assert.match(feed, /<link href="http:\/\/localhost\/works\/\d+"\/>/, "the default base URL");
  const oai = await (await app.request("http://evil.example/oai?verb=Identify")).text();
  assert.doesNotMatch(oai, /evil\.example/);
  const configured = createApp(store, { baseUrl: "https://library.example.org/" });
  const cites = await (
    await configured.request("http://evil.example/works/1/citations.atom", {
      headers: { host: "evil.example" },
    })
  ).text();
  assert.match(
    cites,
    /<link rel="self" href="https:\/\/library\.example\.org\/works\/1\/citations\.atom"\/>/,
  );
  const identify = await (await configured.request("http://evil.example/oai?verb=Identify")).text();
  assert.match(identify, /<baseURL>https:\/\/library\.example\.org\/oai<\/baseURL>/);
  assert.match(identify, /<request verb="Identify">https:\/\/library\.example\.org\/oai<\/request>/);
  const record = await (
    await configured.request(
      "http://evil.example/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:citegraph:works/1",
    )
  ).text();
  assert.match(record, /<dc:identifier>https:\/\/library\.example\.org\/works\/1<\/dc:identifier>/);
});

test("a base URL is checked when the server starts: http or https, no query, fragment or credentials", () => {
  assert.equal(checkBaseUrl("https://library.example.org/"), "https://library.example.org");
  assert.equal(checkBaseUrl("http://example.org:8080/citegraph/"), "http://example.org:8080/citegraph");
  for (const [bad, why] of [
    ["ftp://example.org", /http:\/\/ or https:\/\//],
    ["https://example.org/?x=1", /no query/],
    ["https://example.org/#top", /fragment/],
    ["https://user:pw@example.org", /password/],
    ["example.org", /not a URL/],
  ] as const)
    assert.throws(
      () => checkBaseUrl(bad),
      (e: Error) => e instanceof ServeConfigError && e instanceof AdminConfigError && why.test(e.message),
      bad,
    );
  assert.throws(() => createApp(store, { baseUrl: "mailto:a@b" }), ServeConfigError);
  assert.equal(configuredBaseUrl(undefined, {}), undefined);
  assert.equal(
    configuredBaseUrl(undefined, { CITEGRAPH_BASE_URL: "https://a.example/" }),
    "https://a.example",
  );
  assert.equal(
    configuredBaseUrl("https://b.example", { CITEGRAPH_BASE_URL: "https://a.example" }),
    "https://b.example",
  );
  assert.throws(
    () => configuredBaseUrl(undefined, { CITEGRAPH_BASE_URL: "https://a.example/?q" }),
    /no query/,
  );
  assert.equal(listenBaseUrl("127.0.0.1", 3000), "http://127.0.0.1:3000");
  assert.equal(listenBaseUrl("::1", 8080), "http://[::1]:8080");
});

/** Bidi controls in the page's body that no <bdi> encloses (the <title> and <pre> blocks aside). */
function unisolated(html: string): string[] {
  const body = html.replace(/<title>[\s\S]*?<\/title>/, "").replace(/<pre>[\s\S]*?<\/pre>/g, "");
  const found: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<bdi>|<\/bdi>|[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g)) {
    if (m[0] === "<bdi>") depth++;
    else if (m[0] === "</bdi>") depth--;
    else if (depth === 0) found.push(body.slice(Math.max(0, m.index - 60), m.index + 20));
  }
  return found;
}

test("bidi controls in titles, names, venues and snippets stay inside their element", async () => {
  const rlo = (await store.getWorks([2]))[0];
  assert.ok(rlo.title.includes(RLO), "the record keeps its override");
  const mallory = rlo.authors.find((a) => a.name.includes(RLO))!;
  const venue = /href="\/venues\/(\d+)"><bdi>\u202E/.exec(await (await app.request("/stats")).text())?.[1];
  assert.ok(venue, "the venue is listed");
  const pages = [
    "/search?q=virtual",
    "/search?q=desrever",
    "/works/2",
    "/works/1",
    "/works/1/citations",
    `/authors/${mallory.id}`,
    "/stats",
    `/venues/${venue}`,
    "/works/1/similar",
  ];
  for (const path of pages) {
    const html = await (await app.request(path, { headers: { cookie: "citegraph_cart=2" } })).text();
    assert.ok(html.includes(RLO), `${path} shows the record`);
    assert.deepEqual(unisolated(html), [], path);
  }
  const cart = await (await app.request("/cart", { headers: { cookie: "citegraph_cart=2" } })).text();
  assert.deepEqual(unisolated(cart), []);
  const work = await (await app.request("/works/2")).text();
  assert.match(work, /<title>\u2068Virtual \u202Eexe\.txt machines\u2069 — citegraph<\/title>/);
});

test("the admin cookie's old shape (no session id) is not a session", async () => {
  const legacy = `${ADMIN_COOKIE}=${Date.now()}.${Buffer.from("Ada").toString("base64url")}.${"a".repeat(43)}`;
  assert.doesNotMatch(
    await (await admin.request("/admin", { headers: { cookie: legacy } })).text(),
    /Signed in/,
  );
});
