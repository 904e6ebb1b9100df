/**
 * OAI-PMH 2.0 at /oai (https://www.openarchives.org/OAI/openarchivesprotocol.html): the six verbs, oai_dc
 * records of the library's works (cited-only works are not records: the library holds nothing of them),
 * selective harvesting by datestamp (seconds), resumption tokens that carry their own position (so a harvest
 * survives a restart and has no cap), and every error code the protocol defines. Text is XML-escaped. Answers
 * are valid against the protocol's schemas (oai-schema.test.ts) and name a stylesheet, so that a browser shows
 * them as a page (static/oai.xsl).
 */
import { readFileSync } from "node:fs";
import type { Context } from "hono";
import { familyName } from "../formats/csl.ts";
import type { Store, WorkDetail } from "../store/types.ts";
import { dcTypes } from "./oai-dc-type.ts";
import { escapeXml } from "./xml.ts";

export interface OaiOptions {
  /** Records or identifiers per response. */
  pageSize?: number;
  repositoryName?: string;
  /** Identify's adminEmail; by default admin@ the base URL's host (a name with a dot: the schema wants one). */
  adminEmail?: string;
}

/** Where the stylesheet is served; answers name it relative to /oai, so it holds under a path prefix too. */
export const OAI_STYLESHEET_PATH = "/static/oai.xsl";
const STYLESHEET = readFileSync(new URL("./static/oai.xsl", import.meta.url), "utf8");

/** Serves the stylesheet (its CSP is security.ts's). */
export function oaiStylesheet(c: Context): Response {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(STYLESHEET, 200, { "Content-Type": "text/xsl; charset=utf-8" });
}

const PREFIX = "oai:citegraph:works/";
const VERBS = ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"];
/** The arguments each verb allows (beyond `verb`); `resumptionToken` is exclusive with the others. */
const ALLOWED: Record<string, string[]> = {
  Identify: [],
  ListMetadataFormats: ["identifier"],
  ListSets: ["resumptionToken"],
  ListIdentifiers: ["metadataPrefix", "from", "until", "set", "resumptionToken"],
  ListRecords: ["metadataPrefix", "from", "until", "set", "resumptionToken"],
  GetRecord: ["identifier", "metadataPrefix"],
};

/**
 * The syntax the response schema gives each argument echoed on the request element. An argument that does not
 * have it (a metadataPrefix with a space, a from that is no date) is left off, as the arguments of a badVerb
 * or badArgument answer are, so that no answer is invalid whatever the request held.
 */
/** A from/until argument: a day or a second, UTC (the numbers are checked by Date.parse). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;
const PMH_CHARS = "[A-Za-z0-9\\-_.!~*'()]+";
const ARGUMENT_SYNTAX: Record<string, RegExp> = {
  verb: new RegExp(`^(?:${VERBS.join("|")})$`),
  identifier: /^[^\s<>"{}|\\^`]+$/,
  metadataPrefix: new RegExp(`^${PMH_CHARS}$`),
  from: DATE,
  until: DATE,
  set: new RegExp(`^${PMH_CHARS}(?::${PMH_CHARS})*$`),
  resumptionToken: /^/,
};

class OaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const datestamp = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A from/until argument: a day or a second, UTC. `end` makes a day mean its last second. */
function parseDate(value: string, name: string, end: boolean): { ms: number; seconds: boolean } {
  const m = DATE.exec(value);
  const ms = m ? Date.parse(m[4] ? value : `${value}T00:00:00Z`) : Number.NaN;
  if (!m || Number.isNaN(ms))
    throw new OaiError("badArgument", `${name} is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ`);
  const seconds = !!m[4];
  return { ms: end ? ms + (seconds ? 999 : 86_399_999) : ms, seconds };
}

interface Position {
  verb: string;
  from?: number;
  until?: number;
  after?: { at: number; id: number };
}

const encodeToken = (p: Position) => Buffer.from(JSON.stringify(p)).toString("base64url");

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
/** A time in a token: absent, or whole milliseconds. */
const isTime = (v: unknown): v is number | undefined => v === undefined || Number.isSafeInteger(v);

/**
 * A resumption token read back. A token is the client's to send, so anything but the shape this repository
 * writes (a forged `from` that is an object, an array, a boolean…) is badResumptionToken, never a failure.
 */
