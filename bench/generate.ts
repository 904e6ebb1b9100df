/**
 * A seeded generator of large libraries from the real ACL Anthology records (../shared/datasets): titles,
 * abstracts, authors, venues and years are sampled from the real records' distributions, reference-list
 * lengths from the S2ORC sample's, and citation targets by preferential attachment (much-cited works attract
 * more citations, as in real citation graphs). The same seed gives the same library.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readAclAnthology } from "../src/formats/acl-anthology.ts";
import type { CslItem } from "../src/formats/csl.ts";
import { words } from "../src/text/normalize.ts";

/** mulberry32: small, fast, seedable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Corpus {
  items: CslItem[];
  titleWords: string[];
  abstracts: string[];
  authors: NonNullable<CslItem["author"]>;
  referenceCounts: number[];
}

export async function loadCorpus(datasets: string): Promise<Corpus> {
  const dir = join(datasets, "corpora/acl-anthology-2019/xml");
  const items: CslItem[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".xml"))
    .sort()) {
    for await (const r of readAclAnthology(join(dir, f))) if (r.record) items.push(r.record.item);
  }
  const titleWords: string[] = [];
  for (const it of items) for (const w of (it.title ?? "").split(/\s+/)) if (w) titleWords.push(w);
  const abstracts = items.map((i) => i.abstract).filter((a): a is string => !!a);
  const authors = items.flatMap((i) => i.author ?? []);
  const s2 = readFileSync(join(datasets, "corpora/s2orc-sample/metadata_sample.jsonl"), "utf8");
  const referenceCounts = s2
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { outbound_citations: unknown[] }).outbound_citations.length);
  return { items, titleWords, abstracts, authors, referenceCounts };
}

export interface GeneratedRecord {
  id: string;
  type: string;
  title: string;
  author: CslItem["author"];
  "container-title"?: string;
  issued?: CslItem["issued"];
  abstract?: string;
  references: string[];
}

/** Yields `n` records; references point only at earlier records, so every one resolves. */
export function* generate(corpus: Corpus, n: number, seed = 1): Generator<GeneratedRecord> {
  const random = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const abstractShare = corpus.abstracts.length / corpus.items.length;
  /** Every citation made so far, by target: sampling from it is preferential attachment. */
  const cited: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(corpus.items);
    const title = pick(corpus.items)
      .title!.split(/\s+/)
      .map((w) => (random() < 0.3 ? pick(corpus.titleWords) : w))
      .join(" ");
    let abstract: string | undefined;
    if (random() < abstractShare) {
      const a = pick(corpus.abstracts).split(/(?<=\.)\s+/);
      const b = pick(corpus.abstracts).split(/(?<=\.)\s+/);
      abstract = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.ceil(b.length / 2))].join(" ");
    }
    const authorCount = (pick(corpus.items).author ?? []).length || 1;
    const author = Array.from({ length: authorCount }, () => pick(corpus.authors));
    const references: string[] = [];
    const want = i ? pick(corpus.referenceCounts) : 0;
    for (let k = 0; k < want; k++) {
      const target = cited.length && random() < 0.5 ? pick(cited) : Math.floor(random() * i);
      if (!references.includes(`g${target}`)) {
        references.push(`g${target}`);
        cited.push(target);
      }
    }
    yield {
      id: `g${i}`,
      type: base.type ?? "paper-conference",
      title,
      author,
      "container-title": base["container-title"],
      issued: base.issued,
      abstract,
      references,
    };
  }
}

const STOP = new Set([
  "the",
  "a",
  "an",
  "of",
  "for",
  "and",
  "in",
  "on",
  "to",
  "with",
  "from",
  "by",
  "at",
  "using",
  "is",
  "as",
  "its",
  "via",
]);

/** A fixed, seeded set of queries of the kinds people type: 1–4 words, phrases, fields, years, operators. */
export function makeQueries(corpus: Corpus, count = 200, seed = 2): string[] {
  const random = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const word = (): string => {
    for (;;) {
      const w = words(pick(corpus.titleWords))[0];
      if (w && w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w)) return w;
    }
  };
  const phrase = (): string => {
    for (;;) {
      const ws = words(pick(corpus.items).title ?? "");
      const i = Math.floor(random() * Math.max(1, ws.length - 1));
      if (ws.length > 1 && !STOP.has(ws[i]) && !STOP.has(ws[i + 1])) return `"${ws[i]} ${ws[i + 1]}"`;
    }
  };
  const surname = () => words(pick(corpus.authors).family ?? "smith").join("") || "smith";
  const year = () => 1990 + Math.floor(random() * 29);
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const kind = i % 10;
    if (kind <= 3) out.push(Array.from({ length: 1 + (i % 4) }, word).join(" "));
    else if (kind <= 5) out.push(phrase());
    else if (kind === 6)
      out.push(
        pick([
          `title:${word()}`,
          `author:${surname()}`,
          `abstract:${word()}`,
          `venue:${pick(["acl", "coling", "emnlp", "naacl", "lrec"])}`,
        ]),
      );
    else if (kind === 7) {
      const y = year();
      out.push(`${word()} year:${y}..${y + 4}`);
    } else if (kind === 8) out.push(pick([`${word()} OR ${word()}`, `${word()} -${word()}`]));
    else out.push(`${word().slice(0, 5)}*`);
  }
  return out;
}
