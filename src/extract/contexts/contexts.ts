/**
 * Citation contexts: where the body cites each reference, and the text around it. Markers are found in the
 * styles papers use — numbers in brackets ("[12]", "[3–5, 9]"), superscript numbers, and author–year
 * ("(Smith et al., 2004; Lee 2001a)", "Smith (2004)", "Smith and Lee, 2004") — and linked to the reference
 * entries by label, or by first author's surname and year. CiteSeerX's settings: up to five contexts per
 * reference, 200 characters either side.
 */

export interface ContextReference {
  /** "12" of "[12]" in a numbered list. */
  label?: string;
  /** First author's family name, and the year with its letter ("2004a") as printed. */
  surname?: string;
  year?: string;
}

export interface ContextOptions {
  perReference: number;
  window: number;
}

export const DEFAULT_CONTEXT_OPTIONS: ContextOptions = { perReference: 5, window: 200 };

/** The body text, with the character ranges of superscript runs (footnote marks or citation numbers). */
export interface BodyText {
  text: string;
  superscripts: Array<{ start: number; end: number }>;
}

/** Bound on a range like "[1–400]": larger ones are not expanded. */
const MAX_RANGE = 60;

function expandNumbers(list: string): string[] {
  const out: string[] = [];
  for (const part of list.split(/[,;]/)) {
    const m = /^\s*(\d{1,4})\s*(?:[-–—]\s*(\d{1,4}))?\s*$/.exec(part);
    if (!m) return [];
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b < a || b - a > MAX_RANGE) return [];
    for (let n = a; n <= b; n++) out.push(String(n));
  }
  return out;
}

/**
 * Case and accents folded ("Müller" → "muller"), one character out for each in: offsets stay the text's. Runs of
 * ASCII are only lower-cased, in one call: folding a whole body character by character was a tenth of a PDF's
 * extraction after the PDF reader.
 */
function normalise(s: string): string {
  let out = "";
  let from = 0;
  for (const m of s.matchAll(/[^\x00-\x7f]/g)) {
    out += s.slice(from, m.index).toLowerCase() + foldedChar(m[0]);
    from = m.index + 1;
  }
  return out + s.slice(from).toLowerCase();
}

/** Folded characters, by character: a text repeats few. */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 10_000;

/** One character folded to one: its accents dropped and lower-cased, a space where that is not one character. */
function foldedChar(c: string): string {
  let folded = FOLDED.get(c);
  if (folded === undefined) {
    const bare = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    folded = bare.length === 1 ? bare : c.toLowerCase().length === 1 ? c.toLowerCase() : " ";
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    FOLDED.set(c, folded);
  }
  return folded;
}

