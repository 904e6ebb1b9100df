/**
 * Features of a front-matter line for the front-lines model (front-lines.ts): where the line stands and how it is
 * set — its type size against the text's and the header's, bold, spacing before and after, centring, width — what
 * it says in outline (capitals, digits, names, an address, a cue word), and what the header's token model made of
 * its words. GROBID's segmentation and header models read the same kinds of facts; a line's neighbours' facts go
 * in too, so a title's second line is known by the first.
 */

import type { Zone } from "../segmentation/segment.ts";
import { NAMES_LINE } from "./authors.ts";
import type { HeaderLabel } from "./labels.ts";

/** What the line model reads of one line (from layout's Line, the rules' zone and the token model's labels). */
export interface LineFacts {
  text: string;
  page: number;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  /** The font most of its characters are set in. */
  font: string;
  blockStart: boolean;
  /** Words raised and smaller than the line: footnote marks, affiliation marks. */
  superscripts: number;
  /** The share of the line's characters the token model gave each label. */
  tokenShare: Partial<Record<HeaderLabel, number>>;
  /** The rules' title (title.ts) takes in this line. */
  ruleTitle: boolean;
  /** The rules' zone of the line (segmentation/segment.ts). */
  zone: Zone;
}

const AFFILIATION =
  /\b(?:univ\w*|institut\w*|department|dept\.|school|college|faculty|fakultät|lehrstuhl|zentrum|center|centre|laborator\w*|gmbh|e\.\s?v\.|research|forschung\w*|academy|akademie|hochschule|ministry)\b/i;
const ABSTRACT_CUE = /^(?:abstract|summary|zusammenfassung|résumé|resumen|resumo|kurzfassung)\b/i;
const KEYWORD_CUE = /^(?:key\s*words?|schlagw|schlüsselw|index terms|jel)\b/i;
const BY_CUE = /^(?:by|von|edited by|hrsg\.?|herausgegeben)\b/i;
const CONTACT = /@|https?:|www\.|\bdoi\b|\btel\.?|\bfax\b|\be-?mail\b/i;

function bucket(x: number, edges: number[], names: string[]): string {
  for (let i = 0; i < edges.length; i++) if (x < edges[i]) return names[i];
  return names[edges.length];
}

function caseShape(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2) return "none";
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length / letters.length;
  if (upper > 0.9) return "upper";
  const ws = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const capital = ws.filter((w) => /^\p{Lu}/u.test(w)).length / Math.max(1, ws.length);
  return capital > 0.7 ? "capitalised" : /^\p{Ll}/u.test(text) ? "lower" : "sentence";
}

/** The facts of one line on its own, as feature strings (the neighbours' are added with a prefix). */
function ownFeatures(l: LineFacts, bodySize: number, largest: number): string[] {
  const text = l.text;
  const words = text.split(/\s+/).filter(Boolean);
  const share = l.tokenShare;
  const top = (Object.entries(share) as [HeaderLabel, number][]).sort((a, b) => b[1] - a[1])[0];
  const f = [
    `size=${bucket(l.fontSize / bodySize, [0.85, 1.05, 1.25, 1.5, 1.9], ["small", "body", "1.1", "1.3", "1.6", "2"])}`,
    `tok=${top && top[1] >= 0.5 ? top[0] : "other"}`,
    `case=${caseShape(text)}`,
    `words=${bucket(words.length, [2, 3, 4, 7, 13], ["1", "2", "3", "4-6", "7-12", "13+"])}`,
  ];
  if (l.fontSize >= largest - 0.5) f.push("largest");
  if (l.bold) f.push("bold");
  if (l.italic) f.push("italic");
  if ((share.title ?? 0) >= 0.3) f.push("tokTitle");
  if ((share.author ?? 0) >= 0.3) f.push("tokAuthor");
  if (NAMES_LINE.test(text)) f.push("names");
  if (AFFILIATION.test(text)) f.push("affiliation");
  if (ABSTRACT_CUE.test(text)) f.push("abstractCue");
  if (KEYWORD_CUE.test(text)) f.push("keywordCue");
  if (BY_CUE.test(text)) f.push("byCue");
  if (CONTACT.test(text)) f.push("contact");
  if (/\b(?:1[89]|20)\d\d\b/.test(text)) f.push("year");
  else if (/\d/.test(text)) f.push("digit");
  if (/[.]$/.test(text)) f.push("endPeriod");
  else if (/[:;]$/.test(text)) f.push("endColon");
  else if (/[,]$/.test(text)) f.push("endComma");
  if (/^[\d*†‡§¶∗]/.test(text)) f.push("startMark");
  if (/\b(?:and|und|et)\b|&/.test(text)) f.push("and");
  if (l.superscripts > 0) f.push("superscript");
  if (l.blockStart) f.push("blockStart");
  if (l.ruleTitle) f.push("ruleTitle");
  f.push(`zone=${l.zone}`);
  return f;
}

