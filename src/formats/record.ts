/**
 * What every format reader yields: one bibliographic record as CSL-JSON, with its own id and its reference
 * list, or an error that names the file, the line and the problem. Readers never throw for one bad record:
 * the batch goes on.
 */
import { type FailureCode, failureReason } from "../errors.ts";
import {
  CSL_TYPES,
  type CslItem,
  type CslName,
  DATE_VARIABLES,
  NAME_VARIABLES,
  normalizeDoi,
} from "./csl.ts";

/** One entry of a record's reference list, as the source gives it. */
export type ReferenceInput =
  /** A record id in the same import (or an earlier one). */
  | { id: string }
  /** A DOI, resolved when a work with that DOI is known. */
  | { doi: string }
  /** A reference split into fields: given so by the source, or parsed from `raw`, the string as printed. */
  | { item: CslItem; raw?: string; contexts?: string[] }
  /** A reference as printed; `parsed` holds what the parser made of it when that is too little to name a work. */
  | { raw: string; parsed?: CslItem; contexts?: string[] };

export interface RecordLocation {
  file: string;
  /** 1-based line where the record starts, when the format has lines. */
  line?: number;
  /** 1-based position of the record in the file. */
  record: number;
}

export interface SourceRecord {
  /** The record's id as its source gives it (a JSONL id, a BibTeX key, an S2 paper id, an ACL id). */
  id?: string;
  item: CslItem;
  references: ReferenceInput[];
  location: RecordLocation;
}

export interface RecordError {
  location: RecordLocation;
  reason: string;
}

export type ReadItem =
  | { record: SourceRecord; error?: undefined }
  | { error: RecordError; record?: undefined };

/**
 * Thrown by record validation and by readers; the reader turns it into a RecordError with the location. Its
 * code is one of src/errors.ts: a broken record is "syntax" unless said otherwise.
 */
export class RecordFormatError extends Error {
  constructor(
    message: string,
    readonly code: FailureCode = "syntax",
  ) {
    super(message);
  }
}

/** The error item for a record that failed: its reason is `code: message`. Errors of other kinds go on up. */
export function recordError(e: unknown, location: RecordLocation): ReadItem {
  if (!(e instanceof RecordFormatError)) throw e;
  return { error: { location, reason: failureReason(e.code, e.message) } };
}

/**
 * The item for a record a reader has split out of its file: the record read by `read` and checked, or its error
 * (`problem`, found while splitting, or one reading it raised) at `location`.
 */
export function readRecord(
  location: RecordLocation,
  problem: RecordFormatError | undefined,
  read: () => { id?: string; item: CslItem },
): ReadItem {
  try {
    if (problem) throw problem;
    const { id, item } = read();
    return { record: { id: recordId(id), item: toCslItem(item), references: [], location } };
  } catch (e) {
    return recordError(e, location);
  }
}

/** "file.bib line 12 (record 3)": how every message names where a record came from. */
export function formatLocation(loc: RecordLocation): string {
  return loc.line !== undefined
    ? `${loc.file}:${loc.line} (record ${loc.record})`
    : `${loc.file} (record ${loc.record})`;
}

const MAX_FIELD = 1_000_000;
const MAX_NAMES = 2_000;
/** CSL-JSON's number variables: given as a number or a string. Every other field must be a string. */
const NUMBER_FIELDS = new Set(["volume", "issue", "page", "number", "edition", "year"]);
/** C0 and C1 control characters: never part of a title or name; they are read as spaces. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A string with its control characters read as spaces, trimmed: ids and references as printed are kept as given
 * otherwise, but a control character is never text (and PostgreSQL refuses a NUL in any text it stores).
 */
