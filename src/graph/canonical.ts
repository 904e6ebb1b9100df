/**
 * A work's canonical metadata, CiteSeerX's way: for each field, the value its sources give most often, where a
 * source is a document of the work (the library's own record or PDF) or a reference to it. A document outweighs
 * any number of references — its record is the work's own word — so references only fill what the documents
 * leave empty, and among references the majority wins. Values are compared in a folded form (case, accents,
 * punctuation ignored); the value shown is the latest source's spelling of the winning one. Pure: the same
 * sources in the same order give the same item, whichever path (incremental or rebuild) gathered them.
 */
import type { CslItem, CslName } from "../formats/csl.ts";
import { itemYear } from "../formats/csl.ts";
import { words } from "../text/normalize.ts";
import { surnameKey } from "./keys.ts";

export interface MetadataSource {
  item: CslItem;
  /** A document of the work (true) or a reference to it. */
  document: boolean;
}

/** A document's vote against references': more than any reference list is long. */
const DOCUMENT_WEIGHT = 1_000_000;

/** The fields voted on one by one; authors and the year are voted on apart. */
const FIELDS = [
  "type",
  "title",
  "container-title",
  "collection-title",
  "volume",
  "issue",
  "page",
  "publisher",
  "publisher-place",
  "DOI",
  "URL",
  "ISBN",
  "arxiv",
  "abstract",
  "keyword",
] as const;

/**
 * The value with the most weight, in the spelling of its latest source; ties go to the value seen last, so that
 * a newer record of the work (a corrected title) wins over an older one of equal weight.
 */
function vote<T>(values: { value: T; key: string; weight: number }[]): T | undefined {
  const tally = new Map<string, { value: T; weight: number; last: number }>();
  values.forEach((v, i) => {
    if (!v.key) return;
    const t = tally.get(v.key);
    if (t) {
      t.weight += v.weight;
      t.value = v.value;
      t.last = i;
    } else tally.set(v.key, { value: v.value, weight: v.weight, last: i });
  });
  let best: { value: T; weight: number; last: number } | undefined;
  for (const t of tally.values())
    if (!best || t.weight > best.weight || (t.weight === best.weight && t.last > best.last)) best = t;
  return best?.value;
}

const fold = (value: unknown) => (typeof value === "string" ? words(value).join(" ") : "");

/** An author list's identity for the vote: its surnames in order. */
const authorsKey = (names: CslName[]) => names.map(surnameKey).join("|");

/** What the vote compares of a field: folded text, the year, or the surnames in order ("" when absent). */
function voteKey(item: CslItem, field: string): string {
  if (field === "issued") {
    const y = itemYear(item);
    return y === undefined ? "" : String(y);
  }
  if (field === "author" || field === "editor") {
    const names = item[field];
    return names?.length ? authorsKey(names) : "";
  }
  return fold(item[field]);
}

/** The most informative spelling of a list: the one with the most given names written out. */
function fullestAuthors(lists: CslName[][]): CslName[] {
  const score = (l: CslName[]) => l.reduce((s, n) => s + (n.given ?? "").replace(/[^\p{L}]/gu, "").length, 0);
  return lists.reduce((best, l) => (score(l) > score(best) ? l : best), lists[0]);
}

export function canonicalItem(sources: MetadataSource[]): CslItem {
  const weighted = sources.map((s) => ({ item: s.item, weight: s.document ? DOCUMENT_WEIGHT : 1 }));
  // Fields nobody votes on (notes, languages, a format's own fields, a reference's raw string) come from the
  // newest document, or else from the first reference: not from whichever reference came last, which would
  // rewrite a cited-only work each time one joins it.
  const documents = sources.filter((s) => s.document);
  const base = documents.length ? documents[documents.length - 1] : sources[0];
  const out: CslItem = { ...(base?.item ?? {}) };
  for (const field of [...FIELDS, "issued", "author", "editor"]) delete out[field];
  for (const field of FIELDS) {
    const value = vote(
      weighted.map(({ item, weight }) => ({ value: item[field], key: voteKey(item, field), weight })),
    );
    if (value !== undefined) out[field] = value as string;
  }
  const year = vote(
    weighted.map(({ item, weight }) => ({ value: item.issued, key: voteKey(item, "issued"), weight })),
  );
  if (year) out.issued = year;
  for (const role of ["author", "editor"] as const) {
    const key = vote(
      weighted.map(({ item, weight }) => {
        const k = voteKey(item, role);
        return { value: k, key: k, weight };
      }),
    );
    if (key)
      out[role] = fullestAuthors(
        sources.map((s) => s.item[role] ?? []).filter((l) => l.length && authorsKey(l) === key),
      );
  }
  out.type ??= "article";
  out.title ??= "";
  return out;
}

/** Where a field of the canonical item came from: the sources giving its value, or a person's correction. */
export interface FieldProvenance {
  field: string;
  /** Indices into the sources that give the value shown (documents and references alike). */
  sources: number[];
  /** Set when a correction decides the field: its index in the corrections given. */
  correction?: number;
}

/**
 * For each field the item shows, which sources gave that value (compared folded, as the vote compares), or which
 * correction set it — the "where each field came from" of a work's page. Corrections are given oldest first;
 * the last one touching a field decides it.
 */
export function provenance(
  item: CslItem,
  sources: MetadataSource[],
  corrections: Record<string, unknown>[] = [],
): FieldProvenance[] {
  const out: FieldProvenance[] = [];
  for (const field of [...FIELDS, "issued", "author", "editor"]) {
    const value = item[field];
    if (value === undefined || value === null || value === "") continue;
    let correction: number | undefined;
    corrections.forEach((c, i) => {
      if (field in c) correction = i;
    });
    const key = voteKey(item, field);
    const from = key ? sources.flatMap((s, i) => (voteKey(s.item, field) === key ? [i] : [])) : [];
    out.push({ field, sources: from, ...(correction === undefined ? {} : { correction }) });
  }
  return out;
}