/**
 * Feature strings for each line of a header, in reading order. `bodySize` is the running text's type size.
 */
export function headerLineFeatures(lines: LineFacts[], bodySize: number): string[][] {
  const largest = Math.max(0, ...lines.map((l) => l.fontSize));
  const sizes = [...new Set(lines.map((l) => Math.round(l.fontSize * 2) / 2))].sort((a, b) => b - a);
  // The header's horizontal extent on each page: what "centred" and "full width" are measured against.
  const extent = new Map<number, { x0: number; x1: number }>();
  for (const l of lines) {
    const e = extent.get(l.page);
    extent.set(l.page, e ? { x0: Math.min(e.x0, l.x0), x1: Math.max(e.x1, l.x1) } : { x0: l.x0, x1: l.x1 });
  }
  const firstPage = lines[0]?.page ?? 1;
  const own = lines.map((l) => ownFeatures(l, bodySize, largest));
  return lines.map((l, i) => {
    const prev = lines[i - 1];
    const next = lines[i + 1];
    const e = extent.get(l.page) ?? { x0: l.x0, x1: l.x1 };
    const width = Math.max(1, e.x1 - e.x0);
    const f = [
      "bias",
      ...own[i],
      `rank=${Math.min(3, sizes.indexOf(Math.round(l.fontSize * 2) / 2))}`,
      `line=${bucket(i, [1, 2, 3, 4, 7, 13], ["0", "1", "2", "3", "4-6", "7-12", "13+"])}`,
      `page=${Math.min(2, l.page - firstPage)}`,
      `width=${bucket((l.x1 - l.x0) / width, [0.3, 0.6, 0.9], ["narrow", "third", "most", "full"])}`,
      `gapBefore=${gap(prev, l)}`,
      `gapAfter=${gap(l, next)}`,
    ];
    if (Math.abs((l.x0 + l.x1) / 2 - (e.x0 + e.x1) / 2) < 0.04 * width && l.x1 - l.x0 < 0.9 * width)
      f.push("centred");
    for (const [n, name] of [
      [prev, "p"],
      [next, "n"],
    ] as const) {
      if (!n) {
        f.push(`${name}:none`);
        continue;
      }
      const j = name === "p" ? i - 1 : i + 1;
      f.push(
        ...own[j]
          .filter((x) =>
            /^(?:size|tok|case|names|largest|bold|abstractCue|affiliation|ruleTitle|zone)/.test(x),
          )
          .map((x) => `${name}:${x}`),
      );
      f.push(`${name}:sameSize=${Math.abs(n.fontSize - l.fontSize) < 0.5}`);
      if (n.font === l.font && Math.abs(n.fontSize - l.fontSize) < 0.5) f.push(`${name}:sameFont`);
    }
    return f;
  });
}

/** The space between two lines, in the lower one's type size; "page" across pages. */
function gap(above: LineFacts | undefined, below: LineFacts | undefined): string {
  if (!above || !below) return "none";
  if (above.page !== below.page) return "page";
  const g = (below.top - above.bottom) / Math.max(1, below.fontSize);
  return bucket(g, [-0.2, 0.3, 0.8, 1.5, 3], ["up", "tight", "line", "para", "wide", "far"]);
}
