/**
 * CSL dates as the field formats write them: ISO/EDTF-like text ("2004", "2004-05-12", "1998/2002", RIS's
 * "2004/05/12/"), and the parts of one date (year, month, day) that BibTeX and EndNote give in separate fields.
 * While a record is read, a date may lack its year (a month came first): its year is 0 until given, and a date
 * still without a year at the end is dropped (cleanDate).
 */
import type { CslDate, CslItem } from "./csl.ts";

type Parts = number[];

/** The months' three-letter names, which are also BibTeX's month macros (bibtex-entry.ts). */
export const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "May", "may", "5", "05", "May." → 5; undefined when it is no month. */
export function monthNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  const i = MONTHS.indexOf(t.slice(0, 3));
  return i >= 0 && /^[a-zäéû]+$/.test(t) ? i + 1 : undefined;
}

export const monthName = (n: number): string | undefined => MONTHS[n - 1];

/** One date, "2004", "2004-05", "2004-05-12" or "2004/05/12/": its parts, or undefined. */
function parseOne(text: string): Parts | undefined {
  const m = /^(-?\d{1,4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T/ ].*)?$/.exec(text.trim());
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    parts.push(month);
    if (m[3]) {
      const day = Number(m[3]);
      if (day < 1 || day > 31) return undefined;
      parts.push(day);
    }
  }
  return parts;
}

/** A date or a range ("1998/2002", "2004-05-12/2004-05-14") as CSL date-parts, or undefined. */
export function parseDateText(text: string): CslDate | undefined {
  const t = text.trim();
  // RIS writes one date with slashes and a trailing one ("2004/05/12/"): not a range.
  if (/^\d{4}(\/\d{0,2}){0,3}\/?$/.test(t) && !/^\d{4}\/\d{4}$/.test(t)) {
    const [y, m, d] = t.split("/").map((p) => (p ? Number(p) : undefined));
    const parts = [y as number];
    if (m && m >= 1 && m <= 12) parts.push(m);
    if (m && d && d >= 1 && d <= 31) parts.push(d);
    return { "date-parts": [parts] };
  }
  const range = t.split("/");
  if (range.length > 2) return undefined;
  const dates = range.map(parseOne);
  if (dates.some((d) => !d)) return undefined;
  return { "date-parts": dates as Parts[] };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A CSL date as ISO text ("2004-05-12", "1998/2002"), or undefined when it has no parts. */
export function formatDateText(date: CslDate | undefined): string | undefined {
  const dates = date?.["date-parts"]?.filter((p) => Number(p[0]) > 0);
  if (!dates?.length) return undefined;
  return dates
    .map((p) =>
      p
        .slice(0, 3)
        .map((n, i) => (i === 0 ? String(n) : pad(Number(n))))
        .join("-"),
    )
    .join("/");
}

/** Sets one part (0 year, 1 month, 2 day) of an item's date variable, keeping its other parts. */
export function setDatePart(item: CslItem, variable: string, index: number, value: number): void {
  const date = (item[variable] as CslDate | undefined) ?? {};
  const parts = [...((date["date-parts"]?.[0] as number[] | undefined) ?? [])];
  while (parts.length < index) parts.push(0);
  parts[index] = value;
  item[variable] = { "date-parts": [parts] };
}

/** One part of an item's date variable, when set. */
export function datePart(item: CslItem, variable: string, index: number): number | undefined {
  const n = Number((item[variable] as CslDate | undefined)?.["date-parts"]?.[0]?.[index]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A date read part by part, made whole: without a year it is dropped, a day without a month too. */
export function cleanDate(item: CslItem, variable: string): void {
  const date = item[variable] as CslDate | undefined;
  const parts = date?.["date-parts"]?.[0] as number[] | undefined;
  if (!parts) return;
  if (!(parts[0] > 0)) delete item[variable];
  else if (parts.length > 2 && !(parts[1] > 0)) item[variable] = { "date-parts": [[parts[0]]] };
}
