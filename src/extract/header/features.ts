/**
 * The header model's features: what each token of a paper's front matter tells the CRF. The header is read as
 * text with line breaks (as the GROBID and CiteSeer training sets give it), so the features are the words and
 * the shape of the line each sits on: a title line is short and capitalised, an author line has names and
 * commas, an affiliation line has "University" and a postcode, an abstract line is long and lower case.
 */
import { lengthBucket, shape } from "../../label/features.ts";
import { type Token, tokenize } from "../../label/tokenize.ts";

/** At most this many tokens of a header are labelled (bounded time on any page). */
export const MAX_HEADER_TOKENS = 1500;

const CUES: Record<string, string> = {};
function cue(kind: string, words: string): void {
  for (const w of words.split(" ")) CUES[w] = kind;
}
cue("abstract", "abstract summary zusammenfassung résumé resumen");
cue("keyword", "keywords keyword index terms schlüsselwörter schlagwörter");
cue(
  "affil",
  "university universität université universidad università department dept institute institut laboratory laboratories lab school college faculty center centre research division inc corporation corp ltd gmbh hospital academy sciences foundation",
);
cue(
  "place",
  "usa germany france italy china japan uk canada australia spain netherlands switzerland sweden austria india korea israel street road avenue ave st box",
);
cue(
  "venue",
  "journal proceedings conference workshop symposium transactions vol volume issue pp pages press review letters acm ieee springer elsevier",
);
cue(
  "date",
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec received accepted revised published available online",
);
cue("email", "email mail e-mail correspondence corresponding contact");
cue("id", "doi arxiv issn isbn pmid");
cue("copyright", "copyright ©");
cue("and", "and und et");

interface LineInfo {
  index: number;
  tokens: number;
  caps: number;
  words: number;
  kinds: Set<string>;
  hasAt: boolean;
  hasYear: boolean;
  commas: number;
  first: string;
}

function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
}

function lineInfos(text: string, tokens: Token[]): { line: number[]; infos: LineInfo[] } {
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) breaks.push(i);
  const line: number[] = [];
  const infos: LineInfo[] = [];
  let b = 0;
  for (const t of tokens) {
    while (b < breaks.length && breaks[b] < t.start) b++;
    line.push(b);
    let info = infos[b];
    if (!info) {
      info = infos[b] = {
        index: b,
        tokens: 0,
        caps: 0,
        words: 0,
        kinds: new Set(),
        hasAt: false,
        hasYear: false,
        commas: 0,
        first: t.text.toLowerCase(),
      };
    }
    info.tokens++;
    if (/\p{L}/u.test(t.text)) {
      info.words++;
      if (/^\p{Lu}/u.test(t.text)) info.caps++;
    }
    const k = CUES[t.text.toLowerCase()];
    if (k) info.kinds.add(k);
    if (t.text === "@") info.hasAt = true;
    if (t.text === ",") info.commas++;
    if (/^(19|20)\d\d$/.test(t.text)) info.hasYear = true;
  }
  return { line, infos };
}

function lineFeatures(info: LineInfo | undefined, prefix: string): string[] {
  if (!info) return [`${prefix}none`];
  const f = [
    `${prefix}len=${bucket(info.tokens, [2, 4, 8, 14, 25])}`,
    `${prefix}caps=${info.words === 0 ? "-" : bucket(Math.round((10 * info.caps) / info.words), [2, 5, 8, 10])}`,
    `${prefix}commas=${bucket(info.commas, [0, 1, 3])}`,
  ];
  for (const k of info.kinds) f.push(`${prefix}has=${k}`);
  if (info.hasAt) f.push(`${prefix}at`);
  if (info.hasYear) f.push(`${prefix}year`);
  return f;
}

const ID_PATTERNS: [string, RegExp][] = [
  ["email", /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  ["url", /\b(?:https?:\/\/|www\.)\S+/gi],
  ["doi", /\b10\.\d{4,9}\/\S+/g],
  ["arxiv", /\barxiv:\s*\d{4}\.\d{4,5}/gi],
];

/** Feature strings for each token of a header. */
export function headerFeatures(text: string, tokens: Token[]): string[][] {
  const { line, infos } = lineInfos(text, tokens);
  const ranges: { kind: string; start: number; end: number }[] = [];
  for (const [kind, re] of ID_PATTERNS)
    for (const m of text.matchAll(re)) ranges.push({ kind, start: m.index, end: m.index + m[0].length });
  const T = tokens.length;
  const lines = infos.length;
  return tokens.map((tok, t) => {
    const w = tok.text;
    const lower = w.toLowerCase();
    const f = ["b", `w=${lower}`, `sh=${shape(w)}`, `len=${lengthBucket(w.length)}`];
    if (w.length > 2) f.push(`p3=${lower.slice(0, 3)}`, `s3=${lower.slice(-3)}`);
    if (/^\p{Lu}/u.test(w)) f.push(w.length > 1 && w === w.toUpperCase() ? "caps" : "cap");
    if (/^\p{Lu}$/u.test(w)) f.push("initial");
    if (/^\d+$/.test(w)) f.push(/^(19|20)\d\d$/.test(w) ? "year" : `digits=${Math.min(w.length, 5)}`);
    const k = CUES[lower];
    if (k) f.push(`cue=${k}`);
    for (const r of ranges) if (tok.start < r.end && tok.end > r.start) f.push(`id=${r.kind}`);
    const li = line[t];
    const info = infos[li];
    const lineStart = t === 0 || line[t - 1] !== li;
    const lineEnd = t === T - 1 || line[t + 1] !== li;
    if (lineStart) f.push("lineStart", `lineFirst=${info.first}`);
    if (lineEnd) f.push("lineEnd");
    f.push(
      `line#=${bucket(li, [0, 1, 2, 4, 7, 12, 20])}`,
      `linePos=${Math.floor((10 * li) / Math.max(lines, 1))}`,
    );
    f.push(`tokPos=${Math.floor((10 * t) / T)}`);
    f.push(
      ...lineFeatures(info, "L:"),
      ...lineFeatures(infos[li - 1], "L-1:"),
      ...lineFeatures(infos[li + 1], "L+1:"),
    );
    f.push(`lineFirstWord=${info.first}`);
    for (const d of [-2, -1, 1, 2]) {
      const n = tokens[t + d];
      f.push(`w${d}=${n ? n.text.toLowerCase() : d < 0 ? "^" : "$"}`);
    }
    f.push(
      `sh-1=${tokens[t - 1] ? shape(tokens[t - 1].text) : "^"}`,
      `sh+1=${tokens[t + 1] ? shape(tokens[t + 1].text) : "$"}`,
    );
    if (!tok.spaceBefore) f.push("glued");
    return f;
  });
}

export function featurizeHeader(text: string): { tokens: Token[]; features: string[][] } {
  const tokens = tokenize(text, MAX_HEADER_TOKENS);
  return { tokens, features: headerFeatures(text, tokens) };
}
