/**
 * `citegraph export`: the whole library, or the works a query finds, as JSON Lines, BibTeX, CSL-JSON, RIS or
 * EndNote, written as it is read, page by page.
 */
import type { Writable } from "node:stream";
import {
  BIBLIOGRAPHY_STYLES,
  type BibliographyStyle,
  bibliographyText,
  isBibliographyStyle,
} from "../formats/bibliography.ts";
import { BibtexKeys, toBibtex } from "../formats/bibtex-writer.ts";
import type { CslItem } from "../formats/csl.ts";
import { toEndnote } from "../formats/endnote-writer.ts";
import { toRis } from "../formats/ris-writer.ts";
import { applyCorrections } from "../graph/corrections.ts";
import { parseQuery } from "../search/query-parser.ts";
import type { SearchRequest, Store, WorkDetail, WorkId } from "../store/types.ts";

/** Formats of one record a work, written as the works come. */
export const RECORD_FORMATS = ["jsonl", "bibtex", "csl-json", "ris", "endnote"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
/** Every export: the record formats and the formatted bibliographies (APA, Vancouver, Harvard). */
export const EXPORT_FORMATS = [
  ...RECORD_FORMATS,
  ...(Object.keys(BIBLIOGRAPHY_STYLES) as BibliographyStyle[]),
];
export type ExportFormat = RecordFormat | BibliographyStyle;
/**
 * A formatted bibliography is sorted by the style (by author, or numbered), so it is formatted whole, in memory:
 * this many works at most. Longer lists are what BibTeX or CSL-JSON and a reference manager are for.
 */
export const MAX_BIBLIOGRAPHY = 10_000;

export class ExportError extends Error {}

const PAGE = 500;

/** The work ids to export, in pages: all (by id) or a query's hits (by relevance). */
async function* workIds(
  store: Store,
  query: string | undefined,
  includeCitations: boolean,
): AsyncGenerator<WorkId[]> {
  const node = query?.trim() ? parseQuery(query).node : null;
  if (!node) {
    for (let after = 0; ; ) {
      const ids = await store.listWorkIds({ afterId: after, limit: PAGE, includeCitations });
      if (!ids.length) return;
      yield ids;
      after = ids[ids.length - 1];
    }
  }
  // By position, not offset: the thousandth page costs what the first does.
  for (let after: SearchRequest["after"] = "start"; after; ) {
    const r = await store.search({
      query: node,
      sort: "relevance",
      offset: 0,
      limit: PAGE,
      includeCitations,
      citationBoost: true,
      facets: false,
      after,
    });
    if (r.ids.length) yield r.ids;
    after = r.ids.length === PAGE ? r.last : undefined;
  }
}

/** A work's canonical CSL-JSON, with its library id. */
export function workCsl(w: WorkDetail): CslItem {
  return { ...w.csl, id: String(w.id) };
}

/** Most corrections of one work applied to its records on export (a work has a handful). */
const MAX_CORRECTIONS = 10_000;

/**
 * The items a record format writes for a work. A work known from one source is written as its canonical
 * CSL-JSON, which is that source's item with the library's corrections — for an imported record, with its
 * `citation-key` and what its format kept beside CSL in `custom` (formats/field-codec.ts), so that a work imported
 * from a .bib is written back with its key, entry type and fields. A work with several sources (a .bib entry and
 * a PDF of the paper; two entries of one paper) is written as its newest imported record with the corrections,
 * rather than the vote of all its sources, which would mix in fields the user's record never had. BibTeX also
 * gets the work's other imported records with keys of their own: a .bib may hold one work twice (biblatex-examples
 * has an @article and an @online of one paper), and the user's paper cites both keys, which must still resolve.
 */
export async function exportItems(store: Store, w: WorkDetail, format: RecordFormat): Promise<CslItem[]> {
  const item = workCsl(w);
  if (w.documents.length < 2 || !w.documents.some((d) => d.kind === "record")) return [item];
  const corrections = (await store.corrections(w.id, MAX_CORRECTIONS))
    .filter((c) => c.revertedAt === undefined)
    .reverse()
    .map((c) => c.fields);
  const records = (await store.metadataSources(w.id, w.documents.length))
    .filter((s) => s.document?.kind === "record")
    .map((s): CslItem => ({ ...applyCorrections(s.item, corrections), id: String(w.id) }))
    .reverse();
  if (format !== "bibtex") return records.slice(0, 1);
  const keys = new Set<unknown>();
  return records.filter((r, i) => {
    const key = r["citation-key"];
    if (i > 0 && (key === undefined || keys.has(key))) return false;
    keys.add(key);
    return true;
  });
}

/** The JSON Lines form of a work: its metadata, its references (each with the work it resolves to), its counts. */
export function workJson(w: WorkDetail): Record<string, unknown> {
  return {
    ...w.csl,
    id: w.id,
    in_library: w.inLibrary,
    cited_by: w.citedBy,
    self_cited: w.selfCited,
    references: w.references.map((r) => ({
      ...(r.item ?? {}),
      ...(r.raw ? { raw: r.raw } : {}),
      work: r.work?.id ?? null,
      ...(r.target ? { pending: r.target } : {}),
      ...(r.ambiguous ? { ambiguous: r.ambiguous } : {}),
    })),
  };
}

export interface ExportOptions {
  format: ExportFormat;
  query?: string;
  includeCitations?: boolean;
}

/** Keeps what one export must remember between works: used BibTeX keys, whether a CSL-JSON item came before. */
export class ExportWriter {
  private readonly keys = new BibtexKeys();
  count = 0;

  constructor(readonly format: RecordFormat) {}

  head(): string {
    return this.format === "csl-json" ? "[\n" : "";
  }

  /** One work; `items` are its exportItems (the first its canonical item). */
  work(w: WorkDetail, items: CslItem[] = [workCsl(w)]): string {
    this.count++;
    const item = items[0];
    switch (this.format) {
      case "jsonl":
        return `${JSON.stringify(workJson(w))}\n`;
      case "bibtex":
        return items.map((i) => `${toBibtex(i, this.keys)}\n`).join("");
      case "ris":
        return toRis(item);
      case "endnote":
        return toEndnote(item);
      case "csl-json":
        return `${this.count > 1 ? ",\n" : ""}${JSON.stringify(item)}`;
    }
  }

  tail(): string {
    return this.format === "csl-json" ? "\n]\n" : "";
  }
}

/** MIME types of the export formats, for downloads. */
export const EXPORT_TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  jsonl: { type: "application/x-ndjson", extension: "jsonl" },
  bibtex: { type: "application/x-bibtex", extension: "bib" },
  "csl-json": { type: "application/vnd.citationstyles.csl+json", extension: "json" },
  ris: { type: "application/x-research-info-systems", extension: "ris" },
  endnote: { type: "application/x-endnote-refer", extension: "enw" },
  apa: { type: "text/plain", extension: "txt" },
  vancouver: { type: "text/plain", extension: "txt" },
  harvard: { type: "text/plain", extension: "txt" },
};