/** Finds the markers of each reference in the body text; returns each reference's contexts, in order. */
export function findContexts(
  body: BodyText,
  refs: ContextReference[],
  opts: ContextOptions = DEFAULT_CONTEXT_OPTIONS,
): string[][] {
  const { text } = body;
  const hits: Array<Array<{ start: number; end: number }>> = refs.map(() => []);
  const byLabel = new Map<string, number[]>();
  refs.forEach((r, i) => {
    if (r.label) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), i]);
  });
  const add = (labels: string[], start: number, end: number) => {
    for (const l of labels) for (const i of byLabel.get(l) ?? []) hits[i].push({ start, end });
  };
  if (byLabel.size > 0) {
    for (const m of text.matchAll(/\[(\d{1,4}(?:\s*[-–—,;]\s*\d{1,4})*)\]/g))
      add(expandNumbers(m[1]), m.index, m.index + m[0].length);
    for (const s of body.superscripts) {
      const mark = text.slice(s.start, s.end);
      if (/^[\d,–—\s-]+$/.test(mark)) add(expandNumbers(mark), s.start, s.end);
    }
    // Keyed labels: "[Knu84]".
    for (const m of text.matchAll(
      /\[([A-Za-z][A-Za-z+]*\d{2,4}[a-z]?(?:\s*,\s*[A-Za-z][A-Za-z+]*\d{2,4}[a-z]?)*)\]/g,
    ))
      add(m[1].split(/\s*,\s*/), m.index, m.index + m[0].length);
  }
  // Author–year: each year in the text, with a reference's first-author surname shortly before it.
  const byYear = new Map<string, number[]>();
  refs.forEach((r, i) => {
    if (r.surname && r.year) {
      const key = r.year.toLowerCase();
      byYear.set(key, [...(byYear.get(key) ?? []), i]);
    }
  });
  if (byYear.size > 0) {
    const lowered = normalise(text);
    for (const m of text.matchAll(/\b(1[6-9]\d\d|20\d\d)([a-z]?)\b/g)) {
      const candidates = byYear.get(`${m[1]}${m[2]}`.toLowerCase());
      if (!candidates) continue;
      // The name stands within 60 characters before the year, not across another citation's year.
      const from = Math.max(0, m.index - 60);
      let window = lowered.slice(from, m.index);
      const lastYear = window.search(/\b(1[6-9]\d\d|20\d\d)[a-z]?\b(?![\s\S]*\b(1[6-9]\d\d|20\d\d))/);
      if (lastYear >= 0) window = window.slice(lastYear + 4);
      for (const i of candidates) {
        const name = normalise(refs[i].surname ?? "");
        if (name.length < 2) continue;
        const at = window.lastIndexOf(name);
        if (at < 0) continue;
        const before = window[at - 1];
        const after = window[at + name.length];
        if ((before && /\p{L}/u.test(before)) || (after && /\p{L}/u.test(after))) continue;
        const start = m.index - window.length + at;
        hits[i].push({ start, end: closingBracket(text, start, m.index + m[0].length) });
      }
    }
  }
  return hits.map((list) => {
    const seen = new Set<number>();
    const out: string[] = [];
    for (const h of list.sort((a, b) => a.start - b.start)) {
      if (out.length >= opts.perReference) break;
      if (seen.has(h.start)) continue;
      seen.add(h.start);
      out.push(cut(text, h.start, h.end, opts.window).replace(/\s+/g, " "));
    }
    return out;
  });
}

/**
 * The end of an author–year marker: after the year, or after the bracket that closes one the marker opened
 * ("Smith (2004)", "Smith [2004a]"); a bracket opened before the name ("(Smith, 2004)") is left to the text.
 */
function closingBracket(text: string, start: number, end: number): number {
  const close = text[end];
  if (close !== ")" && close !== "]") return end;
  const open = close === ")" ? "(" : "[";
  const marker = text.slice(start, end);
  return marker.split(open).length > marker.split(close).length ? end + 1 : end;
}

/**
 * A context marks its citation marker with two private-use characters, so that a page can highlight it; the
 * same characters are taken out of the text around it (a PDF's own private-use glyphs).
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";
const MARKS = /[\uE000\uE001]/g;

/** A stored context split at its marker (none in contexts from older libraries or imported records). */
export function splitContext(context: string): { before: string; marker: string; after: string } | undefined {
  const a = context.indexOf(MARK_START);
  const b = context.indexOf(MARK_END, a + 1);
  if (a < 0 || b < 0) return undefined;
  return {
    before: context.slice(0, a).replace(MARKS, ""),
    marker: context.slice(a + 1, b),
    after: context.slice(b + 1).replace(MARKS, ""),
  };
}

/** A context as plain text, its marker's marks taken out: for the API, feeds and exports. */
export function plainContext(context: string): string {
  return context.replace(MARKS, "");
}

/** The text around a marker, cut at word boundaries, with "..." where it was cut, the marker marked. */
function cut(text: string, start: number, end: number, window: number): string {
  let a = Math.max(0, start - window);
  let b = Math.min(text.length, end + window);
  if (a > 0) {
    const space = text.indexOf(" ", a);
    if (space >= 0 && space < start) a = space + 1;
  }
  if (b < text.length) {
    const space = text.lastIndexOf(" ", b);
    if (space > end) b = space;
  }
  const clean = (from: number, to: number) => text.slice(from, to).replace(MARKS, "");
  const marked = `${clean(a, start).trimStart()}${MARK_START}${clean(start, end)}${MARK_END}${clean(end, b).trimEnd()}`;
  return `${a > 0 ? "..." : ""}${marked}${b < text.length ? "..." : ""}`;
}
