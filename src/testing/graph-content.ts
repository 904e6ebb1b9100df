/**
 * A library's citation graph by content, not by ids: what two builds of one library must agree on whatever
 * order they filed its documents in (ids are given in filing order, so they may differ). Read through the Store
 * interface alone, so that any two stores compare.
 *
 * A work is named by what makes it that work: a library work by the sha1s of its documents, a work only cited
 * by the printed references that resolve to it (each named by its citing documents' sha1s, its position in
 * their list and its raw text). Each work shows its canonical metadata, its counts and the references that
 * resolve to it; each person, the works (by those names) and positions they are linked at; each reference left
 * unresolved, the works it fits equally (ambiguous) or the identifier it waits for.
 */
import { createHash } from "node:crypto";
import type { LibraryStats, ReferenceEntry, Store, WorkSummary } from "../store/types.ts";

/** A work by content: everything a reader sees of it but its id and when it was added. */
export interface WorkContent {
  /** "held " + its documents' sha1s, or "cited " + a digest of the references that resolve to it. */
  key: string;
  summary: Omit<WorkSummary, "id" | "addedAt" | "authors"> & { authors: string[] };
  /** The references that resolve to it (see referenceLabel), sorted. */
  citedFrom: string[];
}

export interface GraphContent {
  works: WorkContent[];
  /** Each person as the works (keys) and author positions linked to them, sorted; the people sorted. */
  people: string[][];
  /** References resolved to no work: label, then the works it fits equally or what it waits for. */
  unresolved: string[];
}

/** Every work id of a library, cited-only works too, in id order. */
export async function allWorkIds(store: Store): Promise<number[]> {
  const ids: number[] = [];
  for (let after = 0; ; ) {
    const page = await store.listWorkIds({ afterId: after, limit: 10_000, includeCitations: true });
    if (!page.length) return ids;
    ids.push(...page);
    after = page[page.length - 1];
  }
}

/** A printed reference by content: its citing documents, its place in their list, its text. */
function referenceLabel(citing: string, r: ReferenceEntry): string {
  return `${citing}#${r.position} ${r.raw ?? JSON.stringify(r.item?.title ?? null)}`;
}

const digestOf = (lines: string[]) =>
  createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function graphContent(store: Store): Promise<GraphContent> {
  const ids = await allWorkIds(store);
  const summaries: WorkSummary[] = [];
  for (let i = 0; i < ids.length; i += 1000)
    summaries.push(...(await store.getWorks(ids.slice(i, i + 1000))));
  const citedFrom = new Map<number, string[]>();
  const heldKeys = new Map<number, string>();
  const unresolved: { label: string; ambiguous?: number[]; target?: string }[] = [];
  for (const s of summaries) {
    if (!s.inLibrary) continue;
    const detail = await store.getWork(s.id);
    if (!detail) continue;
    const citing = detail.documents
      .map((d) => d.sha1)
      .sort(byText)
      .join("+");
    heldKeys.set(s.id, `held ${citing}`);
    for (const r of detail.references) {
      const label = referenceLabel(citing, r);
      if (r.work) {
        const list = citedFrom.get(r.work.id) ?? [];
        list.push(label);
        citedFrom.set(r.work.id, list);
      } else unresolved.push({ label, ambiguous: r.ambiguous, target: r.target });
    }
  }
  const keys = new Map<number, string>();
  for (const s of summaries) {
    const from = (citedFrom.get(s.id) ?? []).sort(byText);
    citedFrom.set(s.id, from);
    keys.set(s.id, heldKeys.get(s.id) ?? `cited ${digestOf(from)}`);
  }
  const keyOf = (id: number) => keys.get(id) ?? `gone ${id}`;
  const people = new Map<number, string[]>();
  const works: WorkContent[] = summaries.map((s) => {
    const { id, addedAt: _, authors, ...rest } = s;
    authors.forEach((a, position) => {
      const linked = people.get(a.id) ?? [];
      linked.push(`${keyOf(id)} @${position} ${a.name}`);
      people.set(a.id, linked);
    });
    return {
      key: keyOf(id),
      summary: { ...rest, authors: authors.map((a) => a.name) },
      citedFrom: citedFrom.get(id) ?? [],
    };
  });
  works.sort((a, b) => byText(a.key, b.key) || byText(JSON.stringify(a), JSON.stringify(b)));
  return {
    works,
    people: [...people.values()]
      .map((l) => l.sort(byText))
      .sort((a, b) => byText(a.join("\n"), b.join("\n"))),
    unresolved: unresolved
      .map((u) =>
        u.ambiguous
          ? `${u.label} → ambiguous: ${u.ambiguous.map(keyOf).sort(byText).join(", ")}`
          : `${u.label} → ${u.target ?? "nothing"}`,
      )
      .sort(byText),
  };
}