/** The given works, in that order, as one export. */
export async function exportIds(store: Store, ids: WorkId[], format: ExportFormat): Promise<string> {
  if (isBibliographyStyle(format)) {
    const items: CslItem[] = [];
    for (const id of ids.slice(0, MAX_BIBLIOGRAPHY)) {
      const w = await store.getWork(id);
      if (w) items.push(workCsl(w));
    }
    return bibliographyText(items, format);
  }
  const writer = new ExportWriter(format);
  let out = writer.head();
  for (const id of ids) {
    const w = await store.getWork(id);
    if (w) out += writer.work(w, await exportItems(store, w, format));
  }
  return out + writer.tail();
}

/** Writes the export to `out`; returns how many works were written. */
export async function exportWorks(store: Store, out: Writable, opts: ExportOptions): Promise<number> {
  const format = opts.format;
  if (isBibliographyStyle(format)) {
    const items: CslItem[] = [];
    for await (const ids of workIds(store, opts.query, opts.includeCitations ?? false)) {
      for (const id of ids) {
        const w = await store.getWork(id);
        if (w) items.push(workCsl(w));
      }
      if (items.length > MAX_BIBLIOGRAPHY)
        throw new ExportError(
          `a formatted bibliography of more than ${MAX_BIBLIOGRAPHY.toLocaleString("en-US")} works: narrow the query, or export BibTeX or CSL-JSON`,
        );
    }
    out.write(bibliographyText(items, format));
    return items.length;
  }
  const writer = new ExportWriter(format);
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (!s || out.write(s)) resolve();
      else {
        out.once("drain", resolve);
        out.once("error", reject);
      }
    });
  await write(writer.head());
  for await (const ids of workIds(store, opts.query, opts.includeCitations ?? false)) {
    let chunk = "";
    for (const id of ids) {
      const w = await store.getWork(id);
      if (w) chunk += writer.work(w, await exportItems(store, w, format));
    }
    await write(chunk);
  }
  await write(writer.tail());
  return writer.count;
}
