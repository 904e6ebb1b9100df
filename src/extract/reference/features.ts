/**
 * The reference model's features: what each token of a printed reference tells the CRF, as strings. Training
 * and parsing share this one function, so the two cannot drift apart.
 */
import { lengthBucket, shape } from "../../label/features.ts";
import { type Token, tokenize } from "../../label/tokenize.ts";
import {
  EDITOR_CUES,
  GENRE_WORDS,
  MONTHS,
  PAGE_CUES,
  PARTICLES,
  PLACES,
  PUBLISHER_WORDS,
  VENUE_WORDS,
  VOLUME_CUES,
} from "./lexicon.ts";

/** At most this many tokens of a reference are labelled; a longer string is cut (bounded time on any input). */
export const MAX_REFERENCE_TOKENS = 400;

const OPEN_QUOTES = new Set(['"', "“", "„", "«", "‘", "‹", "``"]);
const CLOSE_QUOTES = new Set(['"', "”", "»", "’", "›", "''"]);

/** Character ranges of identifiers found by pattern: tokens inside them get a feature saying which. */
function identifierRanges(text: string): { kind: string; start: number; end: number }[] {
  const ranges: { kind: string; start: number; end: number }[] = [];
  const patterns: [string, RegExp][] = [
    ["url", /\b(?:https?:\/\/|ftp:\/\/|www\.)\S+/gi],
    ["doi", /\b(?:doi:\s*)?10\.\d{4,9}\/\S+/gi],
    ["arxiv", /\barxiv:?\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/gi],
    ["isbn", /\bISBN(?:-1[03])?:?\s*[\dXx][\d\s-]{8,16}[\dXx]/g],
  ];
  for (const [kind, re] of patterns)
    for (const m of text.matchAll(re)) ranges.push({ kind, start: m.index, end: m.index + m[0].length });
  return ranges;
}

interface TokenInfo {
  lower: string;
  shape: string;
  /** Dictionary features of the word alone, which neighbours also see. */
  dict: string[];
}

const SEPARATORS = new Set([".", ",", ";", ":", "(", ")", "[", "]", '"', "“", "”", "«", "»"]);

function dictionaryFeatures(word: string, lower: string): string[] {
  const f: string[] = [];
  if (MONTHS.has(lower)) f.push("month");
  if (VENUE_WORDS.has(lower)) f.push("venue");
  if (PUBLISHER_WORDS.has(lower)) f.push("publisher");
  if (PLACES.has(lower)) f.push("place");
  if (EDITOR_CUES.has(lower)) f.push("editor");
  if (VOLUME_CUES.has(lower)) f.push("volume");
  if (PAGE_CUES.has(lower)) f.push("pages");
  if (GENRE_WORDS.has(lower)) f.push("genre");
  if (PARTICLES.has(word)) f.push("particle");
  return f;
}

/**
 * Features of the stretch between two separators that a token sits in: how long it is, which one it is, and
 * what it holds (a venue word, a year, only numbers, "In" first, title case). A journal name and a title differ
 * less in their words than in the shape of the stretch around them.
 */
function segmentFeatures(tokens: Token[], info: TokenInfo[]): string[][] {
  const T = tokens.length;
  const out: string[][] = new Array(T);
  let start = 0;
  let index = 0;
  let before = "^";
  for (let t = 0; t <= T; t++) {
    if (t < T && !SEPARATORS.has(tokens[t].text)) continue;
    const words = [];
    for (let i = start; i < t; i++) if (/[\p{L}\p{N}]/u.test(tokens[i].text)) words.push(i);
    const after = t < T ? tokens[t].text : "$";
    const f = [`seg#=${Math.min(index, 8)}`, `sepL=${before}`, `sepR=${after}`];
    const n = words.length;
    f.push(`seglen=${n <= 3 ? n : n <= 6 ? "4-6" : n <= 12 ? "7-12" : "13+"}`);
    if (words.some((i) => info[i].dict.includes("venue"))) f.push("seg:venue");
    if (words.some((i) => /^(1[5-9]|20)\d\d$/.test(tokens[i].text))) f.push("seg:year");
    if (n > 0 && words.every((i) => /^\d+$/.test(tokens[i].text))) f.push("seg:num");
    if (n > 0 && info[words[0]].lower === "in") f.push("seg:in");
    if (n > 1) {
      const caps = words.filter((i) => /^\p{Lu}/u.test(tokens[i].text)).length;
      f.push(caps === n ? "seg:allcap" : caps <= n / 3 ? "seg:lower" : "seg:mixed");
    }
    for (let i = start; i < t; i++) out[i] = f;
    if (t < T) out[t] = [`sep=${tokens[t].text}`, `seg#=${Math.min(index, 8)}`];
    before = after;
    start = t + 1;
    if (n > 0) index++;
  }
  return out;
}

