/**
 * Corrections of a work's metadata by a person (CiteSeerX's user corrections): what the documents and references
 * vote for (canonical.ts) is what the machine read; a correction is a librarian's word and overrides it, field by
 * field. Corrections are kept as versions — each with its editor, note and time, and the values it replaced — and
 * applied in order on top of every vote, so a new PDF of the work does not undo them and reverting one gives back
 * whatever the vote and the earlier corrections say. Pure: validation and application only; the store keeps them.
 */
import { CSL_TYPES, type CslItem, type CslName } from "../formats/csl.ts";

/** The fields a correction may set, as CSL-JSON names. */
export const CORRECTABLE_FIELDS = [
  "title",
  "author",
  "container-title",
  "issued",
  "type",
  "volume",
  "issue",
  "page",
  "publisher",
  "publisher-place",
  "DOI",
  "URL",
  "abstract",
  "keyword",
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A correction's new values: a field set to null is cleared. */
export type CorrectionFields = Partial<Record<CorrectableField, unknown>>;

export interface Correction {
  id: number;
  workId: number;
  fields: CorrectionFields;
  /** The values shown before the correction, for the history and its diff. */
  previous: CorrectionFields;
  editor: string;
  note?: string;
  madeAt: number;
  revertedAt?: number;
  revertedBy?: string;
}

/** A correction that cannot be applied: names the field and what is wrong with it. */
export class CorrectionError extends Error {}

const MAX_LENGTH: Partial<Record<CorrectableField, number>> = {
  abstract: 20_000,
  keyword: 2_000,
  title: 1_000,
};
const MAX_AUTHORS = 1_000;
const MAX_NOTE = 2_000;

function text(field: CorrectableField, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") throw new CorrectionError(`${field}: must be text`);
  const v = value.replace(/\s+/g, " ").trim();
  const max = MAX_LENGTH[field] ?? 500;
  if (v.length > max) throw new CorrectionError(`${field}: longer than ${max} characters`);
  return v || null;
}

function person(value: unknown, i: number): CslName {
  if (typeof value === "string") {
    // "Family, Given" or "Given Family", as a librarian types a list one name a line; "{An Organisation}" is a
    // name kept whole (BibTeX's braces).
    const s = value.replace(/\s+/g, " ").trim();
    const whole = /^\{(.+)\}$/.exec(s);
    if (whole) return person({ literal: whole[1] }, i);
    const comma = s.indexOf(",");
    if (comma > 0) return person({ family: s.slice(0, comma), given: s.slice(comma + 1) }, i);
    const parts = s.split(" ");
    return person({ family: parts.pop(), given: parts.join(" ") }, i);
  }
  const n = value as CslName | null;
  if (typeof n?.literal === "string" && n.literal.trim() && !n.family) {
    const literal = n.literal.replace(/\s+/g, " ").trim();
    if (literal.length > 200) throw new CorrectionError(`author ${i + 1}: name too long`);
    return { literal };
  }
  const family = typeof n?.family === "string" ? n.family.replace(/\s+/g, " ").trim() : "";
  const given = typeof n?.given === "string" ? n.given.replace(/\s+/g, " ").trim() : "";
  if (!family) throw new CorrectionError(`author ${i + 1}: has no family name`);
  if (family.length > 200 || given.length > 200) throw new CorrectionError(`author ${i + 1}: name too long`);
  return given ? { family, given } : { family };
}

/**
 * Checks and normalises a correction's fields: unknown fields, wrong types, a year out of range, a malformed DOI
 * or URL are refused with an error naming the field. A title cannot be cleared.
 */
export function validateCorrection(fields: Record<string, unknown>): CorrectionFields {
  const out: CorrectionFields = {};
  const names = Object.keys(fields);
  if (!names.length) throw new CorrectionError("nothing to correct: no field given");
  for (const name of names) {
    if (!(CORRECTABLE_FIELDS as readonly string[]).includes(name))
      throw new CorrectionError(
        `${name}: not a field that can be corrected (${CORRECTABLE_FIELDS.join(", ")})`,
      );
    const field = name as CorrectableField;
    const value = fields[name];
    switch (field) {
      case "author": {
        if (value === null || (Array.isArray(value) && !value.length)) {
          out.author = null;
          break;
        }
        if (!Array.isArray(value)) throw new CorrectionError("author: must be a list of names");
        if (value.length > MAX_AUTHORS) throw new CorrectionError(`author: more than ${MAX_AUTHORS} names`);
        out.author = value.map(person);
        break;
      }
      case "issued": {
        if (value === null || value === "") {
          out.issued = null;
          break;
        }
        const year = typeof value === "number" ? value : Number(String(value).trim());
        const latest = new Date().getUTCFullYear() + 5;
        if (!Number.isInteger(year) || year < 1000 || year > latest)
          throw new CorrectionError(
            `issued: the year must be a whole number from 1000 to ${latest}, not "${value}"`,
          );
        out.issued = { "date-parts": [[year]] };
        break;
      }
      case "type": {
        const t = text(field, value);
        if (!t || !CSL_TYPES.has(t))
          throw new CorrectionError(`type: must be one of ${[...CSL_TYPES].join(", ")}`);
        out.type = t;
        break;
      }
      default: {
        const t = text(field, value);
        if (field === "title" && !t) throw new CorrectionError("title: cannot be empty");
        if (t && field === "DOI" && !/^10\.\d{4,9}\/\S+$/.test(t))
          throw new CorrectionError(`DOI: "${t}" is not a DOI (10.NNNN/…)`);
        if (t && field === "URL" && !/^https?:\/\/\S+$/i.test(t))
          throw new CorrectionError(`URL: "${t}" is not an http(s) address`);
        out[field] = t;
      }
    }
  }
  return out;
}

/** Checks a correction's note or editor name: text of bounded length. */
export function validateNote(label: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new CorrectionError(`${label}: must be text`);
  const v = value.replace(/\s+/g, " ").trim();
  if (v.length > MAX_NOTE) throw new CorrectionError(`${label}: longer than ${MAX_NOTE} characters`);
  return v || undefined;
}

/** The fields as an item shows them now, for a correction's `previous`. */
export function currentValues(item: CslItem, fields: CorrectionFields): CorrectionFields {
  const out: CorrectionFields = {};
  for (const f of Object.keys(fields) as CorrectableField[]) out[f] = item[f] ?? null;
  return out;
}

/** Applies the corrections not reverted, oldest first, on top of the voted item. */
export function applyCorrections(item: CslItem, corrections: CorrectionFields[]): CslItem {
  if (!corrections.length) return item;
  const out: CslItem = { ...item };
  for (const c of corrections)
    for (const [field, value] of Object.entries(c)) {
      if (value === null || value === undefined) delete out[field];
      else out[field] = value;
    }
  return out;
}

/** True when the correction would change nothing the work shows. */
export function changesNothing(item: CslItem, fields: CorrectionFields): boolean {
  return Object.entries(fields).every(
    ([f, v]) => JSON.stringify(item[f] ?? null) === JSON.stringify(v ?? null),
  );
}
