/**
 * The extraction pipeline, one PDF at a time: PDF → positioned words → lines in reading order → zones →
 * header metadata, references (split, parsed) and their citation contexts, and the body text. Each stage is
 * timed; nothing here touches the store.
 */
import { type CslItem, itemYear } from "../formats/csl.ts";
import { layoutDocument } from "../layout/layout.ts";
import type { Line } from "../layout/types.ts";
import type { PdfLimits, PdfReader } from "../pdf/types.ts";
import { languageOf } from "../text/language.ts";
import { words } from "../text/normalize.ts";
import { bodyText } from "./body.ts";
import { type ContextReference, findContexts } from "./contexts/contexts.ts";
import { splitAuthors } from "./header/authors.ts";
import { readCover } from "./header/cover.ts";
import { extractHeader } from "./header/header.ts";
import { headerOrder } from "./header/order.ts";
import {
  citedAuthors,
  isVenueLine,
  plausibleYear,
  publicationFacts,
  readArxivStamp,
} from "./header/publication.ts";
import { namesAtEnd } from "./header/signature.ts";
import { parseReference } from "./reference/parse.ts";
import { footnoteReferences } from "./reference-split/footnotes.ts";
import { MAX_REFERENCES, splitReferences } from "./reference-split/split.ts";
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
/** Zones outside the running text, where a paper states its own year and venue (publication.ts). */
const ASIDE_ZONES = new Set<Zone>(["header", "footnote", "furniture"]);

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
  const segmentation = segmentDocument(doc);
  const { zones } = segmentation;
  const zoneLines = (want: (z: Zone) => boolean) => doc.lines.filter((_, i) => want(zones[i]));
  lap("segmentation");
  const headerLines = headerOrder(zoneLines((z) => z === "header"));
  const runningHeads = doc.lines.filter((l, i) => zones[i] === "furniture" && l.page <= 3).map((l) => l.text);
  // The paper's language, from its body's first lines (a page or so says it as well as the whole).
  const language = languageOf(
    zoneLines((z) => z === "body")
      .slice(0, 300)
      .map((l) => l.text)
      .join(" "),
  );
  // A cover page's catalogue record first; then the paper's own first pages, from the places that say it.
  const coverLines = zoneLines((z) => z === "cover");
  const cover = coverLines.length ? readCover(coverLines) : undefined;
  const firstPage = doc.lines.find((_, i) => zones[i] !== "cover")?.page ?? 1;
  // The first pages, but not their references: a cited work's proceedings and year, in the list's small print,
  // read like a proceedings footer (a short paper's list starts on its first pages).
  const front = (l: Line, i: number) =>
    l.page <= firstPage + 1 && zones[i] !== "cover" && zones[i] !== "references" && zones[i] !== "preceding";
  const first = doc.lines.filter(front);
  // Outside the running text: the header, footnotes, running heads, and small print (a proceedings footer).
  const aside = new Set(
    doc.lines.filter(
      (l, i) => front(l, i) && (ASIDE_ZONES.has(zones[i]) || l.fontSize < doc.fonts.bodySize * 0.95),
    ),
  );
  const facts = publicationFacts(first, aside, new Set(headerLines));
  const translation = segmentation.translatedAbstract.map((i) => doc.lines[i]);
  // The journal's name where a masthead prints it is no title: the header is read without the lines that are
  // only the venue the imprint names ("JSS Journal of Statistical Software", its logo's acronym before it).
  const header = extractHeader(
    facts.venue ? headerLines.filter((l) => !isVenueLine(l.text, facts.venue!)) : headerLines,
    doc.fonts,
    undefined,
    {
      runningHeads,
      language,
      translation,
      summary: segmentation.summary.map((i) => doc.lines[i]),
      declaredTitle: pdf.declaredTitle,
    },
  );
  lap("header");
  let split = splitReferences(zoneLines((z) => z === "references"));
  // The papers that cite in footnotes: without a reference list, or with a short one at the end (sources,
  // statistics) beside notes that cite many more works — then both.
  const headerNotes = new Set(segmentation.headerNotes);
  const notes = footnoteReferences(doc.lines.filter((_, i) => zones[i] === "footnote" || headerNotes.has(i)));
  if (split.length < 3 && notes.length > split.length) split = notes;
  else if (notes.length >= 10 && notes.length >= 2 * split.length)
    split = [...notes, ...split].slice(0, MAX_REFERENCES);
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
  // arXiv's stamp up the margin of the first pages: the identifier, and a year after the paper's own places.
  const stamped = readArxivStamp(
    pdf.pages
      .slice(0, firstPage + 1)
      .map((p) => p.stamp ?? "")
      .join(" "),
  );
  const year =
    cover?.year ??
    facts.year ??
    stamped?.year ??
    plausibleYear(header.issued ? itemYear({ issued: header.issued }) : undefined);
  const item: CslItem = { type: "article" };
  // The paper's own title where it agrees with the cover's (its case and punctuation as printed), else the cover's.
  const title =
    header.title && cover?.title && !sameText(header.title, cover.title)
      ? cover.title
      : (header.title ?? cover?.title);
  if (title) item.title = title;
  // Where neither names anyone, the authors who sign the article at its end (a newsletter's), or its imprint's.
  // The paper's citation of itself names them all where the byline gave the header only some.
  const author = cover?.author.length
    ? cover.author
    : (citedAuthors(facts.cited, title, header.author) ??
      (header.author.length
        ? header.author
        : splitAuthors(namesAtEnd(doc.lines.filter((_, i) => zones[i] !== "cover")) ?? "")));
  if (author.length) item.author = author;
  if (year !== undefined) item.issued = { "date-parts": [[year]] };
  const venue = cover?.venue ?? facts.venue;
  if (venue) item["container-title"] = venue;
  if (header.abstract) item.abstract = header.abstract;
  if (header.keyword.length) item.keyword = header.keyword.join(", ");
  if (header.doi) item.DOI = header.doi;
  const arxiv = header.arxiv ?? stamped?.arxiv;
  if (arxiv) item.arxiv = arxiv;
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

/** Two titles that differ only in case, accents, punctuation and spacing. */
function sameText(a: string, b: string): boolean {
  return words(a).join(" ") === words(b).join(" ");
}
