/**
 * The extraction pipeline, one PDF at a time: PDF → positioned words → lines in reading order → zones →
 * header metadata, references (split, parsed) and their citation contexts, and the body text. Each stage is
 * timed; nothing here touches the store.
 */
import type { CslItem } from "../formats/csl.ts";
import { layoutDocument } from "../layout/layout.ts";
import type { PdfLimits, PdfReader } from "../pdf/types.ts";
import { bodyText } from "./body.ts";
import { type ContextReference, findContexts } from "./contexts/contexts.ts";
import { extractHeader } from "./header/header.ts";
import { parseReference } from "./reference/parse.ts";
import { footnoteReferences } from "./reference-split/footnotes.ts";
import { splitReferences } from "./reference-split/split.ts";
import { segmentDocument, type Zone } from "./segmentation/segment.ts";

export interface ExtractedReference {
  /** The reference as printed. */
  raw: string;
  /** Its label in a numbered list ("12" of "[12]"). */
  label?: string;
  item: CslItem;
  /** Where the body cites it: up to five passages. */
  contexts: string[];
}

export interface ExtractedDocument {
  /** The paper's own metadata as CSL-JSON. */
  item: CslItem;
  affiliations: string[];
  emails: string[];
  references: ExtractedReference[];
  /** The body text, for full-text search. */
  text: string;
  pages: number;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

const BODY_ZONES = new Set<Zone>(["body", "heading", "footnote", "acknowledgement", "annex"]);

export async function extractPdf(
  bytes: Uint8Array,
  reader: PdfReader,
  limits?: Partial<PdfLimits>,
): Promise<ExtractedDocument> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const pdf = await reader.read(bytes, limits);
  lap("pdf");
  const doc = layoutDocument(pdf);
  lap("layout");
  const { zones } = segmentDocument(doc);
  const zoneLines = (want: (z: Zone) => boolean) => doc.lines.filter((_, i) => want(zones[i]));
  lap("segmentation");
  // The header read top to bottom, side-by-side blocks left to right.
  const headerLines = zoneLines((z) => z === "header").sort((a, b) => {
    const sameRow = Math.abs(a.top - b.top) < 0.5 * Math.min(a.fontSize, b.fontSize);
    return a.page - b.page || (sameRow ? a.x0 - b.x0 : a.top - b.top);
  });
  const header = extractHeader(headerLines, doc.fonts);
  lap("header");
  let split = splitReferences(zoneLines((z) => z === "references"));
  // No reference list: the papers that cite in footnotes.
  if (split.length < 3) {
    const notes = footnoteReferences(zoneLines((z) => z === "footnote"));
    if (notes.length > split.length) split = notes;
  }
  lap("referenceSplit");
  const parsed = split.map((r) => parseReference(r.raw).item);
  lap("referenceParse");
  const body = bodyText(zoneLines((z) => BODY_ZONES.has(z)));
  const keys: ContextReference[] = split.map((r, i) => ({
    label: r.label,
    surname: parsed[i].author?.[0]?.family,
    year: /\b((?:1[6-9]|20)\d\d[a-z]?)\b/.exec(r.raw)?.[1],
  }));
  const contexts = findContexts(body, keys);
  lap("contexts");
  const item: CslItem = { type: "article" };
  if (header.title) item.title = header.title;
  if (header.author.length) item.author = header.author;
  if (header.issued) item.issued = header.issued;
  if (header.venue) item["container-title"] = header.venue;
  if (header.abstract) item.abstract = header.abstract;
  if (header.keyword.length) item.keyword = header.keyword.join(", ");
  if (header.doi) item.DOI = header.doi;
  if (header.arxiv) item.arxiv = header.arxiv;
  return {
    item,
    affiliations: header.affiliations,
    emails: header.emails,
    references: split.map((r, i) => {
      const { raw: _raw, ...fields } = parsed[i];
      return { raw: r.raw, label: r.label, item: fields, contexts: contexts[i] };
    }),
    text: body.text,
    pages: pdf.pageCount,
    timings,
  };
}
