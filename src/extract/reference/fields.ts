/**
 * Field values as printed → CSL-JSON values: dates, page ranges, volume and issue, identifiers. Each function
 * takes the labelled text of one field and returns what CSL-JSON stores, or undefined when nothing usable is
 * there.
 */
import type { CslDate } from "../../formats/csl.ts";
import { MONTHS } from "./lexicon.ts";

const MONTH_NUMBER: Record<string, number> = {};
[
  ["jan", "january", "janvier", "januar", "gennaio"],
  ["feb", "february", "février", "februar", "febbraio"],
  ["mar", "march", "mars", "märz", "marzo"],
  ["apr", "april", "avril", "aprile"],
  ["may", "mai", "maggio"],
  ["jun", "june", "juin", "juni", "giugno"],
  ["jul", "july", "juillet", "juli", "luglio"],
  ["aug", "august", "août", "agosto"],
  ["sep", "sept", "september", "septembre", "settembre"],
  ["oct", "october", "octobre", "oktober", "ottobre"],
  ["nov", "november", "novembre"],
  ["dec", "december", "décembre", "dezember", "dicembre"],
].forEach((names, i) => {
  for (const n of names) MONTH_NUMBER[n] = i + 1;
});

/** Removes the punctuation and brackets a field is printed with: "(2009)." → "2009", "“Title,”" → "Title". */
export function trimField(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:.()[\]{}"“”„«»‘’'`-]+/u, "")
    .replace(/[\s,;:([{"“”„«»‘’'`/-]+$/u, "")
    .replace(/^(.*[^.\s])\.$/u, (m, body: string) =>
      /(?:\b\p{Lu}|\b(?:al|ed|eds|vol|no|pp|etc|Inc|Ltd|Co|Jr|Sr))$/u.test(body) ? m : body,
    )
    .replace(/[)\]}]+$/u, (m, offset: number, all: string) => (unbalanced(all.slice(0, offset)) ? m : ""))
    .trim();
}

/** Whether a text has an opening bracket still open at its end: then a closing one after it is its own. */
function unbalanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

/** "In: Proc. PLDI," → "Proc. PLDI": the container as named, without the "In" that introduces it. */
export function parseContainerTitle(text: string): string {
  return trimField(text.replace(/^\s*(?:in|dans|en)\s*:?\s+/i, ""));
}

/** "(2009a)." → {date-parts: [[2009]]}; "June 1978" → [[1978, 6]]; "n.d." / "in press" → {literal}. */
export function parseDate(text: string): CslDate | undefined {
  const t = text.trim();
  const year = /(?:^|[^\d])(1[5-9]\d\d|20\d\d)(?![\d])/.exec(t);
  if (!year) {
    const lit = trimField(t);
    return /^(?:n\.?\s?d|in press|forthcoming|submitted|im druck|sous presse)/i.test(lit)
      ? { literal: lit }
      : undefined;
  }
  const parts: number[] = [Number(year[1])];
  const month = t
    .toLowerCase()
    .match(/\p{L}+/gu)
    ?.find((w) => MONTHS.has(w) && MONTH_NUMBER[w]);
  if (month) parts.push(MONTH_NUMBER[month]);
  return { "date-parts": [parts] };
}

/** "pp. 131-152." → "131-152"; "1761–1800" → "1761-1800"; "p. 39" → "39"; "e1002" kept. */
export function parsePages(text: string): string | undefined {
  const t = trimField(text.replace(/^\s*(?:pp?|pages?|pag|ss?|S)\.?\s*/i, ""));
  const range = /([A-Za-z]?\d+[A-Za-z]?)\s*(?:[-–—‐‑]+|\bto\b)\s*([A-Za-z]?\d+[A-Za-z]?)/.exec(t);
  if (range) return `${range[1]}-${range[2]}`;
  const single = /[A-Za-z]?\d+[A-Za-z]?/.exec(t);
  return single ? single[0] : t || undefined;
}

/** "Vol. 3" → {volume: "3"}; "4(2)" → {volume: "4", issue: "2"}; "36, no. 4" → {volume: "36", issue: "4"}. */
export function parseVolume(text: string): { volume?: string; issue?: string } {
  const t = trimField(text.replace(/^\s*(?:vols?|volume|bd|band|tome|tomo|t)\.?\s*/i, ""));
  const m =
    /^([\w.-]*\d[\w.-]*|[IVXLC]+)\s*(?:\(\s*([^)]+?)\s*\)|[,:]?\s*(?:no|nr|num|issue|heft|fasc|n)\.?\s*([\w-]+))?/iu.exec(
      t,
    );
  if (!m) return t ? { volume: t } : {};
  const issue = m[2] ?? m[3];
  return issue ? { volume: m[1], issue } : { volume: m[1] };
}

/** "no. 4" → "4"; "(2)" → "2". */
export function parseIssue(text: string): string | undefined {
  const t = trimField(text.replace(/^\s*\(?\s*(?:no|nr|num|issue|heft|fasc|n)\.?\s*/i, ""));
  return t || undefined;
}

export const DOI_PATTERN = /\b10\.\d{4,9}\/[^\s"<>]+/i;
export const ARXIV_PATTERN =
  /\b(?:arxiv:?\s*)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)\b/i;
export const URL_PATTERN = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"]+/i;

/** An identifier without the punctuation printed after it. */
export function trimIdentifier(id: string): string {
  return id.replace(/[.,;:)\]}>]+$/u, "");
}

export function findDoi(text: string): string | undefined {
  const m = DOI_PATTERN.exec(text);
  return m ? trimIdentifier(m[0]) : undefined;
}

export function findUrl(text: string): string | undefined {
  const m = URL_PATTERN.exec(text);
  return m ? trimIdentifier(m[0]) : undefined;
}

/** An arXiv id only where the text says arXiv (a bare "1234.5678" is as likely a page or a report number). */
export function findArxiv(text: string, saysArxiv: boolean): string | undefined {
  if (!saysArxiv && !/arxiv/i.test(text)) return undefined;
  const m = ARXIV_PATTERN.exec(text);
  return m ? m[1] : undefined;
}

export function findIsbn(text: string): string | undefined {
  const m = /(?:97[89][\s-]?)?\d[\d\s-]{7,14}[\dXx]/.exec(text);
  if (!m) return undefined;
  const digits = m[0].replace(/[\s-]/g, "");
  return digits.length === 10 || digits.length === 13 ? digits.toUpperCase() : undefined;
}