/**
 * The graph without its people: what filing guarantees whatever the order (a name printed with initials that
 * fits several people goes to the one known first: docs/architecture.md, "What filing guarantees about order").
 */
export const withoutPeople = (g: GraphContent): GraphContent => ({ ...g, people: [] });

/** A library's counts that filing guarantees whatever the order: all but how many people (see withoutPeople). */
export function orderFreeStats(s: LibraryStats): Omit<LibraryStats, "authors"> {
  const { authors: _, ...rest } = s;
  return rest;
}

/** One digest of a graph's content: equal digests, equal graphs. */
export function contentDigest(g: GraphContent): string {
  return createHash("sha256").update(JSON.stringify(g)).digest("hex");
}

/**
 * How two graphs differ, in lines a person can read (at most `limit`): works only in one, works in both shown
 * differently, people and unresolved references only in one. Empty when they are the same graph.
 */
export function graphDifferences(a: GraphContent, b: GraphContent, limit = 20): string[] {
  const out: string[] = [];
  const show = (w: WorkContent) =>
    `${JSON.stringify(w.summary)} cited from [${w.citedFrom.slice(0, 5).join(" | ")}${w.citedFrom.length > 5 ? " …" : ""}]`;
  const worksOf = (g: GraphContent) => {
    const m = new Map<string, WorkContent[]>();
    for (const w of g.works) m.set(w.key, [...(m.get(w.key) ?? []), w]);
    return m;
  };
  const [wa, wb] = [worksOf(a), worksOf(b)];
  for (const [key, list] of wa) {
    const other = wb.get(key);
    if (!other) for (const w of list) out.push(`only in the first: ${key} ${show(w)}`);
    else if (JSON.stringify(list) !== JSON.stringify(other))
      out.push(`differs: ${key} ${list[0].summary.title.slice(0, 80)}: ${workChanges(list[0], other[0])}`);
  }
  for (const [key, list] of wb)
    if (!wa.has(key)) for (const w of list) out.push(`only in the second: ${key} ${show(w)}`);
  const setDiff = (what: string, x: string[], y: string[]) => {
    const ys = new Set(y);
    for (const v of x) if (!ys.has(v)) out.push(`${what}: ${v}`);
  };
  const person = (p: string[]) => p.join(" ; ");
  setDiff("person only in the first", a.people.map(person), b.people.map(person));
  setDiff("person only in the second", b.people.map(person), a.people.map(person));
  setDiff("unresolved only in the first", a.unresolved, b.unresolved);
  setDiff("unresolved only in the second", b.unresolved, a.unresolved);
  return out.slice(0, limit);
}

/** What differs between two versions of one work: each field's two values, the references only in one. */
function workChanges(a: WorkContent, b: WorkContent): string {
  const parts: string[] = [];
  const fields = new Set([...Object.keys(a.summary), ...Object.keys(b.summary)]);
  for (const field of fields) {
    const [x, y] = [a.summary, b.summary].map((s) => JSON.stringify((s as Record<string, unknown>)[field]));
    if (x !== y) parts.push(`${field} ${(x ?? "").slice(0, 200)} / ${(y ?? "").slice(0, 200)}`);
  }
  const from = [new Set(a.citedFrom), new Set(b.citedFrom)];
  for (const r of a.citedFrom) if (!from[1].has(r)) parts.push(`cited only in the first from ${r}`);
  for (const r of b.citedFrom) if (!from[0].has(r)) parts.push(`cited only in the second from ${r}`);
  return parts.join("; ");
}
