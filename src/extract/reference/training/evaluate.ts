/**
 * Field-level evaluation of the reference parser, as GROBID reports it: for each field, precision, recall and
 * F1, strict and soft; micro averages over all fields; and the share of references whose every field is right.
 *
 * Fields are compared as the parser delivers them: gold and predicted stretches both go through the same
 * normalisation (fieldValue: "(2009)." → "2009", "pp. 131–152" → "131-152", an author list → its persons), so
 * that corpora which tag the punctuation and cue words differently ("(2009)." in AnyStyle, "2009" in GROBID)
 * are compared on what the fields say. The predicted spans are refined as the parser refines them
 * (refineFields: a book's title taken for a container, pages inside the volume, …). Strict: the normalised
 * values are equal; soft: equal ignoring case, punctuation and whitespace.
 */
import type { Tagger } from "../../../label/tagger.ts";
import { featurize } from "../features.ts";
import {
  findArxiv,
  findDoi,
  findIsbn,
  findUrl,
  parseContainerTitle,
  parseDate,
  parseIssue,
  parsePages,
  parseVolume,
  trimField,
} from "../fields.ts";
import type { ReferenceLabel, TaggedReference } from "../labels.ts";
import { splitNames } from "../names.ts";
import { refineFields } from "../refine.ts";

export interface FieldCounts {
  gold: number;
  predicted: number;
  strict: number;
  soft: number;
}

export interface EvaluationCounts {
  fields: Record<string, FieldCounts>;
  references: number;
  /** References with every field right, strict and soft. */
  allStrict: number;
  allSoft: number;
  tokens: number;
}

export function strictForm(s: string): string {
  return s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

const personsText = (text: string) =>
  splitNames(text)
    .map((n) => [n["non-dropping-particle"], n.family, n.given].filter(Boolean).join(" "))
    .join("; ");

/** A field's value as the parser's post-processing makes it, for comparing gold with predicted. */
export function fieldValue(label: string, text: string): string {
  switch (label) {
    case "author":
    case "editor":
      return personsText(text);
    case "date": {
      const d = parseDate(text);
      return d?.["date-parts"] ? String(d["date-parts"][0][0]) : trimField(text);
    }
    case "pages":
      return parsePages(text) ?? "";
    case "volume":
      return parseVolume(text).volume ?? "";
    case "issue":
      return parseIssue(text) ?? "";
    case "container-title":
      return parseContainerTitle(text);
    case "doi":
      return findDoi(text) ?? trimField(text);
    case "url":
      return findUrl(text) ?? trimField(text);
    case "arxiv":
      return findArxiv(text, true) ?? trimField(text);
    case "isbn":
      return findIsbn(text) ?? trimField(text);
    default:
      return trimField(text);
  }
}

export function softForm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The fields of a reference as label → strings, from spans over its text. */
function fieldStrings(
  text: string,
  spans: { label: string; start: number; end: number }[],
): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (label: string, value: string) => {
    const list = m.get(label);
    if (list) list.push(value);
    else m.set(label, [value]);
  };
  for (const s of spans) {
    if (s.label === "other") continue;
    add(s.label, fieldValue(s.label, text.slice(s.start, s.end)));
    // "51(4)", "12, no. 3": the parser reports the issue printed with the volume, whichever corpus tagged it so.
    const issue = s.label === "volume" ? parseVolume(text.slice(s.start, s.end)).issue : undefined;
    if (issue) add("issue", parseIssue(issue) ?? issue);
  }
  return m;
}

/** How many of `predicted` find an equal partner in `gold` (multiset match) under a normal form. */
function matches(gold: string[], predicted: string[], form: (s: string) => string): number {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(form(g), (pool.get(form(g)) ?? 0) + 1);
  let n = 0;
  for (const p of predicted) {
    const k = form(p);
    const c = pool.get(k) ?? 0;
    if (c > 0) {
      n++;
      pool.set(k, c - 1);
    }
  }
  return n;
}

