/**
 * Rules of field-codec.ts, as the formats' tables build them: text, names, keywords, dates, page ranges. Values
 * are text as given (RIS, EndNote: a tag may repeat, one author or keyword a line, names "Family, Given"), or
 * go through the format's own `decode` and `encode` (BibTeX's LaTeX).
 */
import { type CslItem, type CslName, invertedName } from "./csl.ts";
import { datePart, formatDateText, parseDateText, setDatePart } from "./csl-dates.ts";
import { type FieldRule, recordToCsl, type Values } from "./field-codec.ts";
import { parseNameString } from "./record.ts";

export interface TagOptions {
  types?: readonly string[];
  default?: boolean | readonly string[];
  /** A value as text, or undefined when it says nothing: whitespace collapsed unless the format says otherwise. */
  decode?: (value: string) => string | undefined;
  /** Text as the format writes it: as it is unless the format says otherwise. */
  encode?: (text: string) => string;
}

const clean = (v: string | undefined) => (v ?? "").replace(/\s+/g, " ").trim();
const decoder = (options: TagOptions) => (v: string | undefined) =>
  (options.decode ?? clean)(v ?? "") || undefined;
const rule = (field: string, claims: readonly string[], options: TagOptions) => ({
  field,
  claims,
  types: options.types,
  default: options.default,
});
const str = (item: CslItem, v: string) =>
  typeof item[v] === "string" || typeof item[v] === "number" ? String(item[v]) || undefined : undefined;

/** One value (the first, when the tag repeats: the others are kept by the codec as the field's exact text). */
export function textTag(tag: string, csl: string, options: TagOptions = {}): FieldRule {
  const decode = decoder(options);
  return {
    ...rule(tag, [csl], options),
    read(values, item) {
      const v = decode(values[0]);
      if (!v) return false;
      item[csl] = v;
      return true;
    },
    write(item) {
      const v = str(item, csl);
      return v === undefined ? undefined : [options.encode ? options.encode(v) : v];
    },
  };
}

/** One name a line. */
export function namesTag(tag: string, csl: string, options: TagOptions = {}): FieldRule {
  return {
    ...rule(tag, [csl], options),
    read(values, item) {
      const list = values.map(clean).filter(Boolean).map(parseNameString);
      if (!list.length) return false;
      item[csl] = list;
      return true;
    },
    write(item) {
      const list = item[csl] as CslName[] | undefined;
      return Array.isArray(list) && list.length ? list.map(invertedName) : undefined;
    },
  };
}

/** One keyword a line; CSL keeps them as one comma-separated string. */
export function keywordsTag(tag: string, options: TagOptions = {}): FieldRule {
  return {
    ...rule(tag, ["keyword"], options),
    read(values, item) {
      const list = values.map(clean).filter(Boolean);
      if (!list.length) return false;
      item.keyword = list.join(", ");
      return true;
    },
    write(item) {
      const list = (item.keyword ?? "")
        .split(/\s*[,;]\s*/)
        .map((k) => k.trim())
        .filter(Boolean);
      return list.length ? list : undefined;
    },
  };
}

/** The year alone. */
export function yearTag(tag: string, options: TagOptions = {}): FieldRule {
  const decode = decoder(options);
  return {
    ...rule(tag, ["issued.year"], options),
    read(values, item) {
      const y = /^\s*(-?\d{1,4})/.exec(decode(values[0]) ?? "")?.[1];
      if (y === undefined) return false;
      setDatePart(item, "issued", 0, Number(y));
      return true;
    },
    write(item) {
      const y = datePart(item, "issued", 0);
      return y === undefined ? undefined : [String(y)];
    },
  };
}

/** A whole date, written as `format` does ("2004/05/12/" in RIS, "2004-05-12" elsewhere). */
export function dateTag(
  tag: string,
  csl: string,
  options: TagOptions & { claims?: string[]; format?: (d: CslItem["issued"]) => string | undefined } = {},
): FieldRule {
  const format = options.format ?? formatDateText;
  const decode = decoder(options);
  return {
    ...rule(tag, options.claims ?? [`${csl}.year`, `${csl}.month`, `${csl}.day`], options),
    read(values, item) {
      const d = parseDateText(decode(values[0]) ?? "");
      if (!d) return false;
      const parts = d["date-parts"]?.[0] as number[];
      // A date beside a year of its own (RIS's PY and DA): it adds the month and day.
      if (options.claims && item[csl])
        for (let i = 1; i < parts.length; i++) setDatePart(item, csl, i, parts[i]);
      else item[csl] = d;
      return true;
    },
    write(item) {
      const v = format(item[csl] as CslItem["issued"]);
      return v === undefined ? undefined : [v];
    },
  };
}

/** One end of the page range ("31-37"): SP the first page, EP the last. */
export function pageTag(tag: string, end: 0 | 1, options: TagOptions = {}): FieldRule {
  const split = (page: string | undefined) => {
    const m = /^\s*([^-–—]*?)\s*(?:[-–—]+\s*(.*?))?\s*$/.exec(page ?? "");
    return [m?.[1] ?? "", m?.[2] ?? ""];
  };
  return {
    ...rule(tag, [`page.${end}`], options),
    read(values, item) {
      const v = clean(values[0]);
      if (!v) return false;
      const parts = split(item.page);
      parts[end] = v;
      item.page = parts[1] ? `${parts[0]}-${parts[1]}` : parts[0];
      return true;
    },
    write(item) {
      const v = split(item.page)[end];
      return v ? [v] : undefined;
    },
  };
}

/** One tagged record's lines, its type line first, as a CSL item; its id is the value of `idTag`. */
export function taggedToCsl(
  format: string,
  lines: [tag: string, value: string][],
  cslTypeOf: (type: string) => string,
  rules: readonly FieldRule[],
  idTag: string,
): { id?: string; item: CslItem } {
  const type = lines[0]?.[1]?.trim() ?? "";
  const item = recordToCsl(format, type, cslTypeOf(type), groupTags(lines.slice(1)), rules);
  return { id: lines.find(([tag]) => tag === idTag)?.[1], item };
}

/** Tags a reader collected, in the order of their first line; a repeated tag keeps all its values. */
export function groupTags(lines: [tag: string, value: string][]): [string, Values][] {
  const byTag = new Map<string, Values>();
  for (const [tag, value] of lines) {
    const list = byTag.get(tag);
    if (list) list.push(value);
    else byTag.set(tag, [value]);
  }
  return [...byTag];
}