function decodeToken(token: string, verb: string): Position {
  let p: unknown;
  try {
    p = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    p = undefined;
  }
  const after = isRecord(p) ? p.after : undefined;
  const valid =
    isRecord(p) &&
    p.verb === verb &&
    isTime(p.from) &&
    isTime(p.until) &&
    (after === undefined ||
      (isRecord(after) && Number.isSafeInteger(after.at) && Number.isSafeInteger(after.id)));
  if (!valid)
    throw new OaiError("badResumptionToken", "the resumption token is not one this repository issued");
  const { from, until } = p as { from?: number; until?: number };
  const a = after as { at: number; id: number } | undefined;
  // Only the fields a position has: nothing else the client wrote reaches the store.
  return { verb, from, until, after: a && { at: a.at, id: a.id } };
}

function dublinCore(w: WorkDetail, base: string): string {
  const el = (name: string, value: string | number | undefined | null) =>
    value === undefined || value === null || value === ""
      ? ""
      : `<dc:${name}>${escapeXml(String(value))}</dc:${name}>`;
  return [
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">',
    el("title", w.title),
    ...(w.csl.author ?? []).map((a) => el("creator", [familyName(a), a.given].filter(Boolean).join(", "))),
    ...(w.keywords ?? "").split(/\s*[,;]\s*/).map((k) => el("subject", k)),
    el("description", w.abstract),
    el("publisher", w.csl.publisher),
    el("date", w.year),
    ...dcTypes(w.type, w.csl.genre).map((t) => el("type", t)),
    el("identifier", `${base}/works/${w.id}`),
    el("identifier", w.doi ? `https://doi.org/${w.doi}` : undefined),
    el("source", w.venue),
    "</oai_dc:dc>",
  ].join("");
}

/**
 * Answers an OAI-PMH request. `base` is the library's public address (the app's base URL), which the
 * repository's own URLs are built on — not the request's Host header.
 */