/** Labels `refs` with `tagger` and counts, per field, what it got right. */
export function evaluate(tagger: Tagger, refs: TaggedReference[]): EvaluationCounts {
  const counts: EvaluationCounts = { fields: {}, references: 0, allStrict: 0, allSoft: 0, tokens: 0 };
  for (const ref of refs) {
    const { tokens, features } = featurize(ref.text);
    const { labels } = tagger.tag(features, false);
    counts.tokens += tokens.length;
    const spans: { label: ReferenceLabel; start: number; end: number }[] = [];
    tokens.forEach((t, i) => {
      const last = spans[spans.length - 1];
      if (last && i > 0 && labels[i - 1] === labels[i]) last.end = t.end;
      else spans.push({ label: labels[i] as ReferenceLabel, start: t.start, end: t.end });
    });
    const gold = fieldStrings(ref.text, ref.spans);
    const pred = fieldStrings(ref.text, refineFields(ref.text, spans));
    let strictOk = true;
    let softOk = true;
    for (const label of new Set([...gold.keys(), ...pred.keys()])) {
      const g = gold.get(label) ?? [];
      const p = pred.get(label) ?? [];
      counts.fields[label] ??= { gold: 0, predicted: 0, strict: 0, soft: 0 };
      const c = counts.fields[label];
      const strict = matches(g, p, strictForm);
      const soft = matches(g, p, softForm);
      c.gold += g.length;
      c.predicted += p.length;
      c.strict += strict;
      c.soft += soft;
      if (strict !== g.length || strict !== p.length) strictOk = false;
      if (soft !== g.length || soft !== p.length) softOk = false;
    }
    counts.references++;
    if (strictOk) counts.allStrict++;
    if (softOk) counts.allSoft++;
  }
  return counts;
}

/** Adds evaluation counts (folds of a cross-validation). */
export function addCounts(a: EvaluationCounts, b: EvaluationCounts): EvaluationCounts {
  const fields: Record<string, FieldCounts> = { ...a.fields };
  for (const [k, v] of Object.entries(b.fields)) {
    const c = fields[k] ?? { gold: 0, predicted: 0, strict: 0, soft: 0 };
    fields[k] = {
      gold: c.gold + v.gold,
      predicted: c.predicted + v.predicted,
      strict: c.strict + v.strict,
      soft: c.soft + v.soft,
    };
  }
  return {
    fields,
    references: a.references + b.references,
    allStrict: a.allStrict + b.allStrict,
    allSoft: a.allSoft + b.allSoft,
    tokens: a.tokens + b.tokens,
  };
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(correct: number, gold: number, predicted: number): Scores {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Micro-averaged scores over all fields, or over `only` those. */
export function micro(c: EvaluationCounts, kind: "strict" | "soft", only?: Set<string>): Scores {
  let correct = 0;
  let gold = 0;
  let predicted = 0;
  for (const [label, f] of Object.entries(c.fields)) {
    if (only && !only.has(label)) continue;
    correct += f[kind];
    gold += f.gold;
    predicted += f.predicted;
  }
  return scores(correct, gold, predicted);
}

/** A Markdown table of per-field and micro-averaged scores. */
export function reportTable(c: EvaluationCounts): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const rows = Object.entries(c.fields)
    .filter(([, f]) => f.gold > 0)
    .sort((a, b) => b[1].gold - a[1].gold)
    .map(([label, f]) => {
      const s = scores(f.strict, f.gold, f.predicted);
      const t = scores(f.soft, f.gold, f.predicted);
      return `| ${label} | ${f.gold} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(t.precision)} | ${pct(t.recall)} | ${pct(t.f1)} |`;
    });
  const ms = micro(c, "strict");
  const mt = micro(c, "soft");
  const gold = Object.values(c.fields).reduce((a, f) => a + f.gold, 0);
  return [
    "| field | gold | P strict | R strict | F1 strict | P soft | R soft | F1 soft |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    `| **micro average** | ${gold} | ${pct(ms.precision)} | ${pct(ms.recall)} | **${pct(ms.f1)}** | ${pct(mt.precision)} | ${pct(mt.recall)} | **${pct(mt.f1)}** |`,
    "",
    `Whole references right: ${pct(c.allStrict / c.references)}% strict, ${pct(c.allSoft / c.references)}% soft (${c.references} references).`,
  ].join("\n");
}