/** Feature strings for each token of a reference. */
export function referenceFeatures(text: string, tokens: Token[]): string[][] {
  const T = tokens.length;
  const info: TokenInfo[] = tokens.map((t) => {
    const lower = t.text.toLowerCase();
    return { lower, shape: shape(t.text), dict: dictionaryFeatures(t.text, lower) };
  });
  const segments = segmentFeatures(tokens, info);
  const ids = identifierRanges(text);
  const out: string[][] = [];
  let quote = false;
  let paren = 0;
  let dots = 0;
  let commas = 0;
  let seenYear = false;
  for (let t = 0; t < T; t++) {
    const tok = tokens[t];
    const w = tok.text;
    const { lower, shape: sh } = info[t];
    const f: string[] = ["b", `w=${lower}`, `sh=${sh}`, `len=${lengthBucket(w.length)}`];
    if (w.length > 2) {
      f.push(
        `p2=${lower.slice(0, 2)}`,
        `p3=${lower.slice(0, 3)}`,
        `s2=${lower.slice(-2)}`,
        `s3=${lower.slice(-3)}`,
      );
      if (w.length > 4) f.push(`p4=${lower.slice(0, 4)}`, `s4=${lower.slice(-4)}`);
    }
    // The shape starts with X exactly when the first character is a capital letter.
    if (sh.startsWith("X"))
      f.push(w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w) ? "caps" : "cap");
    if (/^\d+$/.test(w)) {
      f.push(`digits=${Math.min(w.length, 5)}`);
      const n = Number(w);
      if (w.length === 4 && n >= 1500 && n <= 2099) {
        f.push("year");
        seenYear = true;
      }
    }
    if (sh === "X" && /^\p{L}$/u.test(w)) f.push("initial");
    for (const d of info[t].dict) f.push(`dict=${d}`);
    for (const d of info[t - 1]?.dict ?? []) f.push(`dict-1=${d}`);
    for (const d of info[t + 1]?.dict ?? []) f.push(`dict+1=${d}`);
    if (tokens[t + 1]?.text === "." && !tokens[t + 1].spaceBefore && /\p{L}/u.test(w)) f.push("abbrev");
    f.push(...segments[t]);
    for (const r of ids) if (tok.start < r.end && tok.end > r.start) f.push(`id=${r.kind}`);
    if (!tok.spaceBefore) f.push("glued");
    if (t + 1 < T && !tokens[t + 1].spaceBefore) f.push("glued+1");
    // Where in the reference: relative position, and the punctuation seen so far.
    f.push(`pos=${Math.floor((10 * t) / T)}`);
    if (t < 3) f.push(`first=${t}`);
    if (t === T - 1) f.push("last");
    f.push(`dots=${Math.min(dots, 5)}`, `commas=${Math.min(commas, 6)}`);
    if (seenYear) f.push("afterYear");
    if (quote) f.push("inQuote");
    if (paren > 0) f.push("inParen");
    // Neighbours.
    for (const d of [-2, -1, 1, 2]) {
      const n = info[t + d];
      f.push(`w${d}=${n ? n.lower : d < 0 ? "^" : "$"}`);
    }
    f.push(`sh-1=${info[t - 1]?.shape ?? "^"}`, `sh+1=${info[t + 1]?.shape ?? "$"}`);
    f.push(
      `sh-2-1=${info[t - 2]?.shape ?? "^"}|${info[t - 1]?.shape ?? "^"}`,
      `sh+1+2=${info[t + 1]?.shape ?? "$"}|${info[t + 2]?.shape ?? "$"}`,
      `sh-1.=${info[t - 1]?.shape ?? "^"}|${sh}`,
    );
    f.push(`w-1w=${info[t - 1]?.lower ?? "^"}|${lower}`, `ww+1=${lower}|${info[t + 1]?.lower ?? "$"}`);
    out.push(f);
    // State for the tokens after this one.
    if (w === ".") dots++;
    else if (w === ",") commas++;
    else if (w === "(" || w === "[") paren++;
    else if ((w === ")" || w === "]") && paren > 0) paren--;
    if (
      quote ? CLOSE_QUOTES.has(w) : OPEN_QUOTES.has(w) && (t + 1 >= T || tokens[t + 1].spaceBefore === false)
    )
      quote = !quote;
  }
  return out;
}

/** Tokens and their features for a reference string, bounded to MAX_REFERENCE_TOKENS tokens. */
export function featurize(text: string): { tokens: Token[]; features: string[][] } {
  const tokens = tokenize(text, MAX_REFERENCE_TOKENS);
  return { tokens, features: referenceFeatures(text, tokens) };
}
