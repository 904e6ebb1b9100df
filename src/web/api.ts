/**
 * The JSON API under /api/v1: what a program needs of the library — search, works with their citations and
 * references, authors with their works — as JSON, with errors as JSON too (`{"status", "message"}`). Handlers
 * are thin: search/ and the store do the work; search/json.ts gives works the same shape the CLI prints.
 */
import { type Context, Hono } from "hono";
import { plainContext } from "../extract/contexts/contexts.ts";
import { type Correction, CorrectionError } from "../graph/corrections.ts";
import { workJson } from "../library/export.ts";
import { cursorKeyCount, FIRST_CURSOR } from "../search/cursor.ts";
import { searchResultJson, workSummaryJson } from "../search/json.ts";
import { parseQuery, QueryError } from "../search/query-parser.ts";
import { MAX_PER_PAGE, parseSort, type SearchOptions, search } from "../search/search.ts";
import { citationSummary } from "../search/summary.ts";
import type { Store } from "../store/types.ts";
import { OPENAPI } from "./openapi.ts";
import { type AppEnv, editorOf } from "./render.tsx";
import { retiredWorkRedirects } from "./retired.ts";

/** Corrections listed for one work at most (newest first). */
const MAX_CORRECTIONS = 1000;

function correctionJson(c: Correction) {
  return {
    id: c.id,
    work_id: c.workId,
    fields: c.fields,
    previous: c.previous,
    editor: c.editor,
    note: c.note ?? null,
    made_at: new Date(c.madeAt).toISOString(),
    reverted_at: c.revertedAt === undefined ? null : new Date(c.revertedAt).toISOString(),
    reverted_by: c.revertedBy ?? null,
  };
}

/** Errors a client caused: a bad parameter, an unknown id. */
class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404,
    message: string,
  ) {
    super(message);
  }
}

function intParam(c: Context, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiError(400, `${name} must be a whole number of at least 1, not "${raw}"`);
  if (n > max) throw new ApiError(400, `${name} must be at most ${max}`);
  return n;
}

function idParam(c: Context): number {
  const raw = c.req.param("id") ?? "";
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new ApiError(404, `no such id "${raw}"`);
  return n;
}

/** Paging of a list: page and per_page (≤ MAX_PER_PAGE), as offset and limit. */
function paging(c: Context): { page: number; perPage: number; offset: number } {
  const page = intParam(c, "page", 1);
  const perPage = intParam(c, "per_page", 20, MAX_PER_PAGE);
  return { page, perPage, offset: (page - 1) * perPage };
}

/**
 * Whether a cursor the store could not page from holds a position of another order than its request's: the
 * scope is checked when it is read, but not the number of sort keys, which only the store knows (the same
 * request's first position tells). A request the store cannot answer without the cursor either is not the
 * cursor's fault; a list with no position at all has none the cursor could be.
 */
async function isForeignPosition(
  store: Store,
  request: SearchOptions & { cursor: string },
): Promise<boolean> {
  const first = await search(store, { ...request, cursor: FIRST_CURSOR, perPage: 1, facets: false }).catch(
    () => undefined,
  );
  if (!first) return false;
  return !first.nextCursor || cursorKeyCount(first.nextCursor) !== cursorKeyCount(request.cursor);
}

/** Other editions listed with a work. */
const MAX_EDITIONS = 50;

