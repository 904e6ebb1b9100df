/**
 * Formatted bibliographies (APA, Vancouver, Harvard) by citation-js's CSL processor (citeproc-js), so that the
 * styles are the CSL project's, not our imitation. Entries come back as plain text (downloads, the command line)
 * or as runs of text marked italic or bold: the processor's HTML is read into runs and never passed on as
 * HTML, so a page renders them with its own escaping; an entry with any markup beyond <i> and <b> falls back to
 * its text.
 */
import { createRequire } from "node:module";
import type { CslItem } from "./csl.ts";

const require = createRequire(import.meta.url);
type Formatted = [string, string][];
type CitationJs = {
  Cite: new (
    data: CslItem[],
  ) => { format(kind: "bibliography", options: Record<string, unknown>): Formatted };
};
let loaded: CitationJs | undefined;
/**
 * citation-js and its CSL plugin, loaded on the first bibliography: some 300 ms of imports that every command
 * would otherwise pay at startup, through the export module, formatted bibliography or not.
 */
function citationJs(): CitationJs {
  if (!loaded) {
    loaded = require("@citation-js/core") as CitationJs;
    require("@citation-js/plugin-csl");
  }
  return loaded;
}

/** Our names for the styles, and the CSL templates citation-js ships for them. */
export const BIBLIOGRAPHY_STYLES = { apa: "apa", vancouver: "vancouver", harvard: "harvard1" } as const;
export type BibliographyStyle = keyof typeof BIBLIOGRAPHY_STYLES;
export const STYLE_NAMES: Record<BibliographyStyle, string> = {
  apa: "APA",
  vancouver: "Vancouver",
  harvard: "Harvard",
};

export function isBibliographyStyle(s: string): s is BibliographyStyle {
  return Object.hasOwn(BIBLIOGRAPHY_STYLES, s);
}

/** A stretch of an entry in one typeface. */
export interface Run {
  text: string;
  italic?: boolean;
  bold?: boolean;
}

/** A venue or genre that names a series of working papers or reports, not a journal. */
const PAPER_SERIES =
  /\b(?:working|discussion|occasional|policy|research|staff|conference)\s+papers?\b|\b(?:technical|research|staff)\s+reports?\b|\bpolicy\s+briefs?\b|arbeitspapier|diskussionspapier|documentos?\s+de\s+trabajo|cahiers?\s+de\s+recherche/i;

/**
 * An item as the styles should see it. A working paper typed as an article — a PDF's cover names its series as
 * the venue, a reference parsed as a journal — is printed by Harvard as a preprint ("[Preprint]" after an
 * article's container when it has no volume or pages): it is a report, its series the genre, as the styles
 * print a working paper ("Working Paper 11806. National Bureau of Economic Research.").
 */
export function asCited(item: CslItem): CslItem {
  if (item.type !== "article" && item.type !== "article-journal") return item;
  const venue = item["container-title"];
  const genre = typeof item.genre === "string" ? item.genre : undefined;
  if (item.volume || item.page || !PAPER_SERIES.test(`${venue ?? ""} ${genre ?? ""}`)) return item;
  const { "container-title": _venue, ...rest } = item;
  return { ...rest, type: "report", genre: genre ?? venue };
}

function format(items: CslItem[], style: BibliographyStyle, as: "text" | "html"): Formatted {
  if (!items.length) return [];
  // citeproc needs unique string ids; the order of the list is the style's (APA and Harvard sort by author).
  const withIds = items.map((item, i) => ({ ...asCited(item), id: `${i}` }));
  return new (citationJs().Cite)(withIds).format("bibliography", {
    format: as,
    template: BIBLIOGRAPHY_STYLES[style],
    lang: "en-US",
    asEntryArray: true,
  });
}

/** The bibliography as plain text, one entry a line, in the style's order. */
export function bibliographyText(items: CslItem[], style: BibliographyStyle): string {
  return format(items, style, "text")
    .map(([, text]) => `${text.trim()}\n`)
    .join("");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** One entry's HTML read into runs, or undefined when it holds markup we do not keep. */
export function htmlRuns(html: string): Run[] | undefined {
  const runs: Run[] = [];
  let italic = 0;
  let bold = 0;
  let firstDiv = true;
  for (const part of html.split(/(<[^>]*>)/)) {
    if (!part.startsWith("<")) {
      const text = decode(part.replace(/\s+/g, " "));
      if (text) runs.push({ text, ...(italic ? { italic: true } : {}), ...(bold ? { bold: true } : {}) });
      continue;
    }
    const tag = /^<(\/?)(\w+)/.exec(part);
    const name = tag?.[2].toLowerCase();
    if (name === "i") italic += tag![1] ? -1 : 1;
    else if (name === "b") bold += tag![1] ? -1 : 1;
    else if (name === "div") {
      // The entry's own divs (Vancouver's number sits in one): a space between the number and the rest.
      if (!tag![1] && !firstDiv) runs.push({ text: " " });
      firstDiv = false;
    } else return undefined;
  }
  // Adjacent runs of one typeface joined, spaces collapsed across them, the entry trimmed.
  const out: Run[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    const text = prev && /\s$/.test(prev.text) ? r.text.replace(/^\s+/, "") : r.text;
    if (prev && !!prev.italic === !!r.italic && !!prev.bold === !!r.bold) prev.text += text;
    else if (text) out.push({ ...r, text });
  }
  if (out.length) {
    out[0].text = out[0].text.trimStart();
    out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  }
  return out.filter((r) => r.text);
}

/** The bibliography as entries of runs, for a page to render with its own escaping. */
export function bibliographyRuns(items: CslItem[], style: BibliographyStyle): Run[][] {
  const html = format(items, style, "html");
  const text = format(items, style, "text");
  return html.map(([, entry], i) => htmlRuns(entry) ?? [{ text: text[i]?.[1].trim() ?? "" }]);
}