function withoutControls(value: string): string {
  return value.replace(CONTROLS, " ").trim();
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" && NUMBER_FIELDS.has(field) && Number.isFinite(value)) return String(value);
  if (typeof value !== "string")
    throw new RecordFormatError(`field "${field}" must be a string, not ${describe(value)}`, "invalid-field");
  if (value.length > MAX_FIELD)
    throw new RecordFormatError(`field "${field}" is longer than ${MAX_FIELD} characters`, "too-large");
  const t = value.replace(CONTROLS, " ").replace(/\s+/g, " ").trim();
  return t || undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A name written as one string: "Smith, John", "John Smith", "van der Aalst, W. M. P.". Good enough for
 * metadata files; printed references get the reference parser's name splitter.
 */
export function parseNameString(name: string): CslName {
  const clean = withoutControls(name).replace(/\s+/g, " ");
  const comma = clean.indexOf(",");
  if (comma > 0) {
    const family = clean.slice(0, comma).trim();
    const given = clean.slice(comma + 1).trim();
    return given ? { family, given } : { family };
  }
  const parts = clean.split(" ");
  if (parts.length === 1) return { family: clean };
  let i = parts.length - 1;
  // Lower-case particles belong to the family name: "Ludwig van Beethoven".
  while (i > 1 && /^(van|von|der|den|de|del|della|di|da|du|la|le|ten|ter|dos|das)$/.test(parts[i - 1])) i--;
  return { given: parts.slice(0, i).join(" "), family: parts.slice(i).join(" ") };
}

function names(value: unknown, field: string): CslName[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === "string" ? value.split(/\s+and\s+|;/) : value;
  if (!Array.isArray(list))
    throw new RecordFormatError(`field "${field}" must be a list of names`, "invalid-field");
  if (list.length > MAX_NAMES)
    throw new RecordFormatError(`field "${field}" has more than ${MAX_NAMES} names`, "too-large");
  const out: CslName[] = [];
  for (const n of list) {
    if (typeof n === "string") {
      if (n.trim()) out.push(parseNameString(n));
    } else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      const name: CslName = {};
      for (const k of [
        "family",
        "given",
        "literal",
        "non-dropping-particle",
        "dropping-particle",
        "suffix",
      ] as const) {
        const v = text(o[k], `${field}.${k}`);
        if (v) name[k] = v;
      }
      if (name.family || name.literal) out.push(name);
      else if (name.given) out.push({ family: name.given });
    } else {
      throw new RecordFormatError(`field "${field}" has an entry that is not a name`, "invalid-field");
    }
  }
  return out.length ? out : undefined;
}

function date(value: unknown, year: unknown): CslItem["issued"] {
  if (value && typeof value === "object") {
    const d = value as Record<string, unknown>;
    const parts = d["date-parts"];
    if (Array.isArray(parts) && Array.isArray(parts[0])) {
      // A date, or a range of two (the second kept only when it reads as well).
      const dates = parts
        .slice(0, 2)
        .map((p) =>
          Array.isArray(p)
            ? (p as unknown[]).slice(0, 3).map((x) => (typeof x === "string" ? Number.parseInt(x, 10) : x))
            : [],
        );
      const whole = (p: unknown[]) =>
        p.length > 0 && p.every((x) => typeof x === "number" && Number.isFinite(x));
      if (whole(dates[0]))
        return { "date-parts": (whole(dates[1] ?? []) ? dates : [dates[0]]) as number[][] };
    }
    const raw = text(d.raw ?? d.literal, "issued.raw");
    if (raw) return { raw };
  }
  const y = typeof value === "string" || typeof value === "number" ? value : year;
  if (typeof y === "number" && Number.isInteger(y)) return { "date-parts": [[y]] };
  if (typeof y === "string" && /^\d{4}$/.test(y.trim())) return { "date-parts": [[Number(y)]] };
  if (typeof y === "string" && y.trim()) return { raw: y.trim() };
  return undefined;
}

/**
 * Checks and cleans one CSL-JSON-like object: known fields typed, whitespace collapsed, sizes bounded,
 * a plain `year` or `authors` accepted for convenience. Throws RecordFormatError naming the field. A library
 * record needs a title; a reference to match (`requireTitle: false`) may lack one.
 */
export function toCslItem(value: unknown, options: { requireTitle?: boolean } = {}): CslItem {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new RecordFormatError(`record is ${describe(value)}, not an object`, "invalid-field");
  const o = value as Record<string, unknown>;
  const item: CslItem = {};
  const title = text(o.title, "title");
  if (title) item.title = title;
  else if (options.requireTitle !== false)
    throw new RecordFormatError('field "title" is missing or empty', "invalid-field");
  const type = text(o.type, "type");
  item.type = type && CSL_TYPES.has(type) ? type : "article";
  const author = names(o.author ?? o.authors, "author");
  if (author) item.author = author;
  const editor = names(o.editor, "editor");
  if (editor) item.editor = editor;
  const issued = date(o.issued, o.year);
  if (issued) item.issued = issued;
  const container = text(o["container-title"] ?? o.venue ?? o.journal, "container-title");
  if (container) item["container-title"] = container;
  for (const k of [
    "collection-title",
    "volume",
    "issue",
    "page",
    "publisher",
    "publisher-place",
    "URL",
    "ISBN",
    "abstract",
    "note",
    "arxiv",
  ] as const) {
    const v = text(o[k], k);
    if (v) item[k] = v;
  }
  // A DOI field that holds no DOI (a handle, a URL) is not worth losing the record for: keep it as the URL.
  const doiField = o.DOI ?? o.doi;
  const doi = normalizeDoi(doiField);
  if (doi) item.DOI = doi;
  else if (!item.URL && typeof doiField === "string" && /^https?:\/\/\S+$/.test(doiField.trim()))
    item.URL = doiField.trim();
  const kw = o.keyword ?? o.keywords;
  if (Array.isArray(kw)) item.keyword = kw.filter((k) => typeof k === "string").join(", ") || undefined;
  else if (kw !== undefined) item.keyword = text(kw, "keyword");
  if (!item.keyword) delete item.keyword;
  keepOtherFields(o, item);
  return item;
}

