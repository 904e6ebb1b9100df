/**
 * Tokens for sequence labelling: runs of letters, runs of digits, and each other visible character on its own,
 * with offsets into the original string so that labels map back onto the text exactly as printed. Letters and
 * digits part ("D57" → "D", "57"; "제19권" → "제", "19", "권") because fields often meet there unspaced.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Whitespace (or the string's start) comes right before this token. */
  spaceBefore: boolean;
}

const TOKEN = /\p{L}[\p{L}\p{M}]*|\p{N}+|[^\s\p{L}\p{N}\p{M}]/gu;

/**
 * Splits text into tokens, at most `limit` of them (the rest is ignored, so that a 100 KB string costs bounded
 * time).
 * @example tokenize("Smith, J. (2004)").map((t) => t.text) // ["Smith", ",", "J", ".", "(", "2004", ")"]
 */
export function tokenize(text: string, limit = 2000): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null && tokens.length < limit; m = TOKEN.exec(text)) {
    const start = m.index;
    const prev = start > 0 ? text.charCodeAt(start - 1) : 32;
    tokens.push({
      text: m[0],
      start,
      end: start + m[0].length,
      spaceBefore: start === 0 || prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 160,
    });
  }
  return tokens;
}
