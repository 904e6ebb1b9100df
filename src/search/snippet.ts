/**
 * Snippets: the passage of an abstract or full text (about 300 characters) that holds the most query words,
 * cut at word boundaries and marked with "..." where cut. A snippet is a list of segments, each either plain
 * or a hit, so that whoever renders it escapes the text first and adds highlighting after — never the other
 * way round.
 */
import { stem, type WordSpan, wordSpans } from "../text/normalize.ts";

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export interface Snippet {
  segments: SnippetSegment[];
  /** Cut at the start / at the end: show "..." there. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface HighlightTerms {
  words: Set<string>;
  prefixes: string[];
}

export const SNIPPET_LENGTH = 300;
/** Text read for a snippet; a longer full text is only searched in its first part. */
const MAX_SCAN = 200_000;

function matcher(terms: HighlightTerms): (w: string) => string | undefined {
  const stems = new Map<string, string>();
  for (const w of terms.words) stems.set(stem(w), w);
  return (w) => {
    if (terms.words.has(w)) return w;
    const s = stems.get(stem(w));
    if (s !== undefined) return s;
    return terms.prefixes.find((p) => w.startsWith(p));
  };
}

/** The best passage of `text` for the query terms; undefined when the text is empty. */
export function makeSnippet(
  text: string | undefined,
  terms: HighlightTerms,
  length = SNIPPET_LENGTH,
): Snippet | undefined {
  if (!text?.trim()) return undefined;
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const spans = wordSpans(source);
  const match = matcher(terms);
  const hits: { span: WordSpan; term: string }[] = [];
  for (const span of spans) {
    const term = match(span.word);
    if (term !== undefined) hits.push({ span, term });
    if (hits.length >= 2000) break;
  }
  let start = 0;
  if (hits.length) {
    let best = -1;
    let bestScore = -1;
    let j = 0;
    // Windows start a little before each hit; the score is distinct terms first, then all hits.
    for (let i = 0; i < hits.length; i++) {
      const from = Math.max(0, hits[i].span.start - 40);
      const to = from + length;
      const seen = new Set<string>();
      let count = 0;
      for (j = i; j < hits.length && hits[j].span.end <= to; j++) {
        seen.add(hits[j].term);
        count++;
      }
      const score = seen.size * 1000 + count;
      if (score > bestScore) {
        bestScore = score;
        best = from;
      }
    }
    start = best;
  }
  // Snap to word boundaries: start at a word's start, end after a word's end.
  const first = spans.find((s) => s.end > start);
  start = first && start > 0 ? first.start : 0;
  let end = Math.min(source.length, start + length);
  if (end < source.length) {
    const last = [...spans].reverse().find((s) => s.end <= end && s.start >= start);
    if (last) end = last.end;
  } else end = source.length;
  const segments: SnippetSegment[] = [];
  let at = start;
  for (const h of hits) {
    if (h.span.start < start || h.span.end > end) continue;
    if (h.span.start > at) segments.push({ text: source.slice(at, h.span.start), hit: false });
    segments.push({ text: source.slice(h.span.start, h.span.end), hit: true });
    at = h.span.end;
  }
  if (at < end) segments.push({ text: source.slice(at, end), hit: false });
  return { segments: collapse(segments), cutStart: start > 0, cutEnd: end < text.length };
}

/** Whitespace runs (line breaks from PDFs) shown as one space. */
function collapse(segments: SnippetSegment[]): SnippetSegment[] {
  return segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, " ") }));
}

/** The snippet as plain text with "..." at the cuts (for the command line and the JSON output). */
export function snippetText(s: Snippet | undefined): string | undefined {
  if (!s) return undefined;
  const body = s.segments
    .map((x) => x.text)
    .join("")
    .trim();
  return `${s.cutStart ? "..." : ""}${body}${s.cutEnd ? "..." : ""}`;
}
