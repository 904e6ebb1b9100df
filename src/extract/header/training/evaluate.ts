/**
 * Field-level scores of the header model: for each label, the fields it predicts against the gold ones of the
 * same header, compared soft (case, punctuation and whitespace ignored).
 */
import type { Tagger } from "../../../label/tagger.ts";
import type { HeaderLabel, TaggedHeader } from "../labels.ts";
import { tagHeader } from "../tag.ts";

export interface FieldScore {
  label: string;
  tp: number;
  fp: number;
  fn: number;
}

export function softKey(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export function evaluateHeaders(headers: TaggedHeader[], tagger: Tagger): FieldScore[] {
  const scores = new Map<string, FieldScore>();
  const score = (label: string) => {
    let s = scores.get(label);
    if (!s) {
      s = { label, tp: 0, fp: 0, fn: 0 };
      scores.set(label, s);
    }
    return s;
  };
  for (const h of headers) {
    // One field per label and header: the spans of a label joined (a title broken by a line is one title).
    const gold = new Map<HeaderLabel, string>();
    for (const s of h.spans)
      gold.set(s.label, (gold.get(s.label) ?? "") + softKey(h.text.slice(s.start, s.end)));
    const found = new Map<HeaderLabel, string>();
    for (const s of tagHeader(h.text, tagger))
      found.set(s.label, (found.get(s.label) ?? "") + softKey(s.text));
    for (const label of new Set([...gold.keys(), ...found.keys()])) {
      const g = gold.get(label);
      const f = found.get(label);
      const s = score(label);
      if (g && f && g === f) s.tp++;
      else {
        if (f) s.fp++;
        if (g) s.fn++;
      }
    }
  }
  return [...scores.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function f1(s: { tp: number; fp: number; fn: number }): { p: number; r: number; f: number } {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