export async function answerOai(
  c: Context,
  store: Store,
  base: string,
  options: OaiOptions = {},
): Promise<Response> {
  const pageSize = options.pageSize ?? 100;
  const url = new URL(c.req.url);
  const endpoint = `${base}/oai`;
  const args = new Map<string, string[]>();
  const add = (k: string, v: string) => args.set(k, [...(args.get(k) ?? []), v]);
  for (const [k, v] of url.searchParams) add(k, v);
  if (c.req.method === "POST") {
    const form = await c.req.parseBody();
    for (const [k, v] of Object.entries(form)) if (typeof v === "string") add(k, v);
  }
  const one = (k: string) => args.get(k)?.[0];
  const verb = one("verb");
  let requestAttrs = "";
  let body: string;
  try {
    if (!verb || !VERBS.includes(verb) || (args.get("verb")?.length ?? 0) > 1)
      throw new OaiError(
        "badVerb",
        verb ? `"${verb}" is not an OAI-PMH verb` : "the verb argument is missing",
      );
    for (const [k, v] of args) {
      if (k === "verb") continue;
      if (!ALLOWED[verb].includes(k)) throw new OaiError("badArgument", `${verb} takes no argument "${k}"`);
      if (v.length > 1) throw new OaiError("badArgument", `the argument "${k}" is repeated`);
    }
    if (args.has("resumptionToken") && args.size > 2)
      throw new OaiError("badArgument", "resumptionToken is an exclusive argument");
    requestAttrs = [...args]
      .filter(([k, v]) => ARGUMENT_SYNTAX[k]?.test(v[0]))
      .map(([k, v]) => ` ${k}="${escapeXml(v[0])}"`)
      .join("");
    body = await answerVerb(verb, one, store, { pageSize, base, options });
  } catch (e) {
    if (!(e instanceof OaiError)) throw e;
    // The request element carries the arguments only when they were understood (the protocol's rule).
    if (e.code === "badVerb" || e.code === "badArgument") requestAttrs = "";
    body = `<error code="${e.code}">${escapeXml(e.message)}</error>`;
  }
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<?xml-stylesheet type="text/xsl" href="${OAI_STYLESHEET_PATH.slice(1)}"?>`,
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">',
    `<responseDate>${datestamp(Date.now())}</responseDate>`,
    `<request${requestAttrs}>${escapeXml(endpoint)}</request>`,
    body,
    "</OAI-PMH>",
  ].join("\n");
  return c.body(xml, 200, { "Content-Type": "text/xml; charset=utf-8" });
}

async function answerVerb(
  verb: string,
  arg: (k: string) => string | undefined,
  store: Store,
  ctx: { pageSize: number; base: string; options: OaiOptions },
): Promise<string> {
  const requirePrefix = () => {
    const prefix = arg("metadataPrefix");
    if (!prefix) throw new OaiError("badArgument", "metadataPrefix is required");
    if (prefix !== "oai_dc")
      throw new OaiError("cannotDisseminateFormat", `this repository offers oai_dc only, not "${prefix}"`);
  };
  const workOf = async (identifier: string | undefined) => {
    if (!identifier) throw new OaiError("badArgument", "identifier is required");
    const id = identifier.startsWith(PREFIX) ? Number(identifier.slice(PREFIX.length)) : Number.NaN;
    const work = Number.isSafeInteger(id) && id > 0 ? await store.getWork(id) : undefined;
    if (!work?.inLibrary) throw new OaiError("idDoesNotExist", `no record "${identifier}"`);
    return work;
  };
  const header = (id: number, at: number) =>
    `<header><identifier>${PREFIX}${id}</identifier><datestamp>${datestamp(at)}</datestamp></header>`;
  switch (verb) {
    case "Identify": {
      const earliest = (await store.earliestChange()) ?? 0;
      return [
        "<Identify>",
        `<repositoryName>${escapeXml(ctx.options.repositoryName ?? "citegraph library")}</repositoryName>`,
        `<baseURL>${escapeXml(`${ctx.base}/oai`)}</baseURL>`,
        "<protocolVersion>2.0</protocolVersion>",
        `<adminEmail>${escapeXml(ctx.options.adminEmail ?? defaultAdminEmail(ctx.base))}</adminEmail>`,
        `<earliestDatestamp>${datestamp(earliest)}</earliestDatestamp>`,
        "<deletedRecord>no</deletedRecord>",
        "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>",
        "</Identify>",
      ].join("");
    }
    case "ListMetadataFormats": {
      if (arg("identifier")) await workOf(arg("identifier"));
      return "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats>";
    }
    case "ListSets":
      if (arg("resumptionToken"))
        throw new OaiError("badResumptionToken", "this repository issues no set tokens");
      throw new OaiError("noSetHierarchy", "this repository has no sets");
    case "GetRecord": {
      requirePrefix();
      const work = await workOf(arg("identifier"));
      return `<GetRecord><record>${header(work.id, work.updatedAt)}<metadata>${dublinCore(work, ctx.base)}</metadata></record></GetRecord>`;
    }
    default: {
      // ListIdentifiers and ListRecords.
      let position: Position;
      const token = arg("resumptionToken");
      if (token) position = decodeToken(token, verb);
      else {
        requirePrefix();
        if (arg("set")) throw new OaiError("noSetHierarchy", "this repository has no sets");
        const from = arg("from") ? parseDate(arg("from") as string, "from", false) : undefined;
        const until = arg("until") ? parseDate(arg("until") as string, "until", true) : undefined;
        if (from && until && from.seconds !== until.seconds)
          throw new OaiError("badArgument", "from and until must have the same granularity");
        if (from && until && from.ms > until.ms)
          throw new OaiError("badArgument", "from is later than until");
        position = { verb, from: from?.ms, until: until?.ms };
      }
      const page = await store.worksByDate({ ...position, limit: ctx.pageSize + 1 });
      if (!page.length && !token) throw new OaiError("noRecordsMatch", "no record matches these arguments");
      const shown = page.slice(0, ctx.pageSize);
      const items: string[] = [];
      for (const r of shown) {
        if (verb === "ListIdentifiers") items.push(header(r.id, r.updatedAt));
        else {
          const work = await store.getWork(r.id);
          if (work)
            items.push(
              `<record>${header(r.id, r.updatedAt)}<metadata>${dublinCore(work, ctx.base)}</metadata></record>`,
            );
        }
      }
      const last = shown[shown.length - 1];
      const next =
        page.length > ctx.pageSize && last
          ? `<resumptionToken>${encodeToken({ ...position, after: { at: last.updatedAt, id: last.id } })}</resumptionToken>`
          : token
            ? "<resumptionToken/>"
            : "";
      return `<${verb}>${items.join("")}${next}</${verb}>`;
    }
  }
}

/** admin@ the library's host; a host without a dot (localhost) gets the reserved top-level domain .invalid. */
function defaultAdminEmail(base: string): string {
  const host = new URL(base).hostname;
  return `admin@${host.includes(".") ? host : `${host}.invalid`}`;
}
