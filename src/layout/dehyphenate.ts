/**
 * Joining lines into running text. A hyphen at a line end is dropped when the next line goes on in lower
 * case ("distri-" + "butional" → "distributional") unless the document elsewhere writes the word with a
 * hyphen inside a line ("state-of-the-art"), which marks it as a real hyphen. A web address or DOI broken at a
 * line end (LaTeX's url package breaks after "/", "-", "." and the like, adding no hyphen) goes on without a
 * space, its hyphens kept: a reference's URL must still lead somewhere.
 */

/** A web address or DOI at the end of a text, up to its end ("http:" alone: broken before its "//"). */
const TRAILING_ADDRESS = /(?:https?:(?:\/\/\S*)?|www\.\S*|\b10\.\d{4,9}\/\S*)$/iu;
/** Where the url package breaks an address: after one of these, never at a sentence's full stop. */
const ADDRESS_BREAK = /[/\-_=?&#~%]$/u;
/**
 * How an address's rest looks: a path, a file or a query — not a word of the text ("Accessed"), a number ("2.3
 * shows", "2019 census"), a label ("[12]") or an author's initial ("A. Ibrahim", the next reference's first line).
 */
const ADDRESS_REST = /^\S*(?:[/=?&#_%~]|\.[^\s.])/u;
/** A number and its punctuation: a figure's or a year, never the rest of an address broken at a slash. */
const NUMBER = /^[\d.,;:()[\]]+$/u;

/** Words written with an inner hyphen somewhere in the document, lower-cased. */
export function hyphenatedWords(lines: string[]): Set<string> {
  const set = new Set<string>();
  for (const line of lines) {
    if (!line.includes("-")) continue;
    for (const m of line.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) {
      const end = (m.index ?? 0) + m[0].length;
      if (end < line.length) set.add(m[0].toLowerCase());
    }
  }
  return set;
}

/** Appends `next` to `text`, across a line break. */
export function joinLine(text: string, next: string, keep: Set<string>): string {
  if (text === "") return next;
  // A line's end hyphen set apart by justified type reads as a line of its own ("Instru" "-" "ment"): it is
  // the hyphen at the end of the text.
  if (/^[-\u00AD]$/u.test(next) && /\p{L}$/u.test(text)) return `${text}-`;
  // Only the end of the text matters: looking at all of it would make joining a long document quadratic.
  // The patterns below match no white space: they are tried on the last word alone.
  const last = lastToken(text.slice(-200));
  const address = TRAILING_ADDRESS.exec(last)?.[0];
  if (address && goesOnAddress(address, next)) return text + next;
  // What follows needs a hyphen at the end; most lines have none.
  if (!last.endsWith("-")) return `${text} ${next}`;
  const m = /(\p{L}+(?:-\p{L}+)*)-$/u.exec(last);
  if (m && /^\p{Ll}/u.test(next)) {
    const goesOn = /^\p{L}+/u.exec(next)?.[0] ?? "";
    if (!keep.has(`${m[1]}-${goesOn}`.toLowerCase())) return text.slice(0, -1) + next;
    return text + next;
  }
  // "Franco-" + "Prussian", "12-" + "15": the hyphen is real and the word goes on.
  if (/[\p{L}\p{N}]-$/u.test(last) && /^[\p{L}\p{N}]/u.test(next)) return text + next;
  return `${text} ${next}`;
}

/**
 * The text after its last white space (JavaScript's \s). A pattern that holds no white space and ends at the
 * text's end finds the same there as in the whole text, for a fraction of the cost: tried on the whole tail,
 * where the engine starts them at every position, the address and hyphen patterns were most of a line's joining.
 */
function lastToken(text: string): string {
  let i = text.length;
  while (i > 0 && !/\s/u.test(text[i - 1])) i--;
  return i === 0 ? text : text.slice(i);
}

/**
 * Whether `next` goes on with the address a line ended with: broken after a character an address is broken at,
 * before more of it; or after a dot, before a path ("www." over "informatik.uni-freiburg.de/~frank/…").
 */
function goesOnAddress(address: string, next: string): boolean {
  if (/:$/u.test(address)) return next.startsWith("//");
  const token = /^\S*/u.exec(next)?.[0] ?? "";
  if (ADDRESS_BREAK.test(address)) {
    // A query's value after its "=" (an address never ends there), or a DOI's suffix ("10.1198/" over
    // "106186008X319331.": any token that starts with a letter or digit and holds one).
    if (/[=?&#]$/u.test(address) || /\b10\.\d{4,9}\/\S*$/u.test(address))
      return /^[\p{L}\d]/u.test(token) && /[\p{L}\d]{2}/u.test(token) && !NUMBER.test(token);
    return ADDRESS_REST.test(token) && !NUMBER.test(token);
  }
  return address.endsWith(".") && /^[\p{Ll}\d][^\s/]*\//u.test(next);
}

export function joinLines(lines: string[], keep = hyphenatedWords(lines)): string {
  let text = "";
  for (const line of lines) text = joinLine(text, line.trim(), keep);
  return text;
}
