/**
 * The front lines of a paper — a repository's cover page and the paper's first page, in reading order — with
 * what a line model reads of each (line-features.ts), and the label today's rules give each line: the zone the
 * segmenter gives it and, in the header, the token model's label of most of its characters. The labels are the
 * classes GROBID's segmentation and header models give a first page's lines (FRONT_LINE_LABELS). The rules'
 * labels are what the line model is measured against (scripts/train-front-lines.ts), and what its training data
 * was proposed from before it was corrected by hand (eval/header-lines/).
 */

import type { Tagger } from "../../label/tagger.ts";
import type { LaidOutDocument, Line } from "../../layout/types.ts";
import type { Zone } from "../segmentation/segment.ts";
import { readHeader, splitWideGaps } from "./header.ts";
import type { HeaderLabel } from "./labels.ts";
import type { LineFacts } from "./line-features.ts";
import { headerTagger } from "./model.ts";
import { headerOrder } from "./order.ts";
import { lineStarts, overlap } from "./tag.ts";

export const FRONT_LINE_LABELS = [
  "cover",
  "furniture",
  "pubinfo",
  "title",
  "author",
  "affiliation",
  "email",
  "abstract",
  "keyword",
  "heading",
  "body",
  "footnote",
  "other",
] as const;
export type FrontLineLabel = (typeof FRONT_LINE_LABELS)[number];

/** Front lines read at most: a cover and a first page with room to spare. */
export const MAX_FRONT_LINES = 150;

/** The header model's labels as front-line labels. */
const FROM_HEADER_LABEL: Record<HeaderLabel, FrontLineLabel> = {
  other: "other",
  title: "title",
  author: "author",
  affiliation: "affiliation",
  email: "email",
  abstract: "abstract",
  keyword: "keyword",
  date: "pubinfo",
  venue: "pubinfo",
  identifier: "pubinfo",
};

export interface FrontLines {
  lines: Line[];
  facts: LineFacts[];
  /** Today's rules' label of each line. */
  ruleLabels: FrontLineLabel[];
}

const key = (l: Line) => `${l.page}|${Math.round(l.top)}|${Math.round(l.x0)}`;

/** The rules' label: the title where the title rules (title.ts) read it, else the token model's or the zone's. */
function ruleLabel(zone: Zone, tokenShare: LineFacts["tokenShare"], ruleTitle: boolean): FrontLineLabel {
  if (ruleTitle) return "title";
  if (zone === "header") {
    const [label, share] = (Object.entries(tokenShare) as [HeaderLabel, number][]).reduce<
      [HeaderLabel, number]
    >((best, e) => (e[1] > best[1] ? e : best), ["other", 0]);
    return share >= 0.5 && label !== "title" ? FROM_HEADER_LABEL[label] : "other";
  }
  if (zone === "heading" || zone === "furniture" || zone === "cover" || zone === "footnote") return zone;
  return "body";
}

/** The front lines of a laid-out document and its zones; header lines split on wide gaps as the header reads them. */
export function frontLines(doc: LaidOutDocument, zones: Zone[], tagger: Tagger = headerTagger()): FrontLines {
  const firstPaperPage = doc.lines.find((_, i) => zones[i] !== "cover")?.page ?? 1;
  const front = doc.lines.map((_, i) => i).filter((i) => doc.lines[i].page <= firstPaperPage);
  const {
    lines: header,
    spans,
    title,
  } = readHeader(
    headerOrder(front.filter((i) => zones[i] === "header").map((i) => doc.lines[i])),
    doc.fonts,
    tagger,
  );
  const starts = lineStarts(header);
  const read = new Map<string, { tokenShare: LineFacts["tokenShare"]; ruleTitle: boolean }>();
  header.forEach((l, h) => {
    const length = l.text.trim().length;
    const tokenShare: LineFacts["tokenShare"] = {};
    for (const s of spans) {
      const n = overlap(s, starts[h], starts[h] + length);
      if (n > 0) tokenShare[s.label] = (tokenShare[s.label] ?? 0) + n / Math.max(1, length);
    }
    read.set(key(l), { tokenShare, ruleTitle: !!title && h >= title.first && h <= title.last });
  });
  const out: FrontLines = { lines: [], facts: [], ruleLabels: [] };
  for (const i of front) {
    for (const l of zones[i] === "header" ? splitWideGaps(doc.lines[i]) : [doc.lines[i]]) {
      const { tokenShare, ruleTitle } = read.get(key(l)) ?? { tokenShare: {}, ruleTitle: false };
      out.lines.push(l);
      out.facts.push({ ...lineFacts(l), tokenShare, ruleTitle, zone: zones[i] });
      out.ruleLabels.push(ruleLabel(zones[i], tokenShare, ruleTitle));
    }
    if (out.lines.length >= MAX_FRONT_LINES) break;
  }
  return out;
}

/** What the line model reads of a line's own layout. */
export function lineFacts(l: Line): Omit<LineFacts, "tokenShare" | "ruleTitle" | "zone"> {
  const fonts = new Map<string, number>();
  for (const w of l.words) fonts.set(w.font, (fonts.get(w.font) ?? 0) + w.text.length);
  let font = "";
  let most = -1;
  for (const [f, n] of fonts)
    if (n > most) {
      font = f;
      most = n;
    }
  return {
    text: l.text.trim(),
    page: l.page,
    x0: l.x0,
    x1: l.x1,
    top: l.top,
    bottom: l.bottom,
    fontSize: l.fontSize,
    bold: l.bold,
    italic: l.italic,
    font,
    blockStart: l.blockStart,
    superscripts: l.words.filter((w) => w.superscript).length,
  };
}
