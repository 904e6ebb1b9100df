/** Feature helpers every extract model shares. */

/** The token's letters as X (capital), x (lower case), d (digit), other characters kept; runs compressed. */
export function shape(word: string): string {
  let out = "";
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII without the Unicode classes (most tokens, and three regular expressions a character otherwise).
    const c =
      code < 128
        ? code >= 65 && code <= 90
          ? "X"
          : code >= 97 && code <= 122
            ? "x"
            : code >= 48 && code <= 57
              ? "d"
              : ch
        : /\p{Lu}/u.test(ch)
          ? "X"
          : /\p{L}/u.test(ch)
            ? "x"
            : /\p{N}/u.test(ch)
              ? "d"
              : ch;
    if (!out.endsWith(c) || c.length !== 1 || !"Xxd".includes(c)) out += c;
  }
  return out.length > 8 ? out.slice(0, 8) : out;
}

export function lengthBucket(n: number): string {
  return n <= 4 ? String(n) : n <= 7 ? "5-7" : "8+";
}