/** Fields read above under other names (JSON Lines' conveniences), and a record's id and references. */
const READ_ABOVE = new Set([
  ...["title", "type", "author", "editor", "issued", "container-title", "DOI", "keyword"],
  ...["id", "year", "authors", "venue", "journal", "doi", "keywords", "references"],
]);

/**
 * Every other field, kept as given: CSL-JSON's other variables (names and dates checked as such, text cleaned
 * as above), `citation-key`, `custom` (where a format keeps what CSL has no place for), and fields CSL does not
 * define. Bounded in size like every field.
 */
function keepOtherFields(o: Record<string, unknown>, item: CslItem): void {
  for (const [k, v] of Object.entries(o)) {
    if (k in item || READ_ABOVE.has(k) || v === undefined || v === null || k.length > 100) continue;
    if (NAME_VARIABLES.has(k)) {
      const list = names(v, k);
      if (list) item[k] = list;
    } else if (DATE_VARIABLES.has(k)) {
      const d = date(v, undefined);
      if (d) item[k] = d;
    } else if (typeof v === "string") {
      const t = text(v, k);
      if (t) item[k] = t;
    } else if (typeof v === "number" || typeof v === "boolean") item[k] = v;
    else {
      if (JSON.stringify(v).length > MAX_FIELD)
        throw new RecordFormatError(`field "${k}" is longer than ${MAX_FIELD} characters`, "too-large");
      item[k] = v;
    }
  }
}

const MAX_REFERENCES = 10_000;

/** Reads a `references` list of ids, DOIs, CSL objects or raw strings. */
export function toReferences(value: unknown): ReferenceInput[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new RecordFormatError('field "references" must be a list', "invalid-field");
  if (value.length > MAX_REFERENCES)
    throw new RecordFormatError(`field "references" has more than ${MAX_REFERENCES} entries`, "too-large");
  return value.map((ref, i): ReferenceInput => {
    if (typeof ref === "string") {
      const s = withoutControls(ref);
      const doi = /^(doi:|https?:\/\/(dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+$/i.test(s)
        ? normalizeDoi(s)
        : undefined;
      if (doi) return { doi };
      // A short string without spaces is an id; anything else is a reference as printed.
      if (s && s.length <= 200 && !/\s/.test(s)) return { id: s };
      if (!s) throw new RecordFormatError(`references[${i}] is empty`, "invalid-field");
      return { raw: s.slice(0, 10_000) };
    }
    if (ref && typeof ref === "object") {
      const o = ref as Record<string, unknown>;
      if (typeof o.raw === "string" && o.title === undefined)
        return { raw: withoutControls(o.raw).slice(0, 10_000) };
      if (typeof o.id === "string" && o.title === undefined) return { id: withoutControls(o.id) };
      if (o.title === undefined && (o.DOI || o.doi)) {
        const doi = normalizeDoi(o.DOI ?? o.doi);
        if (doi) return { doi };
      }
      try {
        return { item: toCslItem(ref) };
      } catch (e) {
        if (!(e instanceof RecordFormatError)) throw e;
        throw new RecordFormatError(`references[${i}]: ${e.message}`, e.code);
      }
    }
    throw new RecordFormatError(`references[${i}] is neither a string nor an object`, "invalid-field");
  });
}

/** The id a record carries, as a string, or undefined. */
export function recordId(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const id = withoutControls(value);
  if (id.length > 500) throw new RecordFormatError('field "id" is longer than 500 characters', "too-large");
  return id || undefined;
}