export function createApi(store: Store): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get("/openapi.json", (c) => c.json(OPENAPI));
  const retired = retiredWorkRedirects(store, (c, id, into, status) =>
    into === undefined
      ? c.json({ status: 410, message: `work ${id} is gone: no reference names it any more` }, 410)
      : c.json({ status, message: `work ${id} was merged into work ${into}`, merged_into: into }, status),
  );
  api.use("/works/:id", retired);
  api.use("/works/:id/*", retired);

  api.get("/search", async (c) => {
    const { page, perPage } = paging(c);
    const cursor = c.req.query("cursor");
    if (cursor !== undefined && c.req.query("page") !== undefined)
      throw new ApiError(400, "page and cursor: give one or the other");
    const fields = c.req
      .query("fields")
      ?.split(",")
      .map((f) => f.trim())
      .filter(Boolean);
    const request: SearchOptions = {
      q: c.req.query("q") ?? "",
      sort: parseSort(c.req.query("sort")),
      page,
      perPage,
      includeCitations: c.req.query("include_citations") === "true",
      facets: c.req.query("facets") === "true",
      cursor,
    };
    const r = await search(store, request).catch(async (e) => {
      if (cursor !== undefined && cursor !== FIRST_CURSOR && !(e instanceof QueryError))
        if (await isForeignPosition(store, { ...request, cursor }))
          throw new ApiError(400, "cursor: it is not a position in this result list (start with cursor=*)");
      throw e;
    });
    return c.json(searchResultJson(r, fields));
  });

  api.get("/search/summary", async (c) => {
    const s = await citationSummary(store, parseQuery(c.req.query("q") ?? "").node);
    return c.json({
      works: s.works,
      total: s.total,
      citations: s.citations,
      citations_without_self: s.citationsWithoutSelf,
      h_index: s.hIndex,
      h_index_without_self: s.hIndexWithoutSelf,
      bands: s.bands.map((b) => ({ label: b.label, works: b.works, works_without_self: b.worksWithoutSelf })),
    });
  });

  api.get("/works/:id", async (c) => {
    const work = await store.getWork(idParam(c));
    if (!work) throw new ApiError(404, `no work ${c.req.param("id")}`);
    const { references: _references, ...rest } = workJson(work);
    const editions = (await store.otherEditions(work.id, MAX_EDITIONS)).map((e) => e.id);
    return c.json({
      ...rest,
      authors: work.authors,
      references: work.references.length,
      other_editions: editions,
    });
  });

  api.get("/works/:id/citations", async (c) => {
    const id = idParam(c);
    if (!(await store.getWorks([id])).length) throw new ApiError(404, `no work ${id}`);
    const sort = c.req.query("sort") === "year" ? "year" : "citations";
    const { page, perPage, offset } = paging(c);
    const list = await store.citedBy(id, { sort, offset, limit: perPage });
    return c.json({
      total: list.total,
      page,
      per_page: perPage,
      items: list.items.map((e) => ({
        ...workSummaryJson(e.work),
        self: e.self,
        contexts: e.contexts.map(plainContext),
      })),
    });
  });

  api.get("/works/:id/references", async (c) => {
    const work = await store.getWork(idParam(c));
    if (!work) throw new ApiError(404, `no work ${c.req.param("id")}`);
    return c.json({ total: work.references.length, items: (workJson(work).references as unknown[]) ?? [] });
  });

  api.get("/works/:id/corrections", async (c) => {
    const id = idParam(c);
    if (!(await store.getWorks([id])).length) throw new ApiError(404, `no work ${id}`);
    const items = await store.corrections(id, MAX_CORRECTIONS);
    return c.json({ total: items.length, items: items.map(correctionJson) });
  });

  /** Writes need the admin token as a bearer; the editor named in the body is who the history shows. */
  const editorFor = (c: Context, named: unknown): string => {
    if (editorOf(c) === undefined)
      throw new ApiError(401, "writing needs the admin token: Authorization: Bearer TOKEN");
    return typeof named === "string" && named.trim() ? named : (editorOf(c) as string);
  };
  const jsonBody = async (c: Context): Promise<Record<string, unknown>> => {
    const body = await c.req.json().catch(() => undefined);
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw new ApiError(400, "the body must be a JSON object");
    return body as Record<string, unknown>;
  };

  api.post("/works/:id/corrections", async (c) => {
    const id = idParam(c);
    editorFor(c, undefined);
    const body = await jsonBody(c);
    if (!body.fields || typeof body.fields !== "object" || Array.isArray(body.fields))
      throw new ApiError(400, 'fields: an object of the fields to correct, e.g. {"title": "…"}');
    const correction = await store.correctWork(id, body.fields as Record<string, unknown>, {
      editor: editorFor(c, body.editor),
      note: typeof body.note === "string" ? body.note : undefined,
    });
    return c.json(correctionJson(correction), 201);
  });

  api.post("/corrections/:id/revert", async (c) => {
    const id = idParam(c);
    editorFor(c, undefined);
    const body = await jsonBody(c).catch(() => ({}) as Record<string, unknown>);
    return c.json(correctionJson(await store.revertCorrection(id, editorFor(c, body.editor))));
  });

  api.get("/authors/:id", async (c) => {
    const author = await store.getAuthor(idParam(c));
    if (!author) throw new ApiError(404, `no author ${c.req.param("id")}`);
    const {
      works,
      citationsPerYear,
      hIndexWithoutSelf,
      selfCitations,
      i10Index,
      hIndex,
      coAuthors,
      ...rest
    } = author;
    return c.json({
      ...rest,
      works: works.length,
      self_citations: selfCitations,
      h_index: hIndex,
      h_index_without_self: hIndexWithoutSelf,
      i10_index: i10Index,
      citations_per_year: citationsPerYear,
      co_authors: coAuthors,
    });
  });

  api.get("/authors/:id/works", async (c) => {
    const author = await store.getAuthor(idParam(c));
    if (!author) throw new ApiError(404, `no author ${c.req.param("id")}`);
    const { page, perPage, offset } = paging(c);
    return c.json({
      total: author.works.length,
      page,
      per_page: perPage,
      items: author.works.slice(offset, offset + perPage).map((w) => workSummaryJson(w)),
    });
  });

  api.all("*", (c) =>
    c.json({ status: 404, message: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404),
  );
  api.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ status: err.status, message: err.message }, err.status);
    if (err instanceof QueryError) return c.json({ status: 400, message: err.message }, 400);
    if (err instanceof CorrectionError) {
      const status = /^no (work|correction) \d+$/.test(err.message) ? 404 : 400;
      return c.json({ status, message: err.message }, status);
    }
    console.error(err);
    return c.json({ status: 500, message: "the server could not answer this request" }, 500);
  });
  return api;
}
